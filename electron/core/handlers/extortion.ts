import { CustosError } from '../errors.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

const todo = (): never => {
  throw new CustosError('INTERNAL', 'not built yet');
};

export function extortionHandlers(_session: Session): DomainHandlers<'extortion'> {
  return {
    'extortion:record': todo,
    'extortion:addMessage': todo,
    'extortion:addDemand': todo,
    'extortion:updateDemand': todo,
    'extortion:addValidation': todo,
    'extortion:decide': todo,
    'extortion:signOff': todo,
    'extortion:remove': todo,
  };
}
