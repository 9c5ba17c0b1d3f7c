import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { VerifyReport } from '../../../../shared/domain/audit.ts';
import type { Head } from '../../../../shared/domain/common.ts';
import { CustosError } from '../../errors.ts';
import type { ReplayOutcome } from './replay.ts';
import { assemble } from './snapshot.ts';
import { nameFailures } from './names.ts';
import type { SnapshotChecks } from './snapshot.ts';
import type { LongWork, VerifyOptions } from './results.ts';

export type WorkerTask =
  /** `cancel`: Int32Array over a SharedArrayBuffer, [0] set to 1 to stop check 3 between two reads. */
  | { path: string; task: 'chain'; expectHead: Head | undefined; cancel?: SharedArrayBuffer }
  | { path: string; task: 'replay' };
export type WorkerReply =
  { ok: true; snapshot?: SnapshotChecks; replay?: ReplayOutcome } | { ok: false; message: string; cancelled?: boolean };
/** Check 3's progress, sent by the chain worker about ten times a second while it re-hashes bytes. */
export type WorkerProgress = { progress: { bytes: number; total: number } };

// Bundled builds ship the worker as out/main/verifyWorker.js beside the main bundle; from source
// (CLI, tests) Node runs the TypeScript file directly.
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './verifyWorker.ts' : './verifyWorker.js',
  import.meta.url,
);

/**
 * Two long-lived workers, one per half of the work: starting a worker and loading its modules costs
 * more than verifying a mid-sized case, so they stay for the next verification. They are unref'd
 * while idle, so they never keep a process (the CLI, a test) alive.
 */
const pool = new Map<WorkerTask['task'], Worker>();

function workerFor(kind: WorkerTask['task']): Worker {
  let worker = pool.get(kind);
  if (!worker) {
    worker = new Worker(WORKER_URL);
    worker.on('exit', () => pool.delete(kind));
    worker.on('error', () => pool.delete(kind));
    worker.unref();
    pool.set(kind, worker);
  }
  return worker;
}

function runInWorker(
  task: WorkerTask,
  onProgress?: (progress: WorkerProgress['progress']) => void,
): Promise<WorkerReply> {
  const worker = workerFor(task.task);
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply | WorkerProgress) => {
      if ('progress' in reply) return onProgress?.(reply.progress);
      cleanup();
      resolve(reply);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`verification worker stopped (exit code ${code})`));
    };
    const cleanup = () => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      worker.unref();
    };
    worker.on('message', onMessage).once('error', onError).once('exit', onExit);
    worker.ref();
    worker.postMessage(task);
  });
}

/**
 * Starts the two workers ahead of need (the app calls this when it opens a large case), so the
 * first Verify a person presses does not wait for threads to start and modules to load.
 */
export function prepareVerifyWorkers(): void {
  workerFor('chain');
  workerFor('replay');
}

/** Ends the verification workers (app quit; tests). */
export async function stopVerifyWorkers(): Promise<void> {
  await Promise.all([...pool.values()].map((w) => w.terminate()));
  pool.clear();
}

/**
 * The same checks, with the chain and the replay on two worker threads reading their own
 * connections, so a large case verifies at twice the speed and the caller's thread stays free.
 * The caller must hold writes back until it resolves (handlers serialise calls).
 */
export async function verifyCaseInWorkers(
  caseDb: { db: Database; readPath: string },
  options: VerifyOptions & LongWork = {},
): Promise<VerifyReport> {
  const started = performance.now();
  const cancel = new SharedArrayBuffer(4);
  const onAbort = () => Atomics.store(new Int32Array(cancel), 0, 1);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const [chainReply, replayReply] = await Promise.all([
    runInWorker({ path: caseDb.readPath, task: 'chain', expectHead: options.expectHead, cancel }, options.onProgress),
    runInWorker({ path: caseDb.readPath, task: 'replay' }),
  ]).finally(() => options.signal?.removeEventListener('abort', onAbort));
  if (!chainReply.ok && chainReply.cancelled) {
    throw new CustosError(
      'CANCELLED',
      'Verification of the case was cancelled before it finished; run it again for a verdict',
    );
  }
  if (!chainReply.ok) throw new Error(chainReply.message);
  if (!replayReply.ok) throw new Error(replayReply.message);
  return nameFailures(caseDb.db, assemble(chainReply.snapshot!, replayReply.replay!, started, options));
}
