import { addTimelineEvent, editTimelineEvent, removeTimelineEvent, timelinePage } from '../services/timeline.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

export function timelineHandlers(session: Session): DomainHandlers<'timeline'> {
  return {
    'timeline:list': ({ offset, limit }) => timelinePage(session.openCase(), offset, limit),
    'timeline:add': (draft) => addTimelineEvent(session.openCase(), session.ctx(), draft),
    'timeline:update': ({ id, patch }) => editTimelineEvent(session.openCase(), session.ctx(), id, patch),
    'timeline:remove': ({ id }) => {
      removeTimelineEvent(session.openCase(), session.ctx(), id);
      return null;
    },
  };
}
