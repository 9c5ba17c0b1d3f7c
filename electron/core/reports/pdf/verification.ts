import type { ReportDoc } from '../doc.ts';
import { factsGrid, paragraph, placeBlock } from './blocks.ts';
import { baselineIn, lineHeightOf } from './flow.ts';
import type { Flow } from './flow.ts';
import { CONTENT_W, GAP, INK, MARGIN_X, MUTED, SIZE } from './style.ts';
import { placeGrid } from './table.ts';
import type { TextStyle } from './text.ts';

/**
 * The verification section, always last: the audit head the report was made from, the verdict of
 * the full verification run just before, the report's own id, and how to check it all without
 * Custos's word for it.
 */

const BODY: TextStyle = { size: SIZE.body, weight: 'regular' };
const BODY_LH = lineHeightOf(SIZE.body);

/** Items with a marker ("1.", "•") hanging in the margin of the text. */
function list(flow: Flow, items: string[], marker: (index: number) => string): void {
  const indent = 16;
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

function subheading(flow: Flow, text: string): void {
  const style: TextStyle = { size: SIZE.heading, weight: 'bold' };
  flow.gap(GAP.block + 4);
  flow.ensure(lineHeightOf(style.size) + 3 * BODY_LH);
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
    subheading(flow, 'Verification run');
    list(flow, v.verifyLines, () => '•');
  }
  if (v.howToCheck.length > 0) {
    subheading(flow, 'How to check independently');
    list(flow, v.howToCheck, (i) => `${i + 1}.`);
  }
}
