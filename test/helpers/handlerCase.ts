import { join } from 'node:path';
import { openAppData } from '../../electron/core/appData.ts';
import { createHandlers } from '../../electron/core/handlers/index.ts';
import type { HandlerSet } from '../../electron/core/handlers/index.ts';
import { checkedHandlers } from './contract.ts';
import { EXAMINER, steppingClock, tempDir } from './tempCase.ts';

/**
 * A case made through the handler table the window calls, in a folder of its own, by the examiner
 * of the tests: every answer checked against the contract. `ok` returns a call's value or throws
 * with the refusal; `refused` returns the refusal or throws if the call was accepted.
 */
export async function handlerCase(options: {
  title: string;
  fileName?: string;
  /** More of the case record (awareAt, awareZone…). */
  record?: Record<string, unknown>;
  clock?: () => Date;
  profile?: Record<string, unknown>;
  /** What "choose evidence files" answers, given the case's folder. */
  evidenceFiles?: (dir: string) => string[];
}) {
  const { dir, cleanup } = tempDir();
  const casePath = join(dir, options.fileName ?? 'case.custos');
  const dataDir = join(dir, 'data');
  const handlers: HandlerSet = checkedHandlers(
    createHandlers({
      appData: openAppData(dataDir),
      clock: options.clock ?? steppingClock(),
      dialogs: {
        chooseCaseToOpen: async () => casePath,
        chooseNewCasePath: async () => casePath,
        chooseEvidenceFiles: async () => options.evidenceFiles?.(dir) ?? null,
        chooseExportFolder: async () => null,
        chooseSavePath: async () => null,
        chooseReportPath: async () => null,
        chooseReportToVerify: async () => null,
      },
      version: 'test',
      systemTimeZone: 'UTC',
    }),
  );
  async function ok<T = Record<string, unknown>>(channel: string, req?: unknown): Promise<T> {
    const result = await handlers.invoke(channel, req);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  }
  async function refused(channel: string, req: unknown): Promise<{ code: string; message: string }> {
    const result = await handlers.invoke(channel, req);
    if (result.ok) throw new Error(`${channel} was accepted: ${JSON.stringify(result.value).slice(0, 200)}`);
    return result.error;
  }
  await ok('profile:set', options.profile ?? EXAMINER);
  await ok('dialog:chooseNewCasePath', {});
  await ok('case:create', { path: casePath, draft: { title: options.title, ...options.record } });
  return {
    dir,
    dataDir,
    casePath,
    handlers,
    ok,
    refused,
    cleanup: () => {
      handlers.dispose();
      cleanup();
    },
  };
}
export type HandlerCase = Awaited<ReturnType<typeof handlerCase>>;
