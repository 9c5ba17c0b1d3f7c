import { caseOverview } from '../services/overview.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/** The case at a glance: the Overview dashboard and the integrity state in the case header. */
export function overviewHandlers(session: Session): DomainHandlers<'overview'> {
  return {
    // The examiner's own verification log lives in their data directory, beside the profile.
    'overview:get': () =>
      caseOverview(session.openCase(), { now: session.deps.clock(), dataDir: session.deps.appData.dir }),
  };
}
