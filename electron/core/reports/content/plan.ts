import type { Actor } from '../../../../shared/domain/common.ts';
import type { ReportOptions } from '../../../../shared/domain/report.ts';
import { checklistPlan } from './checklist.ts';
import type { KindPlan } from './common.ts';
import { counselPlan } from './counsel.ts';
import { custodyPlan } from './custody.ts';
import type { CaseSnapshot } from './data.ts';
import { executivePlan } from './executive.ts';
import { lawEnforcementPlan } from './lawEnforcement.ts';
import { selectionOf } from './selection.ts';
import type { Selection } from './selection.ts';

/**
 * The one place a report's content is decided: the kind's plan of its sections, item by item, over
 * the snapshot and what the examiner left out. The document and the preview are both made from it.
 */

/** The ref of every record in the snapshot that can be left out. */
function knownRefs(s: CaseSnapshot): Set<string> {
  return new Set([
    ...s.events.map((e) => `event:${e.id}`),
    ...s.notes.map((n) => `note:${n.id}`),
    ...s.evidence.map((i) => `evidence:${i.id}`),
    ...s.subjects.map((x) => `subject:${x.id}`),
    ...s.indicators.map((i) => `indicator:${i.id}`),
    ...s.extortion.messages.map((m) => `message:${m.id}`),
    ...s.extortion.demands.map((d) => `demand:${d.id}`),
  ]);
}

/**
 * The selection for these options. An item to leave out that the case no longer holds (removed
 * since the examiner ticked it) is not printed anyway, so it is passed over; the command line
 * refuses a typo before it gets here (refs.ts).
 */
export function selectionFor(snapshot: CaseSnapshot, options: ReportOptions): Selection {
  const known = knownRefs(snapshot);
  return selectionOf(
    snapshot,
    options.exclude.filter((ref) => known.has(ref)),
  );
}

export function planFor(sel: Selection, options: ReportOptions, examiner: Actor): KindPlan {
  switch (options.kind) {
    case 'counsel':
      return counselPlan(sel);
    case 'law-enforcement':
      return lawEnforcementPlan(sel, options, examiner);
    case 'executive':
      return executivePlan(sel);
    case 'custody':
      return custodyPlan(sel);
    case 'checklist':
      return checklistPlan(sel, options);
  }
}
