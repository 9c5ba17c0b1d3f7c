import { z } from 'zod';
import { Head } from './common.ts';
import { CLOCK_STATUSES } from './clock.ts';

/**
 * The case at a glance (the Overview dashboard and the integrity state in the case header): what a
 * responder asks first. Computed on every read from the case (and the examiner's own verification
 * log, kept outside the case: reading never changes the case), never stored.
 */

/** Where the latest whole-case verification came from: a check run on its own, or one a report, export or package made. */
export const VERIFICATION_SOURCES = ['app', 'cli', 'report', 'export', 'package'] as const;

export const LastVerification = z.object({
  /** When it finished (UTC). */
  at: z.string(),
  by: z.string(),
  /** The head it verified: an entry of THIS case's log (a logged head another copy reached is ignored). */
  head: Head,
  ok: z.boolean(),
  /** "intact", or what failed first, as the verdict said it. */
  summary: z.string(),
  source: z.enum(VERIFICATION_SOURCES),
});
export type LastVerification = z.infer<typeof LastVerification>;

/** A flagged exhibit and why (see shared/logic/flagReason.ts: not every flag means changed bytes). */
export const FlaggedExhibit = z.object({
  id: z.string(),
  exhibit: z.string(),
  description: z.string(),
  /** True when its latest check found its bytes changed or gone. */
  failed: z.boolean(),
  reason: z.string(),
});
export type FlaggedExhibit = z.infer<typeof FlaggedExhibit>;

export const IntegrityState = z.object({
  /** never: no verification of this case is known; ok / failed: the latest one's verdict. */
  status: z.enum(['never', 'ok', 'failed']),
  last: LastVerification.nullable(),
  /** The case's head now. */
  head: Head,
  /** Audit entries after the verified head that changed the case (recording a report or export does not). */
  changesSince: z.number().int().nonnegative(),
  /** Every audit entry after the verified head, outputs included. */
  entriesSince: z.number().int().nonnegative(),
  /** Logged verifications left out because their head is not an entry of this case (another copy). */
  otherCopies: z.number().int().nonnegative(),
  flagged: z.array(FlaggedExhibit),
});
export type IntegrityState = z.infer<typeof IntegrityState>;

export const OverviewCounts = z.object({
  events: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
  exhibits: z.number().int().nonnegative(),
  flagged: z.number().int().nonnegative(),
  holdsInForce: z.number().int().nonnegative(),
  subjects: z.number().int().nonnegative(),
  indicators: z.number().int().nonnegative(),
});
export type OverviewCounts = z.infer<typeof OverviewCounts>;

/** An exhibit out of the organisation's hands: handed over (to the police, say) or returned. */
export const ExhibitAway = z.object({
  id: z.string(),
  exhibit: z.string(),
  description: z.string(),
  state: z.enum(['transferred', 'returned']),
  holder: z.string(),
  since: z.string().nullable(),
  /** "with DC Ruiz, Metropolitan Police, since 2026-11-03 15:00 UTC". */
  text: z.string(),
});
export type ExhibitAway = z.infer<typeof ExhibitAway>;

export const CustodySummary = z.object({
  held: z.number().int().nonnegative(),
  transferred: z.number().int().nonnegative(),
  returned: z.number().int().nonnegative(),
  disposed: z.number().int().nonnegative(),
  away: z.array(ExhibitAway),
});
export type CustodySummary = z.infer<typeof CustodySummary>;

/** A deadline still to be met: a notification clock running (or overdue), or an open demand's. */
export const OverviewDeadline = z.object({
  kind: z.enum(['clock', 'demand']),
  /** The clock's rule id, or the demand's id. */
  id: z.string(),
  /** "NIS2: early warning", "Demand 0.5 BTC". */
  label: z.string(),
  dueAt: z.string(),
  /** The zone the deadline is shown in (the case's awareness zone, or the one the demand was entered in). */
  zone: z.string(),
  /** The clock's status when read; null for a demand. */
  status: z.enum(CLOCK_STATUSES).nullable(),
});
export type OverviewDeadline = z.infer<typeof OverviewDeadline>;

export const OverviewDeadlines = z.object({
  /** Soonest first. */
  live: z.array(OverviewDeadline),
  /** Notification clocks switched on for the case. */
  clocksOn: z.number().int().nonnegative(),
  /** Why the clocks or the extortion record could not be read, when they could not. */
  problem: z.string().nullable(),
});
export type OverviewDeadlines = z.infer<typeof OverviewDeadlines>;

export const OverviewStep = z.object({
  runId: z.string(),
  runTitle: z.string(),
  stepId: z.string(),
  /** The step's record, empty for a decision not answered yet. */
  rowId: z.string(),
  code: z.string(),
  name: z.string(),
  dueAt: z.string(),
});
export type OverviewStep = z.infer<typeof OverviewStep>;

export const OverviewRun = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['active', 'closed']),
  /** Steps settled (done, skipped, not applicable, observed…) of all the run's steps. */
  settled: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
  dueSoon: z.number().int().nonnegative(),
  /** Why the run could not be read (its playbook no longer parses), else null. */
  problem: z.string().nullable(),
});
export type OverviewRun = z.infer<typeof OverviewRun>;

export const PlaybookProgress = z.object({
  runs: z.array(OverviewRun),
  /** Overdue steps of open runs, most overdue first (at most OVERVIEW_STEP_LIMIT). */
  overdue: z.array(OverviewStep),
  /** Steps due within a day, soonest first (at most OVERVIEW_STEP_LIMIT). */
  dueSoon: z.array(OverviewStep),
});
export type PlaybookProgress = z.infer<typeof PlaybookProgress>;

export const OVERVIEW_STEP_LIMIT = 10;

export const OverviewActivity = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  by: z.string(),
  action: z.string(),
  /** The entry as a sentence: "Dana Whitfield marked note 'Call with counsel' privileged". */
  sentence: z.string(),
});
export type OverviewActivity = z.infer<typeof OverviewActivity>;

/** Where a "what to do next" item takes the person. */
export const NextTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('verify') }),
  z.object({ type: z.literal('record') }),
  z.object({ type: z.literal('evidence'), id: z.string() }),
  z.object({ type: z.literal('register') }),
  z.object({ type: z.literal('step'), runId: z.string(), stepId: z.string(), rowId: z.string() }),
  z.object({ type: z.literal('clock'), ruleId: z.string() }),
  z.object({ type: z.literal('demand'), id: z.string() }),
]);
export type NextTarget = z.infer<typeof NextTarget>;

export const NextAction = z.object({
  kind: z.enum([
    'verification-failed',
    'flagged-exhibit',
    'deadline-overdue',
    'step-overdue',
    'deadline-soon',
    'verify',
    'set-awareness',
  ]),
  /** overdue: act now; soon: today; info: when there is a moment. */
  urgency: z.enum(['overdue', 'soon', 'info']),
  /** What to do, in words, without a time that would go stale ("Verify the case: 3 changes since…"). */
  text: z.string(),
  /** The deadline, for a countdown beside the words. */
  dueAt: z.string().nullable(),
  target: NextTarget,
});
export type NextAction = z.infer<typeof NextAction>;

export const CaseOverview = z.object({
  head: Head,
  /** When this was read (UTC): "now" for every status in it. */
  readAt: z.string(),
  integrity: IntegrityState,
  counts: OverviewCounts,
  custody: CustodySummary,
  /** When the organisation became aware, and the zone it was given in; null when not set. */
  aware: z.object({ at: z.string(), zone: z.string() }).nullable(),
  deadlines: OverviewDeadlines,
  playbooks: PlaybookProgress,
  /** The newest audit entries, newest first. */
  activity: z.array(OverviewActivity),
  /** What to do next, most pressing first. */
  next: z.array(NextAction),
});
export type CaseOverview = z.infer<typeof CaseOverview>;
