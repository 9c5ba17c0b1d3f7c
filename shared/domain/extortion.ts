import { z } from 'zod';
import { text, requiredText, Uuid } from './common.ts';

/**
 * The extortion record: what arrived (messages), what is demanded by when (demands), whether the
 * claims hold (validation), and what the company decided, with counsel's sign-off (decisions).
 */

export const EXTORTION_CHANNELS = [
  'email',
  'telegram',
  'signal',
  'whatsapp',
  'slack',
  'phone',
  'letter',
  'other',
] as const;
export const ExtortionChannel = z.enum(EXTORTION_CHANNELS, {
  error: `channel must be one of: ${EXTORTION_CHANNELS.join(', ')}`,
});

export const ExtortionMessage = z.object({
  id: z.string(),
  receivedAt: z.string(),
  zone: z.string(),
  channel: ExtortionChannel,
  /** The sender as the message shows it. */
  sender: z.string(),
  senderIndicatorId: z.string().nullable(),
  summary: z.string(),
  body: z.string(),
  evidenceItemId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  removed: z.boolean(),
});
export type ExtortionMessage = z.infer<typeof ExtortionMessage>;

export const MessageDraft = z
  .object({
    at: requiredText('Received at', 60),
    zone: text('Time zone', 64).optional(),
    channel: ExtortionChannel.default('email'),
    sender: text('Sender', 500).default(''),
    /** Indicator id or, if none matches, the sender is only text. */
    senderIndicatorId: Uuid.optional(),
    summary: requiredText('Summary', 2000),
    body: text('Message text', 100_000).default(''),
    /** Exhibit number or evidence id of the captured message. */
    evidence: text('Exhibit', 64).optional(),
  })
  .strict();
export type MessageDraft = z.input<typeof MessageDraft>;

export const DEMAND_STATUSES = ['open', 'deadline-passed', 'withdrawn', 'closed'] as const;
export const DemandStatus = z.enum(DEMAND_STATUSES, { error: `status must be one of: ${DEMAND_STATUSES.join(', ')}` });

/** A decimal amount as written, kept as text so nothing is rounded: 25000, 1.5, 0.75. */
export const Amount = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,18})?$/, { error: 'amount must be a number like 25000 or 1.5 (no commas or signs)' });

export const ExtortionDemand = z.object({
  id: z.string(),
  messageId: z.string().nullable(),
  amount: z.string(),
  /** USD, EUR, BTC, USDT, XMR… */
  asset: z.string(),
  /** The wallet or account as the demand writes it. */
  payTo: z.string(),
  payToIndicatorId: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  deadlineZone: z.string().nullable(),
  threat: z.string(),
  offeredProof: z.string(),
  status: z.enum(DEMAND_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  removed: z.boolean(),
});
export type ExtortionDemand = z.infer<typeof ExtortionDemand>;

export const DemandDraft = z
  .object({
    messageId: Uuid.optional(),
    amount: Amount.optional(),
    asset: text('Asset', 40).default(''),
    payTo: text('Wallet or account', 2048).default(''),
    payToIndicatorId: Uuid.optional(),
    deadline: text('Deadline', 60).optional(),
    zone: text('Time zone', 64).optional(),
    threat: requiredText('What they threaten', 5000),
    offeredProof: text('What they offer as proof', 5000).default(''),
  })
  .strict();
export type DemandDraft = z.input<typeof DemandDraft>;

export const DemandPatch = z
  .object({ status: DemandStatus, deadline: text('Deadline', 60).nullable(), zone: text('Time zone', 64) })
  .partial()
  .strict();
export const DemandUpdateRequest = z.object({ id: Uuid, patch: DemandPatch }).strict();

export const VALIDATION_RESULTS = ['pending', 'confirmed', 'not-confirmed', 'inconclusive'] as const;
export const ValidationResult = z.enum(VALIDATION_RESULTS, {
  error: `result must be one of: ${VALIDATION_RESULTS.join(', ')}`,
});

export const ClaimValidation = z.object({
  id: z.string(),
  demandId: z.string(),
  samples: z.string(),
  comparedAgainst: z.string(),
  result: ValidationResult,
  validatedBy: z.string(),
  validatedAt: z.string().nullable(),
  validatedZone: z.string().nullable(),
  evidenceItemId: z.string().nullable(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  removed: z.boolean(),
});
export type ClaimValidation = z.infer<typeof ClaimValidation>;

export const ValidationDraft = z
  .object({
    demandId: Uuid,
    samples: requiredText('Samples checked', 5000),
    comparedAgainst: requiredText('Compared against', 5000),
    result: ValidationResult.default('pending'),
    at: text('Checked at', 60).optional(),
    zone: text('Time zone', 64).optional(),
    evidence: text('Exhibit', 64).optional(),
    notes: text('Notes', 5000).default(''),
  })
  .strict();
export type ValidationDraft = z.input<typeof ValidationDraft>;

export const DECISIONS = ['do-not-pay', 'pay', 'negotiate', 'defer'] as const;
export const Decision = z.enum(DECISIONS, { error: `decision must be one of: ${DECISIONS.join(', ')}` });
export type Decision = z.infer<typeof Decision>;

export const DECISION_LABELS: Record<Decision, string> = {
  'do-not-pay': 'Do not pay',
  pay: 'Pay',
  negotiate: 'Engage / negotiate without paying yet',
  defer: 'Defer the decision',
};

export const ExtortionDecision = z.object({
  id: z.string(),
  demandId: z.string().nullable(),
  decision: Decision,
  reasons: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  decidedZone: z.string(),
  counsel: z.string(),
  counselSignedAt: z.string().nullable(),
  counselSignedZone: z.string().nullable(),
  /** The sanctions statement was on screen (or printed by the CLI) when the decision was recorded. */
  sanctionsShown: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  removed: z.boolean(),
});
export type ExtortionDecision = z.infer<typeof ExtortionDecision>;

export const DecisionDraft = z
  .object({
    demandId: Uuid.optional(),
    decision: Decision,
    reasons: requiredText('Reasons', 20_000),
    decidedBy: requiredText('Decided by', 300),
    at: requiredText('Decided at', 60),
    zone: text('Time zone', 64).optional(),
    counsel: text("Counsel's name", 300).default(''),
    counselSignedAt: text('Counsel signed at', 60).optional(),
    /**
     * Whether the sanctions notice was shown when the decision was recorded (the app's form says
     * whether it showed it); left out, it is true when a live demand naming a payment is in the record.
     */
    sanctionsShown: z.boolean().optional(),
  })
  .strict();
export type DecisionDraft = z.input<typeof DecisionDraft>;

export const SignOffRequest = z
  .object({
    id: Uuid,
    counsel: requiredText("Counsel's name", 300),
    at: requiredText('Signed at', 60),
    zone: text('Time zone', 64).optional(),
  })
  .strict();

/** Why paying is not a business decision alone: shown beside every demand that names a payment. */
export const SanctionsSource = z.object({ name: z.string(), url: z.string() });
export const SanctionsNotice = z.object({ text: z.string(), sources: z.array(SanctionsSource) });
export type SanctionsNotice = z.infer<typeof SanctionsNotice>;

export const ExtortionRecord = z.object({
  messages: z.array(ExtortionMessage),
  demands: z.array(ExtortionDemand),
  validations: z.array(ClaimValidation),
  decisions: z.array(ExtortionDecision),
  sanctions: SanctionsNotice,
});
export type ExtortionRecord = z.infer<typeof ExtortionRecord>;
