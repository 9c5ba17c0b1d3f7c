import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { AuditEntry, VerifyReport } from '../../../shared/domain/audit.ts';
import { ZERO_HASH } from '../../../shared/domain/common.ts';
import type { CaseDb } from '../../../electron/core/store/db/caseDb.ts';
import { openMemoryCaseDb } from '../../../electron/core/store/db/memoryCaseDb.ts';
import type { MutationContext } from '../../../electron/core/store/db/mutate.ts';
import { entryHash } from '../../../electron/core/store/format/chain.ts';
import type { NewBlob } from '../../../electron/core/store/tables/evidenceBlobs.ts';
import { auditHead, listAudit } from '../../../electron/core/store/tables/auditLog.ts';
import type { AuditRow } from '../../../electron/core/store/tables/auditLog.ts';
import { verifyCase } from '../../../electron/core/store/verify/index.ts';
import { EXAMINER } from '../../helpers/tempCase.ts';

/** An in-memory case, the context its writes run in, and every time the clock gave out, in order. */
export type MemoryCase = { caseDb: CaseDb; ctx: MutationContext; times: string[] };

/**
 * A new in-memory case (no case record) written by the examiner. The clock advances one second per
 * call from 09:00:00 and keeps what it gave, so a test knows which time each write must carry.
 */
export function memoryCase(): MemoryCase {
  const times: string[] = [];
  let t = Date.parse('2026-11-02T09:00:00.000Z');
  const clock = () => {
    const now = new Date((t += 1000));
    times.push(now.toISOString());
    return now;
  };
  return { caseDb: openMemoryCaseDb(), ctx: { actor: EXAMINER, clock }, times };
}

/** A row as SQLite holds it, every column, read with plain SQL (not through the code under test). */
export function rowOf(caseDb: CaseDb, table: string, id: string): Record<string, unknown> | undefined {
  return caseDb.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
}

export function countRows(caseDb: CaseDb, table: string): number {
  return caseDb.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

export function auditRows(caseDb: CaseDb): AuditRow[] {
  return caseDb.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
}

/** Runs `run` and returns what it returned with the audit entries it appended, oldest first. */
export function withEntries<T>(caseDb: CaseDb, run: () => T): { result: T; entries: AuditEntry[] } {
  const before = auditHead(caseDb).seq;
  const result = run();
  const entries = listAudit(caseDb, before, Number.MAX_SAFE_INTEGER, 'asc');
  return { result, entries };
}

/** Runs `run`, expecting exactly one new audit entry with this action; returns both. */
export function oneEntry<T>(caseDb: CaseDb, action: string, run: () => T): { result: T; entry: AuditEntry } {
  const { result, entries } = withEntries(caseDb, run);
  expect(entries.map((e) => e.action)).toEqual([action]);
  return { result, entry: entries[0]! };
}

/** Runs `run`, expecting it to append no audit entry. */
export function noEntry<T>(caseDb: CaseDb, run: () => T): T {
  const { result, entries } = withEntries(caseDb, run);
  expect(entries).toEqual([]);
  return result;
}

/** Everything a write could have changed: every row of every table, in a fixed order. */
function everything(caseDb: CaseDb): unknown {
  const tables = caseDb.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [table, caseDb.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]),
  );
}

/**
 * Runs `run`, expecting it to be refused with this code and message, and to have changed nothing in
 * the case: no row of any table, no audit entry.
 */
export function expectRefused(caseDb: CaseDb, run: () => unknown, code: string, message: string | RegExp): void {
  const before = everything(caseDb);
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error, 'it was not refused').toBeInstanceOf(Error);
  expect((error as { code?: string }).code).toBe(code);
  if (typeof message === 'string') expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
  expect(everything(caseDb)).toEqual(before);
}

/**
 * Every stored entry's hash recomputed from its stored columns: SHA-256(prev_hash ‖ canonical JSON),
 * entry 1 linked to 64 zeros and each later one to the hash before it, seq counting up from 1.
 */
export function expectChainRecomputes(caseDb: CaseDb): void {
  let prev = ZERO_HASH;
  auditRows(caseDb).forEach((row, i) => {
    expect(row.seq).toBe(i + 1);
    expect(row.prev_hash).toBe(prev);
    const hash = entryHash({
      seq: row.seq,
      at: row.at,
      actor: { name: row.actor_name, role: row.actor_role, organisation: row.actor_organisation },
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      changesJson: row.changes,
      prevHash: row.prev_hash,
    });
    expect(hash).toBe(row.hash);
    prev = row.hash;
  });
}

/**
 * The real verifier (every check on this thread) against the case as it stands, with its head as the
 * recorded head: nothing may fail, and schema, chain, replay and head (once there is an entry) must
 * have run and passed. So
 * every write so far replays to exactly the rows the tables hold. Returns the report.
 */
export function expectIntact(caseDb: CaseDb): VerifyReport {
  const head = auditHead(caseDb);
  // An empty log has no head to hold it against (the head check then says so and is skipped).
  const expectHead = head.seq > 0 ? head : undefined;
  const report = verifyCase({ db: caseDb.db, readPath: caseDb.readPath }, { expectHead });
  const status = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
  expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
  expect(status).toMatchObject({
    schema: 'pass',
    chain: 'pass',
    replay: 'pass',
    head: expectHead ? 'pass' : 'skipped',
  });
  expect(report.ok).toBe(true);
  expect(report.head).toEqual(head);
  expect(report.entries).toBe(head.seq);
  return report;
}

/**
 * Stores bytes as the ingest worker does, before the entry that records them: chunks with no blob
 * row yet. Returns the blob to record with the item (sizes and SHA-256 as the ingest measures them).
 */
export function storeChunks(caseDb: CaseDb, id: string, bytes: Buffer, chunkSize = 4): NewBlob {
  const insert = caseDb.db.prepare('INSERT INTO evidence_chunk (blob_id, idx, data) VALUES (?, ?, ?)');
  let idx = 0;
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    insert.run(id, idx++, bytes.subarray(offset, offset + chunkSize));
  }
  const digest = (algorithm: string) => createHash(algorithm).update(bytes).digest('hex');
  return {
    id,
    size: bytes.length,
    sha256: digest('sha256'),
    md5: digest('md5'),
    sha1: digest('sha1'),
    chunkSize,
    chunkCount: idx,
  };
}
