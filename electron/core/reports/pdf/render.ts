import { jsPDF } from 'jspdf';
import type { ReportDoc } from '../doc.ts';
import { blockUnits, placeBlock, sectionTitle } from './blocks.ts';
import { Canvas } from './canvas.ts';
import { fillContents, layoutContents } from './contents.ts';
import { drawCover, drawCoverNote } from './cover.ts';
import { installFlate } from './flate.ts';
import { finishFonts, registerFonts } from './fonts.ts';
import { Flow, Progress } from './flow.ts';
import { drawFooter, drawHeader } from './furniture.ts';
import { documentIdentity, PLACEHOLDER_DATE, stampInfo } from './metadata.ts';
import { fontNeeds } from './scan.ts';
import { GAP } from './style.ts';
import { Typesetter } from './text.ts';
import { placeVerification } from './verification.ts';

/** Progress of laying a report out: blocks placed of all blocks. */
export type RenderProgress = { done: number; total: number };
export type RenderOptions = { onProgress?: (progress: RenderProgress) => void };
export type RenderedPdf = {
  bytes: Uint8Array;
  pages: number;
  /** The font families embedded: "Noto Sans", and "Noto Sans KR" only when a text run needed it. */
  fonts: string[];
};

export const VERIFICATION_TITLE = 'Verification';

/**
 * Lays a report out as a PDF, in this thread. Deterministic: the same document gives the same
 * bytes (creation date and document id come from doc.meta, nothing from the clock or chance).
 *
 * Order: cover (page 1), contents (its page numbers filled in at the end), the sections, the
 * verification section; then, with the page count known, the header on every page after the
 * cover and the footer with "page X of Y" on every page.
 */
export function renderReportPdf(doc: ReportDoc, options: RenderOptions = {}): RenderedPdf {
  installFlate();
  const identity = documentIdentity(doc.meta);
  const pdf = new jsPDF({ unit: 'pt', format: 'a4', orientation: 'portrait', compress: true, putOnlyUsedFonts: true });
  const fonts = registerFonts(pdf, fontNeeds(doc));
  const type = new Typesetter(fonts);
  const canvas = new Canvas(pdf, fonts);
  const total = doc.sections.reduce((sum, s) => sum + s.blocks.reduce((n, b) => n + blockUnits(b), 1), 2);
  const progress = new Progress(total, options.onProgress);
  const flow = new Flow(canvas, type, progress);

  const coverNote = drawCover(flow, doc);
  progress.tick();
  const entries = [
    ...doc.sections.map((section, i) => ({ number: String(i + 1), title: section.title })),
    { number: String(doc.sections.length + 1), title: VERIFICATION_TITLE },
  ];
  const slots = layoutContents(flow, entries);

  const starts: number[] = [];
  flow.newPage();
  doc.sections.forEach((section, i) => {
    if (section.newPage && !flow.atTop()) flow.newPage();
    else flow.gap(GAP.section);
    starts.push(sectionTitle(flow, entries[i]!.number, section.title));
    section.blocks.forEach((block, b) => {
      if (b > 0 && block.type !== 'pageBreak') flow.gap(GAP.block);
      placeBlock(flow, block);
    });
    progress.tick();
  });
  flow.gap(GAP.section);
  const verificationEntry = entries.at(-1)!;
  starts.push(sectionTitle(flow, verificationEntry.number, VERIFICATION_TITLE));
  placeVerification(flow, doc);

  const pages = canvas.pageCount;
  fillContents(flow, slots, starts);
  drawCoverNote(flow, coverNote, verificationEntry.number, starts.at(-1)!);
  for (let page = 1; page <= pages; page++) {
    canvas.goTo(page);
    if (page > 1) drawHeader(canvas, type, doc.meta);
    drawFooter(canvas, type, doc.meta, page, pages);
  }
  finishFonts(fonts);

  pdf.setProperties(identity.properties);
  pdf.setCreationDate(PLACEHOLDER_DATE);
  pdf.setFileId(identity.fileId);
  const bytes = stampInfo(new Uint8Array(pdf.output('arraybuffer')), identity.creationDate);
  progress.finish();
  return { bytes, pages, fonts: fonts.families };
}
