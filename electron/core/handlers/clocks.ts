import { CustosError } from '../errors.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

const todo = (): never => {
  throw new CustosError('INTERNAL', 'not built yet');
};

export function clockHandlers(_session: Session): DomainHandlers<'clock'> {
  return {
    'clock:list': todo,
    'clock:set': todo,
    'clock:submit': todo,
    'clock:removeSubmission': todo,
  };
}
