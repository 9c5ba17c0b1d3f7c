import type { Head } from '../../../shared/domain/common.ts';

/**
 * The examiner's own record of whole-case verifications (app and CLI), kept in the examiner's data
 * directory, never in the case: verifying is reading, and reading never changes a byte of the case.
 * The Overview and the case header read the latest one for "last verified … by … at head …".
 * OWNER: the overview helper implements it; the audit helper calls `recordVerification` from the
 * app's `audit:verify` handler and from `custos verify`. The signatures are agreed.
 */
export type VerificationLogEntry = {
  /** The case record's id (copies of a case share it; the head tells them apart). */
  caseId: string;
  /** When the verification finished, ISO UTC. */
  at: string;
  /** The examiner's name (profile), or "unknown examiner". */
  by: string;
  head: Head;
  ok: boolean;
  /** One line: "intact" or what failed first, as the verdict said it. */
  summary: string;
  source: 'app' | 'cli';
};

/** Appends an entry; never throws (a full or read-only data directory must not fail a verification). */
export function recordVerification(_dataDir: string, _entry: VerificationLogEntry): void {}

/** The latest entry for this case, or null. */
export function lastVerification(_dataDir: string, _caseId: string): VerificationLogEntry | null {
  return null;
}
