import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../../shared/domain/audit.ts';
import { ZERO_HASH } from '../../../shared/domain/common.ts';
import {
  auditHead,
  countAudit,
  iterateAuditRows,
  listAudit,
  rowToEntry,
} from '../../../electron/core/store/tables/auditLog.ts';
import type { AuditRow } from '../../../electron/core/store/tables/auditLog.ts';
import { insertNote, removeNote, updateNote } from '../../../electron/core/store/tables/notes.ts';
import { EXAMINER } from '../../helpers/tempCase.ts';
import { auditRows, countRows, expectIntact, memoryCase } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

const N1 = '11111111-1111-4111-8111-111111111111';

describe('auditLog: reading the hash-chained log', () => {
  let mc: MemoryCase;
  beforeEach(() => (mc = memoryCase()));
  afterEach(() => mc.caseDb.close());

  /** Three entries: a note added, edited, removed. */
  function threeEntries() {
    const { caseDb, ctx } = mc;
    insertNote(caseDb, ctx, N1, { body: 'draft', author: 'Dana', privileged: false });
    updateNote(caseDb, ctx, N1, { body: 'final' });
    removeNote(caseDb, ctx, N1);
  }

  it('an empty log has head 0 and 64 zeros', () => {
    expect(auditHead(mc.caseDb)).toEqual({ seq: 0, hash: ZERO_HASH });
    expect(countAudit(mc.caseDb)).toBe(0);
    expect(listAudit(mc.caseDb, 0, 10)).toEqual([]);
  });

  it('reads each stored row as an AuditEntry: actor, entity, parsed changes, the hashes', () => {
    threeEntries();
    const { caseDb } = mc;
    const rows = auditRows(caseDb);
    const entries = listAudit(caseDb, 0, 10, 'asc');
    for (const [i, entry] of entries.entries()) {
      const row = rows[i]!;
      expect(AuditEntry.parse(entry)).toEqual(entry);
      expect(entry).toEqual({
        seq: row.seq,
        at: row.at,
        actor: EXAMINER,
        action: row.action,
        entity: { type: 'note', id: N1 },
        changes: JSON.parse(row.changes),
        prevHash: row.prev_hash,
        hash: row.hash,
      });
    }
    expect(entries.map((e) => e.action)).toEqual(['note.add', 'note.update', 'note.remove']);
  });

  it('the head is the last entry; count, pages newest first or oldest first, and iteration in order', () => {
    threeEntries();
    const { caseDb } = mc;
    const rows = auditRows(caseDb);
    expect(auditHead(caseDb)).toEqual({ seq: 3, hash: rows[2]!.hash });
    expect(countAudit(caseDb)).toBe(3);
    expect(listAudit(caseDb, 0, 2).map((e) => e.seq)).toEqual([3, 2]);
    expect(listAudit(caseDb, 2, 2).map((e) => e.seq)).toEqual([1]);
    expect(listAudit(caseDb, 1, 5, 'asc').map((e) => e.seq)).toEqual([2, 3]);
    expect([...iterateAuditRows(caseDb)]).toEqual(rows);
    expectIntact(caseDb);
  });

  it('an entry whose change data cannot be read is listed, marked damaged, with no changes', () => {
    threeEntries();
    const row: AuditRow = { ...auditRows(mc.caseDb)[0]!, changes: '[{"table":"note",' };
    const entry = rowToEntry(row);
    expect(entry.changes).toEqual([]);
    expect(entry.damaged).toEqual(expect.any(String));
    expect(entry).toMatchObject({ seq: 1, hash: row.hash });
    expect(rowToEntry(auditRows(mc.caseDb)[0]!).damaged).toBeUndefined();
  });

  it('the log is append-only: SQLite itself refuses to change or delete an entry', () => {
    threeEntries();
    const { db } = mc.caseDb;
    expect(() => db.prepare("UPDATE audit_log SET action = 'note.forged' WHERE seq = 2").run()).toThrow(
      'audit_log is append-only',
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow('audit_log is append-only');
    expect(countRows(mc.caseDb, 'audit_log')).toBe(3);
    expectIntact(mc.caseDb);
  });
});
