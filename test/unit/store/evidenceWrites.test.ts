import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCustody } from '../../../electron/core/store/tables/custodyEvents.ts';
import { getEvidence, nextExhibit } from '../../../electron/core/store/tables/evidenceItems.ts';
import { recordCustody, recordDisposal, recordEvidence } from '../../../electron/core/store/tables/evidenceWrites.ts';
import { custodyValues, logItem, physicalItem, storedFileItem, uuid } from './evidenceValues.ts';
import { countRows, expectIntact, expectRefused, memoryCase, oneEntry, rowOf, storeChunks } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

const BYTES = Buffer.from('2026-11-02 00:15 vpn login jkim from 203.0.113.7\n');
const BLOB = uuid(100);

const chunksOf = (mc: MemoryCase, blobId: string) =>
  mc.caseDb.db.prepare('SELECT count(*) FROM evidence_chunk WHERE blob_id = ?').pluck().get(blobId) as number;

const disposal = (n: number) => ({
  id: uuid(3000 + n),
  values: custodyValues({ type: 'disposal', purpose: 'Returned' }),
});

describe('evidenceWrites: entries that span the evidence tables', () => {
  let mc: MemoryCase;
  beforeEach(() => (mc = memoryCase()));
  afterEach(() => mc.caseDb.close());

  it('logging a stored file is one evidence.add entry: its new bytes, the item with the next exhibit, its acquisition', () => {
    const { caseDb } = mc;
    const blob = storeChunks(caseDb, BLOB, BYTES, 16);
    const { result, entry } = oneEntry(caseDb, 'evidence.add', () => logItem(mc, 1, storedFileItem(blob), blob));

    expect(result).toEqual(getEvidence(caseDb, uuid(1)));
    expect(result).toMatchObject({ exhibit: 'E-0001', storage: 'embedded', sha256: blob.sha256, size: BYTES.length });
    expect(entry.entity).toEqual({ type: 'evidence_item', id: uuid(1) });
    expect(entry.changes).toEqual([
      { table: 'evidence_blob', id: BLOB, before: null, after: rowOf(caseDb, 'evidence_blob', BLOB) },
      { table: 'evidence_item', id: uuid(1), before: null, after: rowOf(caseDb, 'evidence_item', uuid(1)) },
      { table: 'custody_event', id: uuid(1001), before: null, after: rowOf(caseDb, 'custody_event', uuid(1001)) },
    ]);
    expect(listCustody(caseDb, uuid(1)).map((e) => e.type)).toEqual(['acquisition']);
    expect(expectIntact(caseDb).checks.find((c) => c.id === 'evidence')?.status).toBe('pass');
  });

  it('an item with no new bytes (physical, or linked to bytes already stored) records no blob', () => {
    const { caseDb } = mc;
    const blob = storeChunks(caseDb, BLOB, BYTES, 16);
    logItem(mc, 1, storedFileItem(blob), blob);
    for (const [n, item] of [
      [2, physicalItem()],
      [3, storedFileItem(blob)],
    ] as const) {
      const { entry } = oneEntry(caseDb, 'evidence.add', () => logItem(mc, n, item));
      expect(entry.changes.map((c) => c.table)).toEqual(['evidence_item', 'custody_event']);
    }
    expect(countRows(caseDb, 'evidence_blob')).toBe(1);
    expect(rowOf(caseDb, 'evidence_item', uuid(3))).toMatchObject({ blob_id: BLOB, exhibit: 'E-0003' });
    expectIntact(caseDb);
  });

  it('an item whose acquisition cannot be recorded leaves no blob row, no item, no entry, and its exhibit number unused', () => {
    const { caseDb, ctx } = mc;
    const blob = storeChunks(caseDb, BLOB, BYTES, 16);
    expectRefused(
      caseDb,
      () =>
        recordEvidence(caseDb, ctx, {
          id: uuid(1),
          blob,
          item: storedFileItem(blob),
          acquisition: { id: uuid(1001), values: custodyValues({ type: 'found' as 'acquisition' }) },
        }),
      'SQLITE_CONSTRAINT_CHECK',
      /CHECK constraint failed/,
    );
    // The chunks were the ingest's (written before the entry): removing them is the ingest's to do.
    expect(chunksOf(mc, BLOB)).toBe(blob.chunkCount);
    expect(nextExhibit(caseDb)).toBe('E-0001');
    expectIntact(caseDb);
  });

  it('a custody event and the item fields it changes are one entry, named after the event', () => {
    const { caseDb, ctx } = mc;
    logItem(mc, 1, physicalItem());
    const itemBefore = rowOf(caseDb, 'evidence_item', uuid(1));
    const { result, entry } = oneEntry(caseDb, 'custody.transfer', () =>
      recordCustody(
        caseDb,
        ctx,
        uuid(1),
        { id: uuid(2001), values: custodyValues({ type: 'transfer', sealBefore: 'S-1042', sealAfter: 'S-2001' }) },
        { storageLocation: 'Forensic lab', sealNumber: 'S-2001' },
      ),
    );
    expect(result).toEqual(listCustody(caseDb, uuid(1)).find((e) => e.id === uuid(2001)));
    expect(entry.changes).toEqual([
      { table: 'custody_event', id: uuid(2001), before: null, after: rowOf(caseDb, 'custody_event', uuid(2001)) },
      { table: 'evidence_item', id: uuid(1), before: itemBefore, after: rowOf(caseDb, 'evidence_item', uuid(1)) },
    ]);
    expect(getEvidence(caseDb, uuid(1))).toMatchObject({ storageLocation: 'Forensic lab', sealNumber: 'S-2001' });

    const { entry: alone } = oneEntry(caseDb, 'custody.verification', () =>
      recordCustody(caseDb, ctx, uuid(1), { id: uuid(2002), values: custodyValues({ type: 'verification' }) }, {}),
    );
    expect(alone.changes.map((c) => c.table)).toEqual(['custody_event']);
    expectIntact(caseDb);
  });

  it('a disposal removes the stored bytes only when no other item still holds them; the blob row keeps their record', () => {
    const { caseDb, ctx } = mc;
    const blob = storeChunks(caseDb, BLOB, BYTES, 16);
    logItem(mc, 1, storedFileItem(blob), blob);
    logItem(mc, 2, storedFileItem(blob));

    const first = oneEntry(caseDb, 'custody.disposal', () => recordDisposal(caseDb, ctx, uuid(1), disposal(1)));
    expect(first.result).toEqual({ bytesRemoved: false });
    expect(first.entry.changes.map((c) => c.table)).toEqual(['custody_event', 'evidence_item']);
    expect(first.entry.changes[1]).toMatchObject({ before: { disposed: 0 }, after: { disposed: 1 } });
    expect(chunksOf(mc, BLOB)).toBe(blob.chunkCount);
    expect(rowOf(caseDb, 'evidence_blob', BLOB)).toMatchObject({ disposed_at: null });
    // The other item's bytes are still checked, and still whole.
    expect(expectIntact(caseDb).checks.find((c) => c.id === 'evidence')?.status).toBe('pass');

    const second = oneEntry(caseDb, 'custody.disposal', () => recordDisposal(caseDb, ctx, uuid(2), disposal(2)));
    expect(second.result).toEqual({ bytesRemoved: true });
    expect(second.entry.changes.map((c) => c.table)).toEqual(['custody_event', 'evidence_item', 'evidence_blob']);
    expect(chunksOf(mc, BLOB)).toBe(0);
    expect(rowOf(caseDb, 'evidence_blob', BLOB)).toEqual({
      ...second.entry.changes[2]!.before,
      disposed_at: second.entry.changes[2]!.after!.disposed_at,
    });
    expect(rowOf(caseDb, 'evidence_blob', BLOB)).toMatchObject({ size: BYTES.length, sha256: blob.sha256 });
    expect(getEvidence(caseDb, uuid(2))).toMatchObject({ disposed: true, sha256: blob.sha256 });
    expect(listCustody(caseDb, uuid(2)).map((e) => e.type)).toEqual(['acquisition', 'disposal']);
    expectIntact(caseDb);
  });

  it('disposing of an item without stored bytes marks it and records the event, and nothing else', () => {
    const { caseDb, ctx } = mc;
    logItem(mc, 1, physicalItem());
    const { result, entry } = oneEntry(caseDb, 'custody.disposal', () =>
      recordDisposal(caseDb, ctx, uuid(1), disposal(1)),
    );
    expect(result).toEqual({ bytesRemoved: false });
    expect(entry.changes.map((c) => c.table)).toEqual(['custody_event', 'evidence_item']);
    expectIntact(caseDb);
  });
});
