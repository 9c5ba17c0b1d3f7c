import { REPORT_KIND_LABELS } from '../../../../shared/domain/report.ts';
import type { PreviewItem, ReportOptions, ReportPreview } from '../../../../shared/domain/report.ts';
import { chosenSections, withheldCounts } from './common.ts';
import type { ItemPlan } from './common.ts';
import type { CaseSnapshot } from './data.ts';
import { cleanAll } from './format.ts';
import { planFor, selectionFor } from './plan.ts';

/**
 * What a report would hold, before it is generated: every section of the kind (chosen or not), its
 * items with the ref to leave each out, and what is withheld and why. Made from the same plan as
 * the document, so an item the preview says is in is in, and one it says is out is nowhere.
 */

/** The most items a section lists; the rest are counted in `more`. */
export const PREVIEW_LIMIT = 200;

/** The preview does not know who will generate the report; the referral's intake names them then. */
const SOMEONE = { name: 'the examiner', role: 'examiner', organisation: "the examiner's organisation" };

const previewItem = (item: ItemPlan, chosen: boolean): PreviewItem => ({
  ref: item.ref,
  label: item.label,
  included: chosen && item.included,
  ...(chosen ? (item.reason ? { reason: item.reason } : {}) : { reason: item.reason ?? 'section left out' }),
});

export function previewOf(snapshot: CaseSnapshot, options: ReportOptions): ReportPreview {
  const chosen = chosenSections(options.kind, options.sections);
  const plan = planFor(selectionFor(snapshot, options), options, SOMEONE);
  return cleanAll({
    kind: options.kind,
    title: REPORT_KIND_LABELS[options.kind],
    sections: plan.sections.map((section) => ({
      id: section.id,
      title: section.title,
      included: chosen.has(section.id),
      items: section.items.slice(0, PREVIEW_LIMIT).map((item) => previewItem(item, chosen.has(section.id))),
      more: Math.max(0, section.items.length - PREVIEW_LIMIT),
    })),
    withheld: withheldCounts(plan, chosen),
  });
}
