import type { jsPDF } from 'jspdf';
import type { RegisteredFonts } from './fonts.ts';
import { PAGE_H } from './style.ts';
import type { Rgb } from './style.ts';
import type { Line } from './text.ts';

/**
 * Drawing on the document's pages with PDF content operators written directly: jsPDF's text()
 * re-parses its options and searches its width table on every call, far too slow for a report of
 * thousands of rows, and cannot switch faces within a string. Coordinates here are points from the
 * page's top-left corner, as the layout thinks; the PDF's own origin is bottom-left.
 */

type Writer = { write(...parts: string[]): void };

/** Two decimals, no trailing zeros: short, and the same digits every time. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

// Colours are a handful of constants: their operands are formatted once.
const colours = new WeakMap<Rgb, string>();

function colour(rgb: Rgb): string {
  let text = colours.get(rgb);
  if (text === undefined) {
    text = `${num(rgb[0])} ${num(rgb[1])} ${num(rgb[2])}`;
    colours.set(rgb, text);
  }
  return text;
}

/**
 * Courier's text is ASCII (WinAnsi) in a literal string with ( ) \ escaped; the TrueType faces'
 * glyph bytes come already escaped from TtfFace.encode.
 */
function escapeAscii(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/**
 * The fill colour and the text font stay set across text objects in a content stream, so each page
 * remembers what it last set and a line repeats neither when they have not changed.
 */
type PageState = { fill: string; font: string };

export class Canvas {
  private readonly doc: jsPDF;
  private readonly out: Writer;
  readonly fonts: RegisteredFonts;
  private current = 1;
  pageCount = 1;
  private readonly states: PageState[] = [{ fill: '', font: '' }, { fill: '', font: '' }];

  constructor(doc: jsPDF, fonts: RegisteredFonts) {
    this.doc = doc;
    this.fonts = fonts;
    this.out = (doc as unknown as { internal: Writer }).internal;
  }

  get page(): number {
    return this.current;
  }

  addPage(): void {
    this.doc.addPage('a4', 'portrait');
    this.pageCount += 1;
    this.current = this.pageCount;
    this.states[this.current] = { fill: '', font: '' };
  }

  private get state(): PageState {
    return this.states[this.current]!;
  }

  /** Draws on an earlier page (contents page numbers, headers and footers once the total is known). */
  goTo(page: number): void {
    this.doc.setPage(page);
    this.current = page;
  }

  /** One line of runs with its baseline at `baseline` (top-based). */
  text(line: Line, x: number, baseline: number, size: number, rgb: Rgb): void {
    if (line.runs.length === 0) return;
    const state = this.state;
    const y = num(PAGE_H - baseline);
    let op = 'BT';
    const fill = colour(rgb);
    if (fill !== state.fill) {
      op += ` ${fill} rg`;
      state.fill = fill;
    }
    let at = x;
    const sized = num(size);
    for (const run of line.runs) {
      const font = `${run.face === null ? this.fonts.monoId : run.face.id} ${sized}`;
      if (font !== state.font) {
        op += ` /${font} Tf`;
        state.font = font;
      }
      const shown = run.face === null ? escapeAscii(run.text) : (run.encoded ?? run.face.encode(run.text));
      op += ` 1 0 0 1 ${num(at)} ${y} Tm (${shown}) Tj`;
      at += run.width;
    }
    this.out.write(`${op} ET`);
  }

  fillRect(x: number, y: number, w: number, h: number, rgb: Rgb): void {
    const fill = colour(rgb);
    this.out.write(`${fill} rg ${num(x)} ${num(PAGE_H - y - h)} ${num(w)} ${num(h)} re f`);
    this.state.fill = fill;
  }

  strokeRect(x: number, y: number, w: number, h: number, rgb: Rgb, width: number, dash?: [number, number]): void {
    const pattern = dash ? `[${num(dash[0])} ${num(dash[1])}] 0 d ` : '';
    const reset = dash ? ' [] 0 d' : '';
    this.out.write(
      `${pattern}${colour(rgb)} RG ${num(width)} w ${num(x)} ${num(PAGE_H - y - h)} ${num(w)} ${num(h)} re S${reset}`,
    );
  }

  line(x1: number, y1: number, x2: number, y2: number, rgb: Rgb, width: number, dash?: [number, number]): void {
    const pattern = dash ? `[${num(dash[0])} ${num(dash[1])}] 0 d ` : '';
    const reset = dash ? ' [] 0 d' : '';
    this.out.write(
      `${pattern}${colour(rgb)} RG ${num(width)} w ${num(x1)} ${num(PAGE_H - y1)} m ${num(x2)} ${num(PAGE_H - y2)} l S${reset}`,
    );
  }

  /** A tick drawn as two strokes (no glyph to go missing), inside a box at (x, y) of side `side`. */
  tick(x: number, y: number, side: number, rgb: Rgb): void {
    const p = (fx: number, fy: number) => `${num(x + side * fx)} ${num(PAGE_H - (y + side * fy))}`;
    this.out.write(`${colour(rgb)} RG ${num(side * 0.14)} w 1 J 1 j ${p(0.2, 0.52)} m ${p(0.42, 0.76)} l ${p(0.82, 0.22)} l S 0 J 0 j`);
  }
}
