import type { EvidenceItem } from '../../../../shared/domain/evidence.ts';
import type { ExtortionDemand, ExtortionMessage } from '../../../../shared/domain/extortion.ts';
import type { IndicatorRow } from '../../../../shared/domain/indicator.ts';
import type { Subject } from '../../../../shared/domain/subject.ts';
import type { TimelineEvent } from '../../../../shared/domain/timeline.ts';
import { pick } from './common.ts';
import type { ItemPlan } from './common.ts';
import { demandLabel, eventLabel, exhibitLabel, indicatorLabel, messageLabel, subjectLabel } from './parts.ts';
import type { Selection } from './selection.ts';

/**
 * The records of each kind a report prints, minus what the examiner left out, with the preview's
 * line for each. Every template picks through these, so a kind is left out the same way everywhere.
 * `list` narrows the kind (the demands that name a payment, say); by default it is all of them.
 */

export type Picked<T> = { kept: T[]; items: ItemPlan[] };

export const pickEvents = (sel: Selection, list: readonly TimelineEvent[] = sel.snapshot.events): Picked<TimelineEvent> =>
  pick(list, { excluded: sel.excluded, ref: (e) => `event:${e.id}`, label: eventLabel, noun: ['event', 'events'] });

export const pickSubjects = (sel: Selection, list: readonly Subject[] = sel.snapshot.subjects): Picked<Subject> =>
  pick(list, { excluded: sel.excluded, ref: (x) => `subject:${x.id}`, label: subjectLabel, noun: ['subject', 'subjects'] });

export const pickIndicators = (
  sel: Selection,
  list: readonly IndicatorRow[] = sel.snapshot.indicators,
): Picked<IndicatorRow> =>
  pick(list, {
    excluded: sel.excluded,
    ref: (i) => `indicator:${i.id}`,
    label: indicatorLabel,
    noun: ['indicator', 'indicators'],
  });

export const pickExhibits = (
  sel: Selection,
  list: readonly EvidenceItem[] = sel.snapshot.evidence,
  label: (item: EvidenceItem) => string = exhibitLabel,
): Picked<EvidenceItem> =>
  pick(list, { excluded: sel.excluded, ref: (i) => `evidence:${i.id}`, label, noun: ['exhibit', 'exhibits'] });

export const pickMessages = (
  sel: Selection,
  list: readonly ExtortionMessage[] = sel.snapshot.extortion.messages,
): Picked<ExtortionMessage> =>
  pick(list, {
    excluded: sel.excluded,
    ref: (m) => `message:${m.id}`,
    label: messageLabel,
    noun: ['extortion message', 'extortion messages'],
  });

export const pickDemands = (
  sel: Selection,
  list: readonly ExtortionDemand[] = sel.snapshot.extortion.demands,
): Picked<ExtortionDemand> =>
  pick(list, { excluded: sel.excluded, ref: (d) => `demand:${d.id}`, label: demandLabel, noun: ['demand', 'demands'] });
