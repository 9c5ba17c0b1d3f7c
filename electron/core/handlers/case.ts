import { CustosError } from '../errors.ts';
import { caseInfo, createCase, editCase, openCase } from '../services/cases.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/** Creating, opening, closing and editing the case; one case is open at a time. */
export function caseHandlers(session: Session): DomainHandlers<'case'> {
  return {
    'case:create': ({ path, draft }) => {
      session.refuseWhileAdding('create the case');
      const context = session.ctx();
      const target = session.requireGranted('newCase', path);
      if (session.currentCase()?.path === target) {
        throw new CustosError('ALREADY_EXISTS', `${target} is the open case; choose another name`);
      }
      return session.becomeCurrent(createCase(target, draft, context));
    },
    'case:open': ({ path }) => {
      const target = session.requireGranted('case', path);
      // The same file under another name (a link, another path) is the case already open.
      if (session.isOpen(target)) return caseInfo(session.openCase());
      session.refuseWhileAdding('open the other case');
      return session.becomeCurrent(openCase(target));
    },
    'case:close': () => {
      session.refuseWhileAdding('close the case');
      session.closeCurrent();
      return null;
    },
    'case:current': () => {
      const current = session.currentCase();
      return current ? caseInfo(current) : null;
    },
    'case:update': (patch) => {
      const info = editCase(session.openCase(), session.ctx(), patch);
      session.caseRecordChanged(info);
      return info;
    },
  };
}
