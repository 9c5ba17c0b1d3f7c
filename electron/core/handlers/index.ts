import { ipcContract } from '../../../shared/ipc/contract.ts';
import { UNQUEUED_CHANNELS } from '../../../shared/ipc/channels.ts';
import type { Channel, IpcResult } from '../../../shared/ipc/channels.ts';
import { cut, escapeControl, findIllFormedText, oneLine } from '../../../shared/logic/text.ts';
import { describeZodError } from '../../../shared/logic/zodError.ts';
import { asCustosError } from '../failures.ts';
import { appHandlers } from './app.ts';
import { auditHandlers } from './audit.ts';
import { caseHandlers } from './case.ts';
import { dialogHandlers } from './dialogs.ts';
import { evidenceHandlers } from './evidence.ts';
import { holdHandlers } from './holds.ts';
import { notesHandlers } from './notes.ts';
import { playbookHandlers } from './playbooks.ts';
import { createSession, quote } from './session.ts';
import type { HandlerDeps } from './session.ts';
import { timelineHandlers } from './timeline.ts';
import { subjectHandlers } from './subjects.ts';
import { indicatorHandlers } from './indicators.ts';
import { extortionHandlers } from './extortion.ts';
import { clockHandlers } from './clocks.ts';
import { reportHandlers } from './reports.ts';
import { searchHandlers } from './search.ts';
import { overviewHandlers } from './overview.ts';
import { chartHandlers } from './chart.ts';
import type { HandlerTable } from './types.ts';

export type { Dialogs, HandlerDeps } from './session.ts';
export type { Handler, HandlerTable } from './types.ts';

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

/**
 * The one handler table, made of one file per domain. Main registers it with ipcMain; the E2E
 * harness bridges the page's window.api to it. Here, and only here: the queue, parsing with the
 * contract, and turning every failure into one bounded message.
 */
export function createHandlers(deps: HandlerDeps): HandlerSet {
  const session = createSession(deps);

  // Calls run one at a time (dialogs excepted: they wait on a person), so a verification running on
  // worker threads never sees a write land half-way, and the case closes only between calls.
  let queue: Promise<unknown> = Promise.resolve();
  function serialised<T>(channel: string, run: () => Promise<T>): Promise<T> {
    if ((UNQUEUED_CHANNELS as readonly string[]).includes(channel)) return run();
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  }

  const table = {
    ...appHandlers(session),
    ...caseHandlers(session),
    ...timelineHandlers(session),
    ...notesHandlers(session),
    ...auditHandlers(session),
    ...evidenceHandlers(session, serialised),
    ...holdHandlers(session),
    ...playbookHandlers(session),
    ...subjectHandlers(session),
    ...indicatorHandlers(session),
    ...extortionHandlers(session),
    ...clockHandlers(session),
    ...searchHandlers(session),
    ...overviewHandlers(session),
    ...chartHandlers(session),
    ...reportHandlers(session),
    ...dialogHandlers(session),
  } satisfies HandlerTable;

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
      const failure = asCustosError(error, session.currentCase()?.path);
      // Every refusal leaves main as one bounded line: escaped, and cut short.
      return { ok: false, error: { code: failure.code, message: oneLine(failure.message) } };
    }
  }

  return {
    table,
    invoke: (channel, raw) => serialised(channel, () => invokeNow(channel, raw)),
    dispose: session.closeCurrent,
    grantDropped: (paths) => paths.map((p) => session.grant('evidence', p)),
  };
}
