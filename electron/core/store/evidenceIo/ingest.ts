import { Worker } from 'node:worker_threads';
import type { ReadMessage, ReadTask } from './ingestWorker.ts';
import type { StoreMessage, StoreTask } from './chunkStoreWorker.ts';
import { CANCEL, abortRing, createRing } from './ingestRing.ts';

// As for verification: the bundle ships ./ingestWorker.js and ./chunkStoreWorker.js beside this
// code; from source Node runs the TypeScript files.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const READ_URL = new URL(FROM_SOURCE ? './ingestWorker.ts' : './ingestWorker.js', import.meta.url);
const STORE_URL = new URL(FROM_SOURCE ? './chunkStoreWorker.ts' : './chunkStoreWorker.js', import.meta.url);

export type IngestProgress = { bytes: number; total: number };
export type IngestDone = {
  type: 'done';
  size: number;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  chunkCount: number;
  mtimeMs: number;
};
export type IngestOutcome =
  | IngestDone
  | Extract<ReadMessage, { type: 'cancelled' | 'error' }>
  | { type: 'error'; code: 'STORE'; message: string };

export type IngestRequest = {
  casePath: string;
  /** The file's path, as bytes when its name is not UTF-8 (see fsPaths.ts). */
  file: string | Uint8Array;
  blobId: string;
  store: boolean;
  chunkSize: number;
  md5: boolean;
  sha1: boolean;
};

/**
 * Runs one file's read-hash(-store) pass off the calling thread: one worker reads and hashes, and
 * for stored evidence a second one writes the same chunks into the case through a shared ring.
 * Resolves with the hashes, or with 'cancelled' / an error; progress arrives about ten times a second.
 */
export async function runIngestWorker(
  request: IngestRequest,
  onProgress?: (progress: IngestProgress) => void,
  signal?: AbortSignal,
): Promise<IngestOutcome> {
  const ring = createRing(request.chunkSize);
  const control = new Int32Array(ring.control);
  const reader = new Worker(READ_URL, {
    workerData: {
      file: request.file,
      store: request.store,
      md5: request.md5,
      sha1: request.sha1,
      ring,
    } satisfies ReadTask,
  });
  const storer = request.store
    ? new Worker(STORE_URL, {
        workerData: { casePath: request.casePath, blobId: request.blobId, ring } satisfies StoreTask,
      })
    : undefined;
  const onAbort = () => {
    Atomics.store(control, CANCEL, 1);
    abortRing(control);
  };
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  // Whichever side fails first stops the other, so neither waits on a partner that is gone.
  const stopOnError = (error: Error) => {
    abortRing(control);
    throw error;
  };
  const readDone = new Promise<Exclude<ReadMessage, { type: 'progress' }>>((resolve, reject) => {
    reader.on('message', (message: ReadMessage) => {
      if (message.type === 'progress') onProgress?.({ bytes: message.bytes, total: message.total });
      else resolve(message);
    });
    reader.once('error', reject);
    reader.once('exit', (code) => reject(new Error(`the reading thread stopped (exit code ${code})`)));
  }).catch(stopOnError);
  const storeDone = storer
    ? new Promise<StoreMessage>((resolve, reject) => {
        storer.once('message', resolve);
        storer.once('error', reject);
        storer.once('exit', (code) => reject(new Error(`the storing thread stopped (exit code ${code})`)));
      }).catch(stopOnError)
    : Promise.resolve(undefined);
  const [readSettled, storeSettled] = await Promise.allSettled([readDone, storeDone]);
  signal?.removeEventListener('abort', onAbort);
  if (readSettled.status === 'rejected') throw readSettled.reason;
  if (storeSettled.status === 'rejected') throw storeSettled.reason;
  const read = readSettled.value;
  const stored = storeSettled.value;
  if (read.type === 'cancelled') return read;
  // A storing failure (a full disk, say) stops the reader too; it is the cause to report.
  if (stored?.type === 'error') return { type: 'error', code: 'STORE', message: stored.message };
  if (read.type !== 'done') return read;
  if (stored?.type === 'stopped') {
    return Atomics.load(control, CANCEL) === 1
      ? { type: 'cancelled' }
      : { type: 'error', code: 'IO', message: 'storing stopped' };
  }
  if (stored && stored.chunks !== read.chunks) {
    return { type: 'error', code: 'IO', message: `stored ${stored.chunks} chunks but read ${read.chunks}` };
  }
  return {
    type: 'done',
    size: read.size,
    sha256: read.sha256,
    md5: read.md5,
    sha1: read.sha1,
    chunkCount: stored ? stored.chunks : 0,
    mtimeMs: read.mtimeMs,
  };
}
