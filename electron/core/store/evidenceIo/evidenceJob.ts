import { Worker } from 'node:worker_threads';
import type { JobItem, JobMessage, JobTask } from './evidenceJobWorker.ts';

export type { JobItem };
export type JobProgress = { index: number; bytes: number; total: number };
export type JobResult = Exclude<JobMessage, { type: 'progress' | 'end' }>;

// The bundle ships ./evidenceJobWorker.js beside this code; from source Node runs the TypeScript.
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './evidenceJobWorker.ts' : './evidenceJobWorker.js',
  import.meta.url,
);

/**
 * Re-verifies or exports items on a worker thread. Each item's result reaches `onResult` as soon as
 * it is done (the caller records it then, on its own connection); resolves with whether the person
 * cancelled. A cancel stops the worker between two reads; an export removes its unfinished copy.
 */
export function runEvidenceJob(
  task: Omit<JobTask, 'cancel'>,
  onResult: (result: JobResult) => void,
  onProgress?: (progress: JobProgress) => void,
  signal?: AbortSignal,
): Promise<{ cancelled: boolean }> {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { ...task, cancel } satisfies JobTask });
    const onAbort = () => Atomics.store(flag, 0, 1);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let failure: unknown;
    worker.on('message', (message: JobMessage) => {
      if (message.type === 'progress') {
        return onProgress?.({ index: message.index, bytes: message.bytes, total: message.total });
      }
      if (message.type === 'end') {
        signal?.removeEventListener('abort', onAbort);
        return failure === undefined ? resolve({ cancelled: message.cancelled }) : reject(failure);
      }
      // After a recording failure nothing more is recorded: the caller reports the failure.
      if (failure !== undefined) return;
      try {
        onResult(message);
      } catch (error) {
        // Recording failed (the case is refusing writes): stop reading, report once the worker ends.
        failure ??= error;
        onAbort();
      }
    });
    worker.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(failure ?? error);
    });
    // Settles nothing if the worker already ended properly ('end' resolved first).
    worker.once('exit', (code) => {
      signal?.removeEventListener('abort', onAbort);
      reject(failure ?? new Error(`the evidence worker stopped (exit code ${code})`));
    });
  });
}
