import {
  addDemand,
  addMessage,
  addValidation,
  decide,
  extortionRecord,
  removeExtortion,
  signOff,
  updateDemand,
} from '../services/extortion.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

export function extortionHandlers(session: Session): DomainHandlers<'extortion'> {
  return {
    'extortion:record': () => extortionRecord(session.openCase()),
    'extortion:addMessage': (draft) => addMessage(session.openCase(), session.ctx(), draft),
    'extortion:addDemand': (draft) => addDemand(session.openCase(), session.ctx(), draft),
    'extortion:updateDemand': ({ id, patch }) => updateDemand(session.openCase(), session.ctx(), id, patch),
    'extortion:addValidation': (draft) => addValidation(session.openCase(), session.ctx(), draft),
    'extortion:decide': (draft) => decide(session.openCase(), session.ctx(), draft),
    'extortion:signOff': (request) => signOff(session.openCase(), session.ctx(), request),
    'extortion:remove': ({ kind, id }) => {
      removeExtortion(session.openCase(), session.ctx(), kind, id);
      return null;
    },
  };
}
