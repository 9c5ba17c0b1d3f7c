import type { Canvas } from './canvas.ts';
import type { RenderProgress } from './render.ts';
import { CONTENT_BOTTOM, CONTENT_TOP, LEADING } from './style.ts';
import type { Rgb } from './style.ts';
import type { Line, TextStyle, Typesetter } from './text.ts';

/**
 * The cursor that fills pages top to bottom: where the next block goes, when a page is full, and
 * how far along the report is. Blocks ask for the room they need and the flow starts a new page
 * when it is not there; nothing is ever drawn below CONTENT_BOTTOM.
 */

/** Where the baseline sits in a line box of height `lineHeight`: the capitals centred in it. */
export function baselineIn(lineHeight: number, size: number): number {
  return lineHeight / 2 + size * 0.357;
}

export function lineHeightOf(size: number): number {
  return size * LEADING;
}

export class Progress {
  private done = 0;
  private reported = 0;
  private readonly total: number;
  private readonly report: ((progress: RenderProgress) => void) | undefined;

  constructor(total: number, report?: (progress: RenderProgress) => void) {
    this.total = Math.max(1, total);
    this.report = report;
  }

  /** Counts placed blocks or rows; tells the caller every 50 of them, not more often. */
  tick(count = 1): void {
    this.done = Math.min(this.total, this.done + count);
    if (this.report && this.done - this.reported >= 50) {
      this.reported = this.done;
      this.report({ done: this.done, total: this.total });
    }
  }

  finish(): void {
    this.done = this.total;
    if (this.report && this.reported !== this.total) {
      this.reported = this.total;
      this.report({ done: this.total, total: this.total });
    }
  }
}

export class Flow {
  y = CONTENT_TOP;
  readonly canvas: Canvas;
  readonly type: Typesetter;
  readonly progress: Progress;
  /** The brief layout: smaller section titles. */
  readonly brief: boolean;
  /** Blocks closer together: the brief throughout, and a section that asks (a custody form). */
  dense = false;

  constructor(canvas: Canvas, type: Typesetter, progress: Progress, brief = false) {
    this.canvas = canvas;
    this.type = type;
    this.progress = progress;
    this.brief = brief;
    this.dense = brief;
  }

  get room(): number {
    return CONTENT_BOTTOM - this.y;
  }

  atTop(): boolean {
    return this.y <= CONTENT_TOP + 0.01;
  }

  newPage(): void {
    this.canvas.addPage();
    this.y = CONTENT_TOP;
  }

  /** Starts a new page unless `height` fits below the cursor (or the page is still empty). */
  ensure(height: number): void {
    if (height > this.room + 0.01 && !this.atTop()) this.newPage();
  }

  /** Vertical space between blocks; none at the top of a page. */
  gap(height: number): void {
    if (!this.atTop()) this.y += height;
  }

  /**
   * Lines of text one after another, each moved to the next page when it does not fit, so long
   * text runs on over pages and never past the bottom margin.
   */
  lines(lines: Line[], x: number, style: TextStyle, colour: Rgb, lineHeight = lineHeightOf(style.size)): void {
    const baseline = baselineIn(lineHeight, style.size);
    for (const line of lines) {
      if (lineHeight > this.room + 0.01) this.newPage();
      this.canvas.text(line, x, this.y + baseline, style.size, colour);
      this.y += lineHeight;
    }
  }

  /**
   * A paragraph's lines, as `lines`, but never one line alone where it breaks over a page: its
   * first line is not left at the foot of a page (it moves on with the second), and its last line
   * does not start a page alone (the line before it goes too).
   */
  paragraph(lines: Line[], x: number, style: TextStyle, colour: Rgb, lineHeight = lineHeightOf(style.size)): void {
    const fit = Math.floor((this.room + 0.01) / lineHeight);
    if (lines.length >= 2 && fit < lines.length && !this.atTop()) {
      if (fit <= 1 || (lines.length - fit === 1 && fit < 3)) this.newPage();
      else if (lines.length - fit === 1) {
        this.lines(lines.slice(0, fit - 1), x, style, colour, lineHeight);
        this.newPage();
        this.lines(lines.slice(fit - 1), x, style, colour, lineHeight);
        return;
      }
    }
    this.lines(lines, x, style, colour, lineHeight);
  }
}
