import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Head } from '../../../shared/domain/common.ts';
import { Head as HeadSchema } from '../../../shared/domain/common.ts';
import { findIllFormedText } from '../../../shared/logic/text.ts';

/**
 * The examiner's own record of whole-case verifications (app and CLI), kept in the examiner's data
 * directory, never in the case: verifying is reading, and reading never changes a byte of the case.
 * The Overview and the case header read the latest one for "last verified … by … at head …".
 * The audit helper calls `recordVerification` from the app's `audit:verify` handler and from
 * `custos verify`. The signatures are agreed.
 *
 * One small JSON file per case id under `<data dir>/verifications/`, replaced whole by a write to a
 * temporary file and a rename (a crash leaves the old file or the new one, never half of one), and
 * bounded: the newest MAX_ENTRIES entries are kept. The file is the examiner's, but anything on disk
 * may have been edited: it is read with a size cap and every entry is checked; what does not check
 * is left out, never a reason to fail the Overview.
 */
export type VerificationLogEntry = {
  /** The case record's id (copies of a case share it; the head tells them apart). */
  caseId: string;
  /** When the verification finished, ISO UTC. */
  at: string;
  /** The examiner's name (profile), or "unknown examiner". */
  by: string;
  head: Head;
  ok: boolean;
  /** One line: "intact" or what failed first, as the verdict said it. */
  summary: string;
  source: 'app' | 'cli';
  /**
   * Which file on this machine was verified (device and inode, as decimal text). Copies of a case
   * share its id and, until they differ, its head: a verification of the original says nothing of
   * a copy someone changed outside Custos, so the Overview counts an entry only for the same file.
   */
  file?: FileIdentity;
};

export type FileIdentity = { dev: string; ino: string };

/** The identity of the file at `path` (links resolved), or undefined when it cannot be read. */
export function fileIdentity(path: string): FileIdentity | undefined {
  try {
    const stats = statSync(path, { bigint: true });
    return { dev: stats.dev.toString(), ino: stats.ino.toString() };
  } catch {
    return undefined;
  }
}

/** Enough history to find the latest verification of each copy of a case; old ones are dropped. */
const MAX_ENTRIES = 200;
/** A file larger than this was not written by Custos (MAX_ENTRIES entries are far smaller). */
const MAX_FILE_BYTES = 512 * 1024;

const Entry = z.object({
  caseId: z.string().min(1).max(200),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/),
  by: z.string().max(200),
  head: HeadSchema,
  ok: z.boolean(),
  summary: z.string().max(2000),
  source: z.enum(['app', 'cli']),
  file: z.object({ dev: z.string().regex(/^\d{1,40}$/), ino: z.string().regex(/^\d{1,40}$/) }).optional(),
});
const LogFile = z.object({ version: z.literal(1), entries: z.array(z.unknown()).max(MAX_ENTRIES * 2) });

/** The file of one case: its id when that is a plain name (a UUID always is), else a hash of it. */
function fileOf(dataDir: string, caseId: string): string {
  const name = /^[A-Za-z0-9-]{1,64}$/.test(caseId) ? caseId : createHash('sha256').update(caseId).digest('hex');
  return join(dataDir, 'verifications', `${name}.json`);
}

/** Reads at most MAX_FILE_BYTES; null when the file is absent, too large or unreadable. */
function readCapped(file: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size > MAX_FILE_BYTES) return null;
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Every well-formed entry of the file, in the order written (oldest first). */
function readEntries(dataDir: string, caseId: string): VerificationLogEntry[] {
  const text = readCapped(fileOf(dataDir, caseId));
  if (text === null) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  const file = LogFile.safeParse(raw);
  if (!file.success) return [];
  const entries: VerificationLogEntry[] = [];
  for (const candidate of file.data.entries) {
    if (findIllFormedText(candidate)) continue;
    const entry = Entry.safeParse(candidate);
    if (entry.success && entry.data.caseId === caseId && !Number.isNaN(Date.parse(entry.data.at))) {
      entries.push(entry.data);
    }
  }
  return entries;
}

/** Appends an entry; never throws (a full or read-only data directory must not fail a verification). */
export function recordVerification(dataDir: string, entry: VerificationLogEntry): void {
  try {
    const checked = Entry.safeParse(entry);
    if (!checked.success) return;
    const file = fileOf(dataDir, entry.caseId);
    const entries = [...readEntries(dataDir, entry.caseId), checked.data].slice(-MAX_ENTRIES);
    // Read, add, replace: two verifications finishing in the same instant (the app and the CLI) may
    // keep only one of the two entries, which costs a "last verified" line, never a wrong one.
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      mkdirSync(join(dataDir, 'verifications'), { recursive: true, mode: 0o700 });
      writeFileSync(temp, `${JSON.stringify({ version: 1, entries })}\n`, { mode: 0o600 });
      renameSync(temp, file);
    } finally {
      rmSync(temp, { force: true });
    }
  } catch {
    // The verification itself stands; only the Overview's "last verified" will not show it.
  }
}

/** Every entry for this case, newest first (copies of the case share its id: the head tells them apart). */
export function verificationsOf(dataDir: string, caseId: string): VerificationLogEntry[] {
  return readEntries(dataDir, caseId)
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => Date.parse(b.entry.at) - Date.parse(a.entry.at) || b.index - a.index)
    .map((e) => e.entry);
}

/** The latest entry for this case, or null. */
export function lastVerification(dataDir: string, caseId: string): VerificationLogEntry | null {
  return verificationsOf(dataDir, caseId)[0] ?? null;
}
