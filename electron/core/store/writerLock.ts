import { openConnection } from './connection.ts';
import type { Database as Db } from 'better-sqlite3';
import { rmSync, statSync } from 'node:fs';
import { CustosError } from '../errors.ts';

/**
 * The single-writer lock of a case: a small SQLite file beside it (`<case>-lock`, like SQLite's own
 * -wal and -shm) held in EXCLUSIVE locking mode. The kernel releases the lock when the process
 * dies, so a crash never leaves a stuck lock; the case file itself stays in normal WAL mode, so
 * readers (verification workers, `custos verify`) can read while the app writes.
 */
export type WriterLock = { release(): void };

function inode(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}

export function acquireWriterLock(casePath: string): WriterLock {
  const lockPath = `${casePath}-lock`;
  for (let attempt = 0; attempt < 5; attempt++) {
    let db: Db;
    let before = inode(lockPath);
    try {
      db = openConnection(lockPath, { timeout: 0, mustExist: false });
      before ??= inode(lockPath);
    } catch (error) {
      throw new CustosError('IO_ERROR', `cannot create ${lockPath} (${(error as Error).message}); check that the folder is writable`);
    }
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; COMMIT;');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new CustosError(
          'OPEN_ELSEWHERE',
          `${casePath} is open elsewhere (another Custos window or a custos command is writing to it); close it there and try again`,
        );
      }
      throw error;
    }
    // A previous holder unlinks the lock file before releasing it; if we locked an unlinked file,
    // the path now names another file (or none) and we start again on the current one.
    if (before !== undefined && inode(lockPath) === before) {
      return {
        release() {
          rmSync(lockPath, { force: true });
          db.close();
        },
      };
    }
    db.close();
  }
  throw new CustosError('OPEN_ELSEWHERE', `${casePath} is being opened by another process; try again`);
}
