import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Note, NoteDraft, NotePatch } from '../../../shared/domain/note.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import {
  getNote,
  insertNote,
  listNotes as noteRows,
  removeNote as markNoteRemoved,
  updateNote,
} from '../store/tables/notes.ts';

/** Notes: written by the examiner (the profile's name is the author), privileged or not. */

export function listNotes(caseDb: CaseDb): Note[] {
  return noteRows(caseDb);
}

/** One note by id, a removed one too: its text stays in the case and its audit log. */
export function noteById(caseDb: CaseDb, id: string): Note {
  return getNote(caseDb, id);
}

export function addNote(caseDb: CaseDb, ctx: MutationContext, draft: z.output<typeof NoteDraft>): Note {
  return insertNote(caseDb, ctx, randomUUID(), {
    body: draft.body,
    author: ctx.actor.name,
    privileged: draft.privileged,
  });
}

export function editNote(caseDb: CaseDb, ctx: MutationContext, id: string, patch: z.output<typeof NotePatch>): Note {
  return updateNote(caseDb, ctx, id, patch);
}

/** Marks a note removed; the audit log keeps it. */
export function removeNote(caseDb: CaseDb, ctx: MutationContext, id: string): void {
  markNoteRemoved(caseDb, ctx, id);
}
