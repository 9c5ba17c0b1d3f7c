import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

/**
 * The files SQLite keeps beside a case (`-wal`, `-shm`, `-journal`), as they are on disk. SQLite
 * reads and rewrites them by itself when it opens the case, so Custos looks at them first, with
 * plain file I/O, and decides how to open the case without changing any of them.
 */
export type SideFiles = {
  /** Size of `<case>-wal`, if it exists (even empty: SQLite would then open it). */
  wal: number | undefined;
  shm: number | undefined;
  /** A rollback journal SQLite would replay on open: a write that a crash interrupted. */
  hotJournal: boolean;
};

const JOURNAL_MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

function sizeOf(path: string): number | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `<case>-journal` starts with SQLite's journal header, i.e. would be rolled back. */
function journalIsHot(path: string): boolean {
  const size = sizeOf(path);
  if (!size) return false;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(JOURNAL_MAGIC.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(JOURNAL_MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The files SQLite and Custos keep beside a case, by suffix. */
export const SIDE_SUFFIXES = ['-wal', '-shm', '-journal', '-lock'] as const;

/** `realCasePath` is the case's path with every link resolved: SQLite keeps side files there. */
export function sideFilesOf(realCasePath: string): SideFiles {
  return {
    wal: sizeOf(`${realCasePath}-wal`),
    shm: sizeOf(`${realCasePath}-shm`),
    hotJournal: journalIsHot(`${realCasePath}-journal`),
  };
}

/**
 * What a -wal file holds, read with plain file I/O as the SQLite file format describes it
 * (https://www.sqlite.org/fileformat.html#the_write_ahead_log): how many frames SQLite will take
 * (up to the last commit of an unbroken run of frames whose salts and running checksums match),
 * and whether a frame of the same generation after them is damaged. SQLite stops quietly at a
 * damaged frame, so the commits in and after it would be lost without a word; Custos says so.
 */
export type WalFrames = { pageSize: number; committed: number; damagedAt: number | undefined };

export function inspectWal(path: string): WalFrames | undefined {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return undefined;
  }
  if (data.length < 32) return undefined;
  const magic = data.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return undefined;
  const bigEndian = magic === 0x377f0683;
  const pageSize = data.readUInt32BE(8) === 1 ? 65536 : data.readUInt32BE(8);
  const salt1 = data.readUInt32BE(16);
  const salt2 = data.readUInt32BE(20);
  const word = (offset: number) => (bigEndian ? data.readUInt32BE(offset) : data.readUInt32LE(offset));
  // The running checksum of SQLite's WAL: over 8-byte steps, two 32-bit sums that wrap.
  let s0 = 0;
  let s1 = 0;
  const sum = (start: number, end: number) => {
    for (let i = start; i < end; i += 8) {
      s0 = (s0 + word(i) + s1) >>> 0;
      s1 = (s1 + word(i + 4) + s0) >>> 0;
    }
  };
  sum(0, 24);
  if (s0 !== data.readUInt32BE(24) || s1 !== data.readUInt32BE(28)) {
    return { pageSize, committed: 0, damagedAt: undefined };
  }
  const frameSize = 24 + pageSize;
  let committed = 0;
  let index = 0;
  for (let offset = 32; offset + frameSize <= data.length; offset += frameSize, index++) {
    // Frames of an older generation (other salts) are left over from before a restart: not ours.
    if (data.readUInt32BE(offset + 8) !== salt1 || data.readUInt32BE(offset + 12) !== salt2) break;
    sum(offset, offset + 8);
    sum(offset + 24, offset + frameSize);
    if (s0 !== data.readUInt32BE(offset + 16) || s1 !== data.readUInt32BE(offset + 20)) {
      // A crash while a transaction was being written leaves a torn tail with no commit after it:
      // SQLite drops it, as it should. A commit of the same generation further on means frames of
      // committed work are damaged.
      for (let later = offset; later + frameSize <= data.length; later += frameSize) {
        const same = data.readUInt32BE(later + 8) === salt1 && data.readUInt32BE(later + 12) === salt2;
        if (!same) break;
        if (data.readUInt32BE(later + 4) !== 0) return { pageSize, committed, damagedAt: index + 1 };
      }
      break;
    }
    if (data.readUInt32BE(offset + 4) !== 0) committed = index + 1;
  }
  return { pageSize, committed, damagedAt: undefined };
}
