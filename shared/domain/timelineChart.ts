import { z } from 'zod';
import { EVENT_CATEGORIES, EventCategory } from './timeline.ts';

/**
 * Everything the timeline picture draws, in one answer. The timeline events come as columns
 * (parallel arrays, times as epoch milliseconds, categories as indexes into `categories`), not as
 * objects: 100,000 events cross IPC and zod in a fraction of the time objects would take, and the
 * picture reads them as arrays anyway. The other marks (acquisitions, hand-overs, playbook
 * milestones, deadlines) are few, so they are plain objects.
 */

export const TimelineChartReq = z.object({}).strict();
export type TimelineChartReq = z.input<typeof TimelineChartReq>;

/** The lanes of the picture, top to bottom, and what each shows. */
export const CHART_LANES = ['events', 'evidence', 'custody', 'playbook', 'extortion', 'clock'] as const;
export type ChartLane = (typeof CHART_LANES)[number];

export const CHART_LANE_LABELS: Record<ChartLane, string> = {
  events: 'Timeline events',
  evidence: 'Evidence acquired',
  custody: 'Custody hand-overs',
  playbook: 'Playbook',
  extortion: 'Extortion deadlines',
  clock: 'Notification deadlines',
};

/** What a mark other than a timeline event is, which decides its lane, shape and words. */
export const CHART_MARK_KINDS = [
  'acquisition',
  'transfer',
  'return',
  'disposal',
  'run-start',
  'step-done',
  'step-due',
  'step-overdue',
  'demand-deadline',
  'clock-due',
  'clock-submitted',
] as const;
export const ChartMarkKind = z.enum(CHART_MARK_KINDS);
export type ChartMarkKind = z.infer<typeof ChartMarkKind>;

export const LANE_OF_MARK: Record<ChartMarkKind, ChartLane> = {
  acquisition: 'evidence',
  transfer: 'custody',
  return: 'custody',
  disposal: 'custody',
  'run-start': 'playbook',
  'step-done': 'playbook',
  'step-due': 'playbook',
  'step-overdue': 'playbook',
  'demand-deadline': 'extortion',
  'clock-due': 'clock',
  'clock-submitted': 'clock',
};

/** What a mark is, in words a person reading the announcement or the tooltip knows it by. */
export const CHART_MARK_LABELS: Record<ChartMarkKind, string> = {
  acquisition: 'Evidence acquired',
  transfer: 'Custody hand-over',
  return: 'Exhibit returned',
  disposal: 'Exhibit disposed of',
  'run-start': 'Playbook run started',
  'step-done': 'Playbook step done',
  'step-due': 'Playbook step due',
  'step-overdue': 'Playbook step overdue',
  'demand-deadline': 'Extortion deadline',
  'clock-due': 'Notification deadline',
  'clock-submitted': 'Notification submitted',
};

/**
 * The record a mark opens, as the case-wide search names records: the section that shows it
 * follows from the kind (a clock has no record of its own to search, so its section is opened).
 */
export const ChartTarget = z
  .object({
    kind: z.enum(['evidence', 'step', 'demand', 'clock']),
    id: z.string(),
    runId: z.string().optional(),
    stepId: z.string().optional(),
  })
  .strict();
export type ChartTarget = z.infer<typeof ChartTarget>;

export const ChartMark = z
  .object({
    kind: ChartMarkKind,
    /** Epoch milliseconds (UTC). */
    at: z.number().int(),
    /** The zone the time was entered in, for the announcement: "entered as Asia/Seoul". */
    zone: z.string(),
    /** What it is about, in the case's own words: "E-0003 Laptop LT-4471: with DC Ruiz". */
    label: z.string(),
    /** Whether it needs attention now: a deadline passed, a step overdue. */
    late: z.boolean(),
    target: ChartTarget,
  })
  .strict();
export type ChartMark = z.infer<typeof ChartMark>;

/** The timeline events, one column per field, in time order (ties by id, as the table orders them). */
export const ChartEvents = z
  .object({
    id: z.array(z.string()),
    at: z.array(z.number().int()),
    category: z.array(z.number().int().nonnegative()),
    title: z.array(z.string()),
  })
  .strict()
  .refine((e) => e.at.length === e.id.length && e.category.length === e.id.length && e.title.length === e.id.length, {
    error: 'every column of the events has one value per event',
  });
export type ChartEvents = z.infer<typeof ChartEvents>;

export const TimelineChart = z
  .object({
    /** When this answer was made (epoch ms): the "now" line, and what "late" was judged against. */
    now: z.number().int(),
    /** When the organisation became aware (epoch ms), drawn as a line; null when not recorded. */
    awareAt: z.number().int().nullable(),
    /** Index → category of `events.category`. */
    categories: z.array(EventCategory),
    events: ChartEvents,
    /** Every other mark, in time order. */
    marks: z.array(ChartMark),
  })
  .strict();
export type TimelineChart = z.infer<typeof TimelineChart>;

/** The categories in the order their indexes are sent. */
export const CHART_CATEGORIES: readonly EventCategory[] = EVENT_CATEGORIES;
