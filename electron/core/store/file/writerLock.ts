import type { Database as Db } from 'better-sqlite3';
import { lstatSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { CustosError } from '../../errors.ts';
import { openConnection } from './connection.ts';

/**
 * The single-writer lock of a case. The lock belongs to the file, not to the name used to open it:
 * a symbolic link, another relative path or a hard link all reach the same file, so they must all
 * meet the same lock.
 *
 * Two locks, each a small SQLite file held in EXCLUSIVE locking mode (the kernel releases it when
 * the process dies, so a crash never leaves a stuck lock):
 * - one keyed by the file's identity (device and inode) in a folder of this user's on this machine,
 *   which every name of the file leads to;
 * - one beside the file's real path (`<case>-lock`, like SQLite's -wal and -shm), which another
 *   computer reaching the same file over a network share sees too.
 * The case file itself stays unlocked between transactions, so readers (verification workers,
 * `custos verify`) can read while the app writes.
 */
export type WriterLock = { release(): void };

function inode(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}

/**
 * Where the identity locks live: a folder of this user's alone, so no other user can hold (or
 * pre-empt) a lock of theirs. The temporary folder is shared by all users, so a folder found there
 * must be a real folder, owned by this user, writable by no one else; else the home folder is used.
 */
function lockFolderCandidates(): string[] {
  let user: string;
  try {
    user = String(userInfo().uid >= 0 ? userInfo().uid : userInfo().username);
  } catch {
    user = 'user';
  }
  return [join(tmpdir(), `custos-locks-${user}`), join(homedir(), '.custos-locks')];
}

function isPrivateFolder(folder: string): boolean {
  let stats;
  try {
    stats = lstatSync(folder);
  } catch {
    return false;
  }
  if (!stats.isDirectory()) return false;
  if (process.platform === 'win32') return true;
  return stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0;
}

/** The folder to lock in: the first private candidate, made if need be; undefined to only look. */
function lockFolder(create: boolean): string | undefined {
  for (const folder of lockFolderCandidates()) {
    if (create) {
      try {
        mkdirSync(folder, { recursive: true, mode: 0o700 });
      } catch {
        continue;
      }
    }
    if (isPrivateFolder(folder)) return folder;
  }
  if (!create) return undefined;
  throw new CustosError(
    'IO_ERROR',
    `Custos found no private folder for its writer locks (${lockFolderCandidates().join(', ')}): one is not yours or others may write to it; remove it, or make it yours with mode 700`,
  );
}

/** The identity lock's file for a case: the same for every path that leads to the file. */
export function identityLockPath(realCasePath: string, create = false): string | undefined {
  const folder = lockFolder(create);
  if (!folder) return undefined;
  const stats = statSync(realCasePath);
  return join(folder, `${stats.dev}-${stats.ino}.lock`);
}

export function openElsewhere(casePath: string): CustosError {
  return new CustosError(
    'OPEN_ELSEWHERE',
    `${casePath} is open elsewhere (another Custos window or a custos command is writing to it, perhaps under another name or link); close it there and try again`,
  );
}

function lockOne(lockPath: string, casePath: string): WriterLock {
  for (let attempt = 0; attempt < 5; attempt++) {
    let db: Db;
    const existed = inode(lockPath);
    let before = existed;
    try {
      db = openConnection(lockPath, { timeout: 0, mustExist: false });
      before ??= inode(lockPath);
    } catch (error) {
      throw new CustosError(
        'IO_ERROR',
        `cannot create the lock file ${lockPath} (${(error as Error).message}); check that the folder is writable`,
      );
    }
    try {
      // The lock file holds no data: no journal file beside it, even after a crash.
      db.pragma('journal_mode = MEMORY');
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; COMMIT;');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw openElsewhere(casePath);
      // A lock file this attempt made (and could not lock: a full disk, say) is not left behind.
      if (existed === undefined) rmSync(lockPath, { force: true });
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

/** Takes both locks of the case at `realCasePath` (its path with every link resolved). */
export function acquireWriterLock(realCasePath: string, shownPath = realCasePath): WriterLock {
  const identity = lockOne(identityLockPath(realCasePath, true)!, shownPath);
  try {
    const beside = lockOne(`${realCasePath}-lock`, shownPath);
    return {
      release() {
        beside.release();
        identity.release();
      },
    };
  } catch (error) {
    identity.release();
    throw error;
  }
}

/** Whether a lock file is held by a live process. Only reads: an absent file is not held. */
function held(lockPath: string): boolean {
  if (inode(lockPath) === undefined) return false;
  let db: Db | undefined;
  try {
    db = openConnection(lockPath, { readonly: true, timeout: 0 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'SQLITE_BUSY';
  } finally {
    db?.close();
  }
}

/** Whether a Custos writer has the case open now (so its -wal and -shm are live, not left over). */
export function writerIsActive(realCasePath: string): boolean {
  let identity: string | undefined;
  try {
    identity = identityLockPath(realCasePath);
  } catch {
    identity = undefined;
  }
  return (identity !== undefined && held(identity)) || held(`${realCasePath}-lock`);
}
