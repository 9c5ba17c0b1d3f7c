import type { ReportDoc } from '../doc.ts';
import { facts } from './blocks.ts';
import { baselineIn, lineHeightOf } from './flow.ts';
import type { Flow } from './flow.ts';
import { drawTlpLabel, generatedLine, TLP_MEANING, tlpText } from './furniture.ts';
import { CONTENT_BOTTOM, CONTENT_W, INK, MARGIN_X, MUTED, SIZE, STRONG_RULE } from './style.ts';
import { placeGrid } from './table.ts';
import type { Rgb } from './style.ts';
import type { TextStyle } from './text.ts';

/**
 * The cover: the markings first (TLP label, classification, the privilege banner in a frame), then
 * what the report is (title, case, reference), who made it and when, the report's id, and the
 * template's summary lines. The note at its foot points to the verification section; its page
 * number is only known once the report is laid out, so it is drawn later (`CoverNote`).
 */

export type CoverNote = { page: number; y: number };

const BANNER_FILL: Rgb = [0.965, 0.965, 0.965];

export function drawCover(flow: Flow, doc: ReportDoc): CoverNote {
  const { meta } = doc;
  const type = flow.type;
  flow.y = 50;

  // Markings.
  const labelSize = 10;
  const labelHeight = labelSize * 1.6;
  const labelWidth = drawTlpLabel(flow.canvas, type, meta.tlp, MARGIN_X, flow.y, labelSize);
  const markStyle: TextStyle = { size: 10, weight: 'bold' };
  const marking = type.wrap(meta.classification, markStyle, CONTENT_W - labelWidth - 12);
  const markLh = lineHeightOf(markStyle.size);
  marking.forEach((line, i) => {
    flow.canvas.text(
      line,
      MARGIN_X + labelWidth + 12,
      flow.y + (i === 0 ? baselineIn(labelHeight, markStyle.size) : baselineIn(labelHeight, markStyle.size) + i * markLh),
      markStyle.size,
      INK,
    );
  });
  flow.y += Math.max(labelHeight, labelHeight + (marking.length - 1) * markLh) + 18;

  if (meta.privilegeBanner) {
    const bannerStyle: TextStyle = { size: 11, weight: 'bold' };
    const pad = 11;
    const lines = type.wrap(meta.privilegeBanner, bannerStyle, CONTENT_W - 2 * pad - 8);
    const lineHeight = lineHeightOf(bannerStyle.size);
    const height = lines.length * lineHeight + 2 * pad;
    flow.ensure(height);
    const top = flow.y;
    flow.canvas.fillRect(MARGIN_X, top, CONTENT_W, height, BANNER_FILL);
    flow.canvas.strokeRect(MARGIN_X, top, CONTENT_W, height, INK, 1.4);
    flow.canvas.strokeRect(MARGIN_X + 3, top + 3, CONTENT_W - 6, height - 6, INK, 0.4);
    lines.forEach((line, i) => {
      flow.canvas.text(
        line,
        MARGIN_X + (CONTENT_W - line.width) / 2,
        top + pad + i * lineHeight + baselineIn(lineHeight, bannerStyle.size),
        bannerStyle.size,
        INK,
      );
    });
    flow.y = top + height;
  }

  // What the report is: the title block sits a third of the way down when there is room.
  flow.y = Math.max(flow.y + 36, 210);
  const titleStyle: TextStyle = { size: 24, weight: 'bold' };
  flow.lines(type.wrap(meta.title, titleStyle, CONTENT_W), MARGIN_X, titleStyle, INK, titleStyle.size * 1.22);
  flow.y += 8;
  const caseStyle: TextStyle = { size: 14, weight: 'regular' };
  flow.lines(type.wrap(meta.caseTitle, caseStyle, CONTENT_W), MARGIN_X, caseStyle, INK, caseStyle.size * 1.3);
  flow.y += 4;
  const refStyle: TextStyle = { size: 10.5, weight: 'regular' };
  flow.lines(type.wrap(`Reference ${meta.reference}`, refStyle, CONTENT_W), MARGIN_X, refStyle, MUTED);
  flow.y += 18;
  flow.canvas.line(MARGIN_X, flow.y, MARGIN_X + CONTENT_W, flow.y, STRONG_RULE, 0.8);
  flow.y += 14;

  const examiner = [meta.examiner, meta.examinerRole].filter((part) => part.trim() !== '').join(', ');
  const rows: Array<[string, string]> = [
    ['Classification', meta.classification],
    ['TLP', `${tlpText(meta.tlp)}: ${TLP_MEANING[meta.tlp]}`],
    ...(meta.privilegeBanner ? [['Privilege', meta.privilegeBanner] as [string, string]] : []),
    ['Examiner', examiner],
    ['Organisation', meta.organisation],
    ['Generated', generatedLine(meta.generatedAt, meta.zone)],
    ['Report ID', meta.reportId],
  ];
  facts(flow, rows);

  if (doc.coverLines.length > 0) {
    flow.y += 16;
    const summaryStyle: TextStyle = { size: SIZE.body, weight: 'bold' };
    flow.ensure(3 * lineHeightOf(SIZE.body));
    flow.lines([type.line('In this report', summaryStyle)], MARGIN_X, summaryStyle, INK);
    flow.y += 2;
    const body: TextStyle = { size: SIZE.body, weight: 'regular' };
    const indent = 12;
    for (const text of doc.coverLines) {
      const lines = type.wrap(text, body, CONTENT_W - indent);
      flow.ensure(Math.min(lines.length, 2) * lineHeightOf(SIZE.body));
      flow.canvas.text(type.line('–', body), MARGIN_X + 1, flow.y + baselineIn(lineHeightOf(SIZE.body), SIZE.body), SIZE.body, MUTED);
      flow.lines(lines, MARGIN_X + indent, body, INK);
      flow.y += 1.5;
    }
  }

  // The note about verification goes at the foot of the cover (or under its content if that is lower).
  const noteHeight = 3 * lineHeightOf(SIZE.small) + 10;
  flow.ensure(noteHeight);
  return { page: flow.canvas.page, y: Math.max(flow.y + 10, CONTENT_BOTTOM - noteHeight) };
}

export function drawCoverNote(flow: Flow, note: CoverNote, verificationNumber: string, verificationPage: number): void {
  flow.canvas.goTo(note.page);
  const style: TextStyle = { size: SIZE.small, weight: 'regular' };
  const text =
    `This report was generated by Custos from the case file. Section ${verificationNumber}, Verification ` +
    `(page ${verificationPage}), records the state of the case it was made from and how to check this report and the case independently.`;
  const lines = flow.type.wrap(text, style, CONTENT_W);
  const lineHeight = lineHeightOf(SIZE.small);
  lines.forEach((line, i) => {
    flow.canvas.text(line, MARGIN_X, note.y + i * lineHeight + baselineIn(lineHeight, SIZE.small), SIZE.small, MUTED);
  });
}


/** Where the brief's title block starts: in the band the running header takes on the pages after. */
const TITLE_BLOCK_TOP = 32;

/**
 * The brief layout's first page has no cover: a compact title block at its top carries what the
 * cover would (the markings, the title, the case, who made it, when, and the report's id), and the
 * sections follow under it. Page 1 has no running header; the markings here stand in for it.
 */
export function drawTitleBlock(flow: Flow, doc: ReportDoc): void {
  const { meta } = doc;
  const type = flow.type;
  flow.y = TITLE_BLOCK_TOP;

  // Markings: the TLP label in its colours and the classification beside it.
  const labelSize = 9;
  const labelHeight = labelSize * 1.6;
  const labelWidth = drawTlpLabel(flow.canvas, type, meta.tlp, MARGIN_X, flow.y, labelSize);
  const markStyle: TextStyle = { size: 9, weight: 'bold' };
  const markLh = lineHeightOf(markStyle.size);
  const marking = type.wrap(meta.classification, markStyle, CONTENT_W - labelWidth - 10);
  marking.forEach((line, i) => {
    const y = flow.y + baselineIn(labelHeight, markStyle.size) + i * markLh;
    flow.canvas.text(line, MARGIN_X + labelWidth + 10, y, markStyle.size, INK);
  });
  flow.y += labelHeight + Math.max(0, marking.length - 1) * markLh + 8;

  if (meta.privilegeBanner) {
    const bannerStyle: TextStyle = { size: 9.5, weight: 'bold' };
    const pad = 5;
    const lines = type.wrap(meta.privilegeBanner, bannerStyle, CONTENT_W - 2 * pad - 6);
    const lineHeight = lineHeightOf(bannerStyle.size);
    const height = lines.length * lineHeight + 2 * pad;
    const top = flow.y;
    flow.canvas.fillRect(MARGIN_X, top, CONTENT_W, height, BANNER_FILL);
    flow.canvas.strokeRect(MARGIN_X, top, CONTENT_W, height, INK, 1);
    lines.forEach((line, i) => {
      const y = top + pad + i * lineHeight + baselineIn(lineHeight, bannerStyle.size);
      flow.canvas.text(line, MARGIN_X + (CONTENT_W - line.width) / 2, y, bannerStyle.size, INK);
    });
    flow.y = top + height + 8;
  }

  const titleStyle: TextStyle = { size: 17, weight: 'bold' };
  flow.lines(type.wrap(meta.title, titleStyle, CONTENT_W), MARGIN_X, titleStyle, INK, titleStyle.size * 1.22);
  flow.y += 1;
  const caseStyle: TextStyle = { size: 11.5, weight: 'regular' };
  flow.lines(type.wrap(meta.caseTitle, caseStyle, CONTENT_W), MARGIN_X, caseStyle, INK, caseStyle.size * 1.3);
  flow.y += 6;

  // Who, when and which report: two label and value pairs a line.
  const label: TextStyle = { size: 7.5, weight: 'regular' };
  const value: TextStyle = { size: 8.5, weight: 'regular' };
  const examiner = [meta.examiner, meta.examinerRole].filter((part) => part.trim() !== '').join(', ');
  const rows: string[][] = [
    ['Reference', meta.reference, '', 'Examiner', examiner],
    ['Organisation', meta.organisation, '', 'Generated', generatedLine(meta.generatedAt, meta.zone)],
    ['Report ID', meta.reportId, '', '', ''],
  ];
  const labelWidth1 = Math.max(...rows.map((r) => type.width(r[0]!, label))) + 8;
  const labelWidth2 = Math.max(...rows.map((r) => type.width(r[3]!, label))) + 8;
  const gutter = 12;
  const values = CONTENT_W - labelWidth1 - labelWidth2 - gutter;
  // The left values hold the report id on one line; the right ones get the rest.
  const left = Math.min(Math.max(type.width(meta.reportId, value) + 2, values * 0.42), values * 0.55);
  placeGrid(
    flow,
    {
      x: MARGIN_X,
      padX: 0,
      padY: 1,
      rowRules: false,
      columns: [
        { width: labelWidth1, style: label, colour: MUTED },
        { width: left, style: value },
        { width: gutter, style: value },
        { width: labelWidth2, style: label, colour: MUTED },
        { width: values - left, style: value },
      ],
    },
    rows,
    lineHeightOf(value.size),
  );
  flow.y += 5;
  flow.canvas.line(MARGIN_X, flow.y, MARGIN_X + CONTENT_W, flow.y, STRONG_RULE, 0.8);
  flow.y += 4;
}
