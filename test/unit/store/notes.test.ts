import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Note } from '../../../shared/domain/note.ts';
import {
  countNotes,
  getNote,
  insertNote,
  listNotes,
  removeNote,
  updateNote,
} from '../../../electron/core/store/tables/notes.ts';
import { expectIntact, expectRefused, memoryCase, noEntry, oneEntry, rowOf } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

const N1 = '11111111-1111-4111-8111-111111111111';
const N2 = '22222222-2222-4222-8222-222222222222';
const N3 = '33333333-3333-4333-8333-333333333333';

describe('notes: case notes', () => {
  let mc: MemoryCase;
  beforeEach(() => (mc = memoryCase()));
  afterEach(() => mc.caseDb.close());

  it('an insert is one note.add entry and reads back as a Note, privilege as a boolean', () => {
    const { caseDb, ctx, times } = mc;
    const values = { body: 'Counsel asked for the VPN logs', author: 'Dana Whitfield', privileged: true };
    const { result, entry } = oneEntry(caseDb, 'note.add', () => insertNote(caseDb, ctx, N1, values));
    expect(Note.parse(result)).toEqual(result);
    expect(result).toEqual({ id: N1, ...values, createdAt: times[0], updatedAt: times[0], removed: false });
    expect(rowOf(caseDb, 'note', N1)).toMatchObject({ privileged: 1, removed: 0 });
    expect(entry.entity).toEqual({ type: 'note', id: N1 });
    expect(entry.changes).toEqual([{ table: 'note', id: N1, before: null, after: rowOf(caseDb, 'note', N1) }]);
    expectIntact(caseDb);
  });

  it('lists the newest first and counts what is not removed', () => {
    const { caseDb, ctx } = mc;
    insertNote(caseDb, ctx, N2, { body: 'first', author: 'Dana', privileged: false });
    insertNote(caseDb, ctx, N1, { body: 'second', author: 'Dana', privileged: false });
    insertNote(caseDb, ctx, N3, { body: 'third', author: 'Dana', privileged: false });
    expect(listNotes(caseDb).map((n) => n.body)).toEqual(['third', 'second', 'first']);
    removeNote(caseDb, ctx, N1);
    expect(listNotes(caseDb).map((n) => n.body)).toEqual(['third', 'first']);
    expect(countNotes(caseDb)).toBe(2);
  });

  it('an edit is one note.update entry with only what differs; repeating the values writes nothing', () => {
    const { caseDb, ctx, times } = mc;
    insertNote(caseDb, ctx, N1, { body: 'draft', author: 'Dana', privileged: false });
    const before = rowOf(caseDb, 'note', N1);
    const given = times.length;
    const { result, entry } = oneEntry(caseDb, 'note.update', () =>
      updateNote(caseDb, ctx, N1, { body: 'draft', privileged: true }),
    );
    // The edit's time is the clock's, read just before the entry's own.
    expect(times.slice(given)).toEqual([result.updatedAt, entry.at]);
    expect(result).toMatchObject({ body: 'draft', privileged: true });
    expect(entry.changes).toEqual([{ table: 'note', id: N1, before, after: rowOf(caseDb, 'note', N1) }]);
    expect(entry.changes[0]!.after).toEqual({ ...before, privileged: 1, updated_at: result.updatedAt });
    expect(noEntry(caseDb, () => updateNote(caseDb, ctx, N1, { body: 'draft', privileged: true }))).toEqual(result);
    expectIntact(caseDb);
  });

  it('a removal marks the note in one note.remove entry; removing it again records nothing', () => {
    const { caseDb, ctx } = mc;
    insertNote(caseDb, ctx, N1, { body: 'to remove', author: 'Dana', privileged: false });
    const { entry } = oneEntry(caseDb, 'note.remove', () => removeNote(caseDb, ctx, N1));
    expect(entry.changes[0]).toMatchObject({ before: { removed: 0 }, after: { removed: 1 } });
    expect(getNote(caseDb, N1)).toMatchObject({ removed: true, body: 'to remove' });
    noEntry(caseDb, () => removeNote(caseDb, ctx, N1));
    expectIntact(caseDb);
  });

  it('refuses to edit a removed note, and names an unknown one', () => {
    const { caseDb, ctx } = mc;
    insertNote(caseDb, ctx, N1, { body: 'to remove', author: 'Dana', privileged: false });
    removeNote(caseDb, ctx, N1);
    expectRefused(
      caseDb,
      () => updateNote(caseDb, ctx, N1, { body: 'edited' }),
      'INVALID_INPUT',
      `note ${N1} was removed; it can no longer be edited`,
    );
    const unknown = `note ${N2} does not exist in this case`;
    expectRefused(caseDb, () => getNote(caseDb, N2), 'NOT_FOUND', unknown);
    expectRefused(caseDb, () => updateNote(caseDb, ctx, N2, { body: 'x' }), 'NOT_FOUND', unknown);
    expectRefused(caseDb, () => removeNote(caseDb, ctx, N2), 'NOT_FOUND', unknown);
    expectIntact(caseDb);
  });
});
