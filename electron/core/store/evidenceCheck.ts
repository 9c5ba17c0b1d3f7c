import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { CheckResult } from '../../../shared/domain/audit.ts';

const TITLE = 'Evidence bytes';
const fail = (message: string, rowId: string): CheckResult => ({ id: 'evidence', title: TITLE, status: 'fail', message, location: { table: 'evidence_item', rowId } });

/** Called after each block read with its size, by long work that reports progress; may throw to stop. */
export type Tick = (bytes: number) => void;

type BlobRow = { id: string; size: number; sha256: string; chunk_size: number; chunk_count: number; exhibit: string; item_id: string };
type ReferenceRow = { id: string; exhibit: string; reference_path: string; size: number; sha256: string };

/** Stored bytes of one blob, chunk by chunk in order; a problem is described, else undefined. */
export function checkBlob(db: Database, blob: Pick<BlobRow, 'id' | 'size' | 'sha256' | 'chunk_size' | 'chunk_count'>, tick?: Tick): string | undefined {
  const hash = createHash('sha256');
  let expected = 0;
  let total = 0;
  for (const [idx, data] of db.prepare('SELECT idx, data FROM evidence_chunk WHERE blob_id = ? ORDER BY idx').raw(true).iterate(blob.id) as Iterable<[number, Buffer]>) {
    if (idx !== expected) return idx > expected ? `chunk ${expected} of its stored bytes is missing` : `chunk ${idx} is stored twice`;
    if (idx >= blob.chunk_count) return `it has more stored chunks than recorded (${blob.chunk_count})`;
    if (idx < blob.chunk_count - 1 && data.length !== blob.chunk_size) return `chunk ${idx} has ${data.length} bytes, not ${blob.chunk_size}`;
    hash.update(data);
    total += data.length;
    expected++;
    tick?.(data.length);
  }
  if (expected < blob.chunk_count) return `chunk ${expected} of its stored bytes is missing`;
  if (total !== blob.size) return `its stored bytes add up to ${total}, not the recorded ${blob.size}`;
  if (hash.digest('hex') !== blob.sha256) return 'its stored bytes no longer match their recorded SHA-256';
  return undefined;
}

const READ_SIZE = 4 * 1024 * 1024;

/** SHA-256 of a file read in large blocks (referenced evidence can be many gigabytes). */
export function sha256OfFile(path: string, tick?: Tick): { size: number; sha256: string } {
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

/** A referenced file as it is now, against what was recorded at acquisition. */
export function checkReference(
  ref: Pick<ReferenceRow, 'reference_path' | 'size' | 'sha256'>,
  tick?: Tick,
): { result: 'match' | 'mismatch' | 'missing'; problem?: string } {
  let stats;
  try {
    stats = statSync(ref.reference_path);
  } catch {
    return { result: 'missing', problem: `its referenced file is missing: ${ref.reference_path}` };
  }
  if (!stats.isFile()) return { result: 'missing', problem: `its referenced path is no longer a file: ${ref.reference_path}` };
  if (stats.size !== ref.size) return { result: 'mismatch', problem: `its referenced file changed size (${stats.size} bytes, recorded ${ref.size}): ${ref.reference_path}` };
  let now;
  try {
    now = sha256OfFile(ref.reference_path, tick);
  } catch (error) {
    // A stop asked for by the caller is not a verdict on the file.
    if (tick && !(error as NodeJS.ErrnoException).code) throw error;
    return { result: 'missing', problem: `its referenced file cannot be read (${(error as Error).message}): ${ref.reference_path}` };
  }
  return now.sha256 === ref.sha256 ? { result: 'match' } : { result: 'mismatch', problem: `its referenced file no longer matches its recorded SHA-256: ${ref.reference_path}` };
}

/**
 * Check 3: every stored blob is re-hashed from its chunks, every referenced file re-hashed where it
 * lies. The first problem is named by exhibit number. Chunks of an ingest that never finished
 * (no blob row) are not evidence and are not checked.
 */
export function runEvidenceCheck(db: Database, tick?: Tick): CheckResult {
  const blobs = db
    .prepare(
      // A blob shared by linked items is named by its first item (lowest exhibit number).
      `SELECT b.id, b.size, b.sha256, b.chunk_size, b.chunk_count, i.exhibit, i.id AS item_id
       FROM evidence_blob b JOIN evidence_item i ON i.id = (SELECT id FROM evidence_item WHERE blob_id = b.id ORDER BY exhibit LIMIT 1)
       WHERE b.disposed_at IS NULL
       ORDER BY b.rowid`,
    )
    .all() as BlobRow[];
  let bytes = 0;
  for (const blob of blobs) {
    const problem = checkBlob(db, blob, tick);
    if (problem) return fail(`${blob.exhibit}: ${problem}`, blob.item_id);
    bytes += blob.size;
  }
  const references = db
    .prepare("SELECT id, exhibit, reference_path, size, sha256 FROM evidence_item WHERE storage = 'reference' AND disposed = 0 ORDER BY rowid")
    .all() as ReferenceRow[];
  for (const ref of references) {
    const { problem } = checkReference(ref, tick);
    if (problem) return fail(`${ref.exhibit}: ${problem}`, ref.id);
    bytes += ref.size;
  }
  if (blobs.length === 0 && references.length === 0) {
    return { id: 'evidence', title: TITLE, status: 'skipped', message: 'This case holds no evidence bytes.' };
  }
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  return {
    id: 'evidence',
    title: TITLE,
    status: 'pass',
    message: `${blobs.length} stored and ${references.length} referenced ${blobs.length + references.length === 1 ? 'file' : 'files'} (${mb} MB) re-hashed; every SHA-256 matches`,
  };
}
