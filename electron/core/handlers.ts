import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { ipcContract } from '../../shared/ipc/contract.ts';
import type { ParsedReq, Res } from '../../shared/ipc/contract.ts';
import { UNQUEUED_CHANNELS } from '../../shared/ipc/channels.ts';
import type { Channel, EvidenceProgressEvent, EvidenceTask, IpcResult } from '../../shared/ipc/channels.ts';
import { addFilesEvidence } from './services/evidence/addFile.ts';
import { addPhysicalEvidence, addTextEvidence } from './services/evidence/addOther.ts';
import { transferCustody, verifyEvidenceItemsOffThread } from './services/evidence/custody.ts';
import { exportEvidence } from './services/evidence/export.ts';
import { describeLinks, removeLink } from './store/tables/evidenceLinks.ts';
import { getEvidence, listEvidence } from './store/tables/evidenceItems.ts';
import { listCustody } from './store/tables/custodyEvents.ts';
import { listHolds } from './store/tables/legalHolds.ts';
import { disposeEvidence, placeLegalHold, releaseLegalHold } from './services/evidence/hold.ts';
import { linkEvidence } from './services/evidence/links.ts';
import { cut, escapeControl, findIllFormedText, oneLine } from '../../shared/logic/text.ts';
import { parseHead } from '../../shared/domain/common.ts';
import type { Actor, Head } from '../../shared/domain/common.ts';
import type { Clock } from '../../shared/logic/time.ts';
import type { AppData } from './appData.ts';
import { CustosError } from './errors.ts';
import { asCustosError } from './failures.ts';
import type { CaseDb } from './store/db/caseDb.ts';
import { countAudit, listAudit, auditHead } from './store/tables/auditLog.ts';
import { WORKER_THRESHOLD } from './store/verify/index.ts';
import { prepareVerifyWorkers } from './store/verify/workers.ts';
import { verifyOpenCase } from './services/verification.ts';
import { countTimeline, listTimeline, removeTimelineEvent } from './store/tables/timelineEvents.ts';
import { insertNote, listNotes, removeNote, updateNote } from './store/tables/notes.ts';
import {
  addTimelineEvent,
  caseInfo,
  createCase,
  editCase,
  editTimelineEvent,
  openCase,
} from './services/caseService.ts';

/** OS dialogs are passed in: Electron's in the app, a scripted stand-in in the E2E harness. */
export type Dialogs = {
  chooseCaseToOpen(): Promise<string | null>;
  chooseNewCasePath(suggestedName: string): Promise<string | null>;
  chooseEvidenceFiles(): Promise<string[] | null>;
  chooseExportFolder(): Promise<string | null>;
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

export type Handler<C extends Channel> = (req: ParsedReq<C>) => Promise<Res<C>> | Res<C>;
export type HandlerTable = { [C in Channel]: Handler<C> };

export type HandlerSet = {
  table: HandlerTable;
  /**
   * Files dropped on the window, as the preload read their paths from the dropped File objects
   * (webUtils.getPathForFile). Not a channel of the table: a page can only reach it by dropping
   * real files, never by naming a path.
   */
  grantDropped(paths: readonly string[]): string[];
  /** Parse with the contract, run, and wrap: the only way a request reaches a handler. */
  invoke(channel: string, raw: unknown): Promise<IpcResult<unknown>>;
  /** Closes the open case (app quit, window closed). */
  dispose(): void;
};

/** Input quoted back in a message: control and bidi characters escaped, at most a short excerpt. */
function quote(text: string): string {
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
 * A refusal from the request schemas, for a person: the first few problems, each naming the field.
 * Zod repeats some input (an unknown member's name), so every part is escaped and cut short.
 */
export function describeZodError(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? `${escapeControl(cut(issue.path.join('.'), 80))}: ` : '';
    return `${where}${escapeControl(cut(issue.message, 200))}`;
  });
  const more = error.issues.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** Every refusal leaves main as one bounded line: escaped, and cut short. */
const boundedMessage = (message: string) => oneLine(message);

/** Which dialog a path came from decides what it may be used for. */
type Purpose = 'case' | 'newCase' | 'evidence' | 'folder';

const GRANT_LIMIT = 10_000;

export function createHandlers(deps: HandlerDeps): HandlerSet {
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
  };
  function grant(purpose: Purpose, path: string): string {
    const set = granted[purpose];
    if (set.size >= GRANT_LIMIT) set.delete(set.values().next().value!);
    set.add(resolve(path));
    return path;
  }
  const HOW: Record<Purpose, string> = {
    case: 'choose it with Open case… (or from the recent cases)',
    newCase: 'choose where to save it with New case…',
    evidence: 'choose it with Add files… or drop it on the evidence register',
    folder: 'choose the folder with Export…',
  };
  function requireGranted(purpose: Purpose, path: string): string {
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
  }
  // Long evidence work that Cancel stops: an ingest (outside the queue) and a verify or export.
  const jobs = new Map<AbortController, EvidenceTask>();
  const adding = () => [...jobs.values()].includes('add');
  async function job<T>(task: EvidenceTask, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    jobs.set(controller, task);
    try {
      return await run(controller.signal);
    } finally {
      jobs.delete(controller);
    }
  }

  function actor(): Actor {
    const profile = deps.appData.profile();
    if (!profile) throw new CustosError('NO_PROFILE', 'Set up your examiner profile (name, role, organisation) first');
    return { name: profile.name, role: profile.role, organisation: profile.organisation };
  }
  const ctx = () => ({ actor: actor(), clock: deps.clock });
  const progressOf =
    (task: 'verify' | 'export') => (p: { label: string; index: number; count: number; bytes: number; total: number }) =>
      deps.emitProgress?.({
        task,
        file: p.label,
        fileIndex: p.index,
        fileCount: p.count,
        bytes: p.bytes,
        total: p.total,
      });
  function openCaseDb(): CaseDb {
    if (!current) throw new CustosError('NO_CASE_OPEN', 'No case is open; open or create a case first');
    return current;
  }
  /**
   * The one call that runs beside others is adding evidence (it does not hold the queue while it
   * reads). Closing or switching the case under it, or reading every byte of the case while its
   * bytes go in, would fight it for the file: refuse those until it is done.
   */
  function refuseWhileAdding(then: string): void {
    if (adding()) {
      throw new CustosError('BUSY', `Evidence is being added; wait for it to finish or cancel it, then ${then}`);
    }
  }
  function closeCurrent(): void {
    if (current) {
      current.close();
      current = null;
      deps.onCaseChanged?.(null);
    }
  }
  function becomeCurrent(caseDb: CaseDb) {
    closeCurrent();
    current = caseDb;
    if (countAudit(caseDb) >= WORKER_THRESHOLD) prepareVerifyWorkers();
    const info = caseInfo(caseDb);
    deps.appData.remember(
      { path: info.path, title: info.record.title, reference: info.record.reference },
      deps.clock().toISOString(),
    );
    deps.onCaseChanged?.({ path: info.path, title: info.record.title });
    return info;
  }

  const table: HandlerTable = {
    'app:info': () => ({
      version: deps.version,
      dataDir: deps.appData.dir,
      profile: deps.appData.profile(),
      systemTimeZone: deps.systemTimeZone,
      storeLimitBytes: deps.appData.storeLimit(),
    }),
    'profile:set': (profile) => deps.appData.setProfile(profile),
    'settings:setStoreLimit': ({ bytes }) => deps.appData.setStoreLimit(bytes),
    'recent:list': () => deps.appData.recent(),
    'recent:forget': ({ path }) => {
      deps.appData.forget(path);
      return deps.appData.recent();
    },
    'case:create': ({ path, draft }) => {
      refuseWhileAdding('create the case');
      const context = ctx();
      const target = requireGranted('newCase', path);
      if (current?.path === target) {
        throw new CustosError('ALREADY_EXISTS', `${target} is the open case; choose another name`);
      }
      return becomeCurrent(createCase(target, draft, context));
    },
    'case:open': ({ path }) => {
      const target = requireGranted('case', path);
      // The same file under another name (a link, another path) is the case already open.
      if (current && (current.path === target || realPathOf(target) === current.realPath)) return caseInfo(current);
      refuseWhileAdding('open the other case');
      return becomeCurrent(openCase(target));
    },
    'case:close': () => {
      refuseWhileAdding('close the case');
      closeCurrent();
      return null;
    },
    'case:current': () => (current ? caseInfo(current) : null),
    'case:update': (patch) => {
      const info = editCase(openCaseDb(), ctx(), patch);
      deps.appData.remember(
        { path: info.path, title: info.record.title, reference: info.record.reference },
        deps.clock().toISOString(),
      );
      deps.onCaseChanged?.({ path: info.path, title: info.record.title });
      return info;
    },
    'timeline:list': ({ offset, limit }) => {
      const caseDb = openCaseDb();
      return { total: countTimeline(caseDb), items: listTimeline(caseDb, offset, limit) };
    },
    'timeline:add': (draft) => addTimelineEvent(openCaseDb(), ctx(), draft),
    'timeline:update': ({ id, patch }) => editTimelineEvent(openCaseDb(), ctx(), id, patch),
    'timeline:remove': ({ id }) => {
      removeTimelineEvent(openCaseDb(), ctx(), id);
      return null;
    },
    'notes:list': () => listNotes(openCaseDb()),
    'notes:add': (draft) => {
      const context = ctx();
      return insertNote(openCaseDb(), context, crypto.randomUUID(), {
        body: draft.body,
        author: context.actor.name,
        privileged: draft.privileged,
      });
    },
    'notes:update': ({ id, patch }) => updateNote(openCaseDb(), ctx(), id, patch),
    'notes:remove': ({ id }) => {
      removeNote(openCaseDb(), ctx(), id);
      return null;
    },
    'audit:list': ({ offset, limit }) => {
      const caseDb = openCaseDb();
      return { total: countAudit(caseDb), head: auditHead(caseDb), items: listAudit(caseDb, offset, limit) };
    },
    'audit:verify': ({ expectHead }) => {
      let expected: Head | undefined;
      if (expectHead) {
        expected = parseHead(expectHead);
        if (!expected || expected.seq < 1) {
          throw new CustosError(
            'INVALID_INPUT',
            'The recorded head must look like SEQ:HASH, e.g. 42:9f86d0…(64 hex digits)',
          );
        }
      }
      const caseDb = openCaseDb();
      refuseWhileAdding('verify the case');
      return job('verifyCase', (signal) =>
        verifyOpenCase(caseDb, {
          ...(expected ? { expectHead: expected } : {}),
          now: deps.clock,
          signal,
          // Check 3 re-hashes every evidence byte: the long part, so the part that reports.
          onProgress: (p) =>
            deps.emitProgress?.({
              task: 'verifyCase',
              file: 'evidence bytes',
              fileIndex: 0,
              fileCount: 1,
              bytes: p.bytes,
              total: p.total,
            }),
        }),
      );
    },
    'evidence:list': () => listEvidence(openCaseDb()),
    'evidence:get': ({ id }) => {
      const caseDb = openCaseDb();
      const item = getEvidence(caseDb, id);
      return { item, custody: listCustody(caseDb, item.id), links: describeLinks(caseDb, item.id) };
    },
    'evidence:dispose': ({ id, draft }) => disposeEvidence(openCaseDb(), ctx(), id, draft),
    'evidence:link': ({ id, targetType, targetId, relation }) =>
      linkEvidence(openCaseDb(), ctx(), id, { type: targetType, id: targetId, relation }),
    'evidence:unlink': ({ id }) => {
      removeLink(openCaseDb(), ctx(), id);
      return null;
    },
    'hold:list': () => listHolds(openCaseDb()),
    'hold:place': (draft) => placeLegalHold(openCaseDb(), ctx(), draft),
    'hold:release': ({ id, reason }) => releaseLegalHold(openCaseDb(), ctx(), id, reason),
    'evidence:add': async ({ paths, draft }) => {
      for (const path of paths) requireGranted('evidence', path);
      const caseDb = openCaseDb();
      const context = ctx();
      if (adding()) {
        throw new CustosError('INVALID_INPUT', 'Evidence is already being added; wait for it to finish or cancel it');
      }
      const storeLimit = deps.appData.storeLimit();
      return job('add', (signal) =>
        addFilesEvidence(caseDb, context, paths, draft, {
          appVersion: deps.version,
          storeLimit,
          signal,
          gate: (record) => serialised('evidence:add:record', async () => record()),
          onProgress: (p) =>
            deps.emitProgress?.({
              task: 'add',
              file: p.file,
              fileIndex: p.index,
              fileCount: p.count,
              bytes: p.bytes,
              total: p.total,
            }),
        }),
      );
    },
    'evidence:addPhysical': (draft) => addPhysicalEvidence(openCaseDb(), ctx(), draft),
    'evidence:addText': (draft) => addTextEvidence(openCaseDb(), ctx(), draft),
    'evidence:cancel': ({ task }) => {
      const chosen = [...jobs].filter(([, running]) => !task || running === task);
      for (const [controller] of chosen) controller.abort();
      return chosen.length > 0;
    },
    'evidence:verify': ({ ids }) =>
      job('verify', async (signal) => {
        refuseWhileAdding('verify');
        const outcomes = await verifyEvidenceItemsOffThread(openCaseDb(), ctx(), ids, {
          signal,
          onProgress: progressOf('verify'),
        });
        return outcomes
          .filter((o) => o.check.result !== 'none')
          .map((o) => ({ exhibit: o.item.exhibit, result: o.check.result, detail: o.check.detail }));
      }),
    'evidence:transfer': ({ id, draft }) => {
      if (draft.checkHash) refuseWhileAdding('record the hand-over with its hash check');
      return transferCustody(openCaseDb(), ctx(), id, draft);
    },
    'evidence:export': ({ ids, dir }) =>
      job('export', (signal) => {
        requireGranted('folder', dir);
        refuseWhileAdding('export');
        return exportEvidence(openCaseDb(), ctx(), ids, dir, { signal, onProgress: progressOf('export') });
      }),
    'dialog:chooseEvidenceFiles': async () => {
      const paths = await deps.dialogs.chooseEvidenceFiles();
      return paths && paths.length > 0 ? { paths: paths.map((p) => grant('evidence', p)) } : null;
    },
    'dialog:chooseExportFolder': async () => {
      const path = await deps.dialogs.chooseExportFolder();
      return path ? { path: grant('folder', path) } : null;
    },
    'dialog:chooseCaseToOpen': async () => {
      const path = await deps.dialogs.chooseCaseToOpen();
      return path ? { path: grant('case', path) } : null;
    },
    'dialog:chooseNewCasePath': async ({ suggestedName }) => {
      const path = await deps.dialogs.chooseNewCasePath(suggestedName);
      return path ? { path: grant('newCase', path) } : null;
    },
  };

  // Calls run one at a time (dialogs excepted: they wait on a person), so a verification running on
  // worker threads never sees a write land half-way, and the case closes only between calls.
  let queue: Promise<unknown> = Promise.resolve();
  function serialised<T>(channel: string, run: () => Promise<T>): Promise<T> {
    if ((UNQUEUED_CHANNELS as readonly string[]).includes(channel)) return run();
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  }

  async function invoke(channel: string, raw: unknown): Promise<IpcResult<unknown>> {
    return serialised(channel, () => invokeNow(channel, raw));
  }

  async function invokeNow(channel: string, raw: unknown): Promise<IpcResult<unknown>> {
    if (typeof channel !== 'string' || !Object.hasOwn(ipcContract, channel)) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: `unknown channel ${quote(String(channel))}` } };
    }
    const name = channel as Channel;
    // Text that is not well-formed UTF-16 would be stored as U+FFFD and hashed as itself: refused
    // here for every channel, before any schema sees it.
    const illFormed = findIllFormedText(raw);
    if (illFormed) {
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `${escapeControl(cut(illFormed, 120))}: the text is not well-formed (it holds a lone UTF-16 surrogate); type it again`,
        },
      };
    }
    const parsed = ipcContract[name].req.safeParse(raw ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: describeZodError(parsed.error) } };
    }
    try {
      const handler = table[name] as (req: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      const failure = asCustosError(error, current?.path);
      return { ok: false, error: { code: failure.code, message: boundedMessage(failure.message) } };
    }
  }

  return { table, invoke, dispose: closeCurrent, grantDropped: (paths) => paths.map((p) => grant('evidence', p)) };
}
