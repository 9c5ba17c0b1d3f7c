import { searchCase } from '../services/search.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

export function searchHandlers(session: Session): DomainHandlers<'search'> {
  return {
    'search:query': (request) => searchCase(session.openCase(), request),
  };
}
