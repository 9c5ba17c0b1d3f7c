import { parentPort, workerData } from 'node:worker_threads';
import type { Database as Db } from 'better-sqlite3';
import { openConnection } from '../file/connection.ts';
import { schemaProblems } from '../verify/schemaCheck.ts';
import { CHUNKS_PER_COMMIT, EOF, READ, RING_SLOTS, STATE, STORED, WAIT_MS, abortRing, stopped } from './ingestRing.ts';
import type { IngestRing } from './ingestRing.ts';

/**
 * The storing side of an ingest: writes each chunk the reader publishes into evidence_chunk on this
 * thread's own connection, committed a few chunks at a time. The chunks belong to no evidence until
 * the caller records the blob row; a crash or a cancel leaves only chunks that the next open removes.
 */
export type StoreTask = { casePath: string; blobId: string; ring: IngestRing };
export type StoreMessage =
  { type: 'stored'; chunks: number } | { type: 'stopped' } | { type: 'error'; message: string };

function openStore(task: StoreTask): Db {
  // A long wait: a reader (custos verify, a verification worker) may hold the case for seconds, and
  // giving up would throw away the gigabytes read so far.
  const db = openConnection(task.casePath, { timeout: 120_000 });
  // The case was checked when it was opened; a schema changed since then is not written to.
  if (schemaProblems(db, db.pragma('user_version', { simple: true }) as number).length > 0) {
    db.close();
    throw new Error("the case file was changed outside Custos while it was open (its schema is no longer Custos's)");
  }
  if (db.pragma('journal_mode', { simple: true }) === 'wal') {
    // In WAL mode chunk commits need not reach the disk one by one: they are no evidence until the
    // caller commits the blob row with synchronous=FULL, which syncs the WAL (these frames included).
    // NORMAL in WAL mode never corrupts the file; a crash only loses chunks the next open removes.
    db.pragma('synchronous = NORMAL');
  } else {
    // In rollback-journal mode (CaseDb.withBulkWrites) new pages are written once, straight into the
    // file; FULL keeps each commit safe against power loss, at the cost of a sync per batch. The
    // page cache stays small, so a batch spills into the file as it fills: memory stays flat, and
    // other connections wait at most one batch (about a tenth of a second) to read.
    db.pragma('synchronous = FULL');
  }
  return db;
}

function run(task: StoreTask): StoreMessage {
  const control = new Int32Array(task.ring.control);
  const lengths = new Int32Array(task.ring.lengths);
  const chunkSize = task.ring.chunkSize;
  const ring = Buffer.from(task.ring.data);
  let db: Db | undefined;
  try {
    db = openStore(task);
    const insert = db.prepare('INSERT INTO evidence_chunk (blob_id, idx, data) VALUES (?, ?, ?)');
    let next = 0;
    let pending = 0;
    db.exec('BEGIN');
    for (;;) {
      if (stopped(control)) {
        db.exec('ROLLBACK');
        return { type: 'stopped' };
      }
      const read = Atomics.load(control, READ);
      if (next < read) {
        const slot = next % RING_SLOTS;
        // Binding a blob copies it into SQLite, so the slot can be released right after.
        insert.run(task.blobId, next, ring.subarray(slot * chunkSize, slot * chunkSize + lengths[slot]!));
        next++;
        Atomics.store(control, STORED, next);
        Atomics.notify(control, STORED);
        if (++pending >= CHUNKS_PER_COMMIT) {
          db.exec('COMMIT; BEGIN');
          pending = 0;
        }
        continue;
      }
      // READ is read again after STATE: the reader publishes its last chunk before it sets EOF.
      if (Atomics.load(control, STATE) === EOF && next === Atomics.load(control, READ)) break;
      Atomics.wait(control, READ, read, WAIT_MS);
    }
    db.exec('COMMIT');
    return { type: 'stored', chunks: next };
  } catch (error) {
    abortRing(control);
    if (db?.inTransaction) db.exec('ROLLBACK');
    return { type: 'error', message: (error as Error).message };
  } finally {
    db?.close();
  }
}

parentPort!.postMessage(run(workerData as StoreTask));
