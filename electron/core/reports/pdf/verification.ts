import type { ReportDoc } from '../doc.ts';
import { factsGrid, paragraph, placeBlock } from './blocks.ts';
import { baselineIn, lineHeightOf } from './flow.ts';
import type { Flow } from './flow.ts';
import { CONTENT_H, CONTENT_W, GAP, INK, MARGIN_X, MUTED, SIZE } from './style.ts';
import { gridHeight, placeGrid } from './table.ts';
import type { Grid } from './table.ts';
import type { TextStyle } from './text.ts';

/**
 * The verification section, always last: the audit head the report was made from, the verdict of
 * the full verification run just before, the report's own id, and how to check it all without
 * Custos's word for it.
 */

const BODY: TextStyle = { size: SIZE.body, weight: 'regular' };
const BODY_LH = lineHeightOf(SIZE.body);

/** Items with a marker ("1.", "•") hanging in the margin of the text. */
const LIST_INDENT = 16;

/** A list's height laid out in one piece. */
function listHeight(flow: Flow, items: string[]): number {
  return items.reduce((sum, item) => sum + flow.type.wrap(item, BODY, CONTENT_W - LIST_INDENT).length * BODY_LH + 2, 0);
}

function list(flow: Flow, items: string[], marker: (index: number) => string): void {
  const indent = LIST_INDENT;
  items.forEach((item, index) => {
    const lines = flow.type.wrap(item, BODY, CONTENT_W - indent);
    flow.ensure(Math.min(lines.length, 2) * BODY_LH);
    flow.canvas.text(
      flow.type.line(marker(index), BODY),
      MARGIN_X,
      flow.y + baselineIn(BODY_LH, SIZE.body),
      SIZE.body,
      MUTED,
    );
    flow.lines(lines, MARGIN_X + indent, BODY, INK, BODY_LH);
    flow.y += 2;
  });
}

/** A subheading kept with its list: the whole list when it fits on a page (they are short), else three lines. */
function subheading(flow: Flow, text: string, list: string[]): void {
  const style: TextStyle = { size: SIZE.heading, weight: 'bold' };
  flow.gap(GAP.block + 4);
  const own = lineHeightOf(style.size) + 2;
  const whole = listHeight(flow, list);
  flow.ensure(own + (own + whole <= CONTENT_H ? whole : 3 * BODY_LH));
  flow.lines(flow.type.wrap(text, style, CONTENT_W), MARGIN_X, style, INK, lineHeightOf(style.size));
  flow.y += 2;
}

export function placeVerification(flow: Flow, doc: ReportDoc): void {
  const v = doc.verification;
  paragraph(
    flow,
    'This report was generated from the case at the audit head below, right after a full verification of the case file. ' +
      'Anyone holding the case file can check both without relying on this report.',
  );
  flow.y += GAP.block;
  const plain: Array<[string, string]> = [
    ['Audit head sequence', String(v.headSeq)],
    ['Verification before generating', v.verifiedOk ? 'Passed' : 'FAILED: the case file did not verify (see below)'],
  ];
  const hashes: Array<[string, string]> = [
    ['Audit head hash', v.headHash],
    ['Report ID', doc.meta.reportId],
  ];
  const grid = factsGrid(
    flow,
    [...plain, ...hashes].map(([label]) => label),
  );
  placeGrid(flow, grid, plain, BODY_LH);
  const monoGrid = {
    ...grid,
    columns: [grid.columns[0]!, { ...grid.columns[1]!, style: { size: SIZE.small, weight: 'regular' as const, mono: true } }],
  };
  placeGrid(flow, monoGrid, hashes, BODY_LH);

  if (!v.verifiedOk) {
    flow.y += GAP.block;
    placeBlock(flow, {
      type: 'notice',
      tone: 'warning',
      text: 'The verification run just before this report was generated found problems with the case file. What it found is listed below; treat the content of this report accordingly.',
    });
  }
  if (v.verifyLines.length > 0) {
    subheading(flow, 'Verification run', v.verifyLines);
    list(flow, v.verifyLines, () => '•');
  }
  if (v.howToCheck.length > 0) {
    subheading(flow, 'How to check independently', v.howToCheck);
    list(flow, v.howToCheck, (i) => `${i + 1}.`);
  }
}

/** A check's line without its particulars: "Schema: pass (67 objects …)" → "Schema: pass". */
const headline = (line: string) => line.replace(/\s*\(.*\)\s*$/, '');

type BriefPart = { grid: Grid; rows: Array<[string, string]> };

/** The compact block's label and value rows, in the grids they are drawn with (hashes in mono). */
function briefParts(flow: Flow, doc: ReportDoc): { parts: BriefPart[]; how: string; lineHeight: number } {
  const v = doc.verification;
  const [first, ...rest] = v.verifyLines;
  const verdict = v.verifiedOk
    ? ['Passed', first, rest.length > 0 ? rest.map(headline).join(' · ') : ''].filter(Boolean).join(' — ')
    : 'FAILED: the case file did not verify (see below)';
  const size = SIZE.small;
  const sequence: Array<[string, string]> = [['Audit head sequence', String(v.headSeq)]];
  const hashes: Array<[string, string]> = [
    ['Audit head hash', v.headHash],
    ['Report ID', doc.meta.reportId],
  ];
  const verdictRows: Array<[string, string]> = [['Verification before generating', verdict]];
  const labels = [...sequence, ...hashes, ...verdictRows].map(([label]) => label);
  const plain = { ...factsGrid(flow, labels, { size }), padY: 1.5 };
  const mono = {
    ...plain,
    columns: [plain.columns[0]!, { ...plain.columns[1]!, style: { size, weight: 'regular' as const, mono: true } }],
  };
  return {
    parts: [
      { grid: plain, rows: sequence },
      { grid: mono, rows: hashes },
      { grid: plain, rows: verdictRows },
    ],
    how: v.howToCheckBriefly ?? v.howToCheck.join(' '),
    lineHeight: lineHeightOf(size),
  };
}

/** The compact block's height, so its title can be kept with all of it (it is never split). */
export function verificationBriefHeight(flow: Flow, doc: ReportDoc): number {
  const { parts, how, lineHeight } = briefParts(flow, doc);
  const grids = parts.reduce((sum, part) => sum + gridHeight(flow, part.grid, part.rows, lineHeight), 0);
  const howLines = how === '' ? 0 : flow.type.wrap(how, { size: SIZE.small, weight: 'regular' }, CONTENT_W).length;
  return grids + (howLines > 0 ? 4 + howLines * lineHeight : 0);
}

/**
 * The brief layout's verification block: the same facts in a few lines. The head (sequence and
 * full hash), the report's id, the verdict with the first line of the run in full and the other
 * checks by their headline, and one line on how to check. A run that failed is printed in full
 * under a warning: the brevity of the brief never hides a problem.
 */
export function placeVerificationBrief(flow: Flow, doc: ReportDoc): void {
  const v = doc.verification;
  const { parts, how, lineHeight } = briefParts(flow, doc);
  for (const part of parts) placeGrid(flow, part.grid, part.rows, lineHeight);
  if (!v.verifiedOk) {
    flow.y += GAP.block;
    placeBlock(flow, {
      type: 'notice',
      tone: 'warning',
      text: `The verification run just before this report was generated found problems with the case file; treat the content of this report accordingly:\n${v.verifyLines.join('\n')}`,
    });
  }
  if (how !== '') {
    flow.y += 4;
    paragraph(flow, how, 'muted', MARGIN_X, CONTENT_W, SIZE.small);
  }
}
