import { SETTLED_STATES } from '../../../../shared/domain/playbook.ts';
import type { AccessItem, RunDetail, RunStep } from '../../../../shared/domain/playbook.ts';
import type { Block } from '../doc.ts';
import { orDash, short, utcText, when, words } from './format.ts';
import type { Selection } from './selection.ts';

/**
 * Playbook runs as reports print them: progress, the step record, the access inventory, and each
 * step's proof named the way this report may name it (a privileged note is never quoted outside
 * the counsel report; an exhibit left out is not named at all).
 */

export const STATE_WORDS: Record<RunStep['state'], string> = {
  pending: 'Pending',
  in_progress: 'In progress',
  done: 'Done',
  skipped: 'Skipped',
  blocked: 'Blocked',
  not_applicable: 'Not applicable',
  observed: 'Observed',
  not_observed: 'Not observed',
  unknown: 'Unknown',
};

export const ACCESS_WORDS: Record<AccessItem['status'], string> = {
  active: 'Still active',
  revoked: 'Revoked',
  verified_dead: 'Verified dead',
  not_applicable: 'Not applicable',
};

export type Progress = { settled: number; total: number; overdue: number };

export function progressOf(run: RunDetail): Progress {
  return {
    settled: run.steps.filter((s) => SETTLED_STATES.includes(s.state)).length,
    total: run.steps.length,
    overdue: run.steps.filter((s) => s.overdue).length,
  };
}

export const progressText = (p: Progress): string =>
  `${p.settled} of ${p.total} steps settled${p.overdue > 0 ? `, ${p.overdue} overdue` : ''}`;

/** A step's proof as this report may print it; `quoteNotes`: a note's first words (counsel only). */
export function proofText(sel: Selection, step: RunStep, quoteNotes: boolean): string {
  const s = sel.snapshot;
  return step.proof
    .flatMap((p) => {
      if (p.targetType === 'evidence_item') return sel.exhibitLabel(p.targetId) || [];
      if (p.targetType === 'note') {
        const note = s.notes.find((n) => n.id === p.targetId);
        if (!note || sel.out('note', note.id)) return [];
        if (note.privileged) return quoteNotes ? `Privileged note: ${short(note.body, 60)}` : 'A privileged note';
        return `Note: ${short(note.body, 60)}`;
      }
      const event = s.events.find((e) => e.id === p.targetId);
      return event && !sel.out('event', event.id) ? `Event: ${short(event.title, 80)}` : [];
    })
    .join('; ');
}

/** Who did it and when, or why not: "Done 2026-… UTC (…) by Dana Whitfield", "Skipped: reason". */
export function stepRecord(step: RunStep): string {
  const done = step.doneAt ? ` ${when(step.doneAt, step.doneZone)}` : '';
  const by = step.doneBy ? ` by ${step.doneBy}` : '';
  const why = step.reason ? `: ${step.reason}` : '';
  const order = step.outOfOrder ? ' (out of order)' : '';
  return `${STATE_WORDS[step.state] ?? step.state}${done}${by}${order}${why}`;
}

export function stepsTable(sel: Selection, run: RunDetail, quoteNotes: boolean): Block {
  return {
    type: 'table',
    columns: [
      { title: 'Code', width: 6 },
      { title: 'Step', width: 22 },
      { title: 'Role', width: 13 },
      { title: 'Due (UTC)', width: 11 },
      { title: 'Record', width: 20 },
      { title: 'Outcome', width: 15 },
      { title: 'Proof', width: 13 },
    ],
    rows: run.steps.map((step) => [
      step.code,
      `${step.name}${step.kind === 'decision' ? ' (question)' : ''}`,
      step.role,
      `${utcText(step.dueAt)}${step.overdue ? ' OVERDUE' : ''}`,
      stepRecord(step),
      step.outcome,
      proofText(sel, step, quoteNotes),
    ]),
    empty: 'This run has no steps.',
  };
}

export function accessTable(sel: Selection, items: readonly AccessItem[], blank = false): Block {
  const by = sel.snapshot.accessChangedBy;
  return {
    type: 'table',
    columns: [
      { title: 'System', width: 12 },
      { title: 'Account, key or device', width: 20, mono: true },
      { title: 'Category', width: 10 },
      { title: 'Owner', width: 11 },
      { title: 'Status', width: 10 },
      { title: 'Revoked at', width: 12 },
      { title: 'Verified dead at', width: 12 },
      { title: 'By', width: 12 },
      { title: 'Proof', width: 8 },
    ],
    rows: items.map((item) =>
      blank
        ? [item.system, item.identifier, item.category, item.owner, '', '', '', '', '']
        : [
            item.system,
            item.identifier,
            item.category,
            item.owner,
            ACCESS_WORDS[item.status] ?? words(item.status),
            when(item.revokedAt),
            when(item.verifiedAt),
            item.status === 'active' ? '' : orDash(by.get(item.id)),
            sel.exhibit(item.proofItemId),
          ],
    ),
    empty: 'No accounts, keys or devices are in the access inventory.',
  };
}

/** The access items of a run (items logged when a case had no single run belong to none). */
export const accessOf = (sel: Selection, runId: string | null): AccessItem[] =>
  sel.snapshot.access.filter((a) => a.runId === runId);
