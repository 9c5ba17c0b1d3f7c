import { Worker } from 'node:worker_threads';
import type { IngestMessage, IngestTask } from './ingestWorker.ts';

// As for verification: the bundle ships ./ingestWorker.js beside this code; from source Node runs
// the TypeScript file.
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './ingestWorker.ts' : './ingestWorker.js', import.meta.url);

export type IngestProgress = { bytes: number; total: number };
export type IngestDone = Extract<IngestMessage, { type: 'done' }>;

/**
 * Runs one file's read-hash-store pass on a worker thread. Resolves with the hashes, or with
 * 'cancelled' / an error message; progress arrives about ten times a second.
 */
export function runIngestWorker(
  task: Omit<IngestTask, 'cancel'>,
  onProgress?: (progress: IngestProgress) => void,
  signal?: AbortSignal,
): Promise<Exclude<IngestMessage, { type: 'progress' }>> {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { ...task, cancel } satisfies IngestTask });
    const onAbort = () => Atomics.store(flag, 0, 1);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: IngestMessage) => {
      if (message.type === 'progress') {
        onProgress?.({ bytes: message.bytes, total: message.total });
        return;
      }
      signal?.removeEventListener('abort', onAbort);
      resolve(message);
    });
    worker.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}
