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
  const header = grid.header
    ? prepare(
        flow,
        {
          ...grid,
          columns: grid.columns.map((column) => ({ ...column, style: { size: TABLE_SIZE, weight: 'bold', mono: false } })),
        },
        grid.header,
        lineHeight,
      )
    : null;
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
      // The header never stands alone at the foot of a page: it goes with (the start of) a row.
      flow.ensure(headerHeight + Math.min(row.height, 2 * lineHeight + 2 * grid.padY));
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
/** Words up to this long should not be broken; longer ones (hashes, URLs) are expected to be. */
const WHOLE_WORD = 16;
/** Rows read for the words a column must hold: the first ones, then every so many, at most this many. */
const SAMPLE_ROWS = 600;

/** The rows whose words set the columns' minimum widths: all of a short table, a spread of a long one. */
function sampleRows(rows: readonly (readonly string[])[]): Array<readonly string[]> {
  if (rows.length <= SAMPLE_ROWS) return [...rows];
  const step = rows.length / SAMPLE_ROWS;
  return Array.from({ length: SAMPLE_ROWS }, (_, i) => rows[Math.floor(i * step)]!);
}

/**
 * A table block: relative widths shared out over the text width, then adjusted so no column is
 * narrower than its longest ordinary word (a title, "Captured", a name), which would otherwise be
 * broken mid-word: the width comes from columns with room to spare, in proportion to that room.
 */
export function tableGrid(type: Typesetter, columns: TableColumn[], rows: readonly (readonly string[])[]): Grid {
  // A width that is not a positive number counts as 1, so a careless template still gets a column.
  const weights = columns.map((column) => (Number.isFinite(column.width) && column.width > 0 ? column.width : 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const styles: TextStyle[] = columns.map((column) =>
    column.mono ? { size: MONO_SIZE, weight: 'regular', mono: true } : { size: TABLE_SIZE, weight: 'regular' },
  );
  const widths = weights.map((weight) => (CONTENT_W * weight) / total);
  const minimum = columns.map((column, i) => {
    let widest = 0;
    const measure = (text: string, style: TextStyle) => {
      for (const word of type.clean(text).split(/\s+/)) {
        if (word.length > 0 && word.length <= WHOLE_WORD) widest = Math.max(widest, type.width(word, style));
      }
    };
    measure(column.title, { size: TABLE_SIZE, weight: 'bold' });
    for (const row of sampleRows(rows)) measure(row[i] ?? '', styles[i]!);
    return Math.min(widest + 2 * PAD_X + 0.5, CONTENT_W * 0.4);
  });
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
