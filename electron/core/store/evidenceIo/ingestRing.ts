/**
 * The shared ring through which an ingest's reader hands each chunk to the thread that stores it,
 * so that reading and hashing run beside the writing instead of before it. The reader fills a
 * slot, hashes it and publishes it (READ); the storer writes the same bytes into the case and
 * releases the slot (STORED). The reader reuses a slot only once it is released, so nothing is
 * copied between the threads.
 */
// Sixteen 1 MiB slots: the reader hashes on while the storer syncs a batch. Four left each side
// waiting on the other for about half a second per GiB; 32 or 64 were no faster and cost memory.
export const RING_SLOTS = 16;

// 64 chunks (MiB) a commit: each commit syncs the file, so fewer are faster (16 MiB batches took a
// third longer here); a crash loses at most the batch in progress, which is no evidence yet anyway.
export const CHUNKS_PER_COMMIT = 64;

/** Indexes into the control Int32Array. */
export const CANCEL = 0;
export const READ = 1;
export const STORED = 2;
export const STATE = 3;

export const RUNNING = 0;
/** The reader has published its last chunk; READ is final. */
export const EOF = 1;
/** One side gave up (cancel or error); the other stops at its next check. */
export const ABORT = 2;

/** How long a side sleeps before it looks at the cancel flag again, when nothing wakes it. */
export const WAIT_MS = 50;

export type IngestRing = {
  /** RING_SLOTS × chunkSize bytes. */
  data: SharedArrayBuffer;
  /** Int32Array(4): CANCEL, READ, STORED, STATE. */
  control: SharedArrayBuffer;
  /** Int32Array(RING_SLOTS): bytes in each slot. */
  lengths: SharedArrayBuffer;
  chunkSize: number;
};

export function createRing(chunkSize: number): IngestRing {
  return {
    data: new SharedArrayBuffer(RING_SLOTS * chunkSize),
    control: new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT),
    lengths: new SharedArrayBuffer(RING_SLOTS * Int32Array.BYTES_PER_ELEMENT),
    chunkSize,
  };
}

/** Sets STATE to ABORT (unless the reader already finished) and wakes whoever waits. */
export function abortRing(control: Int32Array): void {
  Atomics.compareExchange(control, STATE, RUNNING, ABORT);
  Atomics.notify(control, READ);
  Atomics.notify(control, STORED);
}

/** True once the caller cancelled or the other side gave up. */
export function stopped(control: Int32Array): boolean {
  return Atomics.load(control, CANCEL) === 1 || Atomics.load(control, STATE) === ABORT;
}
