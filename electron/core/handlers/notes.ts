import { addNote, editNote, listNotes, removeNote } from '../services/notes.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

export function notesHandlers(session: Session): DomainHandlers<'notes'> {
  return {
    'notes:list': () => listNotes(session.openCase()),
    'notes:add': (draft) => addNote(session.openCase(), session.ctx(), draft),
    'notes:update': ({ id, patch }) => editNote(session.openCase(), session.ctx(), id, patch),
    'notes:remove': ({ id }) => {
      removeNote(session.openCase(), session.ctx(), id);
      return null;
    },
  };
}
