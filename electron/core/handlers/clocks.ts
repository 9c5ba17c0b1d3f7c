import { clocksState, removeClockSubmission, setClock, submitClock } from '../services/clocks.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

export function clockHandlers(session: Session): DomainHandlers<'clock'> {
  return {
    'clock:list': () => clocksState(session.openCase(), session.deps.clock()),
    'clock:set': (request) => setClock(session.openCase(), session.ctx(), request),
    'clock:submit': (draft) => submitClock(session.openCase(), session.ctx(), draft).state,
    'clock:removeSubmission': ({ id }) => removeClockSubmission(session.openCase(), session.ctx(), id),
  };
}
