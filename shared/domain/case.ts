import { z } from 'zod';
import { text, requiredText, UtcInstant, Uuid } from './common.ts';

export const CASE_TYPES = ['infiltration', 'extortion', 'infiltration_and_extortion', 'other'] as const;
export const CaseType = z.enum(CASE_TYPES, { error: `case type must be one of: ${CASE_TYPES.join(', ')}` });
export type CaseType = z.infer<typeof CaseType>;
export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  infiltration: 'Suspected infiltration',
  extortion: 'Extortion',
  infiltration_and_extortion: 'Infiltration and extortion',
  other: 'Other',
};

export const CASE_STATUSES = ['open', 'contained', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES, { error: `status must be one of: ${CASE_STATUSES.join(', ')}` });
export type CaseStatus = z.infer<typeof CaseStatus>;

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const Severity = z.enum(SEVERITIES, { error: `severity must be one of: ${SEVERITIES.join(', ')}` });
export type Severity = z.infer<typeof Severity>;

/** FIRST Traffic Light Protocol 2.0 labels. */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const Tlp = z.enum(TLP_LEVELS, { error: `TLP must be one of: ${TLP_LEVELS.join(', ')}` });
export type Tlp = z.infer<typeof Tlp>;

export const DEFAULT_PRIVILEGE_MARKING = 'Privileged & Confidential — prepared at the direction of counsel';

export const CaseRecord = z.object({
  id: Uuid,
  title: z.string(),
  reference: z.string(),
  caseType: CaseType,
  status: CaseStatus,
  severity: Severity,
  tlp: Tlp,
  privilegeMarking: z.string(),
  leadInvestigator: z.string(),
  legalCounsel: z.string(),
  /** When the organisation became aware; regulatory clocks start here. */
  awareAt: UtcInstant.nullable(),
  awareZone: z.string().nullable(),
  summary: z.string(),
  createdAt: UtcInstant,
  updatedAt: UtcInstant,
});
export type CaseRecord = z.infer<typeof CaseRecord>;

const editable = {
  title: requiredText('Title', 200),
  reference: text('Reference number', 80),
  caseType: CaseType,
  status: CaseStatus,
  severity: Severity,
  tlp: Tlp,
  privilegeMarking: text('Privilege marking', 300),
  leadInvestigator: text('Lead investigator', 120),
  legalCounsel: text('Legal counsel', 120),
  summary: text('Summary', 20_000),
};

/** What a person fills in to create a case. Only the title is required. */
export const CaseDraft = z.object({
  ...editable,
  reference: editable.reference.default(''),
  caseType: editable.caseType.default('infiltration'),
  status: editable.status.default('open'),
  severity: editable.severity.default('high'),
  tlp: editable.tlp.default('AMBER'),
  privilegeMarking: editable.privilegeMarking.default(DEFAULT_PRIVILEGE_MARKING),
  leadInvestigator: editable.leadInvestigator.default(''),
  legalCounsel: editable.legalCounsel.default(''),
  summary: editable.summary.default(''),
  /** Local wall time or ISO with offset, resolved with awareZone (see logic/time.ts). */
  awareAt: z.string().trim().max(64, { error: 'Became aware: too long for a time' }).optional(),
  awareZone: z.string().trim().max(64, { error: 'Became aware: too long for a time zone' }).optional(),
});
export type CaseDraft = z.input<typeof CaseDraft>;

export const CasePatch = z
  .object({
    ...editable,
    awareAt: z.string().trim().max(64, { error: 'Became aware: too long for a time' }).nullable(),
    awareZone: z.string().trim().max(64, { error: 'Became aware: too long for a time zone' }).nullable(),
  })
  .partial()
  .strict();
export type CasePatch = z.input<typeof CasePatch>;

/** The short form shown in recent cases and window titles. */
export const CaseSummary = z.object({
  path: z.string(),
  id: Uuid,
  title: z.string(),
  reference: z.string(),
  status: CaseStatus,
  tlp: Tlp,
});
export type CaseSummary = z.infer<typeof CaseSummary>;
