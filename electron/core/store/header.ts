import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { CustosError } from '../errors.ts';

/** PRAGMA application_id of every Custos case file: the bytes "CUST" read as a big-endian int32. */
export const CUSTOS_APPLICATION_ID = 0x43555354;

export type HeaderInfo = {
  size: number;
  pageSize: number;
  pageCount: number;
  applicationId: number;
  userVersion: number;
};

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Reads the 100-byte SQLite header with plain file I/O, before SQLite ever touches the file, so a
 * file we refuse is left byte-identical (opening it with SQLite could create -wal/-shm files or
 * run a checkpoint).
 */
function hasJournal(path: string): boolean {
  try {
    return statSync(`${path}-journal`).size > 0;
  } catch {
    return false;
  }
}

export function inspectCaseFile(path: string, supportedVersion: number): HeaderInfo {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new CustosError('NOT_FOUND', `${path} does not exist; check the path or choose another file`);
  }
  if (!stats.isFile()) {
    throw new CustosError('NOT_A_FILE', `${path} is not a file (it is a folder or a device); choose a .custos case file`);
  }
  const header = Buffer.alloc(100);
  let read: number;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    read = readSync(fd, header, 0, 100, 0);
  } catch (error) {
    throw new CustosError('IO_ERROR', `${path} cannot be read (${(error as Error).message}); check its permissions`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (read < 16 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new CustosError('NOT_SQLITE', `${path} is not a Custos case file (it is not an SQLite database); choose a .custos file`);
  }
  if (read < 100) {
    throw new CustosError('TRUNCATED', `${path} is truncated (${stats.size} bytes, shorter than its own header); restore it from a backup copy`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  const applicationId = header.readInt32BE(68);
  const userVersion = header.readInt32BE(60);
  const info: HeaderInfo = { size: stats.size, pageSize, pageCount, applicationId, userVersion };
  if (applicationId !== CUSTOS_APPLICATION_ID) {
    throw new CustosError('NOT_A_CASE', `${path} is an SQLite database but not a Custos case; choose a .custos file`);
  }
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw new CustosError('CORRUPT', `${path} has a damaged header; restore it from a backup copy`);
  }
  // The in-header page count is valid when the "version-valid-for" number matches the change counter.
  const headerCountValid = header.readUInt32BE(92) === header.readUInt32BE(24) && pageCount > 0;
  // A crash while evidence bytes were being stored (rollback-journal mode) can leave the header
  // ahead of the file, with the journal that undoes it beside it: SQLite rolls it back on open, so
  // such a file is recoverable, not truncated.
  const hotJournal = hasJournal(path);
  if (!hotJournal && (stats.size % pageSize !== 0 || (headerCountValid && stats.size < pageCount * pageSize))) {
    throw new CustosError(
      'TRUNCATED',
      `${path} is truncated (${stats.size} bytes, expected ${headerCountValid ? pageCount * pageSize : 'a whole number of pages'}); restore it from a backup copy`,
    );
  }
  if (userVersion > supportedVersion) {
    throw new CustosError(
      'NEWER_SCHEMA',
      `${path} was written by a newer Custos (case format ${userVersion}, this version reads up to ${supportedVersion}); update Custos to open it`,
    );
  }
  return info;
}
