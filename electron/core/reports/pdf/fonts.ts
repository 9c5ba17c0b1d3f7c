import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { jsPDF } from 'jspdf';
import { TrueType } from './ttf.ts';

/**
 * The report's fonts: Noto Sans (Latin with its extensions, Cyrillic, Greek), Noto Sans KR
 * (Hangul, and the Han characters Korean uses) and the PDF's built-in Courier for hashes and ids.
 * jsPDF has no fallback: a character the chosen font lacks silently disappears (or cuts the rest of
 * the string), so the engine picks a face for every character (runs.ts) and only ever draws
 * characters the face has.
 *
 * The TTFs ship inside the npm packages (OFL 1.1); they are found from this module with Node's
 * resolver, which works from the sources, from the bundle in out/main and inside the packaged asar.
 */

export type SansWeight = 'regular' | 'bold';
export type Family = 'sans' | 'kr';

type FontFile = { pkg: string; file: string; pdfName: string };

export const FONT_FILES: Record<Family, Record<SansWeight, FontFile>> = {
  sans: {
    regular: {
      pkg: '@expo-google-fonts/noto-sans',
      file: '400Regular/NotoSans_400Regular.ttf',
      pdfName: 'NotoSans-Regular',
    },
    bold: { pkg: '@expo-google-fonts/noto-sans', file: '700Bold/NotoSans_700Bold.ttf', pdfName: 'NotoSans-Bold' },
  },
  kr: {
    regular: {
      pkg: '@expo-google-fonts/noto-sans-kr',
      file: '400Regular/NotoSansKR_400Regular.ttf',
      pdfName: 'NotoSansKR-Regular',
    },
    bold: {
      pkg: '@expo-google-fonts/noto-sans-kr',
      file: '700Bold/NotoSansKR_700Bold.ttf',
      pdfName: 'NotoSansKR-Bold',
    },
  },
};

/** The family names RenderedPdf.fonts reports. */
export const FAMILY_NAMES: Record<Family, string> = { sans: 'Noto Sans', kr: 'Noto Sans KR' };

const requireHere = createRequire(import.meta.url);

export function fontPath(font: FontFile): string {
  let pkgDir: string;
  try {
    pkgDir = dirname(requireHere.resolve(`${font.pkg}/package.json`));
  } catch {
    throw new Error(
      `the report font package ${font.pkg} is missing from this installation: reinstall Custos (or run npm install)`,
    );
  }
  return join(pkgDir, font.file);
}

/**
 * Per process (a worker thread has its own): the font file read once, its glyph of every BMP
 * character, and the stand-in jsPDF is given. jsPDF parses whatever font it is handed, which for
 * Noto Sans KR costs a few hundred milliseconds and keeps the 6 MB file in memory as a string; the
 * engine measures and maps characters with ttf.ts instead, so jsPDF gets a stand-in with the same
 * metrics tables and no glyphs (a few kilobytes, as a binary string its file system takes as it is)
 * for the font descriptor it writes, and the real subset when it embeds the font.
 */
type Loaded = { ttf: TrueType; glyphs: Uint16Array; standIn: string };
const loaded = new Map<FontFile, Loaded>();

function load(font: FontFile): Loaded {
  let entry = loaded.get(font);
  if (entry === undefined) {
    const path = fontPath(font);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new Error(
        `the report font ${path} cannot be read (${(error as Error).message}): reinstall Custos (or run npm install)`,
        { cause: error },
      );
    }
    const ttf = new TrueType(bytes);
    const standIn = Buffer.from(ttf.subset([], new Map())).toString('latin1');
    entry = { ttf, glyphs: ttf.glyphMap(), standIn };
    loaded.set(font, entry);
  }
  return entry;
}

/** What the engine sets on jsPDF's parsed font: the glyphs drawn, their widths and characters, the subset. */
type TtfMetadata = {
  glyIdsUsed: number[];
  toUnicode: Record<number, number>;
  Unicode: { widths: unknown[] };
  subset: { encode(glyphs: number[], indexToLocFormat: number): ArrayLike<number> };
};

/** The glyph of each BMP character in the family's regular face (0: none), read once per process. */
export function glyphMap(family: Family): Uint16Array {
  return load(FONT_FILES[family].regular).glyphs;
}

function escapeByte(byte: number): string {
  if (byte === 0x28 || byte === 0x29 || byte === 0x5c) return `\\${String.fromCharCode(byte)}`;
  if (byte === 0x0d) return '\\r';
  return String.fromCharCode(byte);
}

/** The jsPDF font object, as far as the engine reaches into it. */
type JsPdfFont = { id: string; metadata: TtfMetadata };

/**
 * A face registered in one document: maps characters to glyph ids (two bytes each in the content
 * stream), measures them, and remembers which glyphs were drawn so the embedded subset, its widths
 * and its ToUnicode map (what makes the text extractable) hold exactly those.
 */
export class TtfFace {
  readonly id: string;
  readonly family: Family;
  private readonly metadata: TtfMetadata;
  private readonly glyphs: Uint16Array;
  private readonly advances = new Float64Array(0x10000).fill(-1);
  private readonly encoded: string[] = [];
  private readonly used = new Map<number, number>();
  private readonly ttf: TrueType;
  private readonly perEm: number;

  constructor(font: JsPdfFont, family: Family, loadedFont: Loaded) {
    this.id = font.id;
    this.family = family;
    this.metadata = font.metadata;
    this.ttf = loadedFont.ttf;
    this.glyphs = loadedFont.glyphs;
    this.perEm = loadedFont.ttf.unitsPerEm;
  }

  glyph(code: number): number {
    return this.glyphs[code] ?? 0;
  }

  has(code: number): boolean {
    return code < 0x10000 && this.glyphs[code]! > 0;
  }

  /** Advance width as a fraction of the type size. */
  advance(code: number): number {
    let advance = this.advances[code]!;
    if (advance < 0) {
      advance = this.ttf.advance(this.glyph(code)) / this.perEm;
      this.advances[code] = advance;
    }
    return advance;
  }

  /**
   * The string as glyph ids for a Tj operator, two bytes each in a literal string (the caller wraps
   * it in parentheses): half the size of hex, and page content is most of what gets compressed.
   * The bytes that mean something inside a literal are escaped; CR too, which a reader would
   * otherwise turn into LF.
   */
  encode(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let bytes = this.encoded[code];
      if (bytes === undefined) {
        const glyph = this.glyph(code);
        bytes = escapeByte(glyph >> 8) + escapeByte(glyph & 0xff);
        this.encoded[code] = bytes;
        if (!this.used.has(glyph)) this.used.set(glyph, code);
      }
      out += bytes;
    }
    return out;
  }

  /**
   * Hands jsPDF the glyphs drawn, in glyph order, so its maps are the same every time, and has it
   * embed this module's subset (ttf.ts) instead of its own.
   */
  finish(): void {
    const glyphs = [...this.used.keys()].sort((a, b) => a - b);
    const metadata = this.metadata;
    const characters = new Map<number, number>();
    for (const [glyph, code] of this.used) characters.set(code, glyph);
    const subset = this.ttf.subset(glyphs, characters);
    metadata.subset.encode = () => subset;
    metadata.glyIdsUsed = [0, ...glyphs.filter((g) => g !== 0)];
    metadata.toUnicode = {};
    const widths: unknown[] = [];
    for (const glyph of glyphs) {
      metadata.toUnicode[glyph] = this.used.get(glyph)!;
      widths.push(glyph, [Math.round((this.ttf.advance(glyph) * 1000) / this.perEm)]);
    }
    metadata.Unicode.widths = widths;
  }
}

export type RegisteredFonts = {
  sans: Record<SansWeight, TtfFace>;
  /** Present only when some text needs Hangul (or a character only Noto Sans KR has). */
  kr: Record<SansWeight, TtfFace> | null;
  /** The built-in Courier's resource name. */
  monoId: string;
  families: string[];
};

type FontDoc = jsPDF & { getFont(name?: string, style?: string): JsPdfFont };

/**
 * Registers the faces a document needs. Each is passed once through jsPDF's own text() (a space in
 * the page's corner, which draws nothing): jsPDF writes only fonts its text() touched
 * (putOnlyUsedFonts), and the engine draws with raw content-stream operators, so without it the
 * fonts would be left out of the file.
 */
export function registerFonts(doc: jsPDF, needs: { kr: Record<SansWeight, boolean> }): RegisteredFonts {
  const fontDoc = doc as FontDoc;
  const add = (family: Family, weight: SansWeight): TtfFace => {
    const font = FONT_FILES[family][weight];
    const vfsName = `${font.pdfName}.ttf`;
    const file = load(font);
    doc.addFileToVFS(vfsName, file.standIn);
    doc.addFont(vfsName, font.pdfName, 'normal', 'normal', 'Identity-H');
    doc.setFont(font.pdfName, 'normal');
    doc.text(' ', 0, 0);
    const face = new TtfFace(fontDoc.getFont(font.pdfName, 'normal'), family, file);
    face.encode(' ');
    return face;
  };
  const sans = { regular: add('sans', 'regular'), bold: add('sans', 'bold') };
  const anyKr = needs.kr.regular || needs.kr.bold;
  // A bold Hangul string with no bold face would fall back to the regular one, and vice versa.
  const kr = anyKr
    ? (() => {
        const regular = needs.kr.regular ? add('kr', 'regular') : null;
        const bold = needs.kr.bold ? add('kr', 'bold') : null;
        return { regular: regular ?? bold!, bold: bold ?? regular! };
      })()
    : null;
  doc.setFont('courier', 'normal');
  doc.text(' ', 0, 0);
  const monoId = fontDoc.getFont('courier', 'normal').id;
  describeCourier(doc, monoId);
  return { sans, kr, monoId, families: kr ? [FAMILY_NAMES.sans, FAMILY_NAMES.kr] : [FAMILY_NAMES.sans] };
}

type PutFont = {
  font: { id: string; isAlreadyPutted?: boolean; objectNumber?: number };
  out: (line: string) => void;
  newObject: () => number;
};
type Events = { subscribe(topic: 'putFont', handler: (event: PutFont) => void): unknown };

/** Courier's metrics from its AFM (Adobe Core 14): every glyph 600 units wide. */
const COURIER = { widths: Array.from({ length: 95 }, () => 600).join(' '), bbox: '-23 -250 715 805' };

/**
 * The built-in Courier written out in full. jsPDF declares it by name alone (/BaseFont /Courier,
 * WinAnsi, no widths, no descriptor), which the PDF standard allows for its 14 standard fonts and
 * PDF 2.0 deprecates; a reader without Courier then has nothing to substitute by, and may set a
 * hash or wallet address in a proportional face with its own widths, the characters crowding or
 * drifting. Here it gets what any other simple font carries: its widths for the characters drawn
 * in it (printable ASCII, the only text the engine sets in Courier) and a descriptor saying it is
 * fixed-pitch, so a substitute is monospaced and spaced as Courier is. Still not embedded: the
 * standard 14 need no font file.
 */
function describeCourier(doc: jsPDF, monoId: string): void {
  const events = (doc as unknown as { internal: { events: Events } }).internal.events;
  events.subscribe('putFont', ({ font, out, newObject }) => {
    if (font.id !== monoId || font.isAlreadyPutted === true) return;
    const descriptor = newObject();
    out('<<');
    out('/Type /FontDescriptor');
    out('/FontName /Courier');
    // FixedPitch (1) and Nonsymbolic (32): the characters are those of the standard Latin set.
    out('/Flags 33');
    out(`/FontBBox [${COURIER.bbox}]`);
    out('/ItalicAngle 0');
    out('/Ascent 629');
    out('/Descent -157');
    out('/CapHeight 562');
    out('/XHeight 426');
    out('/StemV 51');
    out('>>');
    out('endobj');
    font.objectNumber = newObject();
    out('<<');
    out('/Type /Font');
    out('/Subtype /Type1');
    out('/BaseFont /Courier');
    out('/Encoding /WinAnsiEncoding');
    out('/FirstChar 32');
    out('/LastChar 126');
    out(`/Widths [${COURIER.widths}]`);
    out(`/FontDescriptor ${descriptor} 0 R`);
    out('>>');
    out('endobj');
    font.isAlreadyPutted = true;
  });
}

export function finishFonts(fonts: RegisteredFonts): void {
  fonts.sans.regular.finish();
  fonts.sans.bold.finish();
  if (fonts.kr) {
    fonts.kr.regular.finish();
    if (fonts.kr.bold !== fonts.kr.regular) fonts.kr.bold.finish();
  }
}
