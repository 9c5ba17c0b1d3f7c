import { jsPDF } from 'jspdf';
import type { ReportDoc } from '../doc.ts';
import { blockGap, blockUnits, keepFor, leadHeight, placeBlock, sectionTitle } from './blocks.ts';
import { Canvas } from './canvas.ts';
import { fillContents, layoutContents } from './contents.ts';
import { drawCover, drawCoverNote, drawTitleBlock } from './cover.ts';
import type { CoverNote } from './cover.ts';
import { installFlate } from './flate.ts';
import { finishFonts, registerFonts } from './fonts.ts';
import { Flow, Progress } from './flow.ts';
import { drawFooter, drawHeader } from './furniture.ts';
import { documentIdentity, PLACEHOLDER_DATE, stampInfo } from './metadata.ts';
import { fontNeeds } from './scan.ts';
import { BRIEF, GAP } from './style.ts';
import { Typesetter } from './text.ts';
import { placeVerification, placeVerificationBrief, verificationBriefHeight } from './verification.ts';

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
 * cover and the footer with "page X of Y" on every page. The brief layout has neither cover nor
 * contents: a title block heads page 1, the sections follow it, and the verification block is
 * compact.
 */
export function renderReportPdf(doc: ReportDoc, options: RenderOptions = {}): RenderedPdf {
  installFlate();
  const identity = documentIdentity(doc.meta);
  const brief = doc.layout === 'brief';
  const pdf = new jsPDF({ unit: 'pt', format: 'a4', orientation: 'portrait', compress: true, putOnlyUsedFonts: true });
  const fonts = registerFonts(pdf, fontNeeds(doc));
  const type = new Typesetter(fonts);
  const canvas = new Canvas(pdf, fonts);
  const total = doc.sections.reduce((sum, s) => sum + s.blocks.reduce((n, b) => n + blockUnits(b), 1), 2);
  const progress = new Progress(total, options.onProgress);
  const flow = new Flow(canvas, type, progress, brief);

  const entries = [
    ...doc.sections.map((section, i) => ({ number: String(i + 1), title: section.title })),
    { number: String(doc.sections.length + 1), title: VERIFICATION_TITLE },
  ];
  let front: { coverNote: CoverNote; slots: ReturnType<typeof layoutContents> } | null = null;
  if (brief) {
    drawTitleBlock(flow, doc);
    progress.tick();
  } else {
    const coverNote = drawCover(flow, doc);
    progress.tick();
    front = { coverNote, slots: layoutContents(flow, entries) };
    flow.newPage();
  }

  const sectionGap = brief ? BRIEF.section : GAP.section;
  const starts: number[] = [];
  doc.sections.forEach((section, i) => {
    flow.dense = brief || section.dense === true;
    if (section.newPage && !flow.atTop()) flow.newPage();
    else flow.gap(sectionGap);
    starts.push(sectionTitle(flow, entries[i]!.number, section.title, leadHeight(flow, section.blocks, 0)));
    section.blocks.forEach((block, b) => {
      if (b > 0 && block.type !== 'pageBreak') flow.gap(blockGap(flow));
      // A heading is kept with the start of the block under it (a table's header and first row…).
      placeBlock(flow, block, block.type === 'heading' ? keepFor(flow, section.blocks, b + 1) : undefined);
    });
    progress.tick();
  });
  flow.dense = brief;
  flow.gap(sectionGap);
  const verificationEntry = entries.at(-1)!;
  // Kept with the start of what the block prints (its first lines and the head); the brief's
  // compact block, a few lines, is kept whole.
  const keep = brief ? verificationBriefHeight(flow, doc) : 90;
  starts.push(sectionTitle(flow, verificationEntry.number, VERIFICATION_TITLE, keep));
  if (brief) placeVerificationBrief(flow, doc);
  else placeVerification(flow, doc);

  const pages = canvas.pageCount;
  if (front) {
    fillContents(flow, front.slots, starts);
    drawCoverNote(flow, front.coverNote, verificationEntry.number, starts.at(-1)!);
  }
  for (let page = 1; page <= pages; page++) {
    canvas.goTo(page);
    // Page 1 is the cover, or in the brief layout carries the markings in its title block.
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
