import type { StateCreator } from 'zustand';
import type { TimelineDraft, TimelinePatch } from '../../shared/domain/timeline.ts';
import { api, call } from '../lib/api.ts';
import { refreshCase } from './case.ts';
import type { AppState } from './index.ts';

/** The timeline is a paged list read by the view itself; the store only says when to read it again. */
export type TimelineState = {
  /** Bumped on every change so the paged list refetches; it only moves forward (see caseScoped.ts). */
  timelineVersion: number;
};

export const timelineInitialState: TimelineState = {
  timelineVersion: 0,
};

export type TimelineActions = {
  timelineEventAdded(draft: TimelineDraft): Promise<void>;
  timelineEventEdited(id: string, patch: TimelinePatch): Promise<void>;
  timelineEventRemoved(id: string): Promise<void>;
};

export const timelineActions: StateCreator<AppState, [], [], TimelineActions> = (set, get) => {
  // Each change is audited too, so both lists are read again.
  async function changed() {
    set({ timelineVersion: get().timelineVersion + 1, auditVersion: get().auditVersion + 1 });
    await refreshCase(set);
  }
  return {
    async timelineEventAdded(draft) {
      await call(api().timeline.add(draft));
      await changed();
    },
    async timelineEventEdited(id, patch) {
      await call(api().timeline.update({ id, patch }));
      await changed();
    },
    async timelineEventRemoved(id) {
      await call(api().timeline.remove({ id }));
      await changed();
    },
  };
};
