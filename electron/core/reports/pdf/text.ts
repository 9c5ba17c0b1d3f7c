import type { RegisteredFonts, SansWeight, TtfFace } from './fonts.ts';
import { cleanText, isAscii, isCjk } from './runs.ts';

/**
 * Measuring and breaking text into lines of runs, each run in one face. Words are measured once
 * per weight and cached (a 10,000-row timeline repeats the same words endlessly); lines break at
 * spaces, a word longer than the line breaks anywhere, and line breaks in the text are kept.
 */

/**
 * One stretch of a line in one face; `face` null is Courier. Width in points. `encoded`: the glyph
 * bytes for the content stream when already known (words carry theirs from the cache, so a line is
 * encoded a word at a time, not a character at a time).
 */
export type Run = { face: TtfFace | null; text: string; width: number; encoded?: string };
export type Line = { runs: Run[]; width: number };
export type TextStyle = { size: number; weight: SansWeight; mono?: boolean };

/** Courier's advance, as a fraction of the type size, for every character. */
const MONO_ADVANCE = 0.6;

/** A word measured once: its runs at size 1 (never changed: lines copy them). */
type Word = { width: number; runs: Run[] };

export class Typesetter {
  private readonly fonts: RegisteredFonts;
  private readonly words: Record<SansWeight, Map<string, Word>> = { regular: new Map(), bold: new Map() };
  private readonly drawable: (code: number) => boolean;

  constructor(fonts: RegisteredFonts) {
    this.fonts = fonts;
    const kr = fonts.kr;
    this.drawable = (code) => fonts.sans.regular.has(code) || (kr !== null && kr.regular.has(code));
  }

  clean(text: string): string {
    return cleanText(text, this.drawable);
  }

  /** The face for a character: Korean and Han in Noto Sans KR, everything else Noto Sans if it can. */
  private faceFor(code: number, weight: SansWeight, previous: TtfFace | null): TtfFace {
    const sans = this.fonts.sans[weight];
    if (code === 0x20) return previous ?? sans;
    const kr = this.fonts.kr?.[weight];
    if (kr && isCjk(code) && kr.has(code)) return kr;
    if (sans.has(code) || !kr || !kr.has(code)) return sans;
    return kr;
  }

  /** Splits cleaned text (no line breaks) into runs of one face; widths for size 1. */
  private unitRuns(text: string, weight: SansWeight): Run[] {
    const runs: Run[] = [];
    let face: TtfFace | null = null;
    let start = 0;
    let width = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const next = this.faceFor(code, weight, face);
      if (next !== face) {
        if (face !== null && i > start) runs.push({ face, text: text.slice(start, i), width });
        face = next;
        start = i;
        width = 0;
      }
      width += next.advance(code);
    }
    if (face !== null && text.length > start) runs.push({ face, text: text.slice(start), width });
    return runs;
  }

  private word(text: string, weight: SansWeight): Word {
    const cache = this.words[weight];
    let word = cache.get(text);
    if (word === undefined) {
      const runs = this.unitRuns(text, weight);
      let width = 0;
      for (const run of runs) {
        width += run.width;
        run.encoded = run.face!.encode(run.text);
      }
      word = { width, runs };
      cache.set(text, word);
    }
    return word;
  }

  /** A space after a word is drawn in the face the word ends in. */
  private static spaceAfter(word: Word): number {
    return word.runs.at(-1)?.face?.advance(0x20) ?? 0;
  }

  /** Words and the spaces between them as one line of runs at `size`; neighbouring runs of a face merge. */
  private static compose(words: Word[], size: number): Line {
    const runs: Run[] = [];
    let width = 0;
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      let last = runs[runs.length - 1];
      if (w > 0 && last?.face) {
        const space = last.face.advance(0x20) * size;
        last.text += ' ';
        last.encoded = `${last.encoded ?? last.face.encode(last.text)}${last.face.encode(' ')}`;
        last.width += space;
        width += space;
      }
      for (const run of word.runs) {
        const runWidth = run.width * size;
        const encoded = run.encoded ?? run.face!.encode(run.text);
        if (last && last.face === run.face) {
          last.text += run.text;
          last.encoded = `${last.encoded}${encoded}`;
          last.width += runWidth;
        } else {
          last = { face: run.face, text: run.text, width: runWidth, encoded };
          runs.push(last);
        }
        width += runWidth;
      }
    }
    return { runs, width };
  }

  /**
   * Width in points of one word (cleaned, no spaces), from the same cache the line breaker uses, so
   * measuring every word of a long table before laying it out costs a lookup a word, not a measure.
   */
  wordWidth(token: string, style: TextStyle): number {
    if (style.mono && isAscii(token)) return token.length * MONO_ADVANCE * style.size;
    return this.word(token, style.weight).width * style.size;
  }

  /** Width in points of one line of text (cleaned, no line breaks). */
  width(text: string, style: TextStyle): number {
    if (style.mono && isAscii(text)) return text.length * MONO_ADVANCE * style.size;
    let width = 0;
    for (const run of this.unitRuns(text, style.weight)) width += run.width;
    return width * style.size;
  }

  /** A line of cleaned text as runs at the style's size. */
  line(text: string, style: TextStyle): Line {
    if (style.mono && isAscii(text)) {
      const width = text.length * MONO_ADVANCE * style.size;
      return { runs: text === '' ? [] : [{ face: null, text, width }], width };
    }
    const runs = this.unitRuns(text, style.weight);
    let width = 0;
    for (const run of runs) {
      run.width *= style.size;
      width += run.width;
    }
    return { runs, width };
  }

  /**
   * Breaks text into lines no wider than `maxWidth` points. Mono text (ASCII only; anything else
   * falls back to the sans faces) breaks anywhere, as hashes and ids have no spaces to break at.
   */
  wrap(raw: string, style: TextStyle, maxWidth: number): Line[] {
    const text = this.clean(raw);
    const lines: Line[] = [];
    if (style.mono && isAscii(text)) {
      const perLine = Math.max(1, Math.floor(maxWidth / (MONO_ADVANCE * style.size) + 1e-9));
      for (const paragraph of text.split('\n')) {
        if (paragraph === '') lines.push({ runs: [], width: 0 });
        for (let i = 0; i < paragraph.length; i += perLine) {
          lines.push(this.line(paragraph.slice(i, i + perLine), style));
        }
      }
      return lines;
    }
    const unitMax = maxWidth / style.size;
    for (const paragraph of text.split('\n')) {
      let current: Word[] = [];
      let currentWidth = 0;
      const flush = () => {
        lines.push(Typesetter.compose(current, style.size));
        current = [];
        currentWidth = 0;
      };
      for (const token of paragraph.split(' ')) {
        if (token === '') continue;
        const word = this.word(token, style.weight);
        if (current.length > 0) {
          const joined = currentWidth + Typesetter.spaceAfter(current[current.length - 1]!) + word.width;
          if (joined <= unitMax) {
            current.push(word);
            currentWidth = joined;
            continue;
          }
          flush();
        }
        if (word.width <= unitMax) {
          current.push(word);
          currentWidth = word.width;
          continue;
        }
        // Longer than the line: break it anywhere, filling each line.
        for (const piece of this.breakWord(token, style.weight, unitMax)) {
          if (current.length > 0) flush();
          current.push(piece);
          currentWidth = piece.width;
        }
      }
      if (current.length > 0 || paragraph.trim() === '') flush();
    }
    return lines;
  }

  private breakWord(text: string, weight: SansWeight, unitMax: number): Word[] {
    const pieces: Word[] = [];
    let start = 0;
    let width = 0;
    let face: TtfFace | null = null;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      face = this.faceFor(code, weight, face);
      const advance = face.advance(code);
      if (width + advance > unitMax && i > start) {
        const piece = text.slice(start, i);
        pieces.push({ width, runs: this.encodedRuns(piece, weight) });
        start = i;
        width = 0;
      }
      width += advance;
    }
    pieces.push({ width, runs: this.encodedRuns(text.slice(start), weight) });
    return pieces;
  }

  private encodedRuns(text: string, weight: SansWeight): Run[] {
    const runs = this.unitRuns(text, weight);
    for (const run of runs) run.encoded = run.face!.encode(run.text);
    return runs;
  }
}
