import type { Block, TextStyle as DocTextStyle } from '../doc.ts';
import { chart, chartHeight } from './chart.ts';
import { baselineIn, lineHeightOf } from './flow.ts';
import type { Flow } from './flow.ts';
import { BRIEF, CONTENT_H, CONTENT_W, GAP, INK, MARGIN_X, MUTED, NOTICE_TONES, SIZE, STRONG_RULE } from './style.ts';
import type { Rgb } from './style.ts';
import { gridLead, placeGrid, TABLE_LINE_HEIGHT, tableGrid } from './table.ts';
import type { Grid } from './table.ts';
import type { Line, TextStyle, Typesetter } from './text.ts';

/** Each kind of block of a ReportDoc laid out at the flow's cursor. */

const BODY: TextStyle = { size: SIZE.body, weight: 'regular' };
const BODY_LH = lineHeightOf(SIZE.body);
const NOTICE = { pad: 8, size: SIZE.notice } as const;

/** Space between two blocks of a section. */
export function blockGap(flow: Flow): number {
  return flow.dense ? BRIEF.block : GAP.block;
}

/**
 * "3  Custody history", with a rule under it; kept with `keep` points of what follows (the start
 * of the section's first block, see leadHeight), so a title never ends a page on its own.
 */
export function sectionTitle(flow: Flow, number: string, title: string, keep = 4 * BODY_LH): number {
  const size = flow.brief ? BRIEF.sectionSize : SIZE.section;
  const after = flow.brief ? BRIEF.afterSectionTitle : GAP.afterSectionTitle;
  const style: TextStyle = { size, weight: 'bold' };
  const numberWidth = number === '' ? 0 : Math.max(flow.brief ? 18 : 22, flow.type.width(number, style) + 10);
  const lines = flow.type.wrap(title, style, CONTENT_W - numberWidth);
  const lineHeight = size * 1.3;
  const height = lines.length * lineHeight + (flow.brief ? 4 : 6) + after;
  flow.ensure(height + Math.min(keep, CONTENT_H - height));
  const page = flow.canvas.page;
  const baseline = baselineIn(lineHeight, size);
  if (number !== '') flow.canvas.text(flow.type.line(number, style), MARGIN_X, flow.y + baseline, size, MUTED);
  flow.lines(lines, MARGIN_X + numberWidth, style, INK, lineHeight);
  flow.y += flow.brief ? 3 : 4;
  flow.canvas.line(MARGIN_X, flow.y, MARGIN_X + CONTENT_W, flow.y, STRONG_RULE, flow.brief ? 0.6 : 0.8);
  flow.y += after;
  return page;
}

const HEADING_STYLE: TextStyle = { size: SIZE.heading, weight: 'bold' };
const HEADING_LH = lineHeightOf(SIZE.heading);
/** Extra space above a heading, beyond the gap between blocks. */
const headingGap = (flow: Flow) => (flow.dense ? 2 : 4);

/** A heading, kept with `keep` points of what comes under it (see leadHeight). */
function heading(flow: Flow, text: string, keep: number): void {
  const lines = flow.type.wrap(text, HEADING_STYLE, CONTENT_W);
  flow.gap(headingGap(flow));
  const own = lines.length * HEADING_LH + 2;
  flow.ensure(own + Math.min(keep, CONTENT_H - own));
  flow.lines(lines, MARGIN_X, HEADING_STYLE, INK, HEADING_LH);
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

export function paragraph(
  flow: Flow,
  text: string,
  style?: DocTextStyle,
  x = MARGIN_X,
  width = CONTENT_W,
  size?: number,
): void {
  const { text: base, colour } = paragraphStyle(style);
  const textStyle = size === undefined ? base : { ...base, size };
  const lineHeight = lineHeightOf(textStyle.size);
  flow.paragraph(flow.type.wrap(text, textStyle, width), x, textStyle, colour, lineHeight);
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

/** One line of a facts block as laid out: a grid of one row, either one fact or two side by side. */
type FactLine = { grid: Grid; cells: string[] };

const PAIR_GUTTER = 16;
/** A paired label's share of its half of the width: "Seal or bag number" on one line. */
const PAIR_LABEL = 0.47;

/**
 * Facts as a form lays them out: a fact whose label and value each fit one line of half the width
 * goes beside the next such fact; any other takes the whole width. The values of both kinds of line
 * start at the same x, so the form reads as one column of labels with a second one beside it.
 */
function pairedFacts(flow: Flow, rows: Array<[string, string]>): FactLine[] {
  const bold: TextStyle = { size: SIZE.body, weight: 'bold' };
  const half = (CONTENT_W - PAIR_GUTTER) / 2;
  // One label width for every paired block, so the values of a form's blocks line up down the page.
  const labelWidth = half * PAIR_LABEL;
  const valueWidth = half - labelWidth;
  const short = ([label, value]: [string, string]) =>
    flow.type.wrap(label, bold, labelWidth).length === 1 && flow.type.wrap(value, BODY, valueWidth).length === 1;
  // A form's lines a little closer than other facts: it has many, and its page is full.
  const base = { x: MARGIN_X, padX: 0, padY: 2, rowRules: false };
  const wide: Grid = {
    ...base,
    columns: [
      { width: labelWidth, style: bold },
      { width: CONTENT_W - labelWidth, style: BODY },
    ],
  };
  const pair: Grid = {
    ...base,
    columns: [
      { width: labelWidth, style: bold },
      { width: valueWidth, style: BODY },
      { width: PAIR_GUTTER, style: BODY },
      { width: labelWidth, style: bold },
      { width: valueWidth, style: BODY },
    ],
  };
  const lines: FactLine[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const next = rows[i + 1];
    if (next && short(row) && short(next)) {
      lines.push({ grid: pair, cells: [row[0], row[1], '', next[0], next[1]] });
      i += 1;
    } else lines.push({ grid: wide, cells: row });
  }
  return lines;
}

function factLines(flow: Flow, rows: Array<[string, string]>, pairs: boolean | undefined): FactLine[] {
  if (pairs) return pairedFacts(flow, rows);
  const grid = factsGrid(
    flow,
    rows.map(([label]) => label),
  );
  return rows.map((row) => ({ grid, cells: row }));
}

export function facts(flow: Flow, rows: Array<[string, string]>, pairs?: boolean): void {
  for (const line of factLines(flow, rows, pairs)) placeGrid(flow, line.grid, [line.cells], BODY_LH);
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
  const size = NOTICE.size;
  const pad = NOTICE.pad;
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

const SIGNATURE = { gutter: 24, rowHeight: 24, labelWidth: 64, between: 14 } as const;

/** Hand-over roles two to a row, side by side, so a custody form keeps to one page. */
function signatureRows(flow: Flow, roles: string[]): Array<{ roles: Line[][]; height: number }> {
  const roleStyle: TextStyle = { size: SIZE.body, weight: 'bold' };
  const column = (CONTENT_W - SIGNATURE.gutter) / 2;
  const rows: Array<{ roles: Line[][]; height: number }> = [];
  for (let i = 0; i < roles.length; i += 2) {
    const wrapped = roles.slice(i, i + 2).map((role) => flow.type.wrap(role, roleStyle, column));
    const lines = Math.max(...wrapped.map((w) => w.length));
    rows.push({ roles: wrapped, height: lines * BODY_LH + 3 * SIGNATURE.rowHeight });
  }
  return rows;
}

function signatures(flow: Flow, roles: string[]): void {
  const roleStyle: TextStyle = { size: SIZE.body, weight: 'bold' };
  const labelStyle: TextStyle = { size: SIZE.small, weight: 'regular' };
  const column = (CONTENT_W - SIGNATURE.gutter) / 2;
  signatureRows(flow, roles).forEach((row, index) => {
    if (index > 0) flow.gap(SIGNATURE.between);
    flow.ensure(row.height);
    const top = flow.y;
    const linesTop = top + (row.height - 3 * SIGNATURE.rowHeight);
    row.roles.forEach((lines, c) => {
      const x = MARGIN_X + c * (column + SIGNATURE.gutter);
      lines.forEach((line, i) =>
        flow.canvas.text(line, x, top + i * BODY_LH + baselineIn(BODY_LH, SIZE.body), roleStyle.size, INK),
      );
      ['Name', 'Signature', 'Date and time'].forEach((label, i) => {
        const y = linesTop + (i + 1) * SIGNATURE.rowHeight;
        flow.canvas.text(flow.type.line(label, labelStyle), x, y - 3, labelStyle.size, MUTED);
        flow.canvas.line(x + SIGNATURE.labelWidth, y, x + column, y, STRONG_RULE, 0.6);
      });
    });
    flow.y = top + row.height;
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

/** Each table's grid, made once per document: measuring every word of a long table is not free. */
const grids = new WeakMap<Typesetter, WeakMap<Block, Grid>>();

function gridOf(flow: Flow, block: Extract<Block, { type: 'table' }>): Grid {
  let byBlock = grids.get(flow.type);
  if (!byBlock) {
    byBlock = new WeakMap();
    grids.set(flow.type, byBlock);
  }
  let grid = byBlock.get(block);
  if (!grid) {
    grid = tableGrid(flow.type, block.columns, block.rows);
    byBlock.set(block, grid);
  }
  return grid;
}

function table(flow: Flow, block: Extract<Block, { type: 'table' }>): void {
  if (block.columns.length === 0 || block.rows.length === 0) {
    // The header and the line saying why there are no rows stay together.
    flow.ensure(leadHeight(flow, [block], 0));
    if (block.columns.length > 0) {
      // The columns still say what would have been listed.
      placeGrid(flow, gridOf(flow, block), [], TABLE_LINE_HEIGHT);
      flow.y += 3;
    }
    paragraph(flow, block.empty ?? 'None.', 'muted');
    flow.progress.tick();
    return;
  }
  placeGrid(flow, gridOf(flow, block), block.rows, TABLE_LINE_HEIGHT, () => flow.progress.tick());
}

/**
 * The least room a block needs at the cursor to start there and not leave what stands above it (a
 * heading, a section title) alone at the foot of a page: a table's header with its first row, a
 * paragraph's first two lines, a notice whole (as it is kept whole), the first pair of signature
 * roles, the first checklist item; a heading with what it keeps.
 */
export function leadHeight(flow: Flow, blocks: readonly Block[], index: number): number {
  const block = blocks[index];
  if (!block) return 0;
  switch (block.type) {
    case 'heading': {
      const own = headingGap(flow) + flow.type.wrap(block.text, HEADING_STYLE, CONTENT_W).length * HEADING_LH + 2;
      return own + keepFor(flow, blocks, index + 1);
    }
    case 'paragraph': {
      const { text } = paragraphStyle(block.style);
      const lines = flow.type.wrap(block.text, text, CONTENT_W).length;
      return Math.min(lines, 2) * lineHeightOf(text.size);
    }
    case 'facts': {
      const first = factLines(flow, block.rows, block.pairs)[0];
      return first ? gridLead(flow, first.grid, first.cells, BODY_LH) : 0;
    }
    case 'table': {
      if (block.columns.length === 0 || block.rows.length === 0) {
        const header = block.columns.length > 0 ? gridLead(flow, gridOf(flow, block), undefined, TABLE_LINE_HEIGHT) + 3 : 0;
        const empty = flow.type.wrap(block.empty ?? 'None.', BODY, CONTENT_W).length;
        return header + Math.min(empty, 2) * BODY_LH;
      }
      return gridLead(flow, gridOf(flow, block), block.rows[0], TABLE_LINE_HEIGHT);
    }
    case 'notice': {
      const lines = 1 + flow.type.wrap(block.text, { size: NOTICE.size, weight: 'regular' }, CONTENT_W - 3 - 2 * NOTICE.pad).length;
      const height = lines * lineHeightOf(NOTICE.size) + 2 * NOTICE.pad;
      return height <= CONTENT_H ? height : 2 * lineHeightOf(NOTICE.size) + 2 * NOTICE.pad;
    }
    case 'signatures':
      return signatureRows(flow, block.roles)[0]?.height ?? 0;
    case 'checklist': {
      const item = block.items[0];
      if (!item) return 0;
      const lines = flow.type.wrap(item.text, BODY, CONTENT_W - 18).length * BODY_LH;
      const details = item.detail
        ? flow.type.wrap(item.detail, { size: SIZE.small, weight: 'regular' }, CONTENT_W - 18).length *
          lineHeightOf(SIZE.small)
        : 0;
      return Math.min(lines + details, CONTENT_H);
    }
    case 'chart':
      return Math.min(chartHeight(flow, block), CONTENT_H);
    case 'pageBreak':
      return 0;
  }
}

/** The room to keep below a heading for the block at `index` (none before a page break or at the end). */
export function keepFor(flow: Flow, blocks: readonly Block[], index: number): number {
  const next = blocks[index];
  if (!next || next.type === 'pageBreak') return 0;
  return blockGap(flow) + leadHeight(flow, blocks, index);
}

/** How much a block counts for progress: a table its rows, anything else one. */
export function blockUnits(block: Block): number {
  return block.type === 'table' ? Math.max(1, block.rows.length) : 1;
}

/** Places a block; `keep`: for a heading, the room what follows it needs (keepFor). */
export function placeBlock(flow: Flow, block: Block, keep = 3 * BODY_LH): void {
  switch (block.type) {
    case 'heading':
      heading(flow, block.text, keep);
      break;
    case 'paragraph':
      paragraph(flow, block.text, block.style);
      break;
    case 'facts':
      facts(flow, block.rows, block.pairs);
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
    case 'chart':
      chart(flow, block);
      break;
    case 'pageBreak':
      if (!flow.atTop()) flow.newPage();
      break;
  }
  flow.progress.tick();
}
