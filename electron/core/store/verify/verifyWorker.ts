import { parentPort } from 'node:worker_threads';
import { openConnection } from '../file/connection.ts';
import { runReplayOnSnapshot, runSnapshotChecks } from './snapshot.ts';
import type { WorkerProgress, WorkerReply, WorkerTask } from './workers.ts';
import type { Tick } from './evidenceCheck.ts';

class Cancelled extends Error {}

const PROGRESS_EVERY_MS = 100;

/** Reports check 3's progress over all evidence bytes, and stops it (throws) once cancelled. */
/** `total` is counted just before check 3, once the schema check has passed; it is only the length of the bar. */
function progressTick(cancel: SharedArrayBuffer | undefined, total: number): Tick {
  const flag = cancel ? new Int32Array(cancel) : undefined;
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
    // No memory mapping: the file may be hostile or shrink while it is read, and a mapped page
    // that is gone ends the whole process with SIGBUS instead of an error.
    const db = openConnection(task.path, { readonly: true });
    try {
      if (task.task === 'chain') {
        reply = {
          ok: true,
          snapshot: runSnapshotChecks(db, task.expectHead, (total) => progressTick(task.cancel, total)),
        };
      } else reply = { ok: true, replay: runReplayOnSnapshot(db) };
    } finally {
      db.close();
    }
  } catch (error) {
    reply =
      error instanceof Cancelled
        ? { ok: false, message: 'cancelled', cancelled: true }
        : { ok: false, message: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
