import type { IndicatorRow } from '../../../../shared/domain/indicator.ts';
import type { Subject } from '../../../../shared/domain/subject.ts';
import { noneText, single, titleOf } from './common.ts';
import type { SectionPlan } from './common.ts';
import { indicatorTable, subjectBlocks } from './parts.ts';
import type { Picked } from './picks.ts';
import type { Selection } from './selection.ts';

/**
 * The subjects and indicators sections, which the counsel report and the referral print alike. They
 * differ only in whether the examiner's free-text notes on a subject go in (counsel: yes; police:
 * never) and in how an empty section is worded ("in the case" or "in this referral").
 */
export function subjectsSection(
  sel: Selection,
  subjects: Picked<Subject>,
  options: { withNotes: boolean; where: string },
): SectionPlan {
  return {
    id: 'subjects',
    title: titleOf('subjects'),
    items: subjects.items,
    render: single('subjects', () =>
      subjects.kept.length === 0
        ? [
            {
              type: 'paragraph',
              text: noneText(sel.snapshot.subjects.length, ['subject', 'subjects'], `No subjects are in ${options.where}.`),
              style: 'muted',
            },
          ]
        : subjects.kept.flatMap((x) => subjectBlocks(sel, x, options.withNotes)),
    ),
  };
}

export function indicatorsSection(sel: Selection, indicators: Picked<IndicatorRow>, where: string): SectionPlan {
  return {
    id: 'indicators',
    title: titleOf('indicators'),
    items: indicators.items,
    render: single('indicators', () => [
      indicatorTable(
        sel,
        indicators.kept,
        noneText(sel.snapshot.indicators.length, ['indicator', 'indicators'], `No indicators are in ${where}.`),
      ),
    ]),
  };
}
