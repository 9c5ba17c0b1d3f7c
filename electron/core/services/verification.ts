import { statSync } from 'node:fs';
import type { VerifyReport } from '../../../shared/domain/audit.ts';
import { escapeControl } from '../../../shared/logic/text.ts';
import { CustosError } from '../errors.ts';
import { openCaseDbReadOnly } from '../store/db/caseDb.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { WORKER_THRESHOLD, verifyCaseAuto } from '../store/verify/index.ts';
import { prepareVerifyWorkers } from '../store/verify/workers.ts';
import { countAudit } from '../store/tables/auditLog.ts';
import { getCase } from '../store/tables/caseRecord.ts';
import type { LongWork, VerifyOptions } from '../store/verify/results.ts';
import { fileIdentity, recordVerification } from './verificationLog.ts';

/**
 * Who verified, for the examiner's own log of verifications (kept in their data directory, never in
 * the case): the Overview and the case header show "last verified … by … at head …" from it.
 */
export type VerificationRecord = { dataDir: string; by: string; source: 'app' | 'cli' };

/** One line for the log: "intact", or the first failure as the verdict said it. */
export function verdictSummary(report: VerifyReport): string {
  const failed = report.checks.find((c) => c.status === 'fail');
  if (failed) return `${failed.title}: ${failed.message}`;
  return report.ok ? 'intact' : (report.notes?.at(-1) ?? 'integrity failure');
}

/** Writes the verdict to the examiner's log; never fails the verification itself. */
function recordVerdict(caseDb: CaseDb, report: VerifyReport, record: VerificationRecord): void {
  let caseId: string;
  try {
    caseId = getCase(caseDb).id;
  } catch {
    // A case whose record cannot be read has no id to file the verdict under; the verdict stands.
    return;
  }
  const identity = fileIdentity(caseDb.realPath);
  recordVerification(record.dataDir, {
    caseId,
    at: report.verifiedAt,
    by: record.by || 'unknown examiner',
    head: report.head,
    ok: report.ok,
    summary: verdictSummary(report),
    source: record.source,
    ...(identity ? { file: identity } : {}),
  });
}

/** The verdict on an open case, with what the examiner must know about how it was read. */
export async function verifyOpenCase(
  caseDb: CaseDb,
  options: VerifyOptions & LongWork & { record?: VerificationRecord } = {},
): Promise<VerifyReport> {
  // Read through a private view, the case has no reader SQLite's writers would wait for: if a
  // Custos starts writing to it meanwhile, what was read may be half old, half new.
  const stamp = () => {
    try {
      const stats = statSync(caseDb.realPath);
      return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
    } catch {
      return 'gone';
    }
  };
  const before = caseDb.readPath !== caseDb.realPath ? stamp() : undefined;
  const report = await verifyCaseAuto(caseDb, options);
  if (before !== undefined && stamp() !== before) {
    throw new CustosError(
      'CHANGED_WHILE_READING',
      `${escapeControl(caseDb.path)} was written to while it was being verified (it was opened for writing meanwhile), so this reading cannot be trusted; verify it again`,
    );
  }
  const notes = [...caseDb.notes, ...(caseDb.walRefused ? [caseDb.walRefused] : [])];
  // A -wal that does not continue the case is part of what was handed over: the files together
  // are not intact, whatever the case without it says.
  const verdict = { ...report, ok: report.ok && !caseDb.walRefused, ...(notes.length > 0 ? { notes } : {}) };
  if (options.record) recordVerdict(caseDb, verdict, options.record);
  return verdict;
}

/** Verifies a case file as it lies, changing nothing (custos verify). */
export async function verifyCaseFile(
  path: string,
  options: VerifyOptions & LongWork & { record?: VerificationRecord } = {},
): Promise<VerifyReport> {
  const caseDb = openCaseDbReadOnly(path, { forVerification: true });
  try {
    return await verifyOpenCase(caseDb, options);
  } finally {
    caseDb.close();
  }
}

/**
 * A case large enough to verify on worker threads gets them started when it is opened, so the first
 * Verify a person presses does not wait for threads to start and modules to load.
 */
export function prepareIfLarge(caseDb: CaseDb): void {
  if (countAudit(caseDb) >= WORKER_THRESHOLD) prepareVerifyWorkers();
}
