import type { ClockStatus, ClockView } from '../../../../shared/domain/clock.ts';
import { timeLeft } from '../../../../shared/logic/deadlines.ts';
import type { Block } from '../doc.ts';
import { enteredText, orDash, utcText, when } from './format.ts';
import type { Selection } from './selection.ts';

/**
 * Notification clocks as a report prints them: the status as of the report's time (the context's
 * generatedAt, never the clock of the machine laying it out), the deadline and the submissions.
 */

export const STATUS_WORDS: Record<ClockStatus, string> = {
  off: 'Not switched on',
  'not-started': 'Not started',
  'no-fixed-time': 'Without undue delay',
  running: 'Running',
  'due-soon': 'Due soon',
  overdue: 'OVERDUE',
  submitted: 'Submitted',
  'submitted-late': 'Submitted late',
};

/** The clocks a case has: switched on, or with a submission recorded. */
export const caseClocks = (sel: Selection): ClockView[] =>
  sel.snapshot.clocks.clocks.filter((c) => c.applies || c.submissions.length > 0);

/** "OVERDUE by 2 h", "in 2 d 12 h", or '' when no deadline runs. */
export function leftText(clock: ClockView, now: string): string {
  if (!clock.dueAt || !['running', 'due-soon', 'overdue'].includes(clock.status)) return '';
  return timeLeft(clock.dueAt, new Date(now));
}

export const clockName = (c: ClockView): string => `${c.rule.regime}: ${c.rule.name}`;

export function clocksTable(sel: Selection, clocks: readonly ClockView[]): Block {
  const now = sel.snapshot.now;
  return {
    type: 'table',
    columns: [
      { title: 'Clock', width: 24 },
      { title: `Status at ${utcText(now)} UTC`, width: 12 },
      { title: 'Starts from', width: 18 },
      { title: 'Due', width: 18 },
      { title: 'Time left', width: 10 },
      { title: 'To', width: 18 },
    ],
    rows: clocks.map((c) => [
      clockName(c),
      STATUS_WORDS[c.status] ?? c.status,
      c.startedAt ? `${c.startsFrom}: ${when(c.startedAt, c.triggerZone ?? sel.snapshot.clocks.zone)}` : c.startsFrom,
      c.dueAt ? when(c.dueAt, sel.snapshot.clocks.zone) : c.startedAt ? 'No fixed time' : '',
      leftText(c, now),
      c.rule.recipient,
    ]),
    empty: 'No notification clock is switched on for this case.',
  };
}

export function submissionsTable(sel: Selection, clocks: readonly ClockView[]): Block {
  return {
    type: 'table',
    columns: [
      { title: 'Clock', width: 22 },
      { title: 'Submitted (UTC)', width: 12 },
      { title: 'As entered', width: 14 },
      { title: 'Recipient', width: 16 },
      { title: 'Reference', width: 14 },
      { title: 'Proof', width: 8 },
      { title: 'Recorded by', width: 12 },
    ],
    rows: clocks.flatMap((c) =>
      c.submissions.map((s, i) => [
        `${clockName(c)}${i > 0 ? ' (update)' : ''}`,
        utcText(s.submittedAt),
        enteredText(s.submittedAt, s.zone),
        orDash(s.recipient),
        orDash(s.reference),
        sel.exhibit(s.proofItemId),
        s.recordedBy,
      ]),
    ),
    empty: 'No submission is recorded.',
  };
}
