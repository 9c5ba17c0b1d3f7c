import { parentPort, workerData } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openConnection } from '../file/connection.ts';
import { publishExclusive, writeAll } from '../../exclusiveFile.ts';
import { checkReference, checkStored, sha256OfFile } from '../verify/evidenceCheck.ts';
import { openablePath, shownPath } from '../../fsPaths.ts';
import type { Tick } from '../verify/evidenceCheck.ts';

/**
 * Long evidence work that reads every byte of many items: re-verification and export. It runs on
 * its own thread and connection, reports progress (bytes of all items) about ten times a second,
 * stops between two reads when cancelled, and reports each item as soon as it is done, so the
 * caller records it at once and a cancel or a failure keeps what was finished.
 */
export type JobItem = {
  itemId: string;
  exhibit: string;
  storage: 'embedded' | 'reference';
  blobId: string | null;
  referencePath: string | null;
  size: number;
  sha256: string;
  /** Export only: the safe file name to write under. */
  fileName?: string;
};
export type JobTask = {
  kind: 'verify' | 'export';
  casePath: string;
  items: JobItem[];
  dir?: string;
  cancel: SharedArrayBuffer;
};
export type JobMessage =
  | { type: 'progress'; index: number; bytes: number; total: number }
  | { type: 'verified'; itemId: string; result: 'match' | 'mismatch' | 'missing'; detail: string }
  | { type: 'exported'; itemId: string; file: string; size: number; sha256: string }
  | { type: 'failed'; itemId: string; mismatch: boolean; message: string; code?: string }
  | { type: 'end'; cancelled: boolean };

const PROGRESS_EVERY_MS = 100;
const COPY_SIZE = 4 * 1024 * 1024;

class Cancelled extends Error {}
class Mismatch extends Error {}

function run(task: JobTask): void {
  const post = (message: JobMessage) => parentPort!.postMessage(message);
  const cancel = new Int32Array(task.cancel);
  // Export goes through every byte twice (the copy, then the read-back); progress is reported in
  // bytes of the items (each pass counting half), so "X of 1.5 GB" means what a person expects.
  const passes = task.kind === 'export' ? 2 : 1;
  const total = task.items.reduce((sum, item) => sum + item.size * passes, 0);
  let done = 0;
  let index = 0;
  let lastProgress = 0;
  const tick: Tick = (bytes) => {
    if (Atomics.load(cancel, 0) === 1) throw new Cancelled();
    done += bytes;
    const now = performance.now();
    if (now - lastProgress > PROGRESS_EVERY_MS) {
      lastProgress = now;
      post({ type: 'progress', index, bytes: Math.floor(done / passes), total: total / passes });
    }
  };
  const db = task.items.some((i) => i.storage === 'embedded')
    ? openConnection(task.casePath, { readonly: true, timeout: 15_000 })
    : undefined;
  const blobRow = db?.prepare(
    'SELECT id, size, sha256, chunk_size, chunk_count FROM evidence_blob WHERE id = ? AND disposed_at IS NULL',
  );
  try {
    for (const [i, item] of task.items.entries()) {
      index = i;
      const before = done;
      try {
        if (task.kind === 'verify') post({ type: 'verified', ...verifyItem(item) });
        else post({ type: 'exported', itemId: item.itemId, ...exportItem(item) });
      } catch (error) {
        if (error instanceof Cancelled) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        post({
          type: 'failed',
          itemId: item.itemId,
          mismatch: error instanceof Mismatch,
          message: (error as Error).message,
          ...(code ? { code } : {}),
        });
        // An export stops at the first copy that fails, so the person sees why before going on.
        if (task.kind === 'export') break;
      }
      // An item that stopped early still counts as gone through, so the bar keeps moving.
      done = before + item.size * passes;
    }
    post({ type: 'progress', index, bytes: Math.floor(done / passes), total: total / passes });
    post({ type: 'end', cancelled: false });
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
    post({ type: 'end', cancelled: true });
  } finally {
    db?.close();
  }

  function verifyItem(item: JobItem): Omit<Extract<JobMessage, { type: 'verified' }>, 'type'> {
    // Held against the item's own record (size and SHA-256 as audited), not only the blob's.
    const recorded = { size: item.size, sha256: item.sha256 };
    if (item.storage === 'reference') {
      const checked = checkReference({ reference_path: item.referencePath!, ...recorded }, tick);
      return {
        itemId: item.itemId,
        result: checked.result,
        detail:
          checked.problem ?? `SHA-256 ${checked.computed!.sha256} re-computed from ${shownPath(item.referencePath!)}`,
      };
    }
    const blob = blobRow!.get(item.blobId) as Parameters<typeof checkStored>[1];
    const checked = checkStored(db!, blob, recorded, tick);
    return {
      itemId: item.itemId,
      result: checked.result,
      detail: checked.problem ?? `SHA-256 ${checked.computed!.sha256} re-computed from the stored bytes`,
    };
  }

  /**
   * Written under a temporary name, synced, read back and hash-checked, and only then given its
   * final name; a copy that does not match (or a cancel, or a crash) leaves no file that looks done.
   */
  function exportItem(item: JobItem): { file: string; size: number; sha256: string } {
    const temp = join(task.dir!, `.${item.fileName!}.${randomUUID()}.partial`);
    const fd = openSync(temp, 'wx');
    try {
      try {
        if (item.storage === 'embedded') {
          const chunks = db!.prepare('SELECT data FROM evidence_chunk WHERE blob_id = ? ORDER BY idx').pluck();
          for (const chunk of chunks.iterate(item.blobId) as Iterable<Buffer>) {
            writeAll(fd, chunk);
            tick(chunk.length);
          }
        } else {
          const source = openSync(openablePath(item.referencePath!), 'r');
          try {
            const buffer = Buffer.allocUnsafe(COPY_SIZE);
            for (;;) {
              const read = readSync(source, buffer, 0, COPY_SIZE, null);
              if (read === 0) break;
              writeAll(fd, buffer.subarray(0, read));
              tick(read);
            }
          } finally {
            closeSync(source);
          }
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      const written = sha256OfFile(temp, tick);
      if (written.sha256 !== item.sha256 || written.size !== item.size) {
        throw new Mismatch(
          'the exported copy did not match its SHA-256 when read back, so it was removed; verify the item (custos evidence verify)',
        );
      }
      return { file: publishExclusive(temp, task.dir!, item.fileName!), size: written.size, sha256: written.sha256 };
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
}

run(workerData as JobTask);
