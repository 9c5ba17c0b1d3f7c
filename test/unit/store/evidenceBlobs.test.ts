import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mutate } from '../../../electron/core/store/db/mutate.ts';
import {
  blobRowOf,
  blobWrite,
  chunksOf,
  dropChunks,
  rehashStored,
  removeUnfinishedChunks,
} from '../../../electron/core/store/tables/evidenceBlobs.ts';
import { recordDisposal } from '../../../electron/core/store/tables/evidenceWrites.ts';
import { verifyCase } from '../../../electron/core/store/verify/index.ts';
import { custodyValues, logItem, physicalItem, storedFileItem, uuid } from './evidenceValues.ts';
import { countRows, expectIntact, memoryCase, oneEntry, rowOf, storeChunks } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

const BYTES = Buffer.from('2026-11-02 00:15 vpn login jkim from 203.0.113.7\n');

describe('evidenceBlobs: stored bytes', () => {
  let mc: MemoryCase;
  beforeEach(() => (mc = memoryCase()));
  afterEach(() => mc.caseDb.close());

  it('a blob row written through mutate records size, hashes and chunk layout, imaged in one entry', () => {
    const { caseDb, ctx } = mc;
    const blob = storeChunks(caseDb, uuid(100), BYTES, 16);
    const now = '2026-11-02T09:30:00.000Z';
    const { entry } = oneEntry(caseDb, 'evidence.add', () =>
      mutate(caseDb, ctx, {
        action: 'evidence.add',
        entity: { type: 'evidence_blob', id: blob.id },
        writes: [blobWrite(blob, now)],
      }),
    );
    const row = rowOf(caseDb, 'evidence_blob', blob.id);
    expect(row).toEqual({
      id: blob.id,
      size: BYTES.length,
      sha256: blob.sha256,
      md5: blob.md5,
      sha1: blob.sha1,
      chunk_size: 16,
      chunk_count: Math.ceil(BYTES.length / 16),
      created_at: now,
      disposed_at: null,
    });
    expect(entry.changes).toEqual([{ table: 'evidence_blob', id: blob.id, before: null, after: row }]);
  });

  it('gives the stored bytes back chunk by chunk, in order', () => {
    const blob = storeChunks(mc.caseDb, uuid(100), BYTES, 7);
    logItem(mc, 1, storedFileItem(blob), blob);
    const chunks = [...chunksOf(mc.caseDb, blob.id)];
    expect(chunks).toHaveLength(blob.chunkCount);
    expect(Buffer.concat(chunks).equals(BYTES)).toBe(true);
  });

  it('removes the chunks of an ingest that never finished, never those of recorded bytes', () => {
    const { caseDb } = mc;
    const kept = storeChunks(caseDb, uuid(100), BYTES, 16);
    logItem(mc, 1, storedFileItem(kept), kept);
    storeChunks(caseDb, uuid(101), Buffer.from('cancelled ingest'), 4);
    storeChunks(caseDb, uuid(102), Buffer.from('crashed ingest'), 4);
    const countOf = (id: string) =>
      caseDb.db.prepare('SELECT count(*) FROM evidence_chunk WHERE blob_id = ?').pluck().get(id) as number;

    expect(removeUnfinishedChunks(caseDb, kept.id)).toBe(0);
    expect(removeUnfinishedChunks(caseDb, uuid(101))).toBe(4);
    expect(countOf(uuid(102))).toBe(4);
    expect(removeUnfinishedChunks(caseDb)).toBe(4);
    expect(countRows(caseDb, 'evidence_chunk')).toBe(kept.chunkCount);
    expect(countOf(kept.id)).toBe(kept.chunkCount);
    expectIntact(caseDb);
  });

  it('finds an item’s blob while its bytes are held, and re-hashes them against what the item records', () => {
    const { caseDb, ctx } = mc;
    const blob = storeChunks(caseDb, uuid(100), BYTES, 16);
    const item = logItem(mc, 1, storedFileItem(blob), blob);
    logItem(mc, 2, physicalItem());
    expect(blobRowOf(caseDb, uuid(1))).toEqual({
      id: blob.id,
      size: blob.size,
      sha256: blob.sha256,
      chunk_size: 16,
      chunk_count: blob.chunkCount,
    });
    expect(blobRowOf(caseDb, uuid(2))).toBeUndefined();

    expect(rehashStored(caseDb, uuid(1), item)).toEqual({
      result: 'match',
      computed: { size: blob.size, sha256: blob.sha256 },
    });
    const other = 'ab'.repeat(32);
    expect(rehashStored(caseDb, uuid(1), { size: item.size, sha256: other })).toEqual({
      result: 'mismatch',
      problem: `its stored bytes hash to SHA-256 ${blob.sha256}, not the ${other} the item records`,
      computed: { size: blob.size, sha256: blob.sha256 },
    });

    recordDisposal(caseDb, ctx, uuid(1), { id: uuid(2001), values: custodyValues({ type: 'disposal' }) });
    expect(blobRowOf(caseDb, uuid(1))).toBeUndefined();
    expect(rehashStored(caseDb, uuid(1), item)).toMatchObject({ result: 'missing' });
    expectIntact(caseDb);
  });

  it('dropping a held blob’s chunks outside a disposal is caught by re-hashing and by verification', () => {
    const { caseDb } = mc;
    const blob = storeChunks(caseDb, uuid(100), BYTES, 16);
    const item = logItem(mc, 1, storedFileItem(blob), blob);
    expect(expectIntact(caseDb).checks.find((c) => c.id === 'evidence')?.status).toBe('pass');
    dropChunks(caseDb, blob.id);
    expect(rehashStored(caseDb, uuid(1), item)).toEqual({
      result: 'mismatch',
      problem: 'chunk 0 of its stored bytes is missing',
    });
    expect(countRows(caseDb, 'evidence_chunk')).toBe(0);
    expect(verifyCase(caseDb).checks.find((c) => c.id === 'evidence')).toMatchObject({
      status: 'fail',
      message: 'E-0001: chunk 0 of its stored bytes is missing',
      location: { table: 'evidence_item', rowId: uuid(1) },
    });
  });
});
