import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { evidenceBytesIn, runChainAndHead, runReplayOnSnapshot } from './verify.ts';
import type { WorkerProgress, WorkerReply, WorkerTask } from './verify.ts';
import type { Tick } from './evidenceCheck.ts';

class Cancelled extends Error {}

const PROGRESS_EVERY_MS = 100;

/** Reports check 3's progress over all evidence bytes, and stops it (throws) once cancelled. */
function progressTick(db: Database.Database, cancel: SharedArrayBuffer | undefined): Tick {
  const flag = cancel ? new Int32Array(cancel) : undefined;
  // Counted before the check starts (no statement can run while check 3 reads chunks); it is only
  // the length of the progress bar.
  const total = evidenceBytesIn(db);
  let bytes = 0;
  let last = 0;
  return (read) => {
    if (flag && Atomics.load(flag, 0) === 1) throw new Cancelled();
    bytes += read;
    const now = performance.now();
    if (now - last > PROGRESS_EVERY_MS) {
      last = now;
      parentPort!.postMessage({ progress: { bytes, total } } satisfies WorkerProgress);
    }
  };
}

/** One half of verification per task, on its own read-only connection (WAL gives it a snapshot). */
parentPort!.on('message', (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    const db = new Database(task.path, { readonly: true, fileMustExist: true, timeout: 5000 });
    // Each task has a new connection with an empty page cache; mapping the file reads it from the
    // OS cache without a copy per page (about a fifth faster here).
    db.pragma('mmap_size = 2147483648');
    try {
      if (task.task === 'chain') reply = { ok: true, chain: runChainAndHead(db, task.expectHead, progressTick(db, task.cancel)) };
      else reply = { ok: true, replay: runReplayOnSnapshot(db) };
    } finally {
      db.close();
    }
  } catch (error) {
    reply = error instanceof Cancelled ? { ok: false, message: 'cancelled', cancelled: true } : { ok: false, message: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
