import { sectionTitle } from './blocks.ts';
import { baselineIn, lineHeightOf } from './flow.ts';
import type { Flow } from './flow.ts';
import { CONTENT_W, INK, MARGIN_X, MUTED, RULE, SIZE } from './style.ts';
import type { TextStyle } from './text.ts';

/**
 * The contents page(s). Laid out before the sections, with the page numbers left blank: how many
 * pages the contents take depends only on the titles, so the sections' pages are known once they
 * are placed and the numbers (with dotted leaders) are filled in afterwards.
 */

export type ContentsEntry = { number: string; title: string };
type Slot = { page: number; baseline: number; textEnd: number };

const STYLE: TextStyle = { size: SIZE.body, weight: 'regular' };
const NUMBER_WIDTH = 26;
const PAGE_WIDTH = 34;

export function layoutContents(flow: Flow, entries: ContentsEntry[]): Slot[] {
  flow.newPage();
  sectionTitle(flow, '', 'Contents');
  const lineHeight = lineHeightOf(SIZE.body);
  const slots: Slot[] = [];
  for (const entry of entries) {
    const lines = flow.type.wrap(entry.title, STYLE, CONTENT_W - NUMBER_WIDTH - PAGE_WIDTH - 12);
    flow.ensure(lines.length * lineHeight);
    const top = flow.y;
    flow.canvas.text(
      flow.type.line(entry.number, STYLE),
      MARGIN_X,
      top + baselineIn(lineHeight, SIZE.body),
      SIZE.body,
      MUTED,
    );
    flow.lines(lines, MARGIN_X + NUMBER_WIDTH, STYLE, INK, lineHeight);
    slots.push({
      page: flow.canvas.page,
      baseline: flow.y - lineHeight + baselineIn(lineHeight, SIZE.body),
      textEnd: MARGIN_X + NUMBER_WIDTH + (lines.at(-1)?.width ?? 0),
    });
    flow.y += 4;
  }
  return slots;
}

export function fillContents(flow: Flow, slots: Slot[], pages: number[]): void {
  slots.forEach((slot, i) => {
    flow.canvas.goTo(slot.page);
    const number = flow.type.line(String(pages[i] ?? ''), STYLE);
    const right = MARGIN_X + CONTENT_W;
    flow.canvas.text(number, right - number.width, slot.baseline, SIZE.body, INK);
    const from = slot.textEnd + 6;
    const to = right - number.width - 6;
    if (to - from > 6) flow.canvas.line(from, slot.baseline, to, slot.baseline, RULE, 0.8, [0.8, 2.6]);
  });
}
