import type { Block, TextStyle as DocTextStyle } from '../doc.ts';
import { baselineIn, lineHeightOf } from './flow.ts';
import type { Flow } from './flow.ts';
import { CONTENT_H, CONTENT_W, GAP, INK, MARGIN_X, MUTED, NOTICE_TONES, SIZE, STRONG_RULE } from './style.ts';
import type { Rgb } from './style.ts';
import { placeGrid, TABLE_LINE_HEIGHT, tableGrid } from './table.ts';
import type { Grid } from './table.ts';
import type { Line, TextStyle } from './text.ts';

/** Each kind of block of a ReportDoc laid out at the flow's cursor. */

const BODY: TextStyle = { size: SIZE.body, weight: 'regular' };
const BODY_LH = lineHeightOf(SIZE.body);

/** "3  Custody history", with a rule under it; kept with the start of what follows. */
export function sectionTitle(flow: Flow, number: string, title: string): number {
  const size = SIZE.section;
  const style: TextStyle = { size, weight: 'bold' };
  const numberWidth = number === '' ? 0 : Math.max(22, flow.type.width(number, style) + 10);
  const lines = flow.type.wrap(title, style, CONTENT_W - numberWidth);
  const lineHeight = size * 1.3;
  const height = lines.length * lineHeight + 6 + GAP.afterSectionTitle;
  flow.ensure(height + 4 * BODY_LH);
  const page = flow.canvas.page;
  const baseline = baselineIn(lineHeight, size);
  if (number !== '') flow.canvas.text(flow.type.line(number, style), MARGIN_X, flow.y + baseline, size, MUTED);
  flow.lines(lines, MARGIN_X + numberWidth, style, INK, lineHeight);
  flow.y += 4;
  flow.canvas.line(MARGIN_X, flow.y, MARGIN_X + CONTENT_W, flow.y, STRONG_RULE, 0.8);
  flow.y += GAP.afterSectionTitle;
  return page;
}

function heading(flow: Flow, text: string): void {
  const size = SIZE.heading;
  const style: TextStyle = { size, weight: 'bold' };
  const lines = flow.type.wrap(text, style, CONTENT_W);
  const lineHeight = lineHeightOf(size);
  flow.gap(4);
  // Kept with at least three lines of what comes under it.
  flow.ensure(lines.length * lineHeight + 3 * BODY_LH);
  flow.lines(lines, MARGIN_X, style, INK, lineHeight);
  flow.y += 2;
}

export function paragraphStyle(style: DocTextStyle | undefined): { text: TextStyle; colour: Rgb } {
  switch (style) {
    case 'muted':
      return { text: BODY, colour: MUTED };
    case 'bold':
      return { text: { size: SIZE.body, weight: 'bold' }, colour: INK };
    case 'mono':
      return { text: { size: SIZE.small, weight: 'regular', mono: true }, colour: INK };
    default:
      return { text: BODY, colour: INK };
  }
}

export function paragraph(flow: Flow, text: string, style?: DocTextStyle, x = MARGIN_X, width = CONTENT_W): void {
  const { text: textStyle, colour } = paragraphStyle(style);
  const lineHeight = lineHeightOf(textStyle.size);
  flow.lines(flow.type.wrap(text, textStyle, width), x, textStyle, colour, lineHeight);
}

/** Label and value rows: the label column as wide as the longest label needs, within limits. */
export function factsGrid(flow: Flow, labels: string[], options: { monoValues?: boolean; size?: number } = {}): Grid {
  const size = options.size ?? SIZE.body;
  const bold: TextStyle = { size, weight: 'bold' };
  let widest = 0;
  for (const label of labels) {
    for (const line of flow.type.wrap(label, bold, CONTENT_W)) widest = Math.max(widest, line.width);
  }
  const labelWidth = Math.min(Math.max(widest + 14, 90), CONTENT_W * 0.36);
  return {
    x: MARGIN_X,
    padX: 0,
    padY: 2.5,
    rowRules: false,
    columns: [
      { width: labelWidth, style: bold },
      {
        width: CONTENT_W - labelWidth,
        style: options.monoValues ? { size: SIZE.small, weight: 'regular', mono: true } : { size, weight: 'regular' },
      },
    ],
  };
}

export function facts(flow: Flow, rows: Array<[string, string]>, options: { monoValues?: boolean } = {}): void {
  const grid = factsGrid(
    flow,
    rows.map(([label]) => label),
    options,
  );
  placeGrid(flow, grid, rows, BODY_LH);
}

/**
 * Lines inside a frame: kept on one page when they fit on one, otherwise continued on the next
 * pages with the frame drawn around each page's part.
 */
function framed(
  flow: Flow,
  lines: Array<{ line: Line; style: TextStyle; colour: Rgb; x: number }>,
  lineHeight: number,
  pad: number,
  frame: (top: number, height: number) => void,
): void {
  const height = lines.length * lineHeight + 2 * pad;
  if (height <= CONTENT_H) flow.ensure(height);
  let index = 0;
  while (index < lines.length) {
    let fit = Math.floor((flow.room - 2 * pad + 0.01) / lineHeight);
    if (fit < 1 || (fit < 2 && lines.length - index > 1)) {
      flow.newPage();
      fit = Math.floor((flow.room - 2 * pad + 0.01) / lineHeight);
    }
    const count = Math.min(fit, lines.length - index);
    const top = flow.y;
    const partHeight = count * lineHeight + 2 * pad;
    frame(top, partHeight);
    for (let i = 0; i < count; i++) {
      const { line, style, colour, x } = lines[index + i]!;
      flow.canvas.text(line, x, top + pad + i * lineHeight + baselineIn(lineHeight, style.size), style.size, colour);
    }
    flow.y = top + partHeight;
    index += count;
  }
}

function notice(flow: Flow, tone: 'info' | 'warning' | 'withheld', text: string): void {
  const look = NOTICE_TONES[tone] ?? NOTICE_TONES.info;
  const size = SIZE.notice;
  const pad = 8;
  const bar = tone === 'withheld' ? 0 : 3;
  const x = MARGIN_X + bar + pad;
  const width = CONTENT_W - bar - 2 * pad;
  const labelStyle: TextStyle = { size, weight: 'bold' };
  const textStyle: TextStyle = { size, weight: 'regular' };
  const labelText = tone === 'withheld' ? 'WITHHELD' : look.label;
  const lines = [
    { line: flow.type.line(labelText, labelStyle), style: labelStyle, colour: look.border as Rgb, x },
    ...flow.type.wrap(text, textStyle, width).map((line) => ({ line, style: textStyle, colour: INK, x })),
  ];
  framed(flow, lines, lineHeightOf(size), pad, (top, height) => {
    flow.canvas.fillRect(MARGIN_X, top, CONTENT_W, height, look.fill);
    if (look.dashed) flow.canvas.strokeRect(MARGIN_X, top, CONTENT_W, height, look.border, 0.9, [4, 2.5]);
    else {
      flow.canvas.strokeRect(MARGIN_X, top, CONTENT_W, height, look.border, 0.6);
      flow.canvas.fillRect(MARGIN_X, top, bar, height, look.border);
    }
  });
}

function signatures(flow: Flow, roles: string[]): void {
  const roleStyle: TextStyle = { size: SIZE.body, weight: 'bold' };
  const labelStyle: TextStyle = { size: SIZE.small, weight: 'regular' };
  const rowHeight = 30;
  const labelWidth = 92;
  roles.forEach((role, index) => {
    const roleLines = flow.type.wrap(role, roleStyle, CONTENT_W);
    const height = roleLines.length * BODY_LH + 3 * rowHeight;
    if (index > 0) flow.gap(14);
    flow.ensure(height);
    flow.lines(roleLines, MARGIN_X, roleStyle, INK, BODY_LH);
    for (const label of ['Name', 'Signature', 'Date and time']) {
      flow.y += rowHeight;
      const baseline = flow.y - 3;
      flow.canvas.text(flow.type.line(label, labelStyle), MARGIN_X, baseline, labelStyle.size, MUTED);
      flow.canvas.line(MARGIN_X + labelWidth, flow.y, MARGIN_X + CONTENT_W, flow.y, STRONG_RULE, 0.6);
    }
  });
}

function checklist(flow: Flow, items: Array<{ text: string; done: boolean | null; detail?: string }>): void {
  const box = 8.5;
  const indent = 18;
  const textStyle: TextStyle = { size: SIZE.body, weight: 'regular' };
  const detailStyle: TextStyle = { size: SIZE.small, weight: 'regular' };
  const detailLh = lineHeightOf(SIZE.small);
  items.forEach((item, index) => {
    const lines = flow.type.wrap(item.text, textStyle, CONTENT_W - indent);
    const details = item.detail ? flow.type.wrap(item.detail, detailStyle, CONTENT_W - indent) : [];
    const height = lines.length * BODY_LH + details.length * detailLh;
    if (index > 0) flow.y += 5;
    if (height <= CONTENT_H) flow.ensure(height);
    if (BODY_LH > flow.room) flow.newPage();
    const boxTop = flow.y + (BODY_LH - box) / 2;
    flow.canvas.strokeRect(MARGIN_X + 1, boxTop, box, box, STRONG_RULE, 0.7);
    if (item.done === true) flow.canvas.tick(MARGIN_X + 1, boxTop, box, INK);
    flow.lines(lines, MARGIN_X + indent, textStyle, INK, BODY_LH);
    flow.lines(details, MARGIN_X + indent, detailStyle, MUTED, detailLh);
  });
}

function table(flow: Flow, block: Extract<Block, { type: 'table' }>): void {
  if (block.columns.length === 0 || block.rows.length === 0) {
    if (block.columns.length > 0) {
      // The columns still say what would have been listed.
      placeGrid(flow, tableGrid(flow.type, block.columns, []), [], TABLE_LINE_HEIGHT);
      flow.y += 3;
    }
    paragraph(flow, block.empty ?? 'None.', 'muted');
    flow.progress.tick();
    return;
  }
  placeGrid(flow, tableGrid(flow.type, block.columns, block.rows), block.rows, TABLE_LINE_HEIGHT, () =>
    flow.progress.tick(),
  );
}

/** How much a block counts for progress: a table its rows, anything else one. */
export function blockUnits(block: Block): number {
  return block.type === 'table' ? Math.max(1, block.rows.length) : 1;
}

export function placeBlock(flow: Flow, block: Block): void {
  switch (block.type) {
    case 'heading':
      heading(flow, block.text);
      break;
    case 'paragraph':
      paragraph(flow, block.text, block.style);
      break;
    case 'facts':
      facts(flow, block.rows);
      break;
    case 'table':
      table(flow, block);
      return;
    case 'notice':
      notice(flow, block.tone, block.text);
      break;
    case 'signatures':
      signatures(flow, block.roles);
      break;
    case 'checklist':
      checklist(flow, block.items);
      break;
    case 'pageBreak':
      if (!flow.atTop()) flow.newPage();
      break;
  }
  flow.progress.tick();
}

