import type { Database as Db, Statement } from 'better-sqlite3';
import { accessSync, constants, existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CustosError } from '../../errors.ts';
import { escapeControl } from '../../../../shared/logic/text.ts';
import { CUSTOS_APPLICATION_ID, inspectCaseFile, resolveCasePath } from '../file/header.ts';
import type { HeaderInfo } from '../file/header.ts';
import { SCHEMA_VERSION, runMigrations } from '../format/migrations/index.ts';
import { acquireWriterLock, openElsewhere, writerIsActive } from '../file/writerLock.ts';
import type { WriterLock } from '../file/writerLock.ts';
import { openConnection } from '../file/connection.ts';
import { describeProblems, schemaProblems } from '../verify/schemaCheck.ts';
import { inspectWal, sideFilesOf } from '../file/sideFiles.ts';
import { noteClosed, noteOpened, openReadView } from '../file/readView.ts';
import type { ReadView } from '../file/readView.ts';
import { checkLeftoverWal } from '../verify/walCheck.ts';

/** An open case file. Only one process holds it for writing at a time (see writerLock.ts). */
export type CaseDb = {
  readonly db: Db;
  /** The path the case was opened by, as given (made absolute). */
  readonly path: string;
  /** The same file with every link resolved: SQLite's side files and the writer lock live there. */
  readonly realPath: string;
  /**
   * The path other connections (verification and evidence workers) open to read the case: the
   * case itself, or a private view of it that keeps SQLite's side files away from the case's own.
   */
  readonly readPath: string;
  /** True when the case was opened only to be read: every write is refused. */
  readonly readOnly: boolean;
  /** Facts about how the case was read that its reader should hear (a -wal that was read, say). */
  readonly notes: readonly string[];
  /**
   * Verification only: why a -wal beside the case was left out (it does not continue the case).
   * The case is then read as last folded together, and the verdict must not be "intact".
   */
  readonly walRefused?: string;
  /** Prepared statements are cached per connection; SQL text is always a constant. */
  readonly statement: (sql: string) => Statement;
  /**
   * Runs a long write of new evidence bytes (by another connection, the ingest worker) with the
   * case in rollback-journal mode, where new pages are written once, straight into the file; in WAL
   * mode every page is written twice (log, then checkpoint). Stays in WAL mode, unchanged, when
   * another connection has the case open (custos verify, say). See docs/design-notes.md.
   */
  withBulkWrites<T>(run: () => Promise<T>): Promise<T>;
  /**
   * Called by the write path before every write: refuses if the case is read-only or its schema is
   * no longer exactly Custos's (a trigger someone added while it was open never runs), and outside
   * a transaction puts the case in WAL mode, so readers can go on reading while it is written.
   */
  beforeWrite(): void;
  /** Refuses at once if the case is open only for reading (before long work such as hashing a file). */
  assertWritable(): void;
  /** Runs `run` in one transaction (nested calls become savepoints): all of it is written, or none. */
  transaction<T>(run: () => T): T;
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

type WrapOptions = {
  path: string;
  realPath: string;
  readPath?: string;
  lock?: WriterLock;
  view?: ReadView;
  notes?: string[];
  walRefused?: string;
  /** A case being created stays in rollback-journal mode: it is published as a case at rest. */
  staysInRollbackMode?: boolean;
};

/** The statement cache and transactions of one connection: the same for a file's and a memory case. */
export function queriesOf(db: Db): Pick<CaseDb, 'statement' | 'transaction'> {
  const cache = new Map<string, Statement>();
  return {
    statement(sql) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        cache.set(sql, stmt);
      }
      return stmt;
    },
    transaction(run) {
      return db.transaction(run)();
    },
  };
}

function wrap(db: Db, options: WrapOptions): CaseDb {
  const { path, lock, view } = options;
  const readOnly = lock === undefined;
  let trustedSchema = db.pragma('schema_version', { simple: true }) as number;
  let closed = false;
  noteOpened(options.realPath);
  let bulkWriters = 0;
  const journalMode = () => db.pragma('journal_mode', { simple: true }) as string;
  return {
    db,
    path,
    realPath: options.realPath,
    readPath: options.readPath ?? options.realPath,
    readOnly,
    notes: options.notes ?? [],
    ...(options.walRefused ? { walRefused: options.walRefused } : {}),
    ...queriesOf(db),
    assertWritable() {
      if (readOnly) {
        throw new CustosError(
          'READ_ONLY',
          `${escapeControl(path)} is open only for reading (it is on read-only media, or you may not write to it), so nothing was changed; to work on it, copy it to a folder you can write to and open the copy`,
        );
      }
    },
    beforeWrite() {
      this.assertWritable();
      const now = db.pragma('schema_version', { simple: true }) as number;
      if (now !== trustedSchema) {
        const problems = schemaProblems(db, db.pragma('user_version', { simple: true }) as number);
        if (problems.length > 0) {
          throw new CustosError(
            'SCHEMA_MISMATCH',
            `${escapeControl(path)} was changed outside Custos while it was open: its schema is no longer the one Custos writes (${describeProblems(problems)}). Nothing was written; close the case, and keep this copy as the record of the change`,
          );
        }
        trustedSchema = now;
      }
      // A case is at rest in rollback-journal mode; it goes into WAL mode with its first write, so
      // that merely opening and reading it changes no byte. Not possible inside a transaction or
      // with another connection reading: the write then goes ahead in rollback mode.
      if (
        !options.staysInRollbackMode &&
        !db.inTransaction &&
        bulkWriters === 0 &&
        journalMode() !== 'wal' &&
        trySetJournalMode(db, 'wal')
      ) {
        trustedSchema = db.pragma('schema_version', { simple: true }) as number;
      }
    },
    async withBulkWrites(run) {
      if (readOnly) return run();
      bulkWriters++;
      try {
        if (bulkWriters === 1 && journalMode() === 'wal') trySetJournalMode(db, 'delete');
        return await run();
      } finally {
        bulkWriters--;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        // A case at rest is one file in rollback-journal mode: the WAL is folded back in and
        // removed, and readers (even on read-only media) need no side file to read it.
        if (!readOnly && db.open && journalMode() === 'wal') trySetJournalMode(db, 'delete');
      } catch {
        // Closing matters more: the last connection to close folds the WAL in anyway.
      }
      try {
        db.close();
      } finally {
        noteClosed(options.realPath);
        lock?.release();
        view?.dispose();
      }
    },
  };
}

/** Settings of a connection that writes a case (also used by the in-memory case, memoryCaseDb.ts). */
export function configure(db: Db): void {
  db.pragma('foreign_keys = ON');
  // FULL: a commit is on disk before mutate() returns. Evidence work cannot afford to lose the last entry.
  db.pragma('synchronous = FULL');
}

/** A sentence about an SQLite error on `path`, with the fix: never "unexpected error". */
export function translateSqliteError(error: unknown, path: string): CustosError {
  const code = (error as { code?: string }).code ?? '';
  const shown = escapeControl(path);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new CustosError('OPEN_ELSEWHERE', `${shown} is open elsewhere; close it there and try again`, {
      cause: error,
    });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new CustosError(
      'CORRUPT',
      `${shown} is damaged (${(error as Error).message}); restore it from a backup copy`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC') {
    return new CustosError(
      'DISK_FULL',
      code === 'SQLITE_FULL'
        ? `the disk holding ${shown} is full, so nothing was written; free some space (or move the case to a larger disk) and try again`
        : `${shown} could not be written (${(error as Error).message}); nothing was recorded. Check that the disk is connected and has free space, then try again`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') {
    return new CustosError(
      'READ_ONLY',
      `${shown} cannot be written here (read-only media, or no permission); copy it to a folder you can write to and open the copy`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new CustosError(
      'IO_ERROR',
      `${shown} cannot be opened (${(error as Error).message}); check that it and its folder can be read`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new CustosError(
      'IO_ERROR',
      `${shown} could not be read or written (${(error as Error).message}); check the disk, then try again`,
      { cause: error },
    );
  }
  return new CustosError('INTERNAL', `${shown}: ${(error as Error).message}`, { cause: error });
}

/**
 * A case whose schema is not exactly Custos's is never written to: a trigger or a changed table
 * someone added would run, or take data, the moment Custos writes.
 */
function refuseForeignSchema(db: Db, path: string, version: number, forWriting: boolean): void {
  const problems = schemaProblems(db, version);
  if (problems.length === 0) return;
  throw new CustosError(
    'SCHEMA_MISMATCH',
    `${escapeControl(path)} was changed outside Custos: its schema is not the one Custos writes (${describeProblems(problems)}). ${forWriting ? 'Custos will not open it for writing' : 'Custos will not read it as a case'}; run custos verify on it for the full report, and keep this copy as the record of the change`,
  );
}

/** The case file and its folder can be written, or a refusal saying it is read-only and what to do. */
function requireWritable(path: string, realPath: string): void {
  for (const target of [realPath, dirname(realPath)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw new CustosError(
        'READ_ONLY',
        `${escapeControl(path)} cannot be written${target === realPath ? '' : ' in its folder'} (read-only media, or no permission); Custos can still show and verify it (custos info, custos verify), and to work on it copy it to a folder you can write to`,
      );
    }
  }
}

/** Opens an existing case for writing. Refuses, leaving the file byte-identical, anything that is not a usable Custos case. */
export function openCaseDb(path: string): CaseDb {
  const realPath = resolveCasePath(path);
  const hotJournal = sideFilesOf(realPath).hotJournal;
  const header = inspectCaseFile(realPath, SCHEMA_VERSION, hotJournal);
  requireWritable(path, realPath);
  // Everything that can refuse the case is found by reading it, before a writer's connection opens:
  // such a connection folds a -wal in when it closes, even after a refusal. A -wal with no Custos
  // writing is left over from one that stopped (or was copied in): its commits are folded in only if
  // they belong to the case. Checked before the lock is taken, so a refusal leaves even a stale lock
  // file as it was; checked again under the lock if the -wal changed in between.
  const walStamp = () => {
    const wal = sideFilesOf(realPath).wal;
    return wal === undefined || wal === 0 ? '' : `${wal}:${statSync(`${realPath}-wal`).mtimeMs}`;
  };
  const before = walStamp();
  if (writerIsActive(realPath)) throw openElsewhere(path);
  // A hot journal can only be read by rolling it back, which is a write: the writer does that, and
  // checks the schema it leaves before writing anything else (docs/design-notes.md).
  if (!hotJournal) openCaseDbReadOnly(path, { forWriting: true }).close();
  const lock = acquireWriterLock(realPath, escapeControl(path));
  try {
    const now = walStamp();
    if (now !== '' && now !== before) checkLeftoverWal(path, realPath, header, 'write');
  } catch (error) {
    lock.release();
    throw error;
  }
  let db: Db;
  try {
    db = openConnection(realPath);
  } catch (error) {
    lock.release();
    throw translateSqliteError(error, path);
  }
  try {
    if (db.pragma('application_id', { simple: true }) !== CUSTOS_APPLICATION_ID) {
      throw new CustosError('NOT_A_CASE', `${escapeControl(path)} is not a Custos case; choose a .custos file`);
    }
    // Before anything is written: nothing of the file's own runs.
    refuseForeignSchema(db, path, db.pragma('user_version', { simple: true }) as number, true);
    configure(db);
    if (header.userVersion < SCHEMA_VERSION) runMigrations(db);
    // Bytes of an ingest that a crash interrupted belong to no evidence; the writer removes them.
    // Counted first, so a case without any is not written to at all by opening it.
    if (
      db
        .prepare('SELECT count(*) FROM evidence_chunk WHERE blob_id NOT IN (SELECT id FROM evidence_blob)')
        .pluck()
        .get() !== 0
    ) {
      db.prepare('DELETE FROM evidence_chunk WHERE blob_id NOT IN (SELECT id FROM evidence_blob)').run();
    }
  } catch (error) {
    db.close();
    lock.release();
    throw error instanceof CustosError ? error : translateSqliteError(error, path);
  }
  return wrap(db, { path, realPath, lock });
}

export type ReadOptions = {
  /** Verification reads every format as it is, and reports a foreign schema as its finding. */
  forVerification?: boolean;
  /** The check a writer makes before it opens: every refusal, but older formats are upgraded. */
  forWriting?: boolean;
  /** Read the case as last checkpointed, leaving out a -wal beside it. */
  withoutWal?: boolean;
};

/** Whether SQLite can change nothing where the case lies (read-only media, a folder not ours to write). */
function cannotWriteBeside(realPath: string): boolean {
  // Neither the folder (to create files) nor the -shm itself (a reader rewrites it) may be writable.
  for (const target of [dirname(realPath), `${realPath}-shm`]) {
    try {
      accessSync(target, constants.W_OK);
      return false;
    } catch {
      // not writable: good
    }
  }
  return true;
}

/**
 * How to read the case without changing a byte of it or of the files beside it:
 * - a writer has it open: read it directly, as SQLite readers share a live case;
 * - it is at rest (rollback-journal mode, no -wal): read it directly, read-only;
 * - otherwise SQLite would create or rewrite -wal and -shm: read it through a private view
 *   (readView.ts), with the -wal's commits if they belong to the case.
 */
function readPlan(
  path: string,
  realPath: string,
  header: HeaderInfo,
  options: ReadOptions,
): { view?: ReadView; notes: string[]; walRefused?: string } {
  const side = sideFilesOf(realPath);
  const live = writerIsActive(realPath);
  if (side.hotJournal && !live) {
    throw new CustosError(
      'IO_ERROR',
      `${escapeControl(path)}-journal holds a write that was interrupted (Custos stopped while storing evidence), and reading the case would roll it back; open the case once in Custos (or any custos writing command) to roll it back — nothing recorded is lost — or, on read-only media, copy the case with its -journal to a folder you can write to first`,
    );
  }
  if (live) return { notes: [] };
  if (!header.walMode && side.wal === undefined) return { notes: [] };
  let leftover = side.wal !== undefined && side.wal > 0 && !options.withoutWal;
  const notes: string[] = [];
  let walRefused: string | undefined;
  if (leftover) {
    try {
      checkLeftoverWal(path, realPath, header, options.forWriting ? 'write' : 'read');
    } catch (error) {
      // Reading commands refuse; verification reads the case without it, and says why.
      if (!options.forVerification || (error as CustosError).code !== 'WAL_MISMATCH') throw error;
      walRefused = (error as CustosError).message;
      leftover = false;
    }
  }
  if (walRefused) return { view: openReadView(realPath, false), notes, walRefused };
  if (leftover) {
    const frames = inspectWal(`${realPath}-wal`)?.committed ?? 0;
    notes.push(
      `${path}-wal holds ${frames} page ${frames === 1 ? 'image' : 'images'} written after the case was last folded together (Custos stopped without closing it, or the file was copied with it); they are included here, and Custos folds them in when it next opens the case for writing`,
    );
  }
  // On read-only media with both side files present SQLite can read the -wal without changing
  // anything (it cannot write there): no copy is needed.
  if (leftover && side.shm !== undefined && cannotWriteBeside(realPath)) return { notes };
  return { view: openReadView(realPath, leftover), notes };
}

/**
 * Opens a case for reading only (custos info, audit, verify, evidence list): no writer lock, so it
 * works while the case is open in the app, on read-only media, and leaves the case and every file
 * beside it byte-identical. Refusals are the same as for openCaseDb.
 */
export function openCaseDbReadOnly(path: string, options: ReadOptions = {}): CaseDb {
  const realPath = resolveCasePath(path);
  const header = inspectCaseFile(realPath, SCHEMA_VERSION, sideFilesOf(realPath).hotJournal);
  if (header.userVersion < SCHEMA_VERSION && !options.forVerification && !options.forWriting) {
    throw new CustosError(
      'INVALID_INPUT',
      `${escapeControl(path)} uses an older case format; open it once in Custos (or any writing command) to upgrade it`,
    );
  }
  const plan = readPlan(path, realPath, header, options);
  const readPath = plan.view?.path ?? realPath;
  let db: Db | undefined;
  try {
    db = openConnection(readPath, { readonly: true });
    db.pragma('query_only = ON');
    // Verification reports a schema SQLite cannot even parse as its finding (check 0).
    if (!options.forVerification) {
      if (db.pragma('application_id', { simple: true }) !== CUSTOS_APPLICATION_ID) {
        throw new CustosError('NOT_A_CASE', `${escapeControl(path)} is not a Custos case; choose a .custos file`);
      }
      refuseForeignSchema(db, path, db.pragma('user_version', { simple: true }) as number, options.forWriting ?? false);
    }
  } catch (error) {
    db?.close();
    plan.view?.dispose();
    throw error instanceof CustosError ? error : translateSqliteError(error, path);
  }
  return wrap(db, {
    path,
    realPath,
    readPath,
    ...(plan.view ? { view: plan.view } : {}),
    notes: plan.notes,
    ...(plan.walRefused ? { walRefused: plan.walRefused } : {}),
  });
}

/** link() fails if the target exists, so a case that appeared meanwhile is never replaced. */
function publishWithoutOverwrite(temp: string, path: string): void {
  try {
    linkSync(temp, path);
    rmSync(temp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new CustosError(
        'ALREADY_EXISTS',
        `${escapeControl(path)} appeared while the case was being created; choose another name`,
      );
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (existsSync(path)) {
      throw new CustosError('ALREADY_EXISTS', `${escapeControl(path)} already exists; choose another name`);
    }
    renameSync(temp, path);
  }
}

/**
 * Creates a new case file. It is built under a temporary name in the same folder and renamed into
 * place only when complete, so a crash or an error never leaves a half-made case behind.
 */
export function createCaseDb(path: string, initialise: (caseDb: CaseDb) => void): CaseDb {
  if (existsSync(path)) {
    throw new CustosError(
      'ALREADY_EXISTS',
      `${escapeControl(path)} already exists; choose another name (Custos never overwrites a case)`,
    );
  }
  if (!existsSync(dirname(path))) {
    throw new CustosError(
      'NOT_FOUND',
      `the folder ${escapeControl(dirname(path))} does not exist; create it or choose another place`,
    );
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
    const caseDb = wrap(db, { path: temp, realPath: temp, lock: { release() {} }, staysInRollbackMode: true });
    initialise(caseDb);
    db.close();
    noteClosed(temp);
    publishWithoutOverwrite(temp, path);
  } catch (error) {
    if (db.open) db.close();
    rmSync(temp, { force: true });
    rmSync(`${temp}-journal`, { force: true });
    throw error instanceof CustosError ? error : translateSqliteError(error, path);
  }
  return openCaseDb(path);
}
