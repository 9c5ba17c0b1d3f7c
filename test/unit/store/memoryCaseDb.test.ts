import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZERO_HASH } from '../../../shared/domain/common.ts';
import { CUSTOS_APPLICATION_ID } from '../../../electron/core/store/file/header.ts';
import { SCHEMA_VERSION } from '../../../electron/core/store/format/migrations/index.ts';
import { schemaProblems } from '../../../electron/core/store/verify/schemaCheck.ts';
import { verifyCase } from '../../../electron/core/store/verify/index.ts';
import { insertNote } from '../../../electron/core/store/tables/notes.ts';
import { countRows, expectIntact, memoryCase, rowOf } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

const A = '0b9f4a52-5b5c-4a8f-9f55-6c7e0a1d2e3f';

describe('a case in memory (openMemoryCaseDb)', () => {
  let mc: MemoryCase;
  beforeEach(() => (mc = memoryCase()));
  afterEach(() => mc.caseDb.close());

  it('has exactly the current format’s schema, made by the migrations, and nothing in it', () => {
    const { db } = mc.caseDb;
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(CUSTOS_APPLICATION_ID);
    expect(schemaProblems(db, SCHEMA_VERSION)).toEqual([]);
    for (const table of ['case_meta', 'note', 'audit_log', 'evidence_item', 'evidence_chunk']) {
      expect(countRows(mc.caseDb, table)).toBe(0);
    }
  });

  it('is configured and hardened like a writer’s connection to a file', () => {
    const { db } = mc.caseDb;
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('trusted_schema', { simple: true })).toBe(0);
    // Defensive mode: the schema cannot be rewritten behind SQLite's back.
    db.pragma('writable_schema = ON');
    expect(() => db.prepare("UPDATE sqlite_master SET sql = '' WHERE name = 'note'").run()).toThrow();
    expect(mc.caseDb.readOnly).toBe(false);
  });

  it('verifies as intact while empty, and the verifier sees a row changed behind Custos’s back', () => {
    const { caseDb, ctx } = mc;
    const empty = verifyCase(caseDb);
    expect(empty.ok).toBe(true);
    expect(empty.head).toEqual({ seq: 0, hash: ZERO_HASH });

    insertNote(caseDb, ctx, A, { body: 'Badge used at 02:14', author: 'Dana', privileged: false });
    expectIntact(caseDb);
    caseDb.db.prepare("UPDATE note SET body = 'Badge never used' WHERE id = ?").run(A);
    const report = verifyCase(caseDb);
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.id === 'replay')).toMatchObject({
      status: 'fail',
      location: { table: 'note', rowId: A },
    });
  });

  it('refuses to write once its schema was changed (a trigger added), and the trigger never runs', () => {
    const { caseDb, ctx } = mc;
    caseDb.db.exec(
      "CREATE TRIGGER note_spy AFTER INSERT ON note BEGIN UPDATE note SET body = 'overwritten' WHERE id = NEW.id; END",
    );
    expect(() => insertNote(caseDb, ctx, A, { body: 'x', author: 'Dana', privileged: false })).toThrow(
      expect.objectContaining({ code: 'SCHEMA_MISMATCH', message: expect.stringContaining('note_spy') }),
    );
    expect(rowOf(caseDb, 'note', A)).toBeUndefined();
    expect(countRows(caseDb, 'audit_log')).toBe(0);
  });

  it('runs bulk writes as they are, and closes once however often it is closed', async () => {
    const { caseDb } = mc;
    await expect(caseDb.withBulkWrites(async () => 'stored')).resolves.toBe('stored');
    caseDb.close();
    caseDb.close();
    expect(caseDb.db.open).toBe(false);
  });

  it('is a new, separate case each time it is opened', () => {
    const other = memoryCase();
    try {
      insertNote(mc.caseDb, mc.ctx, A, { body: 'only here', author: 'Dana', privileged: false });
      expect(countRows(other.caseDb, 'note')).toBe(0);
    } finally {
      other.caseDb.close();
    }
  });
});
