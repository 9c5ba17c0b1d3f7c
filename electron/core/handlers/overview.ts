import { caseOverview } from '../services/overview.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/** The case at a glance: the Overview dashboard and the integrity state in the case header. */
export function overviewHandlers(session: Session): DomainHandlers<'overview'> {
  return {
    'overview:get': () => caseOverview(session.openCase()),
  };
}
