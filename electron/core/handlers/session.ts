import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EvidenceProgressEvent, EvidenceTask } from '../../../shared/ipc/channels.ts';
import type { Actor } from '../../../shared/domain/common.ts';
import type { CaseInfo } from '../../../shared/ipc/contract.ts';
import { cut, escapeControl } from '../../../shared/logic/text.ts';
import type { Clock } from '../../../shared/logic/time.ts';
import type { AppData } from '../appData.ts';
import { CustosError } from '../errors.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import { caseInfo } from '../services/cases.ts';
import { prepareIfLarge } from '../services/verification.ts';

/** OS dialogs are passed in: Electron's in the app, a scripted stand-in in the E2E harness. */
export type Dialogs = {
  chooseCaseToOpen(): Promise<string | null>;
  chooseNewCasePath(suggestedName: string): Promise<string | null>;
  chooseEvidenceFiles(): Promise<string[] | null>;
  chooseExportFolder(): Promise<string | null>;
  /** Where to save an exported file (a CACAO playbook); the dialog asks before replacing one. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Where to save a PDF report; the dialog asks before replacing one (Custos then refuses to). */
  chooseReportPath(suggestedName: string): Promise<string | null>;
  /** A PDF to check against the open case. */
  chooseReportToVerify(): Promise<string | null>;
};

export type HandlerDeps = {
  appData: AppData;
  clock: Clock;
  dialogs: Dialogs;
  version: string;
  systemTimeZone: string;
  /** Called when the open case changes (main updates the window title and menus). */
  onCaseChanged?: (info: { path: string; title: string } | null) => void;
  /** Sends a progress event of long evidence work (add, verify, export) to the window. */
  emitProgress?: (progress: EvidenceProgressEvent) => void;
};

/** Which dialog a path came from decides what it may be used for. */
export type Purpose = 'case' | 'newCase' | 'evidence' | 'folder' | 'saveFile' | 'report' | 'reportToVerify';

const GRANT_LIMIT = 10_000;

const HOW: Record<Purpose, string> = {
  case: 'choose it with Open case… (or from the recent cases)',
  newCase: 'choose where to save it with New case…',
  evidence: 'choose it with Add files… or drop it on the evidence register',
  folder: 'choose the folder with Export…',
  saveFile: 'choose where to save it with Export…',
  report: 'choose where to save it with Generate report…',
  reportToVerify: 'choose it with Verify a report… or drop it on the Reports view',
};

/** Input quoted back in a message: control and bidi characters escaped, at most a short excerpt. */
export function quote(text: string): string {
  return `"${escapeControl(cut(text, 120))}"`;
}

function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * What every handler shares for one window: the open case, the paths the examiner chose, the long
 * jobs Cancel can stop, and who is acting. Handlers of every domain get this one object.
 */
export type Session = ReturnType<typeof createSession>;

export function createSession(deps: HandlerDeps) {
  let current: CaseDb | null = null;
  /**
   * The renderer cannot choose paths: the main process acts only on paths its own dialogs returned,
   * files the examiner dropped on the window, and cases it opened before (the recent list). A page
   * that has been compromised can name any path it likes; it is refused.
   */
  const granted: Record<Purpose, Set<string>> = {
    case: new Set(),
    newCase: new Set(),
    evidence: new Set(),
    folder: new Set(),
    saveFile: new Set(),
    report: new Set(),
    reportToVerify: new Set(),
  };
  // Long evidence work that Cancel stops: an ingest (outside the queue) and a verify or export.
  const jobs = new Map<AbortController, EvidenceTask>();
  const adding = () => [...jobs.values()].includes('add');

  function remember(info: CaseInfo): void {
    deps.appData.remember(
      { path: info.path, title: info.record.title, reference: info.record.reference },
      deps.clock().toISOString(),
    );
    deps.onCaseChanged?.({ path: info.path, title: info.record.title });
  }

  function closeCurrent(): void {
    if (current) {
      current.close();
      current = null;
      deps.onCaseChanged?.(null);
    }
  }

  const session = {
    deps,
    grant(purpose: Purpose, path: string): string {
      const set = granted[purpose];
      if (set.size >= GRANT_LIMIT) set.delete(set.values().next().value!);
      set.add(resolve(path));
      return path;
    },
    requireGranted(purpose: Purpose, path: string): string {
      const target = resolve(path);
      const known =
        granted[purpose].has(target) ||
        (purpose === 'case' && (current?.path === target || deps.appData.recent().some((r) => r.path === target)));
      if (!known) {
        throw new CustosError(
          'PATH_NOT_CHOSEN',
          `${quote(path)} was not chosen by you in Custos, so it is not used; ${HOW[purpose]}`,
        );
      }
      return target;
    },
    /** The open case, or a refusal a person can act on. */
    openCase(): CaseDb {
      if (!current) throw new CustosError('NO_CASE_OPEN', 'No case is open; open or create a case first');
      return current;
    },
    currentCase: (): CaseDb | null => current,
    /** Whether `path` (any name of it) is the case already open. */
    isOpen(path: string): boolean {
      return current !== null && (current.path === path || realPathOf(path) === current.realPath);
    },
    closeCurrent,
    /** Makes `caseDb` the open case (closing the one before), remembered in the recent list. */
    becomeCurrent(caseDb: CaseDb): CaseInfo {
      closeCurrent();
      current = caseDb;
      prepareIfLarge(caseDb);
      const info = caseInfo(caseDb);
      remember(info);
      return info;
    },
    /** The case record changed: the recent list and the window title follow. */
    caseRecordChanged: remember,
    actor(): Actor {
      const profile = deps.appData.profile();
      if (!profile) {
        throw new CustosError('NO_PROFILE', 'Set up your examiner profile (name, role, organisation) first');
      }
      return { name: profile.name, role: profile.role, organisation: profile.organisation };
    },
    ctx(): MutationContext {
      return { actor: session.actor(), clock: deps.clock };
    },
    adding,
    /**
     * The one call that runs beside others is adding evidence (it does not hold the queue while it
     * reads). Closing or switching the case under it, or reading every byte of the case while its
     * bytes go in, would fight it for the file: refuse those until it is done.
     */
    refuseWhileAdding(then: string): void {
      if (adding()) {
        throw new CustosError('BUSY', `Evidence is being added; wait for it to finish or cancel it, then ${then}`);
      }
    },
    /** Runs long work that Cancel can stop. */
    async job<T>(task: EvidenceTask, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
      const controller = new AbortController();
      jobs.set(controller, task);
      try {
        return await run(controller.signal);
      } finally {
        jobs.delete(controller);
      }
    },
    /** Stops the running jobs of `task` (all when absent); whether there was one. */
    cancel(task?: EvidenceTask): boolean {
      const chosen = [...jobs].filter(([, running]) => !task || running === task);
      for (const [controller] of chosen) controller.abort();
      return chosen.length > 0;
    },
    /** Progress of an item-by-item job (re-verification, export), as the window shows it. */
    progressOf:
      (task: EvidenceTask) => (p: { label: string; index: number; count: number; bytes: number; total: number }) =>
        deps.emitProgress?.({
          task,
          file: p.label,
          fileIndex: p.index,
          fileCount: p.count,
          bytes: p.bytes,
          total: p.total,
        }),
  };
  return session;
}
