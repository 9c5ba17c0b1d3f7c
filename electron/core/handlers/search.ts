import { CustosError } from '../errors.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

const todo = (): never => {
  throw new CustosError('INTERNAL', 'not built yet');
};

export function searchHandlers(_session: Session): DomainHandlers<'search'> {
  return {
    'search:query': todo,
  };
}
