import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZERO_HASH } from '../../../shared/domain/common.ts';
import { canonicalJson } from '../../../shared/logic/canonicalJson.ts';
import { mutate } from '../../../electron/core/store/db/mutate.ts';
import type { Mutation } from '../../../electron/core/store/db/mutate.ts';
import { entryObject } from '../../../electron/core/store/format/chain.ts';
import type { RowValues } from '../../../electron/core/store/format/stateTables.ts';
import { rowToEntry } from '../../../electron/core/store/tables/auditLog.ts';
import { EXAMINER } from '../../helpers/tempCase.ts';
import { auditRows, countRows, expectChainRecomputes, expectIntact, memoryCase, rowOf } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

const A = '0b9f4a52-5b5c-4a8f-9f55-6c7e0a1d2e3f';
const B = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

/** Text that needs escaping in JSON, and more than ASCII. */
const BODY = 'Badge of "J. Kim" used at the Łódź office\n김민준 😀';

/** A note row as a table module would insert it. */
function noteRow(id: string, body = BODY): RowValues & { id: string } {
  return {
    id,
    body,
    author: 'Dana Whitfield',
    privileged: 0,
    created_at: '2026-11-02T08:00:00.000Z',
    updated_at: '2026-11-02T08:00:00.000Z',
    removed: 0,
  };
}

const addNote = (id: string, body?: string): Mutation => ({
  action: 'note.add',
  entity: { type: 'note', id },
  writes: [{ op: 'insert', table: 'note', values: noteRow(id, body) }],
});

const editNote = (id: string, values: RowValues): Mutation => ({
  action: 'note.update',
  entity: { type: 'note', id },
  writes: [{ op: 'update', table: 'note', id, values }],
});

describe('mutate(): every change and its audit entry, together', () => {
  let mc: MemoryCase;
  beforeEach(() => (mc = memoryCase()));
  afterEach(() => mc.caseDb.close());

  it('an insert writes the row and one entry: actor, the clock’s time, action, entity, no before image, the row after', () => {
    const { caseDb, ctx, times } = mc;
    const returned = mutate(caseDb, ctx, addNote(A));

    expect(rowOf(caseDb, 'note', A)).toEqual(noteRow(A));
    const rows = auditRows(caseDb);
    expect(rows).toHaveLength(1);
    expect(times).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      seq: 1,
      at: times[0],
      actor_name: EXAMINER.name,
      actor_role: EXAMINER.role,
      actor_organisation: EXAMINER.organisation,
      action: 'note.add',
      entity_type: 'note',
      entity_id: A,
      prev_hash: ZERO_HASH,
    });
    expect(JSON.parse(rows[0]!.changes)).toEqual([
      { table: 'note', id: A, before: null, after: rowOf(caseDb, 'note', A) },
    ]);
    // Stored already canonical, so the hash covers exactly the stored text.
    expect(rows[0]!.changes).toBe(canonicalJson(JSON.parse(rows[0]!.changes)));
    expect(returned).toEqual(rowToEntry(rows[0]!));
  });

  it('hashes SHA-256(prev_hash ‖ canonical JSON of the entry), entry 1 after 64 zeros, each later one after the one before', () => {
    const { caseDb, ctx } = mc;
    mutate(caseDb, ctx, addNote(A));
    mutate(caseDb, ctx, editNote(A, { body: 'Badge used twice' }));
    mutate(caseDb, ctx, addNote(B));

    const rows = auditRows(caseDb);
    expect(rows.map((r) => r.prev_hash)).toEqual([ZERO_HASH, rows[0]!.hash, rows[1]!.hash]);
    // Recomputed independently of the code's own concatenation: node:crypto over the RFC 8785 form.
    for (const row of rows) {
      const object = entryObject({
        seq: row.seq,
        at: row.at,
        actor: { name: row.actor_name, role: row.actor_role, organisation: row.actor_organisation },
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        changesJson: row.changes,
        prevHash: row.prev_hash,
      });
      const expected = createHash('sha256')
        .update(row.prev_hash + canonicalJson(object), 'utf8')
        .digest('hex');
      expect(row.hash).toBe(expected);
    }
    expectChainRecomputes(caseDb);
    expectIntact(caseDb);
  });

  it('an update records the whole row before and after, and only the columns given change', () => {
    const { caseDb, ctx, times } = mc;
    mutate(caseDb, ctx, addNote(A));
    const before = rowOf(caseDb, 'note', A);
    const entry = mutate(
      caseDb,
      ctx,
      editNote(A, { body: 'Badge used twice', updated_at: '2026-11-02T10:00:00.000Z' }),
    );

    const after = rowOf(caseDb, 'note', A);
    expect(after).toEqual({ ...before, body: 'Badge used twice', updated_at: '2026-11-02T10:00:00.000Z' });
    const rows = auditRows(caseDb);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      seq: 2,
      at: times[1],
      action: 'note.update',
      entity_id: A,
      prev_hash: rows[0]!.hash,
    });
    expect(JSON.parse(rows[1]!.changes)).toEqual([{ table: 'note', id: A, before, after }]);
    expect(entry?.changes).toEqual([{ table: 'note', id: A, before, after }]);
  });

  it('a removal marks the row (it stays in the case) and its entry shows removed going from 0 to 1', () => {
    const { caseDb, ctx } = mc;
    mutate(caseDb, ctx, addNote(A));
    const before = rowOf(caseDb, 'note', A);
    mutate(caseDb, ctx, { ...editNote(A, { removed: 1 }), action: 'note.remove' });

    expect(countRows(caseDb, 'note')).toBe(1);
    const after = rowOf(caseDb, 'note', A);
    expect(after).toEqual({ ...before, removed: 1 });
    const rows = auditRows(caseDb);
    expect(rows.map((r) => r.action)).toEqual(['note.add', 'note.remove']);
    expect(JSON.parse(rows[1]!.changes)).toEqual([{ table: 'note', id: A, before, after }]);
    expectIntact(caseDb);
  });

  it('several writes make one entry holding their changes in the order applied', () => {
    const { caseDb, ctx } = mc;
    const entry = mutate(caseDb, ctx, {
      action: 'note.add',
      entity: { type: 'note', id: A },
      writes: [
        { op: 'insert', table: 'note', values: noteRow(A) },
        { op: 'insert', table: 'note', values: noteRow(B) },
        { op: 'update', table: 'note', id: A, values: { privileged: 1 } },
      ],
    });
    expect(countRows(caseDb, 'audit_log')).toBe(1);
    expect(entry?.changes.map((c) => [c.id, c.before?.privileged ?? null, c.after?.privileged])).toEqual([
      [A, null, 0],
      [B, null, 0],
      [A, 0, 1],
    ]);
    expectIntact(caseDb);
  });

  describe('a failure part-way leaves nothing half-written', () => {
    function expectNothingButTheFirstNote() {
      const { caseDb } = mc;
      expect(caseDb.db.prepare('SELECT id FROM note').pluck().all()).toEqual([A]);
      expect(auditRows(caseDb).map((r) => r.action)).toEqual(['note.add']);
      expect(caseDb.db.inTransaction).toBe(false);
    }

    beforeEach(() => {
      mutate(mc.caseDb, mc.ctx, addNote(A));
    });

    it('a write that breaks a CHECK constraint takes the writes before it back, and appends no entry', () => {
      const { caseDb, ctx } = mc;
      expect(() =>
        mutate(caseDb, ctx, {
          action: 'note.add',
          entity: { type: 'note', id: B },
          writes: [
            { op: 'insert', table: 'note', values: noteRow(B) },
            { op: 'update', table: 'note', id: A, values: { body: 'changed' } },
            { op: 'update', table: 'note', id: B, values: { privileged: 2 } },
          ],
        }),
      ).toThrow(/CHECK constraint failed/);
      expectNothingButTheFirstNote();
      expect(rowOf(caseDb, 'note', A)?.body).toBe(BODY);
    });

    it('an unknown column is refused by name, after a good write, and that write is taken back', () => {
      const { caseDb, ctx } = mc;
      expect(() =>
        mutate(caseDb, ctx, {
          action: 'note.add',
          entity: { type: 'note', id: B },
          writes: [
            { op: 'insert', table: 'note', values: noteRow(B) },
            { op: 'update', table: 'note', id: B, values: { colour: 'red' } },
          ],
        }),
      ).toThrow(expect.objectContaining({ code: 'INTERNAL', message: 'note has no column colour' }));
      expectNothingButTheFirstNote();
    });

    it('inserting an id that exists, or updating one that does not, is refused and writes nothing', () => {
      const { caseDb, ctx } = mc;
      expect(() => mutate(caseDb, ctx, addNote(A))).toThrow(
        expect.objectContaining({ code: 'INTERNAL', message: `note ${A} already exists` }),
      );
      expect(() =>
        mutate(caseDb, ctx, {
          action: 'note.add',
          entity: { type: 'note', id: B },
          writes: [
            { op: 'insert', table: 'note', values: noteRow(B) },
            { op: 'update', table: 'timeline_event', id: B, values: { removed: 1 } },
          ],
        }),
      ).toThrow(
        expect.objectContaining({ code: 'NOT_FOUND', message: `timeline_event ${B} does not exist in this case` }),
      );
      expectNothingButTheFirstNote();
    });

    it('a failure in the caller’s transaction after mutate() takes the row and its entry back together', () => {
      const { caseDb, ctx } = mc;
      expect(() =>
        caseDb.transaction(() => {
          mutate(caseDb, ctx, addNote(B));
          throw new Error('the caller failed after the write');
        }),
      ).toThrow('the caller failed after the write');
      expectNothingButTheFirstNote();
    });

    it('the next write chains on from the last entry that was kept', () => {
      const { caseDb, ctx } = mc;
      expect(() => mutate(caseDb, ctx, editNote(A, { removed: 7 }))).toThrow(/CHECK constraint failed/);
      mutate(caseDb, ctx, addNote(B));
      const rows = auditRows(caseDb);
      expect(rows.map((r) => r.seq)).toEqual([1, 2]);
      expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
      expectIntact(caseDb);
    });
  });

  describe('text that is not well-formed UTF-16 is refused before anything is written', () => {
    const refusal = (where: string) =>
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: `Text that is not well-formed (a lone UTF-16 surrogate) cannot be recorded: ${where}; nothing was written`,
      });

    it('in a row value, an actor, or the action', () => {
      const { caseDb, ctx } = mc;
      expect(() => mutate(caseDb, ctx, addNote(A, 'half an emoji \uD83D'))).toThrow(refusal('writes[0].body'));
      expect(() => mutate(caseDb, { ...ctx, actor: { ...EXAMINER, name: 'Dana \uDE00' } }, addNote(A))).toThrow(
        refusal('actor.name'),
      );
      expect(() => mutate(caseDb, ctx, { ...addNote(A), action: 'note.\uD800add' })).toThrow(refusal('action'));
      expect(countRows(caseDb, 'note')).toBe(0);
      expect(countRows(caseDb, 'audit_log')).toBe(0);
    });

    it('while a well-formed surrogate pair (an emoji) is stored and hashed as itself', () => {
      const { caseDb, ctx } = mc;
      mutate(caseDb, ctx, addNote(A, 'whole emoji \uD83D\uDE00'));
      expect(rowOf(caseDb, 'note', A)?.body).toBe('whole emoji 😀');
      expectIntact(caseDb);
    });
  });

  describe('an update that changes nothing', () => {
    it('writes nothing, appends no entry and returns null', () => {
      const { caseDb, ctx, times } = mc;
      mutate(caseDb, ctx, addNote(A));
      const row = rowOf(caseDb, 'note', A);
      expect(mutate(caseDb, ctx, editNote(A, { body: BODY, privileged: 0 }))).toBeNull();
      expect(rowOf(caseDb, 'note', A)).toEqual(row);
      expect(countRows(caseDb, 'audit_log')).toBe(1);
      // The clock is not even read: an entry that is not made has no time.
      expect(times).toHaveLength(1);
    });

    it('beside a write that does change something, leaves only that change in the entry', () => {
      const { caseDb, ctx } = mc;
      mutate(caseDb, ctx, addNote(A));
      mutate(caseDb, ctx, addNote(B));
      const entry = mutate(caseDb, ctx, {
        action: 'note.update',
        entity: { type: 'note', id: B },
        writes: [
          { op: 'update', table: 'note', id: A, values: { body: BODY } },
          { op: 'update', table: 'note', id: B, values: { body: 'Only this one changed', privileged: 0 } },
        ],
      });
      expect(entry?.changes.map((c) => [c.id, c.before?.body, c.after?.body])).toEqual([
        [B, BODY, 'Only this one changed'],
      ]);
      expect(countRows(caseDb, 'audit_log')).toBe(3);
      expectIntact(caseDb);
    });
  });
});
