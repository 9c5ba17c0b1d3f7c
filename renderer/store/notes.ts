import type { StateCreator } from 'zustand';
import type { Note, NoteDraft, NotePatch } from '../../shared/domain/note.ts';
import { api, call, messageOf } from '../lib/api.ts';
import { refreshCase } from './case.ts';
import type { AppState } from './index.ts';

export type NotesState = {
  notes: Note[];
  /** Whether `notes` are the open case's, read since it was opened. */
  notesLoaded: boolean;
};

export const notesInitialState: NotesState = {
  notes: [],
  notesLoaded: false,
};

export type NotesActions = {
  notesRequested(): Promise<void>;
  noteAdded(draft: NoteDraft): Promise<void>;
  noteEdited(id: string, patch: NotePatch): Promise<void>;
};

export const notesActions: StateCreator<AppState, [], [], NotesActions> = (set, get) => ({
  async notesRequested() {
    try {
      set({ notes: await call(api().notes.list()), notesLoaded: true });
    } catch (error) {
      set({ toast: { kind: 'error', text: messageOf(error) } });
    }
  },
  async noteAdded(draft) {
    await call(api().notes.add(draft));
    set({ notes: await call(api().notes.list()), auditVersion: get().auditVersion + 1 });
    await refreshCase(set);
  },
  async noteEdited(id, patch) {
    await call(api().notes.update({ id, patch }));
    set({ notes: await call(api().notes.list()), auditVersion: get().auditVersion + 1 });
    await refreshCase(set);
  },
});
