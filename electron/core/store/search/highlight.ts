import type { Highlighted } from '../../../../shared/domain/search.ts';
import { foldForSearch } from '../../../../shared/logic/searchText.ts';
import { TOKEN_CHAR, foldForIndex } from './text.ts';

/**
 * A hit shown as the person wrote it, with what matched marked. Matching is done on the folded text
 * (as the index compares), and each folded character remembers the original characters it came
 * from, so "Müller" is marked in the original when "muller" was asked.
 */

type Mapped = {
  folded: string;
  /** For each UTF-16 unit of `folded`: where its original character starts and ends. Absent: the same. */
  from?: number[];
  to?: number[];
};

const PLAIN_ASCII = /^[^\u0080-\uffff]*$/;
const SPACE = /\s/u;
const UNSPACED = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Folded characters, remembered: a Hangul text repeats its syllables. */
const foldedChars = new Map<string, string>();

function foldChar(char: string): string {
  let folded = foldedChars.get(char);
  if (folded === undefined) {
    // One character at a time, spaces kept: foldForSearch would trim a lone space away.
    folded = SPACE.test(char) ? ' ' : foldForSearch(char);
    if (foldedChars.size > 20_000) foldedChars.clear();
    foldedChars.set(char, folded);
  }
  return folded;
}

function foldMapped(text: string): Mapped {
  // ASCII folds character for character: no map is needed, and long captured text stays cheap.
  if (PLAIN_ASCII.test(text)) return { folded: text.toLowerCase() };
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const folded = code < 0x80 ? String.fromCharCode(code).toLowerCase() : foldChar(text.slice(i, i + width));
    parts.push(folded);
    for (let u = 0; u < folded.length; u++) {
      from.push(i);
      to.push(i + width);
    }
    i += width;
  }
  return { folded: parts.join(''), from, to };
}

/** Where a term matches in `text` (a piece of the whole starting at `offset`), as ranges of the whole. */
function rangesIn(text: string, offset: number, terms: readonly string[]): [number, number][] {
  // Most pieces hold no term at all: the quick fold says so without the map.
  const quick = foldForIndex(text);
  if (!terms.some((term) => quick.includes(term))) return [];
  const { folded, from, to } = foldMapped(text);
  const found: [number, number][] = [];
  for (const term of terms) {
    // A term matches where a word starts (the index matches prefixes of tokens); in scripts without
    // spaces, anywhere (the index holds their syllable pairs).
    const anywhere = UNSPACED.test(term[0] ?? '');
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
      if (!anywhere && at > 0 && TOKEN_CHAR.test(folded[at - 1]!) && TOKEN_CHAR.test(term[0]!)) continue;
      const end = at + term.length - 1;
      found.push([offset + (from ? from[at]! : at), offset + (to ? to[end]! : end + 1)]);
    }
  }
  return found;
}

/**
 * A long text (captured e-mail, a chat export) is read in pieces of about this many characters, cut
 * at white space (a term never holds any): only the pieces up to the first match and those in view
 * are folded with a map, not the whole of 100,000 characters.
 */
const PIECE = 512;

function piecesOf(text: string): [number, number][] {
  const out: [number, number][] = [];
  const space = /\s/g;
  for (let start = 0; start < text.length;) {
    space.lastIndex = Math.min(text.length, start + PIECE);
    const end = space.exec(text)?.index ?? text.length;
    out.push([start, end]);
    start = end;
  }
  return out;
}

/** The ranges of the original text that match a term and fall in the window around the first match. */
function matchesInView(
  text: string,
  terms: readonly string[],
  width: number,
): { view: [number, number]; ranges: [number, number][] } {
  if (terms.length === 0 || text === '') return { view: window(text, 0, width), ranges: [] };
  const parts = piecesOf(text);
  const found = new Map<number, [number, number][]>();
  const rangesOf = (i: number) => {
    let ranges = found.get(i);
    if (!ranges) found.set(i, (ranges = rangesIn(text.slice(parts[i]![0], parts[i]![1]), parts[i]![0], terms)));
    return ranges;
  };
  let first: number | undefined;
  for (let i = 0; i < parts.length && first === undefined; i++) {
    const ranges = rangesOf(i);
    if (ranges.length > 0) first = Math.min(...ranges.map((r) => r[0]));
  }
  const view = window(text, first ?? 0, width);
  const inView: [number, number][] = [];
  parts.forEach(([start, end], i) => {
    if (first !== undefined && end >= view[0] && start <= view[1]) inView.push(...rangesOf(i));
  });
  inView.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of inView) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return { view, ranges: merged };
}

/** A cut that does not split a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return at > 0 && at < text.length && code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/** Where a window of `width` around `first` starts and ends, at word boundaries when one is near. */
function window(text: string, first: number, width: number): [number, number] {
  if (text.length <= width) return [0, text.length];
  let start = Math.max(0, Math.min(first - Math.floor(width / 4), text.length - width));
  if (start > 0) {
    const space = text.slice(start, start + 20).search(/\s/);
    if (space >= 0) start += space + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.slice(end - 20, end).search(/\s\S*$/);
    if (space >= 0) end = end - 20 + space;
  }
  return [safeCut(text, start), safeCut(text, end)];
}

/**
 * `text` cut to at most about `width` characters around its first match, in pieces with the matched
 * ones flagged. Runs of white space (line breaks of a note or an e-mail) show as one space.
 */
export function highlight(text: string, terms: readonly string[], width: number): Highlighted {
  const {
    view: [start, end],
    ranges,
  } = matchesInView(text, terms, width);
  const pieces: Highlighted = [];
  const push = (piece: string, match: boolean) => {
    const shown = piece.replace(/\s+/gu, ' ');
    if (!shown) return;
    const last = pieces.at(-1);
    if (last && last.match === match) last.text += shown;
    else pieces.push({ text: shown, match });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    push(text.slice(at, Math.max(at, from)), false);
    push(text.slice(Math.max(at, from), Math.min(to, end)), true);
    at = Math.min(to, end);
  }
  push(text.slice(at, end), false);
  if (end < text.length) push('…', false);
  return pieces;
}
