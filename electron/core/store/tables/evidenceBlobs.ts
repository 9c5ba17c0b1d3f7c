import type { CaseDb } from '../db/caseDb.ts';
import type { RowWrite } from '../db/mutate.ts';
import { checkStored } from '../verify/evidenceCheck.ts';
import type { StoredCheck } from '../verify/evidenceCheck.ts';

/**
 * evidence_blob and evidence_chunk: the bytes of stored files. A blob row (size and hashes) is
 * written with the item that first holds it; its chunks are written before that, by the ingest
 * worker on its own connection, so a crash leaves chunks without a blob row, which are not evidence.
 */

/** The bytes of a file read into the case, as the ingest measured them. */
export type NewBlob = {
  id: string;
  size: number;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  chunkSize: number;
  chunkCount: number;
};

export type StoredBlob = { id: string; size: number; sha256: string; chunk_size: number; chunk_count: number };

export function blobWrite(blob: NewBlob, now: string): RowWrite {
  return {
    op: 'insert',
    table: 'evidence_blob',
    values: {
      id: blob.id,
      size: blob.size,
      sha256: blob.sha256,
      md5: blob.md5,
      sha1: blob.sha1,
      chunk_size: blob.chunkSize,
      chunk_count: blob.chunkCount,
      created_at: now,
    },
  };
}

/** Bytes of an ingest that did not finish (cancelled, crashed): never evidence, safe to drop. */
export function removeUnfinishedChunks(caseDb: CaseDb, blobId?: string): number {
  const result = blobId
    ? caseDb
        .statement('DELETE FROM evidence_chunk WHERE blob_id = ? AND blob_id NOT IN (SELECT id FROM evidence_blob)')
        .run(blobId)
    : caseDb.statement('DELETE FROM evidence_chunk WHERE blob_id NOT IN (SELECT id FROM evidence_blob)').run();
  return result.changes;
}

export function chunksOf(caseDb: CaseDb, blobId: string): IterableIterator<Buffer> {
  return caseDb.db
    .prepare('SELECT data FROM evidence_chunk WHERE blob_id = ? ORDER BY idx')
    .pluck()
    .iterate(blobId) as IterableIterator<Buffer>;
}

/** The blob row holding an item's stored bytes, while they are held. */
export function blobRowOf(caseDb: CaseDb, itemId: string): StoredBlob | undefined {
  return caseDb
    .statement(
      'SELECT b.id, b.size, b.sha256, b.chunk_size, b.chunk_count FROM evidence_item i JOIN evidence_blob b ON b.id = i.blob_id WHERE i.id = ? AND b.disposed_at IS NULL',
    )
    .get(itemId) as StoredBlob | undefined;
}

/** Re-hashes an item's stored bytes on this thread, held against what the item records. */
export function rehashStored(
  caseDb: CaseDb,
  itemId: string,
  recorded: { size: number | null; sha256: string | null },
): StoredCheck {
  return checkStored(caseDb.db, blobRowOf(caseDb, itemId), recorded);
}

/** Removes the chunks of a blob whose item was disposed of (its row keeps size and hashes). */
export function dropChunks(caseDb: CaseDb, blobId: string): void {
  caseDb.statement('DELETE FROM evidence_chunk WHERE blob_id = ?').run(blobId);
}
