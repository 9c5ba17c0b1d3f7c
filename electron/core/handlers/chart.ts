import { timelineChart } from '../services/timelineChart.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/** What the timeline picture draws, with deadlines and overdue steps judged at the session's clock. */
export function chartHandlers(session: Session): DomainHandlers<'chart'> {
  return {
    'chart:timeline': () => timelineChart(session.openCase(), session.deps.clock()),
  };
}
