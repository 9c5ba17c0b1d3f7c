import { listLegalHolds, placeLegalHold, releaseLegalHold } from '../services/evidence/hold.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/** Legal holds on the whole case or on one item. */
export function holdHandlers(session: Session): DomainHandlers<'hold'> {
  return {
    'hold:list': () => listLegalHolds(session.openCase()),
    'hold:place': (draft) => placeLegalHold(session.openCase(), session.ctx(), draft),
    'hold:release': ({ id, reason }) => releaseLegalHold(session.openCase(), session.ctx(), id, reason),
  };
}
