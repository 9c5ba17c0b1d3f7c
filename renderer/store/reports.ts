import type { StateCreator } from 'zustand';
import { REPORT_SECTIONS } from '../../shared/domain/report.ts';
import type {
  ExportFormat,
  ExportWritten,
  GeneratedReport,
  OutputRecord,
  PackageWritten,
  ReportKind,
  ReportOptionsInput,
  ReportPreview,
  ReportVerdict,
} from '../../shared/domain/report.ts';
import type { EvidenceProgressEvent } from '../../shared/ipc/channels.ts';
import { ApiError, api, call, messageOf } from '../lib/api.ts';
import { refreshCase } from './case.ts';
import type { AppState } from './index.ts';

/**
 * What the examiner has chosen for the next report, kept while they look at other sections. The
 * sections and the items left out are kept per kind: leaving a note out of the counsel report says
 * nothing about the referral.
 */
export type ReportDraft = {
  kind: ReportKind;
  /** The sections chosen, per kind; a kind not here has all of its sections. */
  sections: Partial<Record<ReportKind, string[]>>;
  /** Items left out (`kind:id`), per kind. */
  exclude: Partial<Record<ReportKind, string[]>>;
  /** Law enforcement: the examiner's summary; null until edited, meaning the case record's summary. */
  summary: string | null;
  countries: string[];
  /** Checklist: the playbook run ('' until chosen) and how it prints. */
  runId: string;
  checklistMode: 'blank' | 'done';
};

/** What one action ended in, shown where it was started until the person dismisses it. */
export type ReportOutcome<T> =
  { state: 'done'; value: T } | { state: 'cancelled'; message: string } | { state: 'failed'; message: string };

/** Long work on its way: a report, an export or a package, with the stage the core last reported. */
export type ReportJob = {
  /** The progress task it reports under and Cancel stops: exports run as 'package'. */
  task: 'report' | 'package';
  action: 'generate' | 'csv' | 'stix' | 'package';
  /** "verifying the case", "laying out", "exporting E-0003"; empty until the first word arrives. */
  stage: string;
  done: number;
  total: number;
  cancelling: boolean;
};

export type ReportVerified = { file: string; verdict: ReportVerdict };

/** Each place of the Reports view that shows an outcome. */
export type ReportResultArea = 'generate' | 'verify' | 'export' | 'package';

/** The outputs recorded in the open case, the next report's options, and the work on them. */
export type ReportsState = {
  reportOutputs: OutputRecord[];
  /** Whether `reportOutputs` is the open case's, read since it was opened. */
  reportOutputsLoaded: boolean;
  reportListError: string | null;
  reportDraft: ReportDraft;
  reportJob: ReportJob | null;
  reportVerifying: boolean;
  reportGenerated: ReportOutcome<GeneratedReport> | null;
  reportVerified: ReportOutcome<ReportVerified> | null;
  reportExported: ReportOutcome<ExportWritten> | null;
  reportPackaged: ReportOutcome<PackageWritten> | null;
};

export const reportsInitialState: ReportsState = {
  reportOutputs: [],
  reportOutputsLoaded: false,
  reportListError: null,
  reportDraft: {
    kind: 'counsel',
    sections: {},
    exclude: {},
    summary: null,
    countries: [],
    runId: '',
    checklistMode: 'done',
  },
  reportJob: null,
  reportVerifying: false,
  reportGenerated: null,
  reportVerified: null,
  reportExported: null,
  reportPackaged: null,
};

export type ReportsActions = {
  reportsRequested(): Promise<void>;
  reportDraftChanged(patch: Partial<ReportDraft>): void;
  /** What a report with these options would hold; writes nothing. */
  reportPreviewRequested(options: ReportOptionsInput): Promise<ReportPreview>;
  /** The save dialog (with `suggestedName`), then the report with the draft's options. */
  reportGenerateRequested(suggestedName: string): Promise<void>;
  /** A PDF dropped on the view (`path`), else the one chosen in the dialog. */
  reportVerifyRequested(path?: string): Promise<void>;
  reportExportRequested(format: ExportFormat, bom: boolean): Promise<void>;
  /** The folder dialog, then a new folder `name` in it holding the referral package. */
  reportPackageRequested(name: string): Promise<void>;
  reportJobCancelled(): Promise<void>;
  reportResultDismissed(area: ReportResultArea): void;
};

/** The sections of `kind` the draft prints, in the kind's order. */
export function draftSections(draft: ReportDraft, kind: ReportKind): string[] {
  const all: readonly string[] = REPORT_SECTIONS[kind];
  const chosen = draft.sections[kind];
  return chosen ? all.filter((s) => chosen.includes(s)) : [...all];
}

/** The options the draft stands for, for `kind` (the package always holds the referral). */
export function draftOptions(draft: ReportDraft, caseSummary: string, kind = draft.kind): ReportOptionsInput {
  const options: ReportOptionsInput = {
    kind,
    sections: draftSections(draft, kind),
    exclude: draft.exclude[kind] ?? [],
  };
  if (kind === 'law-enforcement') {
    // Always sent, even empty: a summary the examiner cleared means none, not the case record's.
    options.summary = (draft.summary ?? caseSummary).trim();
    options.countries = draft.countries;
  }
  if (kind === 'checklist') {
    if (draft.runId) options.runId = draft.runId;
    options.checklistMode = draft.checklistMode;
  }
  return options;
}

const JOB_BUSY = 'A report, export or package is being made; wait for it to finish or cancel it';

function failure(error: unknown): ReportOutcome<never> {
  return error instanceof ApiError && error.code === 'CANCELLED'
    ? { state: 'cancelled', message: error.message }
    : { state: 'failed', message: messageOf(error) };
}

export const reportsActions: StateCreator<AppState, [], [], ReportsActions> = (set, get) => {
  /** The list of outputs, the case's head and the audit list: what recording an output moves. */
  async function recorded() {
    const outputs = await call(api().report.list());
    set({
      reportOutputs: outputs,
      reportOutputsLoaded: true,
      reportListError: null,
      auditVersion: get().auditVersion + 1,
    });
    await refreshCase(set);
  }

  /**
   * Runs one long job: its progress followed whatever section is showing, a Cancel that arrived
   * before the core began (the call waits in its queue behind other work) sent again once it has,
   * and its outcome dropped if the case was switched meanwhile (it belongs to the other case).
   */
  async function runJob<T>(
    job: Pick<ReportJob, 'task' | 'action'>,
    work: () => Promise<T>,
    done: (outcome: ReportOutcome<T>) => void,
  ): Promise<void> {
    const casePath = get().caseInfo?.path;
    set({ reportJob: { ...job, stage: '', done: 0, total: 0, cancelling: false } });
    const follow = (p: EvidenceProgressEvent) => {
      const current = get().reportJob;
      if (!current || p.task !== current.task) return;
      if (current.cancelling) void call(api().evidence.cancel({ task: current.task })).catch(() => undefined);
      set({ reportJob: { ...current, stage: p.file, done: p.bytes, total: p.total } });
    };
    const stop = api().events?.onEvidenceProgress?.(follow);
    let outcome: ReportOutcome<T>;
    try {
      outcome = { state: 'done', value: await work() };
    } catch (error) {
      outcome = failure(error);
    } finally {
      stop?.();
    }
    if (get().caseInfo?.path !== casePath) return;
    set({ reportJob: null });
    done(outcome);
    // A cancelled or failed output is not recorded, but what it did before (custody of exhibits
    // exported into a package) may be: the list and head are read again either way.
    await recorded().catch((error: unknown) => set({ reportListError: messageOf(error) }));
  }

  return {
    async reportsRequested() {
      try {
        set({ reportOutputs: await call(api().report.list()), reportOutputsLoaded: true, reportListError: null });
      } catch (error) {
        set({ reportOutputsLoaded: true, reportListError: messageOf(error) });
      }
    },
    reportDraftChanged: (patch) => set({ reportDraft: { ...get().reportDraft, ...patch } }),
    reportPreviewRequested: (options) => call(api().report.preview({ options })),
    async reportGenerateRequested(suggestedName) {
      if (get().reportJob) return set({ reportGenerated: { state: 'failed', message: JOB_BUSY } });
      const options = draftOptions(get().reportDraft, get().caseInfo?.record.summary ?? '');
      set({ reportGenerated: null });
      let chosen;
      try {
        chosen = await call(api().dialog.chooseReportPath({ suggestedName }));
      } catch (error) {
        return set({ reportGenerated: failure(error) });
      }
      if (!chosen) return;
      const path = chosen.path;
      await runJob(
        { task: 'report', action: 'generate' },
        () => call(api().report.generate({ options, path })),
        (outcome) => set({ reportGenerated: outcome }),
      );
    },
    async reportVerifyRequested(path) {
      set({ reportVerified: null });
      try {
        const file = path ?? (await call(api().dialog.chooseReportToVerify()))?.path;
        if (!file) return;
        set({ reportVerifying: true });
        const verdict = await call(api().report.verify({ path: file }));
        set({ reportVerified: { state: 'done', value: { file, verdict } } });
      } catch (error) {
        set({ reportVerified: failure(error) });
      } finally {
        set({ reportVerifying: false });
      }
    },
    async reportExportRequested(format, bom) {
      if (get().reportJob) return set({ reportExported: { state: 'failed', message: JOB_BUSY } });
      set({ reportExported: null });
      let folder;
      try {
        folder = await call(api().dialog.chooseExportFolder());
      } catch (error) {
        return set({ reportExported: failure(error) });
      }
      if (!folder) return;
      const dir = folder.path;
      await runJob(
        { task: 'package', action: format },
        () => call(api().report.export({ format, bom, dir })),
        (outcome) => set({ reportExported: outcome }),
      );
    },
    async reportPackageRequested(name) {
      if (get().reportJob) return set({ reportPackaged: { state: 'failed', message: JOB_BUSY } });
      const options = draftOptions(get().reportDraft, get().caseInfo?.record.summary ?? '', 'law-enforcement');
      set({ reportPackaged: null });
      let folder;
      try {
        folder = await call(api().dialog.chooseExportFolder());
      } catch (error) {
        return set({ reportPackaged: failure(error) });
      }
      if (!folder) return;
      const dir = folder.path;
      await runJob(
        { task: 'package', action: 'package' },
        () => call(api().report.package({ dir, name, options })),
        (outcome) => {
          // The package exports the exhibits, which records a hand-over in each one's custody.
          set({ reportPackaged: outcome, evidenceLoaded: false });
        },
      );
    },
    async reportJobCancelled() {
      const job = get().reportJob;
      if (!job) return;
      set({ reportJob: { ...job, cancelling: true } });
      try {
        await call(api().evidence.cancel({ task: job.task }));
      } catch {
        // The outcome of the job itself says what became of it.
      }
    },
    reportResultDismissed(area) {
      const key = {
        generate: 'reportGenerated',
        verify: 'reportVerified',
        export: 'reportExported',
        package: 'reportPackaged',
      } as const satisfies Record<ReportResultArea, keyof ReportsState>;
      set({ [key[area]]: null });
    },
  };
};
