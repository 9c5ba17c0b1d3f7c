import type { StateCreator } from 'zustand';
import type { z } from 'zod';
import type {
  AccessDraft,
  AccessItem,
  AccessLineVerdict,
  AccessUpdateRequest,
  DecideRequest,
  ExportedFile,
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
/** An answer to one question (decision step) of the run shown. */
export type PlaybookDecision = Omit<z.input<typeof DecideRequest>, 'runId'>;
export type AccessUpdate = z.input<typeof AccessUpdateRequest>;

/** Something of the case a step's proof can point at: an exhibit, a note or a timeline event. */
export type ProofChoice = {
  /** What is sent as proof: the exhibit number for an exhibit, else the note's or event's id. */
  ref: string;
  /** The record's id, to tell what a step already has attached. */
  id: string;
  group: 'Exhibits' | 'Notes' | 'Timeline events';
  label: string;
};

/** How many timeline events the proof picker offers: the contract's page limit. */
const PROOF_EVENTS_LIMIT = 1000;

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
  playbookDecided(decision: PlaybookDecision): Promise<void>;
  /** The case's exhibits, notes and timeline events, for a step's proof; read fresh each time. */
  playbookProofChoicesRequested(): Promise<ProofChoice[]>;
  /** The run shown as CACAO 2.0 where the person chose; null when they cancelled the dialog. */
  playbookRunExported(): Promise<ExportedFile | null>;
  playbookRunClosed(reopen: boolean): Promise<void>;
  accessRequested(): Promise<void>;
  accessAdded(draft: AccessItemDraft): Promise<void>;
  accessUpdated(update: AccessUpdate): Promise<void>;
  /** What importing the CSV would do, line by line; writes nothing. */
  accessCsvPreviewed(csv: string): Promise<AccessLineVerdict[]>;
  accessCsvImported(csv: string): Promise<AccessLineVerdict[]>;
};

/** A file name from a run's title: no path separators or characters a file system refuses. */
export function exportFileName(title: string): string {
  // Control characters too: a name is not the place for them.
  // eslint-disable-next-line no-control-regex
  const unsafe = /[\u0000-\u001f\u007f/\\:*?"<>|]+/g;
  const safe = title.replace(unsafe, '-').trim().replace(/^\.+/, '');
  return `${(safe || 'playbook run').slice(0, 200)}.cacao.json`;
}

export const playbooksActions: StateCreator<AppState, [], [], PlaybooksActions> = (set, get) => {
  async function readRun(runId: string) {
    set({ playbookRun: await call(api().playbook.detail({ runId })), playbookReadAt: Date.now() });
  }
  /** After a write: the whole run again (one step done moves others' due times and order), and the audit. */
  async function written(runId: string) {
    // The three reads are independent; asked together, the screen waits for the slowest only.
    // The run's template never changes (the case holds its own copy): only the run and its steps
    // are read again, less than half of what the first read carries.
    const [runs, fresh, caseInfo] = await Promise.all([
      call(api().playbook.runs()),
      call(api().playbook.steps({ runId })),
      call(api().case.current()),
    ]);
    const shown = get().playbookRun;
    const detail =
      shown && shown.run.id === runId
        ? { ...shown, run: fresh.run, steps: fresh.steps }
        : await call(api().playbook.detail({ runId }));
    // A step marked done can also have put an event on the timeline: its view reads again too.
    set({
      playbookRuns: runs,
      playbookRun: detail,
      playbookReadAt: Date.now(),
      caseInfo,
      auditVersion: get().auditVersion + 1,
      timelineVersion: get().timelineVersion + 1,
    });
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
    async playbookDecided(decision) {
      const runId = get().playbookRun?.run.id;
      if (!runId) throw new Error('No playbook run is shown');
      await call(api().playbook.decide({ runId, ...decision }));
      await written(runId);
    },
    async playbookProofChoicesRequested() {
      const [evidence, notes, events] = await Promise.all([
        call(api().evidence.list()),
        call(api().notes.list()),
        call(api().timeline.list({ offset: 0, limit: PROOF_EVENTS_LIMIT })),
      ]);
      set({ evidence, evidenceLoaded: true, notes, notesLoaded: true });
      return [
        ...evidence.map((e): ProofChoice => ({
          ref: e.exhibit,
          id: e.id,
          group: 'Exhibits',
          label: `${e.exhibit} ${e.description || e.originalName}`.trim(),
        })),
        ...notes
          .filter((n) => !n.removed)
          .map((n): ProofChoice => ({ ref: n.id, id: n.id, group: 'Notes', label: n.body.split('\n', 1)[0] ?? '' })),
        ...events.items.map((e): ProofChoice => ({ ref: e.id, id: e.id, group: 'Timeline events', label: e.title })),
      ];
    },
    async playbookRunClosed(reopen) {
      const runId = get().playbookRun?.run.id;
      if (!runId) throw new Error('No playbook run is shown');
      const run = await call(api().playbook.close({ runId, reopen }));
      await written(runId);
      set({ toast: { kind: 'info', text: `Run “${run.title}” ${reopen ? 'reopened' : 'closed'}` } });
    },
    async playbookRunExported() {
      const run = get().playbookRun?.run;
      if (!run) throw new Error('No playbook run is shown');
      const chosen = await call(api().dialog.chooseSavePath({ suggestedName: exportFileName(run.title) }));
      if (!chosen) return null;
      const file = await call(api().playbook.export({ runId: run.id, path: chosen.path }));
      // Writing a file outside the case changes nothing in it: no audit entry to read again.
      set({ toast: { kind: 'info', text: `Run exported to ${file.path} (SHA-256 ${file.sha256.slice(0, 16)}…)` } });
      return file;
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
    async accessUpdated(update) {
      await call(api().access.update(update));
      set({ accessItems: await call(api().access.list()), auditVersion: get().auditVersion + 1 });
      await refreshCase(set);
    },
    accessCsvPreviewed: (csv) => call(api().access.preview({ csv })),
    async accessCsvImported(csv) {
      const verdicts = await call(api().access.import({ csv }));
      const added = verdicts.filter((v) => v.verdict === 'added').length;
      set({
        accessItems: await call(api().access.list()),
        accessLoaded: true,
        auditVersion: get().auditVersion + 1,
        toast: { kind: 'info', text: `Imported ${added} ${added === 1 ? 'account' : 'accounts'} into the inventory` },
      });
      await refreshCase(set);
      return verdicts;
    },
  };
};
