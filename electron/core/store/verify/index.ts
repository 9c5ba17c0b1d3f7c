import type { Database } from 'better-sqlite3';
import type { VerifyReport } from '../../../../shared/domain/audit.ts';
import type { LongWork, VerifyOptions } from './results.ts';
import { assemble, evidenceBytesIn, formatOf, runReplayOnSnapshot, runSnapshotChecks } from './snapshot.ts';
import { runSchemaCheck } from './schemaCheck.ts';
import { verifyCaseInWorkers } from './workers.ts';
import { nameFailures } from './names.ts';

/**
 * A case as verification reads it: a connection (for checks on this thread) and the path the
 * workers open their own connections on. Not the store's CaseDb type, so verification stays below
 * the code that opens cases (which uses these checks on a leftover -wal).
 */
export type VerifiableCase = { db: Database; readPath: string };

/** All checks on this thread (small cases, tests). */
export function verifyCase(caseDb: VerifiableCase, options: VerifyOptions = {}): VerifyReport {
  const started = performance.now();
  const snapshot = runSnapshotChecks(caseDb.db, options.expectHead);
  return nameFailures(caseDb.db, assemble(snapshot, runReplayOnSnapshot(caseDb.db), started, options));
}

/** Below this many entries verification is quicker on the calling thread than starting workers. */
export const WORKER_THRESHOLD = 20_000;

/** Evidence bytes above this are re-hashed on a worker however short the audit log. */
export const EVIDENCE_BYTES_THRESHOLD = 32 * 1024 * 1024;

/**
 * Small cases verify on the calling thread (quicker than starting workers); a long audit log or
 * much evidence goes to the workers, so the app's main process never hashes gigabytes itself.
 */
export async function verifyCaseAuto(
  caseDb: VerifiableCase,
  options: VerifyOptions & LongWork = {},
): Promise<VerifyReport> {
  // Nothing is counted in tables that are not Custos's: a view standing in for audit_log could
  // run for ever. Such a case verifies on this thread, where only the schema check runs.
  if (!runSchemaCheck(caseDb.db, formatOf(caseDb.db)).tablesIntact) return verifyCase(caseDb, options);
  const entries = caseDb.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  const small = entries < WORKER_THRESHOLD && evidenceBytesIn(caseDb.db) < EVIDENCE_BYTES_THRESHOLD;
  return small ? verifyCase(caseDb, options) : verifyCaseInWorkers(caseDb, options);
}
