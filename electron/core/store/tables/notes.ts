import type { Note } from '../../../../shared/domain/note.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { mutate } from '../db/mutate.ts';
import type { MutationContext } from '../db/mutate.ts';
import type { RowValues } from '../format/stateTables.ts';

type NoteRow = {
  id: string;
  body: string;
  author: string;
  privileged: 0 | 1;
  created_at: string;
  updated_at: string;
  removed: 0 | 1;
};

function rowToNote(row: NoteRow): Note {
  return {
    id: row.id,
    body: row.body,
    author: row.author,
    privileged: row.privileged === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    removed: row.removed === 1,
  };
}

export function listNotes(caseDb: CaseDb): Note[] {
  const rows = caseDb.statement('SELECT * FROM note WHERE removed = 0 ORDER BY created_at DESC, id').all() as NoteRow[];
  return rows.map(rowToNote);
}

export function countNotes(caseDb: CaseDb): number {
  return caseDb.statement('SELECT count(*) FROM note WHERE removed = 0').pluck().get() as number;
}

export function getNote(caseDb: CaseDb, id: string): Note {
  const row = caseDb.statement('SELECT * FROM note WHERE id = ?').get(id) as NoteRow | undefined;
  if (!row) throw new CustosError('NOT_FOUND', `note ${id} does not exist in this case`);
  return rowToNote(row);
}

export function insertNote(
  caseDb: CaseDb,
  ctx: MutationContext,
  id: string,
  values: { body: string; author: string; privileged: boolean },
): Note {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action: 'note.add',
    entity: { type: 'note', id },
    writes: [
      {
        op: 'insert',
        table: 'note',
        values: {
          id,
          body: values.body,
          author: values.author,
          privileged: values.privileged ? 1 : 0,
          created_at: now,
          updated_at: now,
          removed: 0,
        },
      },
    ],
  });
  return getNote(caseDb, id);
}

export function updateNote(
  caseDb: CaseDb,
  ctx: MutationContext,
  id: string,
  patch: { body?: string; privileged?: boolean },
): Note {
  const current = getNote(caseDb, id);
  if (current.removed) throw new CustosError('INVALID_INPUT', `note ${id} was removed; it can no longer be edited`);
  const values: RowValues = {};
  if (patch.body !== undefined && patch.body !== current.body) values.body = patch.body;
  if (patch.privileged !== undefined && patch.privileged !== current.privileged) {
    values.privileged = patch.privileged ? 1 : 0;
  }
  if (Object.keys(values).length > 0) {
    mutate(caseDb, ctx, {
      action: 'note.update',
      entity: { type: 'note', id },
      writes: [{ op: 'update', table: 'note', id, values: { ...values, updated_at: ctx.clock().toISOString() } }],
    });
  }
  return getNote(caseDb, id);
}

export function removeNote(caseDb: CaseDb, ctx: MutationContext, id: string): void {
  const current = getNote(caseDb, id);
  if (current.removed) return;
  mutate(caseDb, ctx, {
    action: 'note.remove',
    entity: { type: 'note', id },
    writes: [{ op: 'update', table: 'note', id, values: { removed: 1, updated_at: ctx.clock().toISOString() } }],
  });
}
