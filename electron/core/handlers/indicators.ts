import { CustosError } from '../errors.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

const todo = (): never => {
  throw new CustosError('INTERNAL', 'not built yet');
};

export function indicatorHandlers(_session: Session): DomainHandlers<'indicator'> {
  return {
    'indicator:list': todo,
    'indicator:check': todo,
    'indicator:add': todo,
    'indicator:update': todo,
    'indicator:remove': todo,
    'indicator:preview': todo,
    'indicator:import': todo,
  };
}
