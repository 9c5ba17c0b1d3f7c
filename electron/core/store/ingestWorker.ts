import { parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Reads one file once, hashing every byte as it goes and (for stored evidence) writing it into the
 * case as fixed-size chunks on this thread's own connection, committed a few chunks at a time.
 * The chunks belong to no evidence until the caller records the blob row; a crash or a cancel
 * leaves only chunks that the next open removes.
 */
export type IngestTask = {
  casePath: string;
  file: string;
  blobId: string;
  store: boolean;
  chunkSize: number;
  md5: boolean;
  sha1: boolean;
  /** Int32Array over a SharedArrayBuffer: [0] set to 1 by the caller to cancel. */
  cancel: SharedArrayBuffer;
};
export type IngestMessage =
  | { type: 'progress'; bytes: number; total: number }
  | { type: 'done'; size: number; sha256: string; md5: string | null; sha1: string | null; chunkCount: number; mtimeMs: number }
  | { type: 'cancelled' }
  | { type: 'error'; code: 'CHANGED' | 'IO'; message: string };

const COMMIT_EVERY = 32;
const PROGRESS_EVERY_MS = 100;

function run(task: IngestTask): IngestMessage {
  const cancel = new Int32Array(task.cancel);
  let fd: number;
  try {
    fd = openSync(task.file, 'r');
  } catch (error) {
    return { type: 'error', code: 'IO', message: (error as Error).message };
  }
  const db = task.store ? new Database(task.casePath, { timeout: 15_000 }) : undefined;
  // Chunk commits need not reach the disk one by one: they are no evidence until the blob row is
  // committed by the caller with synchronous=FULL, which syncs the WAL (these frames included).
  // NORMAL in WAL mode never corrupts the file; a crash only loses chunks the next open removes.
  db?.pragma('synchronous = NORMAL');
  try {
    const before = fstatSync(fd);
    const hashes: Hash[] = [createHash('sha256')];
    const md5 = task.md5 ? createHash('md5') : undefined;
    const sha1 = task.sha1 ? createHash('sha1') : undefined;
    if (md5) hashes.push(md5);
    if (sha1) hashes.push(sha1);
    const insert = db?.prepare('INSERT INTO evidence_chunk (blob_id, idx, data) VALUES (?, ?, ?)');
    let size = 0;
    let chunkCount = 0;
    let pending = 0;
    let lastProgress = 0;
    db?.exec('BEGIN');
    // One buffer for the whole file: binding a blob copies it into SQLite, so reusing the buffer is
    // safe, and memory stays flat however large the file (a buffer per chunk grew RSS by 200 MB).
    const buffer = Buffer.allocUnsafe(task.chunkSize);
    for (;;) {
      if (Atomics.load(cancel, 0) === 1) {
        db?.exec('ROLLBACK');
        return { type: 'cancelled' };
      }
      let filled = 0;
      while (filled < task.chunkSize) {
        const read = readSync(fd, buffer, filled, task.chunkSize - filled, null);
        if (read === 0) break;
        filled += read;
      }
      if (filled === 0) break;
      const chunk = buffer.subarray(0, filled);
      for (const h of hashes) h.update(chunk);
      if (insert) {
        insert.run(task.blobId, chunkCount, chunk);
        if (++pending >= COMMIT_EVERY) {
          db!.exec('COMMIT; BEGIN');
          pending = 0;
        }
      }
      chunkCount++;
      size += filled;
      const now = performance.now();
      if (now - lastProgress > PROGRESS_EVERY_MS) {
        lastProgress = now;
        parentPort!.postMessage({ type: 'progress', bytes: size, total: before.size } satisfies IngestMessage);
      }
      if (filled < task.chunkSize) break;
    }
    db?.exec('COMMIT');
    const after = fstatSync(fd);
    let onDisk;
    try {
      onDisk = statSync(task.file);
    } catch {
      onDisk = undefined;
    }
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || size !== before.size || !onDisk || onDisk.ino !== before.ino) {
      return { type: 'error', code: 'CHANGED', message: 'the file changed while it was being read (its size, time or identity moved)' };
    }
    return {
      type: 'done',
      size,
      sha256: hashes[0]!.digest('hex'),
      md5: md5?.digest('hex') ?? null,
      sha1: sha1?.digest('hex') ?? null,
      chunkCount: task.store ? chunkCount : 0,
      mtimeMs: before.mtimeMs,
    };
  } catch (error) {
    if (db?.inTransaction) db.exec('ROLLBACK');
    return { type: 'error', code: 'IO', message: (error as Error).message };
  } finally {
    closeSync(fd);
    db?.close();
  }
}

parentPort!.postMessage(run(workerData as IngestTask));
