import { baselineIn, lineHeightOf } from './flow.ts';
import type { Flow } from './flow.ts';
import { CONTENT_H, CONTENT_W, HEADER_FILL, INK, MARGIN_X, RULE, SIZE, STRONG_RULE } from './style.ts';
import type { Rgb } from './style.ts';
import type { Line, TextStyle, Typesetter } from './text.ts';

/**
 * Rows of wrapped cells: tables (with a header row repeated on every page the table runs onto) and
 * label/value facts. A row moves whole to the next page when it does not fit; only a row taller
 * than a page is split, between two of its lines, never through one.
 */

export type GridColumn = {
  width: number;
  style: TextStyle;
  colour?: Rgb;
  align?: 'left' | 'right';
};

export type Grid = {
  x: number;
  columns: GridColumn[];
  /** Column titles, drawn bold on a grey band at the top and again on every following page. */
  header?: string[];
  padX: number;
  padY: number;
  /** A hairline under each row. */
  rowRules: boolean;
};

type PreparedRow = { cells: Line[][]; lines: number; height: number };

const TABLE_SIZE = SIZE.table;
const MONO_SIZE = 7.5;

function prepare(flow: Flow, grid: Grid, cells: readonly string[], lineHeight: number): PreparedRow {
  let lines = 1;
  const wrapped = grid.columns.map((column, i) => {
    const cellLines = flow.type.wrap(cells[i] ?? '', column.style, column.width - 2 * grid.padX);
    if (cellLines.length > lines) lines = cellLines.length;
    return cellLines;
  });
  return { cells: wrapped, lines, height: lines * lineHeight + 2 * grid.padY };
}

/** The grid's header row as drawn: bold, in the table's size, whatever the columns' own faces. */
function headerGrid(grid: Grid): Grid {
  return {
    ...grid,
    columns: grid.columns.map((column) => ({ ...column, style: { size: TABLE_SIZE, weight: 'bold', mono: false } })),
  };
}

/**
 * How much of a row must sit under the header (or under a heading) for either to stay at the foot
 * of a page: the whole row, since rows move whole; only a row taller than a page starts with two
 * of its lines.
 */
function firstRowNeed(grid: Grid, row: PreparedRow, headerHeight: number, lineHeight: number): number {
  return row.height <= CONTENT_H - headerHeight + 0.01 ? row.height : 2 * lineHeight + 2 * grid.padY;
}

/**
 * The least room a grid needs to start at the cursor: its header (if any) with its first row, so
 * a heading above it can be kept with both (blocks.ts), and the header is never left alone.
 */
export function gridLead(flow: Flow, grid: Grid, first: readonly string[] | undefined, lineHeight: number): number {
  const headerHeight = grid.header ? prepare(flow, headerGrid(grid), grid.header, lineHeight).height : 0;
  if (!first) return headerHeight;
  return headerHeight + firstRowNeed(grid, prepare(flow, grid, first, lineHeight), headerHeight, lineHeight);
}

function drawRow(flow: Flow, grid: Grid, row: PreparedRow, from: number, to: number, lineHeight: number): void {
  const top = flow.y + grid.padY;
  let x = grid.x;
  grid.columns.forEach((column, c) => {
    const cell = row.cells[c]!;
    const baseline = baselineIn(lineHeight, column.style.size);
    for (let i = from; i < Math.min(to, cell.length); i++) {
      const line = cell[i]!;
      const lineX = column.align === 'right' ? x + column.width - grid.padX - line.width : x + grid.padX;
      flow.canvas.text(line, lineX, top + (i - from) * lineHeight + baseline, column.style.size, column.colour ?? INK);
    }
    x += column.width;
  });
}

/** The height of a grid's rows laid out in one piece (a short grid kept together). */
export function gridHeight(flow: Flow, grid: Grid, rows: readonly (readonly string[])[], lineHeight: number): number {
  const header = grid.header ? prepare(flow, headerGrid(grid), grid.header, lineHeight).height : 0;
  return rows.reduce((sum, row) => sum + prepare(flow, grid, row, lineHeight).height, header);
}

export function gridWidth(grid: Grid): number {
  return grid.columns.reduce((sum, column) => sum + column.width, 0);
}

/** Lays the rows out from the cursor; `onRow` after each (progress). */
export function placeGrid(
  flow: Flow,
  grid: Grid,
  rows: Iterable<readonly string[]>,
  lineHeight: number,
  onRow: () => void = () => {},
): void {
  const width = gridWidth(grid);
  const header = grid.header ? prepare(flow, headerGrid(grid), grid.header, lineHeight) : null;
  const headerHeight = header?.height ?? 0;
  const drawHeader = () => {
    if (!header) return;
    flow.canvas.fillRect(grid.x, flow.y, width, header.height, HEADER_FILL);
    drawRow(flow, grid, header, 0, header.lines, lineHeight);
    flow.y += header.height;
    flow.canvas.line(grid.x, flow.y, grid.x + width, flow.y, STRONG_RULE, 0.6);
  };
  const rule = () => {
    if (grid.rowRules) flow.canvas.line(grid.x, flow.y, grid.x + width, flow.y, RULE, 0.35);
  };
  const onFreshPage = CONTENT_H - headerHeight;
  let first = true;
  for (const cells of rows) {
    const row = prepare(flow, grid, cells, lineHeight);
    if (first) {
      // The header never stands alone at the foot of a page: it goes with the whole first row
      // (which would otherwise move to the next page and leave the header behind).
      flow.ensure(headerHeight + firstRowNeed(grid, row, headerHeight, lineHeight));
      drawHeader();
      first = false;
    }
    if (row.height <= flow.room + 0.01) {
      drawRow(flow, grid, row, 0, row.lines, lineHeight);
      flow.y += row.height;
      rule();
    } else if (row.height <= onFreshPage + 0.01) {
      flow.newPage();
      drawHeader();
      drawRow(flow, grid, row, 0, row.lines, lineHeight);
      flow.y += row.height;
      rule();
    } else {
      // Taller than a page: as many whole lines as fit, the rest on the next pages.
      let from = 0;
      while (from < row.lines) {
        const fit = Math.floor((flow.room - 2 * grid.padY + 0.01) / lineHeight);
        if (fit < 2 && !(fit >= 1 && row.lines - from === 1)) {
          flow.newPage();
          drawHeader();
          continue;
        }
        const to = Math.min(row.lines, from + fit);
        drawRow(flow, grid, row, from, to, lineHeight);
        flow.y += (to - from) * lineHeight + 2 * grid.padY;
        from = to;
        if (from < row.lines) {
          flow.newPage();
          drawHeader();
        } else rule();
      }
    }
    onRow();
  }
  if (first && header) {
    flow.ensure(headerHeight);
    drawHeader();
  }
}

type TableColumn = { title: string; width: number; mono?: boolean; align?: 'left' | 'right' };

const PAD_X = 4;
/**
 * Tokens up to this long are words, kept whole when the columns can be made to hold them: names
 * ("Коваленко", "김정호", "Landeskriminalamt"), titles, zones ("Europe/London"). Longer ones are
 * hashes, wallet addresses, URLs and paths, which are expected to break anywhere; so is a link.
 */
const WHOLE_WORD = 24;
/** No column is widened past this share of the text width for its words' sake. */
const MOST = 0.4;

const isWord = (token: string) => token.length > 0 && token.length <= WHOLE_WORD && !token.includes('://');

/** The widest word of a column: its title (bold, as the header prints it) and every cell. */
function widestWord(type: Typesetter, title: string, cells: Iterable<string>, style: TextStyle): number {
  let widest = 0;
  const measure = (text: string, wordStyle: TextStyle) => {
    if (text === '') return;
    for (const token of type.clean(text).split(/\s+/)) {
      if (isWord(token)) {
        const width = type.wordWidth(token, wordStyle);
        if (width > widest) widest = width;
      }
    }
  };
  measure(title, { size: TABLE_SIZE, weight: 'bold' });
  for (const cell of cells) measure(cell, style);
  return widest;
}

/**
 * The least width of each column, lowered from the top when together they are more than the page
 * holds: the columns held open by the longest words give way first (one long word broken rather
 * than every short one), and every column keeps at least what the others leave it.
 */
function fitMinimums(minimum: number[], available: number): number[] {
  const total = minimum.reduce((sum, m) => sum + m, 0);
  if (total <= available) return minimum;
  const sorted = [...minimum].sort((a, b) => a - b);
  let below = 0;
  let cap = available / minimum.length;
  for (let i = 0; i < sorted.length; i++) {
    const level = (available - below) / (sorted.length - i);
    if (sorted[i]! >= level) {
      cap = level;
      break;
    }
    below += sorted[i]!;
  }
  return minimum.map((m) => Math.min(m, cap));
}

/**
 * A table block: relative widths shared out over the text width, then adjusted so no column is
 * narrower than its longest word (a title, "Captured", a name), which would otherwise be broken
 * mid-word: the width comes from columns with room to spare, in proportion to that room. Every
 * cell is measured (a word seen once in 10,000 rows breaks as badly as one seen in every row),
 * with the word widths the line breaker caches anyway.
 */
export function tableGrid(type: Typesetter, columns: TableColumn[], rows: readonly (readonly string[])[]): Grid {
  // A width that is not a positive number counts as 1, so a careless template still gets a column.
  const weights = columns.map((column) => (Number.isFinite(column.width) && column.width > 0 ? column.width : 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const styles: TextStyle[] = columns.map((column) =>
    column.mono ? { size: MONO_SIZE, weight: 'regular', mono: true } : { size: TABLE_SIZE, weight: 'regular' },
  );
  const widths = weights.map((weight) => (CONTENT_W * weight) / total);
  const minimum = fitMinimums(
    columns.map((column, i) => {
      const cells = (function* () {
        for (const row of rows) yield row[i] ?? '';
      })();
      return Math.min(widestWord(type, column.title, cells, styles[i]!) + 2 * PAD_X + 0.5, CONTENT_W * MOST);
    }),
    CONTENT_W,
  );
  const needed = widths.reduce((sum, width, i) => sum + Math.max(0, minimum[i]! - width), 0);
  const spare = widths.reduce((sum, width, i) => sum + Math.max(0, width - minimum[i]!), 0);
  if (needed > 0 && spare > 0) {
    const share = Math.min(1, spare / needed);
    const taken = Math.min(needed, spare);
    const adjusted = widths.map((width, i) =>
      width < minimum[i]!
        ? width + (minimum[i]! - width) * share
        : width - (taken * (width - minimum[i]!)) / spare,
    );
    widths.splice(0, widths.length, ...adjusted);
  }
  return {
    x: MARGIN_X,
    header: columns.map((column) => column.title),
    padX: PAD_X,
    padY: 3,
    rowRules: true,
    columns: columns.map((column, i) => ({
      width: widths[i]!,
      style: styles[i]!,
      ...(column.align ? { align: column.align } : {}),
    })),
  };
}

export const TABLE_LINE_HEIGHT = lineHeightOf(TABLE_SIZE);
