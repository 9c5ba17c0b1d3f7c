import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LegalHold } from '../../../shared/domain/evidence.ts';
import { getEvidence } from '../../../electron/core/store/tables/evidenceItems.ts';
import { activeHolds, listHolds, placeHold, releaseHold } from '../../../electron/core/store/tables/legalHolds.ts';
import { EXAMINER } from '../../helpers/tempCase.ts';
import { logItem, physicalItem, uuid } from './evidenceValues.ts';
import { expectIntact, expectRefused, memoryCase, oneEntry, rowOf } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

const ON_CASE = uuid(500);
const ON_ITEM = uuid(501);

describe('legalHolds: holds on the case or on one item', () => {
  let mc: MemoryCase;
  beforeEach(() => {
    mc = memoryCase();
    logItem(mc, 1, physicalItem());
    logItem(mc, 2, physicalItem());
  });
  afterEach(() => mc.caseDb.close());

  it('placing a hold is one hold.place entry, on the item it names or on the case, and reads back as a LegalHold', () => {
    const { caseDb, ctx, times } = mc;
    const given = times.length;
    const { result, entry } = oneEntry(caseDb, 'hold.place', () =>
      placeHold(caseDb, ctx, { id: ON_ITEM, itemId: uuid(1), reason: 'Litigation notice 2026-17' }),
    );
    expect(LegalHold.parse(result)).toEqual(result);
    expect(result).toEqual({
      id: ON_ITEM,
      itemId: uuid(1),
      reason: 'Litigation notice 2026-17',
      placedBy: EXAMINER.name,
      placedAt: times[given],
      releasedBy: '',
      releasedAt: null,
      releaseReason: '',
    });
    expect(entry.entity).toEqual({ type: 'evidence_item', id: uuid(1) });
    expect(entry.changes).toEqual([
      { table: 'legal_hold', id: ON_ITEM, before: null, after: rowOf(caseDb, 'legal_hold', ON_ITEM) },
    ]);
    const onCase = oneEntry(caseDb, 'hold.place', () =>
      placeHold(caseDb, ctx, { id: ON_CASE, itemId: null, reason: 'Regulator inquiry' }),
    );
    expect(onCase.entry.entity).toEqual({ type: 'legal_hold', id: ON_CASE });
    expect(listHolds(caseDb).map((h) => h.id)).toEqual([ON_ITEM, ON_CASE]);
    expectIntact(caseDb);
  });

  it('holds in force for an item are its own and the case’s, not another item’s', () => {
    const { caseDb, ctx } = mc;
    placeHold(caseDb, ctx, { id: ON_ITEM, itemId: uuid(1), reason: 'Litigation notice' });
    expect(activeHolds(caseDb, uuid(1)).map((h) => h.id)).toEqual([ON_ITEM]);
    expect(activeHolds(caseDb, uuid(2))).toEqual([]);
    expect(activeHolds(caseDb)).toEqual([]);
    placeHold(caseDb, ctx, { id: ON_CASE, itemId: null, reason: 'Regulator inquiry' });
    expect(activeHolds(caseDb, uuid(1)).map((h) => h.id)).toEqual([ON_ITEM, ON_CASE]);
    expect(activeHolds(caseDb, uuid(2)).map((h) => h.id)).toEqual([ON_CASE]);
    expect(activeHolds(caseDb).map((h) => h.id)).toEqual([ON_CASE]);
  });

  it('releasing is one hold.release entry saying who, when and why; the hold stays listed, no longer in force', () => {
    const { caseDb, ctx, times } = mc;
    placeHold(caseDb, ctx, { id: ON_ITEM, itemId: uuid(1), reason: 'Litigation notice' });
    const before = rowOf(caseDb, 'legal_hold', ON_ITEM);
    const { result, entry } = oneEntry(caseDb, 'hold.release', () => releaseHold(caseDb, ctx, ON_ITEM, 'Case settled'));
    expect(result).toMatchObject({
      releasedBy: EXAMINER.name,
      releasedAt: times.at(-2),
      releaseReason: 'Case settled',
    });
    expect(entry.changes).toEqual([
      { table: 'legal_hold', id: ON_ITEM, before, after: rowOf(caseDb, 'legal_hold', ON_ITEM) },
    ]);
    expect(activeHolds(caseDb, uuid(1))).toEqual([]);
    expect(listHolds(caseDb)).toEqual([result]);
    expect(getEvidence(caseDb, uuid(1)).legalHold).toBe(false);
    expectIntact(caseDb);
  });

  it('refuses to release a hold twice, saying when it was released, and names an unknown hold', () => {
    const { caseDb, ctx } = mc;
    placeHold(caseDb, ctx, { id: ON_CASE, itemId: null, reason: 'Regulator inquiry' });
    const released = releaseHold(caseDb, ctx, ON_CASE, 'Inquiry closed');
    expectRefused(
      caseDb,
      () => releaseHold(caseDb, ctx, ON_CASE, 'again'),
      'INVALID_INPUT',
      `that legal hold was already released on ${released.releasedAt}`,
    );
    expectRefused(
      caseDb,
      () => releaseHold(caseDb, ctx, uuid(599), 'no such hold'),
      'NOT_FOUND',
      `no legal hold ${uuid(599)} in this case`,
    );
    expectIntact(caseDb);
  });
});
