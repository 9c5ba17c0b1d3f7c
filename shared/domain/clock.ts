import { z } from 'zod';
import { text, requiredText, Uuid } from './common.ts';

/**
 * Notification clocks in a case: which rules apply, when each started (awareness, classification,
 * materiality determination, the submission of an earlier report) and each submission made.
 * The rules themselves are data shipped with Custos (resources/clocks/notification-clocks.json).
 */

export const ClockRuleInfo = z.object({
  id: z.string(),
  regime: z.string(),
  name: z.string(),
  when: z.string(),
  /** `use`: which submission of `of` a clock counts from when there are several (default the earliest). */
  trigger: z.object({ event: z.string(), of: z.string().optional(), use: z.enum(['earliest', 'latest']).optional() }),
  /** "72 h", "4 business days (US federal)", "1 month", or null for "without undue delay". */
  deadline: z.string().nullable(),
  noLaterThan: z.string().nullable(),
  recipient: z.string(),
  note: z.string(),
  sources: z.array(z.object({ name: z.string(), url: z.string() })),
});
export type ClockRuleInfo = z.infer<typeof ClockRuleInfo>;

export const ClockSubmission = z.object({
  id: z.string(),
  ruleId: z.string(),
  submittedAt: z.string(),
  zone: z.string(),
  recipient: z.string(),
  reference: z.string(),
  proofItemId: z.string().nullable(),
  notes: z.string(),
  recordedBy: z.string(),
  createdAt: z.string(),
  removed: z.boolean(),
});
export type ClockSubmission = z.infer<typeof ClockSubmission>;

export const CLOCK_STATUSES = [
  'off',
  'not-started',
  'no-fixed-time',
  'running',
  'due-soon',
  'overdue',
  'submitted',
  'submitted-late',
] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

/** One rule as it stands in this case. */
export const ClockView = z.object({
  rule: ClockRuleInfo,
  applies: z.boolean(),
  status: z.enum(CLOCK_STATUSES),
  /** What starts it, in words: "awareness (case record)", "submission of nis2-notification". */
  startsFrom: z.string(),
  /** The trigger time set on this clock; null when it comes from the case or a submission. */
  triggerAt: z.string().nullable(),
  triggerZone: z.string().nullable(),
  startedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  waitingFor: z.string().nullable(),
  submissions: z.array(ClockSubmission),
  notes: z.string(),
});
export type ClockView = z.infer<typeof ClockView>;

export const ClocksState = z.object({
  /** The zone times are shown in: the case's awareness zone, else UTC. */
  zone: z.string(),
  awareAt: z.string().nullable(),
  now: z.string(),
  clocks: z.array(ClockView),
});
export type ClocksState = z.infer<typeof ClocksState>;

export const ClockSetRequest = z
  .object({
    ruleId: requiredText('Rule', 100),
    applies: z.boolean().default(true),
    /** Wall time in `zone` or ISO with an offset; null puts it back to the case's awareness or the submission. */
    trigger: text('Trigger time', 60).nullable().optional(),
    zone: text('Time zone', 64).optional(),
    notes: text('Notes', 5000).optional(),
  })
  .strict();
export type ClockSetRequest = z.input<typeof ClockSetRequest>;

export const SubmissionDraft = z
  .object({
    ruleId: requiredText('Rule', 100),
    at: requiredText('Submitted at', 60),
    zone: text('Time zone', 64).optional(),
    recipient: text('Recipient', 500).default(''),
    reference: text('Reference number', 300).default(''),
    /** Exhibit number or evidence id of the proof (the confirmation, the sent form). */
    proof: text('Proof exhibit', 64).optional(),
    notes: text('Notes', 5000).default(''),
  })
  .strict();
export type SubmissionDraft = z.input<typeof SubmissionDraft>;

export const RemoveRequest = z.object({ id: Uuid }).strict();
