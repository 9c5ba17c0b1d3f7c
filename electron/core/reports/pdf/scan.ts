import type { ReportDoc } from '../doc.ts';
import type { SansWeight } from './fonts.ts';
import { needsKr } from './runs.ts';

/**
 * Which faces a report needs, read from its text before anything is drawn: Noto Sans KR (regular,
 * bold or both) only when some text drawn in that weight has Hangul, so a Latin-only report embeds
 * Noto Sans alone. Text that may be drawn in either weight (a section title is bold in the body and
 * regular in the contents) is counted for both.
 */
export function fontNeeds(doc: ReportDoc): { kr: Record<SansWeight, boolean> } {
  const kr = { regular: false, bold: false };
  const see = (text: string | null | undefined, ...weights: SansWeight[]) => {
    if (!text || weights.every((w) => kr[w])) return;
    if (needsKr(text)) for (const weight of weights) kr[weight] = true;
  };
  const { meta } = doc;
  see(meta.title, 'bold');
  see(meta.caseTitle, 'regular');
  see(meta.reference, 'regular');
  see(meta.classification, 'regular', 'bold');
  see(meta.privilegeBanner, 'regular', 'bold');
  see(meta.examiner, 'regular');
  see(meta.examinerRole, 'regular');
  see(meta.organisation, 'regular');
  see(meta.zone, 'regular');
  see(meta.reportId, 'regular');
  for (const line of doc.coverLines) see(line, 'regular');
  for (const section of doc.sections) {
    see(section.title, 'regular', 'bold');
    for (const block of section.blocks) {
      switch (block.type) {
        case 'heading':
          see(block.text, 'bold');
          break;
        case 'paragraph':
          see(block.text, block.style === 'bold' ? 'bold' : 'regular');
          break;
        case 'facts':
          for (const [label, value] of block.rows) {
            see(label, 'bold');
            see(value, 'regular');
          }
          break;
        case 'table':
          for (const column of block.columns) see(column.title, 'bold');
          see(block.empty, 'regular');
          for (const row of block.rows) for (const cell of row) see(cell, 'regular');
          break;
        case 'notice':
          see(block.text, 'regular');
          break;
        case 'signatures':
          for (const role of block.roles) see(role, 'bold');
          break;
        case 'checklist':
          for (const item of block.items) {
            see(item.text, 'regular');
            see(item.detail, 'regular');
          }
          break;
        case 'chart':
          for (const lane of block.lanes) see(lane.label, 'regular');
          see(block.caption, 'regular');
          break;
        case 'pageBreak':
          break;
      }
    }
  }
  const v = doc.verification;
  see(v.headHash, 'regular');
  for (const line of [...v.verifyLines, ...v.howToCheck]) see(line, 'regular');
  return { kr };
}
