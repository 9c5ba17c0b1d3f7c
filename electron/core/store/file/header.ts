import { closeSync, lstatSync, openSync, readSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { CustosError } from '../../errors.ts';
import { escapeControl } from '../../../../shared/logic/text.ts';

/** PRAGMA application_id of every Custos case file: the bytes "CUST" read as a big-endian int32. */
export const CUSTOS_APPLICATION_ID = 0x43555354;

export type HeaderInfo = {
  size: number;
  pageSize: number;
  pageCount: number;
  applicationId: number;
  userVersion: number;
  /** Bytes 18 and 19: 1 in rollback-journal mode (a case at rest), 2 in WAL mode. */
  walMode: boolean;
};

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * The case's path with every symbolic link resolved (SQLite keeps its side files there, and the
 * writer lock belongs to that file), or a refusal that says what is wrong with the path: a link
 * that leads nowhere, a loop of links, a folder.
 */
export function resolveCasePath(path: string): string {
  const shown = escapeControl(path);
  try {
    return realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      throw new CustosError(
        'NOT_FOUND',
        `${shown} is a symbolic link that leads back to itself (a loop of links), so there is no case file behind it; point the link at the case file, or open the file itself`,
      );
    }
    if (code === 'ENOENT') {
      let target: string | undefined;
      try {
        if (lstatSync(path).isSymbolicLink()) target = readlinkSync(path);
      } catch {
        target = undefined;
      }
      if (target !== undefined) {
        throw new CustosError(
          'NOT_FOUND',
          `${shown} is a symbolic link to ${escapeControl(target)}, which does not exist; the case was moved or deleted: find it and open it there`,
        );
      }
      throw new CustosError('NOT_FOUND', `${shown} does not exist; check the path or choose another file`);
    }
    if (code === 'ENOTDIR') {
      throw new CustosError('NOT_FOUND', `${shown}: a part of the path is a file, not a folder; check the path`);
    }
    if (code === 'EACCES') {
      throw new CustosError(
        'IO_ERROR',
        `${shown} cannot be reached: permission denied on a folder of its path; ask for access or copy the case somewhere you can read`,
      );
    }
    throw new CustosError('IO_ERROR', `${shown} cannot be reached (${(error as Error).message}); check the path`);
  }
}

/** One damaged header field: what the field holds and what a Custos case has there. */
function damaged(path: string, what: string): CustosError {
  return new CustosError(
    'CORRUPT',
    `${escapeControl(path)} has a damaged header (${what}), so SQLite could not read it safely; restore the case from a backup copy`,
  );
}

/**
 * Reads the 100-byte SQLite header with plain file I/O, before SQLite ever touches the file, so a
 * file we refuse is left byte-identical (opening it with SQLite could create -wal/-shm files or
 * run a checkpoint). Every field SQLite relies on is checked, so a damaged one is named here
 * instead of surfacing later as an SQLite error. `hotJournal` says whether an interrupted write's
 * journal lies beside the file: SQLite rolls it back on open, so the file may be longer than its
 * header says until then.
 */
export function inspectCaseFile(path: string, supportedVersion: number, hotJournal = false): HeaderInfo {
  const shown = escapeControl(path);
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new CustosError('NOT_FOUND', `${shown} does not exist; check the path or choose another file`);
  }
  if (!stats.isFile()) {
    throw new CustosError(
      'NOT_A_FILE',
      `${shown} is not a file (it is a folder or a device); choose a .custos case file`,
    );
  }
  const header = Buffer.alloc(100);
  let read: number;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    read = readSync(fd, header, 0, 100, 0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new CustosError(
        'IO_ERROR',
        `${shown} cannot be read: permission denied; ask for read access or use a copy you can read`,
      );
    }
    throw new CustosError(
      'IO_ERROR',
      `${shown} cannot be read (${(error as Error).message}); check the disk and the file's permissions`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (read < 16 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new CustosError(
      'NOT_SQLITE',
      `${shown} is not a Custos case file (it is not an SQLite database); choose a .custos file`,
    );
  }
  if (read < 100) {
    throw new CustosError(
      'TRUNCATED',
      `${shown} is truncated (${stats.size} bytes, shorter than its own header); restore it from a backup copy`,
    );
  }
  const applicationId = header.readInt32BE(68);
  if (applicationId !== CUSTOS_APPLICATION_ID) {
    throw new CustosError('NOT_A_CASE', `${shown} is an SQLite database but not a Custos case; choose a .custos file`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    damagedField(path, `its page size field holds ${rawPageSize}, not a power of two from 512 to 65536`);
  }
  const writeVersion = header[18]!;
  const readVersion = header[19]!;
  if (![1, 2].includes(writeVersion) || ![1, 2].includes(readVersion)) {
    damagedField(
      path,
      `its file format fields hold ${writeVersion} and ${readVersion}, not 1 (rollback journal) or 2 (write-ahead log)`,
    );
  }
  if (header[21] !== 64 || header[22] !== 32 || header[23] !== 32) {
    damagedField(
      path,
      `its payload fraction fields hold ${header[21]}, ${header[22]} and ${header[23]}, not 64, 32 and 32`,
    );
  }
  const reserved = header[20]!;
  if (reserved !== 0) damagedField(path, `it reserves ${reserved} bytes at the end of each page; Custos never does`);
  const schemaFormat = header.readUInt32BE(44);
  if (schemaFormat < 1 || schemaFormat > 4) {
    damagedField(path, `its schema format field holds ${schemaFormat}, not 1 to 4`);
  }
  const encoding = header.readUInt32BE(56);
  if (encoding !== 1) {
    if (encoding === 2 || encoding === 3) {
      throw new CustosError(
        'NOT_A_CASE',
        `${shown} stores its text as UTF-16, which Custos never does: it was not written by Custos, or was converted since; ask for the original file`,
      );
    }
    damagedField(path, `its text encoding field holds ${encoding}, not 1 (UTF-8)`);
  }
  const pageCount = header.readUInt32BE(28);
  const userVersion = header.readInt32BE(60);
  const info: HeaderInfo = {
    size: stats.size,
    pageSize,
    pageCount,
    applicationId,
    userVersion,
    walMode: readVersion === 2,
  };
  // The in-header page count is valid when the "version-valid-for" number matches the change counter.
  const headerCountValid = header.readUInt32BE(92) === header.readUInt32BE(24) && pageCount > 0;
  // A crash while evidence bytes were being stored (rollback-journal mode) can leave the header
  // ahead of the file, with the journal that undoes it beside it: SQLite rolls it back on open, so
  // such a file is recoverable, not truncated.
  if (!hotJournal && (stats.size % pageSize !== 0 || (headerCountValid && stats.size < pageCount * pageSize))) {
    throw new CustosError(
      'TRUNCATED',
      `${shown} is truncated (${stats.size} bytes, expected ${headerCountValid ? pageCount * pageSize : 'a whole number of pages'}); restore it from a backup copy`,
    );
  }
  if (userVersion > supportedVersion) {
    throw new CustosError(
      'NEWER_SCHEMA',
      `${shown} was written by a newer Custos (case format ${userVersion}, this version reads up to ${supportedVersion}); update Custos to open it`,
    );
  }
  if (userVersion < 1) damagedField(path, `its case format field holds ${userVersion}, not a format version`);
  return info;

  function damagedField(file: string, what: string): never {
    throw damaged(file, what);
  }
}
