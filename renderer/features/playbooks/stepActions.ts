import { SETTLED_STATES } from '../../../shared/domain/playbook.ts';
import type { RunStep } from '../../../shared/domain/playbook.ts';

/** What a person can do to a step of a checklist from its row. */
export type StepAction = 'start' | 'done' | 'skipped' | 'blocked' | 'not_applicable' | 'assign' | 'reopen';

/** The backend's reason for a step an answer set aside; changing the answer is what brings it back. */
const BRANCH_NOT_TAKEN = 'Branch not taken';

export const isSettled = (step: RunStep): boolean => SETTLED_STATES.includes(step.state);

/** A step only another answer to a question leads to: nothing to do on it but change that answer. */
export const isSetAside = (step: RunStep): boolean =>
  step.state === 'not_applicable' && step.reason.startsWith(BRANCH_NOT_TAKEN);

/**
 * The actions a checklist step's row offers, in the order shown. A settled step can only be
 * reopened: its record (when, by whom) is not rewritten by assigning it afterwards.
 */
export function checklistActions(step: RunStep): StepAction[] {
  if (step.kind === 'decision' || isSetAside(step)) return [];
  switch (step.state) {
    case 'pending':
      return ['start', 'done', 'skipped', 'blocked', 'not_applicable', 'assign'];
    case 'in_progress':
      return ['done', 'skipped', 'blocked', 'not_applicable', 'assign', 'reopen'];
    case 'blocked':
      return ['start', 'done', 'skipped', 'not_applicable', 'assign', 'reopen'];
    default:
      return ['reopen'];
  }
}

/** The letter keys a focused row answers to, and the form each opens. */
export const ACTION_KEYS: Readonly<Record<string, 'done' | 'skipped' | 'blocked' | 'not_applicable'>> = {
  d: 'done',
  s: 'skipped',
  b: 'blocked',
  n: 'not_applicable',
};
