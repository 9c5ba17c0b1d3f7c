import type { Actor, Head } from '../../../../shared/domain/common.ts';
import type { ReportOptions, ReportPreview } from '../../../../shared/domain/report.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { caseInfo } from '../../services/cases.ts';
import type { Block, ReportDoc } from '../doc.ts';
import { chosenSections, metaOf, verificationOf, withheldLines, withheldNotice } from './common.ts';
import { readSnapshot } from './data.ts';
import type { CaseSnapshot } from './data.ts';
import { cleanAll } from './format.ts';
import { planFor, selectionFor } from './plan.ts';
import { previewOf } from './preview.ts';

export { resolveItemRef } from './refs.ts';

/** What a generation knows that the case does not: who, when, from which head, and the verdict. */
export type ReportContext = {
  reportId: string;
  /** ISO UTC. Also "now" for everything the report counts (time left on a clock, days since…). */
  generatedAt: string;
  examiner: Actor;
  /** The examiner's zone. */
  zone: string;
  head: Head;
  verification: { ok: boolean; lines: string[] };
};

/** The document for a snapshot already read: a pure function of (snapshot, options, context). */
export function docOf(snapshot: CaseSnapshot, options: ReportOptions, context: ReportContext): ReportDoc {
  const chosen = chosenSections(options.kind, options.sections);
  const plan = planFor(selectionFor(snapshot, options), options, context.examiner);
  const withheld = withheldLines(plan, chosen);
  const sections = plan.sections.filter((s) => chosen.has(s.id)).flatMap((s) => s.render({ withheld }));
  // Said at the top, never silently: how much is withheld and where (a referral also says "nothing").
  const top: Block | null =
    withheld.length > 0
      ? withheldNotice(withheld)
      : plan.saysWhenNothingWithheld
        ? { type: 'notice', tone: 'info', text: plan.saysWhenNothingWithheld }
        : null;
  const first = sections[0];
  if (top && first && first.id !== 'withheld') first.blocks = [top, ...first.blocks];
  return cleanAll({
    meta: metaOf(options.kind, snapshot, context, plan),
    ...(plan.layout ? { layout: plan.layout } : {}),
    sections,
    verification: verificationOf(context),
    coverLines: [...plan.coverLines, ...(withheld.length > 0 ? [`Withheld: ${withheld.join('; ')}`] : [])],
  });
}

/**
 * The report the options ask for, as a document the PDF engine lays out. Reads the case through
 * the table modules and services once; audit figures only up to context.head, so a regeneration prints the same.
 */
export function buildReportDoc(caseDb: CaseDb, options: ReportOptions, context: ReportContext): ReportDoc {
  return docOf(readSnapshot(caseDb, context.generatedAt, context.head), options, context);
}

/** Exactly what the report would hold, item by item, and what it withholds. */
export function previewReport(caseDb: CaseDb, options: ReportOptions, asOf: string): ReportPreview {
  return previewOf(readSnapshot(caseDb, asOf, caseInfo(caseDb).head), options);
}
