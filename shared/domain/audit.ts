import { z } from 'zod';
import { Actor, Head } from './common.ts';

/** A row image as stored in the audit log: column name to value (text, integer or null). */
export const RowImage = z.record(z.string(), z.union([z.string(), z.number().int(), z.null()]));
export type RowImage = z.infer<typeof RowImage>;

export const RowChange = z.object({
  table: z.string(),
  id: z.string(),
  before: RowImage.nullable(),
  after: RowImage.nullable(),
});
export type RowChange = z.infer<typeof RowChange>;

export const AuditEntry = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: Actor,
  action: z.string(),
  entity: z.object({ type: z.string(), id: z.string() }),
  changes: z.array(RowChange),
  prevHash: z.string(),
  hash: z.string(),
  /**
   * Set when the stored change data is not in the form the case format defines (only possible if
   * the file was altered outside Custos): what is wrong with it. `changes` is then what could be
   * read of it, often nothing; the entry is still listed, so the rest of the log stays readable.
   */
  damaged: z.string().optional(),
  /**
   * Names of the records the entry's rows only point at (an exhibit's id, a playbook step's CACAO
   * id as `runId/stepId`, a subject, a notification rule), looked up when the log is listed so the
   * entry reads as a sentence (shared/logic/auditSentence.ts). Not part of the entry's hash.
   */
  names: z.record(z.string(), z.string()).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const CHECK_IDS = ['schema', 'chain', 'replay', 'evidence', 'head'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const CheckResult = z.object({
  id: z.enum(CHECK_IDS),
  title: z.string(),
  status: z.enum(['pass', 'fail', 'skipped']),
  message: z.string(),
  /** Where the first failure is: an audit sequence number, a table row, or a schema object. */
  location: z
    .object({
      seq: z.number().int().optional(),
      table: z.string().optional(),
      rowId: z.string().optional(),
      object: z.string().optional(),
    })
    .optional(),
  /**
   * The record at `location` as a person knows it ("the timeline event 'Laptop delivered to
   * facilitator address' (2026-10-30 22:14 Asia/Seoul)"), named from the case's rows or the audit
   * log's images; absent when nothing names it. `location` stays the technical place beside it.
   */
  subject: z.string().optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const VerifyReport = z.object({
  ok: z.boolean(),
  head: Head,
  entries: z.number().int(),
  checks: z.array(CheckResult),
  durationMs: z.number(),
  verifiedAt: z.string(),
  /** What the examiner should know about how the file was read (a -wal included or left out). */
  notes: z.array(z.string()).optional(),
});
export type VerifyReport = z.infer<typeof VerifyReport>;
