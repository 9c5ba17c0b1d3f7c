import type { StateCreator } from 'zustand';
import type { TimelineDraft, TimelinePatch } from '../../shared/domain/timeline.ts';
import type { TimelineChart } from '../../shared/domain/timelineChart.ts';
import { api, call, messageOf } from '../lib/api.ts';
import { refreshCase } from './case.ts';
import type { AppState } from './index.ts';

/**
 * The timeline is a paged list read by the view itself; the store says when to read it again, and
 * holds the picture's answer (every event as columns, with the other marks on the same axis).
 */
export type TimelineState = {
  /** Bumped on every change so the paged list refetches; it only moves forward (see caseScoped.ts). */
  timelineVersion: number;
  /** What the picture draws, once read; null before. */
  timelineChart: TimelineChart | null;
  /** Why the picture could not be read, as the core said it. */
  timelineChartError: string | null;
  /** Whether the picture is shown above the table (a person who only wants the table hides it). */
  timelineChartShown: boolean;
};

export const timelineInitialState: TimelineState = {
  timelineVersion: 0,
  timelineChart: null,
  timelineChartError: null,
  timelineChartShown: true,
};

export type TimelineActions = {
  timelineEventAdded(draft: TimelineDraft): Promise<void>;
  timelineEventEdited(id: string, patch: TimelinePatch): Promise<void>;
  timelineEventRemoved(id: string): Promise<void>;
  /** Reads the picture again: on opening the Timeline, and after any change to the case. */
  timelineChartRequested(): Promise<void>;
  timelineChartToggled(): void;
};

export const timelineActions: StateCreator<AppState, [], [], TimelineActions> = (set, get) => {
  // Each change is audited too, so both lists are read again.
  async function changed() {
    set({ timelineVersion: get().timelineVersion + 1, auditVersion: get().auditVersion + 1 });
    await refreshCase(set);
  }
  // Each read gets a number: an answer to an older read (slower than the next) is dropped.
  let asked = 0;
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
    async timelineChartRequested() {
      const mine = ++asked;
      const casePath = get().caseInfo?.path;
      try {
        const chart = await call(api().chart.timeline({}));
        if (mine !== asked || get().caseInfo?.path !== casePath) return;
        set({ timelineChart: chart, timelineChartError: null });
      } catch (error) {
        if (mine !== asked || get().caseInfo?.path !== casePath) return;
        set({ timelineChartError: messageOf(error) });
      }
    },
    timelineChartToggled: () => set({ timelineChartShown: !get().timelineChartShown }),
  };
};
