import { join, resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

/**
 * Reads generated PDFs the way a reader would: the text of each page, and the document's info
 * dictionary. The engine draws a string as several runs (one per font: Noto Sans, Noto Sans KR,
 * Courier), so pdfjs returns "김정호" and " (Kim Jong-ho)" as separate items; they are joined
 * back here by position: items on one line in x order, no space where one run ends where the
 * next begins, one space where there is a visible gap (table columns, facts), a newline between lines.
 */

const STANDARD_FONTS = join(resolve(import.meta.dirname, '../..'), 'node_modules/pdfjs-dist/standard_fonts/');

type Placed = { str: string; x: number; y: number; width: number; size: number };

async function open(bytes: Uint8Array) {
  // pdfjs takes the buffer over (detaches it); give it a copy so the caller's bytes stay usable.
  return getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: STANDARD_FONTS,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

function joinLines(items: Placed[]): string {
  const lines: Placed[][] = [];
  // Top to bottom; items whose baselines differ by less than a third of the font size share a line.
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  for (const item of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - item.y) < Math.max(1, line[0]!.size / 3)) line.push(item);
    else lines.push([item]);
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.x - b.x);
      let text = '';
      let end = -Infinity;
      for (const item of line) {
        const gap = item.x - end;
        if (text !== '' && gap > item.size * 0.15 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
        text += item.str;
        end = item.x + item.width;
      }
      return text.replace(/\s+$/, '');
    })
    .join('\n');
}

/** A run of text as drawn: x and y (baseline) in PDF points from the bottom-left, its width and size. */
export type PdfTextItem = Placed & { pageWidth: number; pageHeight: number };

/** Every text run of every page with its position, for checks of layout (margins, overlaps). */
export async function pdfTextItems(bytes: Uint8Array): Promise<PdfTextItem[][]> {
  const pdf = await open(bytes);
  try {
    const pages: PdfTextItem[][] = [];
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const page = await pdf.getPage(n);
      const [, , pageWidth, pageHeight] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      pages.push(
        content.items
          // Whitespace-only runs carry no text (the engine draws one per font to register it).
          .filter((item): item is TextItem => 'str' in item && item.str.trim() !== '')
          .map((item) => ({
            str: item.str,
            x: item.transform[4] as number,
            y: item.transform[5] as number,
            width: item.width,
            size: Math.hypot(item.transform[2] as number, item.transform[3] as number) || item.height || 10,
            pageWidth,
            pageHeight,
          })),
      );
      page.cleanup();
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** The text of each page, in page order; lines separated by "\n". */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  return (await pdfTextItems(bytes)).map(joinLines);
}

export type PdfInfo = {
  pages: number;
  info: {
    Title?: string;
    Subject?: string;
    Keywords?: string;
    Creator?: string;
    Producer?: string;
    CreationDate?: string;
    [key: string]: unknown;
  };
};

/** The page count and the document information dictionary (Title, Subject, Keywords, Creator…). */
export async function pdfInfo(bytes: Uint8Array): Promise<PdfInfo> {
  const pdf = await open(bytes);
  try {
    const { info } = await pdf.getMetadata();
    return { pages: pdf.numPages, info: info as PdfInfo['info'] };
  } finally {
    await pdf.destroy();
  }
}
