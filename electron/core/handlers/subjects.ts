import { CustosError } from '../errors.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

const todo = (): never => {
  throw new CustosError('INTERNAL', 'not built yet');
};

export function subjectHandlers(_session: Session): DomainHandlers<'subject'> {
  return {
    'subject:list': todo,
    'subject:get': todo,
    'subject:add': todo,
    'subject:update': todo,
    'subject:remove': todo,
    'subject:link': todo,
    'subject:unlink': todo,
  };
}
