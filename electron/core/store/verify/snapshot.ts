import type { Database } from 'better-sqlite3';
import type { CheckResult, VerifyReport } from '../../../../shared/domain/audit.ts';
import type { Head } from '../../../../shared/domain/common.ts';
import { ZERO_HASH } from '../../../../shared/domain/common.ts';
import { stateTablesOf } from '../format/stateTables.ts';
import { TITLES, notRun } from './results.ts';
import type { VerifyOptions } from './results.ts';
import { runSchemaCheck } from './schemaCheck.ts';
import { runChainCheck } from './chain.ts';
import type { ChainOutcome } from './chain.ts';
import { runReplayAndForm } from './replay.ts';
import type { ReplayOutcome } from './replay.ts';
import { runHeadCheck } from './head.ts';
import { runEvidenceCheck } from './evidenceCheck.ts';
import type { Tick } from './evidenceCheck.ts';

/** What checks 0, 1, 3 and 4 found on one snapshot (check 2 runs beside them). */
export type SnapshotChecks = { schema: CheckResult; chain: ChainOutcome; head: CheckResult; evidence: CheckResult };

/** The case-format version a file declares (PRAGMA user_version, checked against the header on open). */
export function formatOf(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Check 1 is done by two threads: the hashes and links by the chain worker, the form of the change
 * data by the replay worker (which reads it anyway). The failure reported is the one at the earlier
 * entry, as a single pass over the log in order (docs/verify_case.py) would find it.
 */
function chainCheck(hashes: CheckResult, form: CheckResult | undefined): CheckResult {
  if (!form) return hashes;
  if (hashes.status !== 'fail') return form;
  return (form.location?.seq ?? Infinity) < (hashes.location?.seq ?? Infinity) ? form : hashes;
}

export function assemble(
  snapshot: SnapshotChecks,
  replay: ReplayOutcome,
  started: number,
  options: VerifyOptions,
): VerifyReport {
  const checks = [
    snapshot.schema,
    chainCheck(snapshot.chain.check, replay.form),
    replay.replay,
    snapshot.evidence,
    snapshot.head,
  ];
  return {
    ok: checks.every((c) => c.status !== 'fail'),
    head: snapshot.chain.head,
    entries: snapshot.chain.entries,
    checks,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    verifiedAt: (options.now ?? (() => new Date()))().toISOString(),
  };
}

/**
 * Checks 0, 1, 3 and 4 on one snapshot: the head checked is the head the chain ends at, and the
 * blobs re-hashed are the ones the chain vouches for. The schema comes first: when a table the
 * checks read is not Custos's, nothing else is read from the file.
 */
export function runSnapshotChecks(
  db: Database,
  expectHead: Head | undefined,
  tickFor?: (total: number) => Tick,
): SnapshotChecks {
  return db.transaction((): SnapshotChecks => {
    const version = formatOf(db);
    const { check: schema, tablesIntact } = runSchemaCheck(db, version);
    if (!tablesIntact) {
      return {
        schema,
        chain: { check: notRun('chain'), head: { seq: 0, hash: ZERO_HASH }, entries: 0 },
        head: notRun('head'),
        evidence: notRun('evidence'),
      };
    }
    const chain = runChainCheck(db);
    const evidence =
      version < 2
        ? {
            id: 'evidence' as const,
            title: TITLES.evidence,
            status: 'skipped' as const,
            message: 'Case format 1 holds no evidence bytes.',
          }
        : runEvidenceCheck(db, tickFor?.(evidenceBytesIn(db)));
    return { schema, chain, head: runHeadCheck(db, chain.head, expectHead), evidence };
  })();
}

/** Check 2 on one snapshot, so a commit made meanwhile (the app writing) cannot look like tampering. */
export function runReplayOnSnapshot(db: Database): ReplayOutcome {
  return db.transaction((): ReplayOutcome => {
    const version = formatOf(db);
    if (!runSchemaCheck(db, version).tablesIntact) return { replay: notRun('replay') };
    return runReplayAndForm(db, stateTablesOf(version));
  })();
}

/** Bytes check 3 will read: stored blobs still held, and referenced files. */
export function evidenceBytesIn(db: Database): number {
  return db
    .prepare(
      `SELECT coalesce((SELECT sum(size) FROM evidence_blob WHERE disposed_at IS NULL), 0)
            + coalesce((SELECT sum(size) FROM evidence_item WHERE storage = 'reference' AND disposed = 0), 0)`,
    )
    .pluck()
    .get() as number;
}
