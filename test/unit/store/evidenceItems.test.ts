import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvidenceItem } from '../../../shared/domain/evidence.ts';
import { mutate } from '../../../electron/core/store/db/mutate.ts';
import {
  blobIdOf,
  findBySha256,
  getEvidence,
  itemInsertWrite,
  itemUpdateWrite,
  listEvidence,
  nextExhibit,
  othersHoldingBlob,
} from '../../../electron/core/store/tables/evidenceItems.ts';
import { recordDisposal } from '../../../electron/core/store/tables/evidenceWrites.ts';
import { placeHold } from '../../../electron/core/store/tables/legalHolds.ts';
import { custodyValues, logItem, physicalItem, storedFileItem, uuid } from './evidenceValues.ts';
import { expectIntact, expectRefused, memoryCase, oneEntry, rowOf, storeChunks } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

describe('evidenceItems: the register', () => {
  let mc: MemoryCase;
  beforeEach(() => (mc = memoryCase()));
  afterEach(() => mc.caseDb.close());

  it('an item written through mutate reads back as an EvidenceItem: flags as booleans, tool match as true/false/null', () => {
    const { caseDb, ctx } = mc;
    const now = '2026-11-02T09:30:00.000Z';
    const cases = [
      { n: 1, toolHashMatch: true, flagged: false },
      { n: 2, toolHashMatch: false, flagged: true },
      { n: 3, toolHashMatch: null, flagged: false },
    ];
    for (const { n, toolHashMatch, flagged } of cases) {
      const values = physicalItem({ toolHashMatch, flagged });
      const { entry } = oneEntry(caseDb, 'evidence.add', () =>
        mutate(caseDb, ctx, {
          action: 'evidence.add',
          entity: { type: 'evidence_item', id: uuid(n) },
          writes: [itemInsertWrite(uuid(n), `E-000${n}`, values, now)],
        }),
      );
      const row = rowOf(caseDb, 'evidence_item', uuid(n));
      expect(row).toMatchObject({
        tool_hash_match: toolHashMatch === null ? null : toolHashMatch ? 1 : 0,
        flagged: flagged ? 1 : 0,
        disposed: 0,
        blob_id: null,
      });
      expect(entry.changes).toEqual([{ table: 'evidence_item', id: uuid(n), before: null, after: row }]);
      const item = getEvidence(caseDb, uuid(n));
      expect(EvidenceItem.parse(item)).toEqual(item);
      const { blobId: _blobId, ...shown } = values;
      expect(item).toEqual({
        ...shown,
        id: uuid(n),
        exhibit: `E-000${n}`,
        legalHold: false,
        createdAt: now,
        updatedAt: now,
      });
    }
    expectIntact(caseDb);
  });

  it('an item update changes only the fields given, and the time', () => {
    const { caseDb, ctx } = mc;
    logItem(mc, 1, physicalItem());
    const before = rowOf(caseDb, 'evidence_item', uuid(1));
    const now = '2026-11-03T10:00:00.000Z';
    const { entry } = oneEntry(caseDb, 'custody.transfer', () =>
      mutate(caseDb, ctx, {
        action: 'custody.transfer',
        entity: { type: 'evidence_item', id: uuid(1) },
        writes: [itemUpdateWrite(uuid(1), { storageLocation: 'Lab safe', sealNumber: 'S-2001', flagged: true }, now)],
      }),
    );
    expect(entry.changes[0]!.after).toEqual({
      ...before,
      storage_location: 'Lab safe',
      seal_number: 'S-2001',
      flagged: 1,
      updated_at: now,
    });
    expectIntact(caseDb);
  });

  it('finds an item by id or by exhibit number in any case, and names the fix for an unknown one', () => {
    logItem(mc, 1, physicalItem());
    logItem(mc, 2, physicalItem({ description: 'Badge' }));
    expect(getEvidence(mc.caseDb, uuid(2)).description).toBe('Badge');
    expect(getEvidence(mc.caseDb, 'E-0002').id).toBe(uuid(2));
    expect(getEvidence(mc.caseDb, 'e-0002').id).toBe(uuid(2));
    expectRefused(
      mc.caseDb,
      () => getEvidence(mc.caseDb, 'E-0099'),
      'NOT_FOUND',
      'no evidence item E-0099 in this case; list them with custos evidence list',
    );
  });

  it('numbers exhibits E-0001, E-0002, … in order of logging and never reuses one, even after a disposal', () => {
    const { caseDb, ctx } = mc;
    expect(nextExhibit(caseDb)).toBe('E-0001');
    const numbers = [1, 2, 3].map((n) => logItem(mc, n, physicalItem()).exhibit);
    expect(numbers).toEqual(['E-0001', 'E-0002', 'E-0003']);
    recordDisposal(caseDb, ctx, uuid(3), { id: uuid(2003), values: custodyValues({ type: 'disposal' }) });
    expect(nextExhibit(caseDb)).toBe('E-0004');
    expect(logItem(mc, 4, physicalItem()).exhibit).toBe('E-0004');
    expect(listEvidence(caseDb).map((i) => [i.exhibit, i.disposed])).toEqual([
      ['E-0001', false],
      ['E-0002', false],
      ['E-0003', true],
      ['E-0004', false],
    ]);
    expectIntact(caseDb);
  });

  it('shows whether a hold applies: on the item only to it, on the whole case to every item', () => {
    const { caseDb, ctx } = mc;
    logItem(mc, 1, physicalItem());
    logItem(mc, 2, physicalItem());
    placeHold(caseDb, ctx, { id: uuid(500), itemId: uuid(2), reason: 'Litigation notice' });
    expect(listEvidence(caseDb).map((i) => i.legalHold)).toEqual([false, true]);
    expect(getEvidence(caseDb, uuid(1)).legalHold).toBe(false);
    placeHold(caseDb, ctx, { id: uuid(501), itemId: null, reason: 'Regulator inquiry' });
    expect(listEvidence(caseDb).map((i) => i.legalHold)).toEqual([true, true]);
  });

  it('finds the items holding the same bytes, and counts the others still holding a blob', () => {
    const { caseDb, ctx } = mc;
    const blob = storeChunks(caseDb, uuid(100), Buffer.from('same bytes twice'));
    logItem(mc, 1, storedFileItem(blob), blob);
    logItem(mc, 2, storedFileItem(blob));
    logItem(mc, 3, physicalItem());
    expect(findBySha256(caseDb, blob.sha256)).toMatchObject({
      item: { id: uuid(1), exhibit: 'E-0001' },
      blobId: blob.id,
    });
    expect(findBySha256(caseDb, '0'.repeat(64))).toBeUndefined();
    expect([blobIdOf(caseDb, uuid(2)), blobIdOf(caseDb, uuid(3)), blobIdOf(caseDb, uuid(9))]).toEqual([
      blob.id,
      null,
      null,
    ]);
    expect(othersHoldingBlob(caseDb, blob.id, uuid(1))).toBe(1);
    recordDisposal(caseDb, ctx, uuid(2), { id: uuid(2002), values: custodyValues({ type: 'disposal' }) });
    expect(othersHoldingBlob(caseDb, blob.id, uuid(1))).toBe(0);
    expectIntact(caseDb);
  });
});
