import { glyphMap } from './fonts.ts';

/**
 * Script detection: which characters need Noto Sans KR, which Noto Sans has, and what to do with the
 * rest. Text in a report comes from a case (names typed by people, messages pasted from chats,
 * file names from a seized disk), so it is cleaned before it is measured: line breaks made plain,
 * invisible controls (zero-width and bidi overrides, which a PDF without shaping cannot honour
 * anyway) dropped, and a character no embedded font has printed as its code point, "[U+1F600]",
 * rather than silently vanishing.
 */

/** Printable ASCII, Latin-1 and Latin Extended-A: Noto Sans has all of it, nothing to check. */
const PLAIN = /^[\n\x20-\x7e\u00a0-\u017f]*$/;
const ASCII = /^[\n\x20-\x7e]*$/;

/** Hangul (jamo, syllables, compatibility jamo), CJK symbols, kana, Han, full-width forms. */
export function isCjk(code: number): boolean {
  return (
    (code >= 0xac00 && code <= 0xd7ff) ||
    (code >= 0x1100 && code <= 0x11ff) ||
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xa960 && code <= 0xa97f) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xffef)
  );
}

/** Characters that have no width and no place in printed text. */
function isInvisible(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x206f) ||
    code === 0xfeff ||
    (code >= 0xfff9 && code <= 0xfffb)
  );
}

export function isAscii(text: string): boolean {
  return ASCII.test(text);
}

function codePointLabel(code: number): string {
  return `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/**
 * The text as it will be drawn: NFC (a decomposed "ü" becomes the one glyph the font has), CR LF
 * and CR as LF, tabs as spaces, invisible controls removed, and any character `drawable` refuses
 * (and everything beyond the BMP, which jsPDF cannot encode) as "[U+XXXX]".
 */
export function cleanText(text: string, drawable: (code: number) => boolean): string {
  if (PLAIN.test(text)) return text;
  const normalised = text.normalize('NFC').replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n');
  let out = '';
  for (const char of normalised) {
    const code = char.codePointAt(0)!;
    if (code === 0x0a) out += '\n';
    else if (code === 0x09) out += ' ';
    else if (isInvisible(code)) continue;
    else if (code > 0xffff || (code >= 0xd800 && code <= 0xdfff) || !drawable(code)) out += codePointLabel(code);
    else out += char;
  }
  return out;
}

/**
 * Whether drawing this text needs Noto Sans KR: Hangul or Han, or a character Noto Sans lacks and
 * Noto Sans KR has. Checked against the fonts' own character maps (read once per process), before
 * any font is registered, so a Latin-only report never loads the 6 MB Korean face.
 */
export function needsKr(text: string): boolean {
  if (PLAIN.test(text)) return false;
  const sans = glyphMap('sans');
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x180) continue;
    if (isCjk(code)) {
      if (glyphMap('kr')[code] !== 0) return true;
    } else if (sans[code] === 0 && glyphMap('kr')[code] !== 0) return true;
  }
  return false;
}
