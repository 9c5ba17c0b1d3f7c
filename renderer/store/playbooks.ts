import type { StateCreator } from 'zustand';
import type { z } from 'zod';
import type {
  AccessDraft,
  AccessItem,
  PlaybookRun,
  RunDetail,
  StartRunRequest,
  StepChangeRequest,
  TemplateSummary,
} from '../../shared/domain/playbook.ts';
import { api, call, messageOf } from '../lib/api.ts';
import { refreshCase } from './case.ts';
import type { AppState } from './index.ts';

export type PlaybookStart = z.input<typeof StartRunRequest>;
export type AccessItemDraft = z.input<typeof AccessDraft>;
/** A change to one step of the run shown: the run is implied. */
export type PlaybookStepChange = Omit<z.input<typeof StepChangeRequest>, 'runId'>;

/** The playbook runs of the open case, the one shown with all its steps, and the templates to start from. */
export type PlaybooksState = {
  playbookTemplates: TemplateSummary[];
  playbookRuns: PlaybookRun[];
  /** Whether the lists above are the open case's, read since it was opened. */
  playbooksLoaded: boolean;
  playbookRun: RunDetail | null;
  /**
   * When `playbookRun` was read (ms since the epoch): the backend decides `overdue` at that moment,
   * so "now" relative to T0 is shown as of then too, and the two never disagree.
   */
  playbookReadAt: number;
  /** The access inventory of the open case: the accounts, keys and devices a termination must cut. */
  accessItems: AccessItem[];
  /** Whether `accessItems` is the open case's, read since it was opened. */
  accessLoaded: boolean;
};

export const playbooksInitialState: PlaybooksState = {
  playbookTemplates: [],
  playbookRuns: [],
  playbooksLoaded: false,
  playbookRun: null,
  playbookReadAt: 0,
  accessItems: [],
  accessLoaded: false,
};

export type PlaybooksActions = {
  playbookRunsRequested(): Promise<void>;
  playbookRunChosen(runId: string): Promise<void>;
  playbookStarted(start: PlaybookStart): Promise<void>;
  playbookStepChanged(change: PlaybookStepChange): Promise<void>;
  accessRequested(): Promise<void>;
  accessAdded(draft: AccessItemDraft): Promise<void>;
};

export const playbooksActions: StateCreator<AppState, [], [], PlaybooksActions> = (set, get) => {
  async function readRun(runId: string) {
    set({ playbookRun: await call(api().playbook.detail({ runId })), playbookReadAt: Date.now() });
  }
  /** After a write: the whole run again (one step done moves others' due times and order), and the audit. */
  async function written(runId: string) {
    const runs = await call(api().playbook.runs());
    set({ playbookRuns: runs, auditVersion: get().auditVersion + 1 });
    await readRun(runId);
    await refreshCase(set);
  }
  return {
    async playbookRunsRequested() {
      try {
        const [templates, runs] = await Promise.all([call(api().playbook.templates()), call(api().playbook.runs())]);
        // The run already shown stays shown; else the latest one started.
        const shown = runs.find((r) => r.id === get().playbookRun?.run.id) ?? runs.at(-1);
        set({ playbookTemplates: templates, playbookRuns: runs, playbooksLoaded: true });
        if (shown) await readRun(shown.id);
        else set({ playbookRun: null });
      } catch (error) {
        set({ toast: { kind: 'error', text: messageOf(error) } });
      }
    },
    async playbookRunChosen(runId) {
      try {
        await readRun(runId);
      } catch (error) {
        set({ toast: { kind: 'error', text: messageOf(error) } });
      }
    },
    async playbookStarted(start) {
      const detail = await call(api().playbook.start(start));
      await written(detail.run.id);
      set({ toast: { kind: 'info', text: `Playbook “${detail.run.title}” started` } });
    },
    async playbookStepChanged(change) {
      const runId = get().playbookRun?.run.id;
      if (!runId) throw new Error('No playbook run is shown');
      await call(api().playbook.step({ runId, ...change }));
      await written(runId);
    },
    async accessRequested() {
      try {
        set({ accessItems: await call(api().access.list()), accessLoaded: true });
      } catch (error) {
        set({ toast: { kind: 'error', text: messageOf(error) } });
      }
    },
    async accessAdded(draft) {
      const item = await call(api().access.add(draft));
      const items = await call(api().access.list());
      set({
        accessItems: items,
        accessLoaded: true,
        auditVersion: get().auditVersion + 1,
        toast: { kind: 'info', text: `Access “${item.system}: ${item.identifier}” added to the inventory` },
      });
      await refreshCase(set);
    },
  };
};
