import { z } from 'zod';
import { text, requiredText, Uuid } from './common.ts';
import { Tlp } from './case.ts';

/**
 * The people and personas of a case: the hired worker whose claimed identity was not theirs, the
 * facilitators and laptop-farm hosts, references, recruiters, the agency, and operators known only
 * by an alias. What they claimed is kept beside what was verified or found, never overwritten by it.
 */

export const SUBJECT_KINDS = ['person', 'organisation', 'persona'] as const;
export const SubjectKind = z.enum(SUBJECT_KINDS, { error: `kind must be one of: ${SUBJECT_KINDS.join(', ')}` });
export type SubjectKind = z.infer<typeof SubjectKind>;

export const SUBJECT_ROLES = [
  'worker',
  'facilitator',
  'laptop-farm-host',
  'reference',
  'recruiter',
  'agency',
  'operator',
  'other',
] as const;
export const SubjectRole = z.enum(SUBJECT_ROLES, { error: `role must be one of: ${SUBJECT_ROLES.join(', ')}` });
export type SubjectRole = z.infer<typeof SubjectRole>;

export const SUBJECT_ROLE_LABELS: Record<SubjectRole, string> = {
  worker: 'Hired worker',
  facilitator: 'Facilitator',
  'laptop-farm-host': 'Laptop-farm host',
  reference: 'Reference',
  recruiter: 'Recruiter',
  agency: 'Staffing agency / employer of record',
  operator: 'Operator behind an alias',
  other: 'Other',
};

/** What the identity checks concluded about the claimed identity. */
export const IDENTITY_VERDICTS = ['unverified', 'verified', 'partly-false', 'false'] as const;
export const IdentityVerdict = z.enum(IDENTITY_VERDICTS, {
  error: `identity verdict must be one of: ${IDENTITY_VERDICTS.join(', ')}`,
});
export type IdentityVerdict = z.infer<typeof IdentityVerdict>;

export const LINK_CONFIDENCES = ['', 'low', 'medium', 'high', 'confirmed'] as const;
export const LinkConfidence = z.enum(LINK_CONFIDENCES, {
  error: `confidence must be one of: low, medium, high, confirmed (or empty)`,
});
export type LinkConfidence = z.infer<typeof LinkConfidence>;

export const SUBJECT_LINK_TARGETS = ['evidence_item', 'timeline_event', 'note', 'subject', 'indicator'] as const;
export const SubjectLinkTarget = z.enum(SUBJECT_LINK_TARGETS);
export type SubjectLinkTarget = z.infer<typeof SubjectLinkTarget>;

/** Relations people use between subjects; free text is accepted too. */
export const SUBJECT_RELATIONS = [
  'received the laptop for',
  'referred',
  'paid to',
  'same person as?',
  'works with',
  'recruited',
] as const;

const DATE_SHAPE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether YYYY-MM-DD is a day of the calendar: it comes back the same from Date.UTC (2026-02-30 comes back as March 2). */
function isCalendarDay(date: string): boolean {
  if (!DATE_SHAPE.test(date)) return true; // the shape is refused on its own, once
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(2000, month - 1, day));
  at.setUTCFullYear(year, month - 1, day); // Date.UTC reads years 0–99 as 1900–1999
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

/** A calendar date, YYYY-MM-DD (hire, start and termination dates have no time of day). */
export const CalendarDate = z
  .string()
  .trim()
  .regex(DATE_SHAPE, { error: 'expected a date like 2026-03-14' })
  .refine(isCalendarDay, { error: (issue) => `${String(issue.input)} is not a date` });

export const SubjectLink = z.object({
  id: z.string(),
  subjectId: z.string(),
  targetType: SubjectLinkTarget,
  targetId: z.string(),
  relation: z.string(),
  confidence: LinkConfidence,
  createdAt: z.string(),
});
export type SubjectLink = z.infer<typeof SubjectLink>;

export const Subject = z.object({
  id: z.string(),
  kind: SubjectKind,
  role: SubjectRole,
  name: z.string(),
  aliases: z.array(z.string()),
  claimedName: z.string(),
  claimedNationality: z.string(),
  claimedLocation: z.string(),
  claimedDocuments: z.string(),
  verifiedName: z.string(),
  verifiedNationality: z.string(),
  verifiedLocation: z.string(),
  findings: z.string(),
  identityVerdict: IdentityVerdict,
  hiredOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  terminatedOn: z.string().nullable(),
  manager: z.string(),
  notes: z.string(),
  tlp: Tlp,
  createdAt: z.string(),
  updatedAt: z.string(),
  removed: z.boolean(),
});
export type Subject = z.infer<typeof Subject>;

const date = CalendarDate.nullable();
const subjectFields = {
  kind: SubjectKind,
  role: SubjectRole,
  name: requiredText('Name', 300),
  aliases: z.array(requiredText('Alias', 300)).max(100, { error: 'at most 100 aliases' }),
  claimedName: text('Claimed name', 300),
  claimedNationality: text('Claimed nationality', 200),
  claimedLocation: text('Claimed location', 500),
  claimedDocuments: text('Documents shown', 5000),
  verifiedName: text('Verified name', 300),
  verifiedNationality: text('Verified nationality', 200),
  verifiedLocation: text('Verified location', 500),
  findings: text('What was found', 20_000),
  identityVerdict: IdentityVerdict,
  hiredOn: date,
  startedOn: date,
  terminatedOn: date,
  manager: text('Manager', 300),
  notes: text('Notes', 20_000),
  tlp: Tlp,
};

export const SubjectDraft = z
  .object({
    ...subjectFields,
    kind: subjectFields.kind.default('person'),
    role: subjectFields.role.default('other'),
    aliases: subjectFields.aliases.default([]),
    claimedName: subjectFields.claimedName.default(''),
    claimedNationality: subjectFields.claimedNationality.default(''),
    claimedLocation: subjectFields.claimedLocation.default(''),
    claimedDocuments: subjectFields.claimedDocuments.default(''),
    verifiedName: subjectFields.verifiedName.default(''),
    verifiedNationality: subjectFields.verifiedNationality.default(''),
    verifiedLocation: subjectFields.verifiedLocation.default(''),
    findings: subjectFields.findings.default(''),
    identityVerdict: subjectFields.identityVerdict.default('unverified'),
    hiredOn: date.default(null),
    startedOn: date.default(null),
    terminatedOn: date.default(null),
    manager: subjectFields.manager.default(''),
    notes: subjectFields.notes.default(''),
    tlp: Tlp.default('AMBER'),
  })
  .strict();
export type SubjectDraft = z.input<typeof SubjectDraft>;

export const SubjectPatch = z.object(subjectFields).partial().strict();
export type SubjectPatch = z.input<typeof SubjectPatch>;

export const SubjectUpdateRequest = z.object({ id: Uuid, patch: SubjectPatch }).strict();

export const SubjectLinkDraft = z
  .object({
    subjectId: Uuid,
    targetType: SubjectLinkTarget,
    targetId: Uuid,
    relation: requiredText('Relation', 200),
    confidence: LinkConfidence.default(''),
  })
  .strict();
export type SubjectLinkDraft = z.input<typeof SubjectLinkDraft>;

/** A subject with what it is linked to, as its page shows it. */
export const SubjectDetail = z.object({
  subject: Subject,
  links: z.array(SubjectLink.extend({ label: z.string() })),
  /** Links other subjects made to this one. */
  linkedFrom: z.array(SubjectLink.extend({ label: z.string() })),
});
export type SubjectDetail = z.infer<typeof SubjectDetail>;
