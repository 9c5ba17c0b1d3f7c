import type { Database as Db, Statement } from 'better-sqlite3';
import { existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CustosError } from '../errors.ts';
import { CUSTOS_APPLICATION_ID, inspectCaseFile } from './header.ts';
import { SCHEMA_VERSION, runMigrations } from './migrations/index.ts';
import { acquireWriterLock } from './writerLock.ts';
import { openConnection } from './connection.ts';
import { describeProblems, schemaProblems } from './schemaCheck.ts';
import type { WriterLock } from './writerLock.ts';

/** An open case file. Only one process holds it at a time (see lockForWriting). */
export type CaseDb = {
  readonly db: Db;
  readonly path: string;
  /** Prepared statements are cached per connection; SQL text is always a constant. */
  readonly statement: (sql: string) => Statement;
  /**
   * Runs a long write of new evidence bytes (by another connection, the ingest worker) with the
   * case in rollback-journal mode, where new pages are written once, straight into the file; in WAL
   * mode every page is written twice (log, then checkpoint). Falls back to WAL, unchanged, when
   * another connection has the case open (custos verify, say). See docs/design-notes.md.
   */
  withBulkWrites<T>(run: () => Promise<T>): Promise<T>;
  /**
   * Throws unless the schema is still exactly Custos's. Cheap when nothing changed (one header
   * read); called by the write path before every write, so a trigger someone adds to the file while
   * it is open never runs.
   */
  guardSchema(): void;
  close(): void;
};

/** Sets the journal mode without waiting on other connections; false if one is in the way. */
function trySetJournalMode(db: Db, mode: 'wal' | 'delete'): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return db.pragma(`journal_mode = ${mode}`, { simple: true }) === mode;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

function wrap(db: Db, path: string, lock?: WriterLock): CaseDb {
  const cache = new Map<string, Statement>();
  let trustedSchema = db.pragma('schema_version', { simple: true }) as number;
  let closed = false;
  // Bulk writes may overlap (two ingests); the case returns to WAL when the last one ends.
  let bulkWriters = 0;
  let inRollbackMode = false;
  const backToWal = () => {
    if (inRollbackMode && bulkWriters === 0 && trySetJournalMode(db, 'wal')) inRollbackMode = false;
  };
  return {
    db,
    path,
    statement(sql) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        cache.set(sql, stmt);
      }
      return stmt;
    },
    guardSchema() {
      const now = db.pragma('schema_version', { simple: true }) as number;
      if (now === trustedSchema) return;
      const problems = schemaProblems(db, db.pragma('user_version', { simple: true }) as number);
      if (problems.length > 0) {
        throw new CustosError(
          'SCHEMA_MISMATCH',
          `${path} was changed outside Custos while it was open: its schema is no longer the one Custos writes (${describeProblems(problems)}). Nothing was written; close the case, and keep this copy as the record of the change`,
        );
      }
      trustedSchema = now;
    },
    async withBulkWrites(run) {
      if (!lock) return run();
      bulkWriters++;
      try {
        if (bulkWriters === 1 && !inRollbackMode) inRollbackMode = trySetJournalMode(db, 'delete');
        return await run();
      } finally {
        bulkWriters--;
        try {
          backToWal();
        } catch {
          // The outcome of the bytes matters more; the next ingest, close or open sets WAL mode.
        }
      }
    },
    close() {
      if (closed) return;
      closed = true;
      // A case is kept in WAL mode between bulk writes (and set so again by the next open anyway).
      if (db.open) {
        try {
          backToWal();
        } catch {
          // Closing matters more; the next open sets WAL mode.
        }
      }
      // Closing the last connection folds the WAL back into the file, so the case is again one
      // portable file; then the writer lock goes.
      try {
        db.close();
      } finally {
        lock?.release();
      }
    },
  };
}

function configure(db: Db): void {
  db.pragma('foreign_keys = ON');
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before mutate() returns. Evidence work cannot afford to lose the last entry.
  db.pragma('synchronous = FULL');
}

export function translateSqliteError(error: unknown, path: string): CustosError {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new CustosError('OPEN_ELSEWHERE', `${path} is open elsewhere; close it there and try again`, { cause: error });
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new CustosError('CORRUPT', `${path} is damaged (${(error as Error).message}); restore it from a backup copy`, {
      cause: error,
    });
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new CustosError('IO_ERROR', `${path} cannot be opened for writing; check that the folder is writable`, {
      cause: error,
    });
  }
  return new CustosError('INTERNAL', `${path}: ${(error as Error).message}`, { cause: error });
}

/**
 * Opens an existing case for writing. Refuses, leaving the file byte-identical, anything that is
 * not a Custos case, is truncated or comes from a newer Custos.
 */
/**
 * A case whose schema is not exactly Custos's is never written to: a trigger or a changed table
 * someone added would run, or take data, the moment Custos writes.
 */
function refuseForeignSchema(db: Db, path: string, version: number): void {
  const problems = schemaProblems(db, version);
  if (problems.length === 0) return;
  throw new CustosError(
    'SCHEMA_MISMATCH',
    `${path} was changed outside Custos: its schema is not the one Custos writes (${describeProblems(problems)}). Custos will not open it for writing; run custos verify on it for the full report, and keep this copy as the record of the change`,
  );
}

export function openCaseDb(path: string): CaseDb {
  const header = inspectCaseFile(path, SCHEMA_VERSION);
  const lock = acquireWriterLock(path);
  let db: Db;
  try {
    db = openConnection(path);
  } catch (error) {
    lock.release();
    throw translateSqliteError(error, path);
  }
  try {
    if (db.pragma('application_id', { simple: true }) !== CUSTOS_APPLICATION_ID) {
      throw new CustosError('NOT_A_CASE', `${path} is not a Custos case; choose a .custos file`);
    }
    // Before anything is written (the journal mode included): nothing of the file's own runs.
    refuseForeignSchema(db, path, header.userVersion);
    configure(db);
    if (header.userVersion < SCHEMA_VERSION) runMigrations(db);
    // Bytes of an ingest that a crash interrupted belong to no evidence; the writer removes them.
    db.prepare('DELETE FROM evidence_chunk WHERE blob_id NOT IN (SELECT id FROM evidence_blob)').run();
  } catch (error) {
    db.close();
    lock.release();
    throw error instanceof CustosError ? error : translateSqliteError(error, path);
  }
  return wrap(db, path, lock);
}

/**
 * Opens a case for reading only (custos info, audit, verify): no writer lock, so it works while
 * the case is open in the app. Refusals are the same as for openCaseDb.
 */
export function openCaseDbReadOnly(path: string, options: { forVerification?: boolean } = {}): CaseDb {
  const header = inspectCaseFile(path, SCHEMA_VERSION);
  // Verification reads every format as it is (and reports a foreign schema as its finding).
  if (header.userVersion < SCHEMA_VERSION && !options.forVerification) {
    throw new CustosError('INVALID_INPUT', `${path} uses an older case format; open it once in Custos (or any writing command) to upgrade it`);
  }
  let db: Db;
  try {
    // A read-write connection that may not write: as the last connection to close it removes the
    // -wal and -shm files, so a case that was only read is left as the single file it was.
    db = openConnection(path);
    db.pragma('query_only = ON');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    // Write-protected media (an evidence drive): read as is.
    try {
      db = openConnection(path, { readonly: true });
    } catch (error) {
      throw translateSqliteError(error, path);
    }
  }
  if (!options.forVerification) {
    try {
      refuseForeignSchema(db, path, header.userVersion);
    } catch (error) {
      db.close();
      throw error;
    }
  }
  return wrap(db, path);
}

/** link() fails if the target exists, so a case that appeared meanwhile is never replaced. */
function publishWithoutOverwrite(temp: string, path: string): void {
  try {
    linkSync(temp, path);
    rmSync(temp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new CustosError('ALREADY_EXISTS', `${path} appeared while the case was being created; choose another name`);
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (existsSync(path)) throw new CustosError('ALREADY_EXISTS', `${path} already exists; choose another name`);
    renameSync(temp, path);
  }
}

/**
 * Creates a new case file. It is built under a temporary name in the same folder and renamed into
 * place only when complete, so a crash or an error never leaves a half-made case behind.
 */
export function createCaseDb(path: string, initialise: (caseDb: CaseDb) => void): CaseDb {
  if (existsSync(path)) {
    throw new CustosError('ALREADY_EXISTS', `${path} already exists; choose another name (Custos never overwrites a case)`);
  }
  if (!existsSync(dirname(path))) {
    throw new CustosError('NOT_FOUND', `the folder ${dirname(path)} does not exist; create it or choose another place`);
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.partial`);
  let db: Db;
  try {
    db = openConnection(temp, { mustExist: false });
  } catch (error) {
    throw translateSqliteError(error, dirname(path));
  }
  try {
    // 64 KiB pages: evidence chunks take 16 pages instead of 256, which makes storing bytes about a
    // third faster (docs/design-notes.md). Must be set before anything is written to the file.
    db.pragma('page_size = 65536');
    db.pragma(`application_id = ${CUSTOS_APPLICATION_ID}`);
    db.pragma('journal_mode = DELETE');
    runMigrations(db);
    const caseDb = wrap(db, path);
    initialise(caseDb);
    db.close();
    publishWithoutOverwrite(temp, path);
  } catch (error) {
    if (db.open) db.close();
    rmSync(temp, { force: true });
    rmSync(`${temp}-journal`, { force: true });
    throw error instanceof CustosError ? error : translateSqliteError(error, path);
  }
  return openCaseDb(path);
}
