import {
  addSubject,
  editSubject,
  linkSubject,
  listSubjects,
  removeSubject,
  subjectDetail,
  unlinkSubject,
} from '../services/subjects.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

export function subjectHandlers(session: Session): DomainHandlers<'subject'> {
  return {
    'subject:list': () => listSubjects(session.openCase()),
    'subject:get': ({ id }) => subjectDetail(session.openCase(), id),
    'subject:add': (draft) => addSubject(session.openCase(), session.ctx(), draft),
    'subject:update': ({ id, patch }) => editSubject(session.openCase(), session.ctx(), id, patch),
    'subject:remove': ({ id }) => {
      removeSubject(session.openCase(), session.ctx(), id);
      return null;
    },
    'subject:link': (draft) => linkSubject(session.openCase(), session.ctx(), draft),
    'subject:unlink': ({ id }) => {
      unlinkSubject(session.openCase(), session.ctx(), id);
      return null;
    },
  };
}
