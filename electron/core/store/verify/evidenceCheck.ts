import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { CheckResult } from '../../../../shared/domain/audit.ts';
import { formatBytes } from '../../../../shared/logic/units.ts';
import { openablePath, shownPath } from '../../fsPaths.ts';

const TITLE = 'Evidence bytes';
const fail = (message: string, rowId: string): CheckResult => ({
  id: 'evidence',
  title: TITLE,
  status: 'fail',
  message,
  location: { table: 'evidence_item', rowId },
});

/** Called after each block read with its size, by long work that reports progress; may throw to stop. */
export type Tick = (bytes: number) => void;

type BlobRow = { id: string; size: number; sha256: string; chunk_size: number; chunk_count: number };
type ItemRecord = { id: string; exhibit: string; size: number | null; sha256: string | null };
type ReferenceRow = ItemRecord & { reference_path: string };

/** Bytes as re-computed now. */
export type Computed = { size: number; sha256: string };

/** What re-hashing an item's bytes found: a match, or the problem and what was computed. */
export type StoredCheck = { result: 'match' | 'mismatch' | 'missing'; problem?: string; computed?: Computed };

/**
 * Stored bytes of one blob, chunk by chunk in order, hashed. A problem with their layout (a chunk
 * missing, stored twice, of the wrong length, one too many) is described instead.
 */
export function hashBlob(
  db: Database,
  blob: Pick<BlobRow, 'id' | 'size' | 'chunk_size' | 'chunk_count'>,
  tick?: Tick,
): Computed | { problem: string } {
  const hash = createHash('sha256');
  let expected = 0;
  let total = 0;
  for (const [idx, data] of db
    .prepare('SELECT idx, data FROM evidence_chunk WHERE blob_id = ? ORDER BY idx')
    .raw(true)
    .iterate(blob.id) as Iterable<[number, Buffer]>) {
    if (idx !== expected) {
      return {
        problem: idx > expected ? `chunk ${expected} of its stored bytes is missing` : `chunk ${idx} is stored twice`,
      };
    }
    if (idx >= blob.chunk_count) return { problem: `it has more stored chunks than recorded (${blob.chunk_count})` };
    if (idx < blob.chunk_count - 1 && data.length !== blob.chunk_size) {
      return { problem: `chunk ${idx} has ${data.length} bytes, not ${blob.chunk_size}` };
    }
    hash.update(data);
    total += data.length;
    expected++;
    tick?.(data.length);
  }
  if (expected < blob.chunk_count) return { problem: `chunk ${expected} of its stored bytes is missing` };
  return { size: total, sha256: hash.digest('hex') };
}

/**
 * Bytes re-computed now against a record of them (the blob's, or the item's as audited): a problem
 * is described, naming the hash that was computed, or undefined when both size and SHA-256 match.
 */
export function againstRecord(
  computed: Computed,
  recorded: { size: number | null; sha256: string | null },
  whose: 'their' | 'the item’s',
): string | undefined {
  if (computed.size !== recorded.size) {
    return `its stored bytes add up to ${computed.size}, not ${whose} recorded ${recorded.size ?? 'no size'}`;
  }
  if (computed.sha256 !== recorded.sha256) {
    return whose === 'their'
      ? 'its stored bytes no longer match their recorded SHA-256'
      : `its stored bytes hash to SHA-256 ${computed.sha256}, not the ${recorded.sha256 ?? 'missing'} the item records`;
  }
  return undefined;
}

/**
 * An item's stored bytes against both records of them: the blob's and the item's own. Check 3 and
 * re-verification share it, so what an examiner sees as "match" is always the item's recorded hash
 * re-computed.
 */
export function checkStored(
  db: Database,
  blob: BlobRow | undefined,
  item: Pick<ItemRecord, 'size' | 'sha256'>,
  tick?: Tick,
): StoredCheck {
  if (!blob) return { result: 'missing', problem: 'its stored bytes are missing from the case' };
  const computed = hashBlob(db, blob, tick);
  if ('problem' in computed) return { result: 'mismatch', problem: computed.problem };
  const problem = againstRecord(computed, blob, 'their') ?? againstRecord(computed, item, 'the item’s');
  return problem ? { result: 'mismatch', problem, computed } : { result: 'match', computed };
}

const READ_SIZE = 4 * 1024 * 1024;

/** SHA-256 of a file read in large blocks (referenced evidence can be many gigabytes). */
export function sha256OfFile(path: string | Buffer, tick?: Tick): { size: number; sha256: string } {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    let size = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, READ_SIZE, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      size += read;
      tick?.(read);
    }
    return { size, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

/** A referenced file as it is now, against what the item recorded at acquisition. */
export function checkReference(
  ref: { reference_path: string; size: number | null; sha256: string | null },
  tick?: Tick,
): { result: 'match' | 'mismatch' | 'missing'; problem?: string; computed?: Computed } {
  // A path recorded as bytes (a name that is not UTF-8) is opened by those bytes.
  const path = openablePath(ref.reference_path);
  const shown = shownPath(ref.reference_path);
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return { result: 'missing', problem: `its referenced file is missing: ${shown}` };
  }
  if (!stats.isFile()) return { result: 'missing', problem: `its referenced path is no longer a file: ${shown}` };
  if (stats.size !== ref.size) {
    return {
      result: 'mismatch',
      problem: `its referenced file changed size (${stats.size} bytes, recorded ${ref.size ?? 'no size'}): ${shown}`,
    };
  }
  let computed;
  try {
    computed = sha256OfFile(path, tick);
  } catch (error) {
    // A stop asked for by the caller is not a verdict on the file.
    if (tick && !(error as NodeJS.ErrnoException).code) throw error;
    return { result: 'missing', problem: `its referenced file cannot be read (${(error as Error).message}): ${shown}` };
  }
  return computed.sha256 === ref.sha256 && computed.size === ref.size
    ? { result: 'match', computed }
    : {
        result: 'mismatch',
        problem: `its referenced file hashes to SHA-256 ${computed.sha256}, not the ${ref.sha256 ?? 'missing'} the item records: ${shown}`,
        computed,
      };
}

/** SHA-256 and length of captured text, as it was hashed when logged: its UTF-8 bytes. */
export function hashText(text: string): Computed {
  const bytes = Buffer.from(text, 'utf8');
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Check 3: every stored blob is re-hashed from its chunks and held against its own record and each
 * item's (step A), an item whose stored bytes are gone is named (step B), every referenced file is
 * re-hashed where it lies (step C), and captured text against its recorded hash (step D). The first
 * problem is named by exhibit number. Chunks of an ingest that never finished (no blob row) are not
 * evidence and are not checked.
 */
export function runEvidenceCheck(db: Database, tick?: Tick): CheckResult {
  const itemsOf = db.prepare('SELECT id, exhibit, size, sha256 FROM evidence_item WHERE blob_id = ? ORDER BY exhibit');
  let bytes = 0;
  let stored = 0;
  for (const blob of db
    .prepare(
      'SELECT id, size, sha256, chunk_size, chunk_count FROM evidence_blob WHERE disposed_at IS NULL ORDER BY rowid',
    )
    .all() as BlobRow[]) {
    const items = itemsOf.all(blob.id) as ItemRecord[];
    // Bytes no item refers to are not evidence; a shared blob is named by its first item.
    if (items.length === 0) continue;
    const computed = hashBlob(db, blob, tick);
    if ('problem' in computed) return fail(`${items[0]!.exhibit}: ${computed.problem}`, items[0]!.id);
    const ownProblem = againstRecord(computed, blob, 'their');
    if (ownProblem) return fail(`${items[0]!.exhibit}: ${ownProblem}`, items[0]!.id);
    for (const item of items) {
      const problem = againstRecord(computed, item, 'the item’s');
      if (problem) return fail(`${item.exhibit}: ${problem}`, item.id);
    }
    stored++;
    bytes += computed.size;
  }
  const orphans = db
    .prepare(
      `SELECT id, exhibit FROM evidence_item i WHERE storage = 'embedded' AND disposed = 0
         AND NOT EXISTS (SELECT 1 FROM evidence_blob b WHERE b.id = i.blob_id AND b.disposed_at IS NULL) ORDER BY rowid`,
    )
    .all() as ItemRecord[];
  if (orphans.length > 0) {
    return fail(`${orphans[0]!.exhibit}: its stored bytes are missing from the case`, orphans[0]!.id);
  }
  const references = db
    .prepare(
      "SELECT id, exhibit, reference_path, size, sha256 FROM evidence_item WHERE storage = 'reference' AND disposed = 0 ORDER BY rowid",
    )
    .all() as ReferenceRow[];
  for (const ref of references) {
    const { problem } = checkReference(ref, tick);
    if (problem) return fail(`${ref.exhibit}: ${problem}`, ref.id);
    bytes += ref.size ?? 0;
  }
  const texts = db
    .prepare(
      "SELECT id, exhibit, size, sha256, captured_text FROM evidence_item WHERE kind = 'text' AND disposed = 0 ORDER BY rowid",
    )
    .all() as (ItemRecord & { captured_text: string })[];
  for (const text of texts) {
    const computed = hashText(text.captured_text);
    if (computed.size !== text.size || computed.sha256 !== text.sha256) {
      return fail(
        `${text.exhibit}: its captured text hashes to SHA-256 ${computed.sha256} (${computed.size} bytes), not what the item records`,
        text.id,
      );
    }
  }
  if (stored === 0 && references.length === 0 && texts.length === 0) {
    return { id: 'evidence', title: TITLE, status: 'skipped', message: 'This case holds no evidence bytes.' };
  }
  const count = (n: number, one: string, many: string) => (n === 0 ? [] : [`${n} ${n === 1 ? one : many}`]);
  const parts = [
    ...count(stored, 'stored file', 'stored files'),
    ...count(references.length, 'referenced file', 'referenced files'),
    ...count(texts.length, 'captured text', 'captured texts'),
  ];
  const listed = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return {
    id: 'evidence',
    title: TITLE,
    status: 'pass',
    message: `${listed} (${formatBytes(bytes)}) re-hashed; every SHA-256 matches what the items record`,
  };
}
