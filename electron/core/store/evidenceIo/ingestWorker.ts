import { parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { CANCEL, EOF, READ, RING_SLOTS, STATE, STORED, WAIT_MS, abortRing, stopped } from './ingestRing.ts';
import type { IngestRing } from './ingestRing.ts';

/**
 * The reading side of an ingest: reads one file once, in chunks, hashing every byte as it goes.
 * For stored evidence each chunk goes through the shared ring to the storing thread
 * (chunkStoreWorker.ts), which writes it into the case while this thread reads and hashes the
 * next; the two take about equally long, so together they take about as long as one.
 */
export type ReadTask = {
  /** The path, as bytes when its name is not UTF-8 (fs opens either). */
  file: string | Uint8Array;
  /** Whether a storing thread consumes the ring (stored evidence) or not (by reference). */
  store: boolean;
  md5: boolean;
  sha1: boolean;
  ring: IngestRing;
};
export type ReadMessage =
  | { type: 'progress'; bytes: number; total: number }
  | {
      type: 'done';
      size: number;
      chunks: number;
      sha256: string;
      md5: string | null;
      sha1: string | null;
      mtimeMs: number;
    }
  | { type: 'cancelled' }
  | { type: 'error'; code: 'CHANGED' | 'IO'; message: string };

const PROGRESS_EVERY_MS = 100;

function run(task: ReadTask): ReadMessage {
  // A byte path crosses to this thread as a plain Uint8Array; fs wants a Buffer.
  const file = typeof task.file === 'string' ? task.file : Buffer.from(task.file);
  const control = new Int32Array(task.ring.control);
  const lengths = new Int32Array(task.ring.lengths);
  const chunkSize = task.ring.chunkSize;
  const ring = Buffer.from(task.ring.data);
  // Reading and hashing go through a private buffer: Node reads into and hashes shared memory by way
  // of a copy (about 0.5 s more per GiB here), while one copy into the ring slot costs little.
  const buffer = Buffer.allocUnsafeSlow(chunkSize);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    abortRing(control);
    return { type: 'error', code: 'IO', message: (error as Error).message };
  }
  try {
    const before = fstatSync(fd);
    const sha256 = createHash('sha256');
    const md5 = task.md5 ? createHash('md5') : undefined;
    const sha1 = task.sha1 ? createHash('sha1') : undefined;
    const hashes: Hash[] = [sha256, ...(md5 ? [md5] : []), ...(sha1 ? [sha1] : [])];
    let size = 0;
    let chunks = 0;
    let lastProgress = 0;
    for (;;) {
      // A free slot: without a storer every slot is free; with one, it must have stored the chunk
      // that used this slot last.
      for (;;) {
        if (stopped(control)) {
          abortRing(control);
          return Atomics.load(control, CANCEL) === 1
            ? { type: 'cancelled' }
            : { type: 'error', code: 'IO', message: 'storing stopped' };
        }
        if (!task.store) break;
        const stored = Atomics.load(control, STORED);
        if (chunks - stored < RING_SLOTS) break;
        Atomics.wait(control, STORED, stored, WAIT_MS);
      }
      let filled = 0;
      while (filled < chunkSize) {
        const read = readSync(fd, buffer, filled, chunkSize - filled, null);
        if (read === 0) break;
        filled += read;
      }
      if (filled === 0) break;
      const chunk = buffer.subarray(0, filled);
      for (const h of hashes) h.update(chunk);
      if (task.store) {
        const slot = chunks % RING_SLOTS;
        chunk.copy(ring, slot * chunkSize);
        lengths[slot] = filled;
      }
      chunks++;
      size += filled;
      Atomics.store(control, READ, chunks);
      Atomics.notify(control, READ);
      const now = performance.now();
      if (now - lastProgress > PROGRESS_EVERY_MS) {
        lastProgress = now;
        parentPort!.postMessage({ type: 'progress', bytes: size, total: before.size } satisfies ReadMessage);
      }
      if (filled < chunkSize) break;
    }
    // READ is final before EOF is set: the storer stops once it has stored READ chunks.
    Atomics.compareExchange(control, STATE, 0, EOF);
    Atomics.notify(control, READ);
    const after = fstatSync(fd);
    let onDisk;
    try {
      onDisk = statSync(file);
    } catch {
      onDisk = undefined;
    }
    // The change time too: a writer can put size and modification time back (touch -d), but
    // every write moves the change time, and nothing outside the kernel can set it.
    const moved =
      after.size !== before.size ||
      after.mtimeMs !== before.mtimeMs ||
      after.ctimeMs !== before.ctimeMs ||
      size !== before.size ||
      !onDisk ||
      onDisk.ino !== before.ino ||
      onDisk.ctimeMs !== before.ctimeMs;
    if (moved) {
      return {
        type: 'error',
        code: 'CHANGED',
        message: 'the file changed while it was being read (its size, times or identity moved)',
      };
    }
    return {
      type: 'done',
      size,
      chunks,
      sha256: sha256.digest('hex'),
      md5: md5?.digest('hex') ?? null,
      sha1: sha1?.digest('hex') ?? null,
      mtimeMs: before.mtimeMs,
    };
  } catch (error) {
    abortRing(control);
    return { type: 'error', code: 'IO', message: (error as Error).message };
  } finally {
    closeSync(fd);
  }
}

parentPort!.postMessage(run(workerData as ReadTask));
