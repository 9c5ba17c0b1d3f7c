import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustodyEvent } from '../../../shared/domain/evidence.ts';
import { mutate } from '../../../electron/core/store/db/mutate.ts';
import { custodyWrite, listCustody } from '../../../electron/core/store/tables/custodyEvents.ts';
import { recordCustody } from '../../../electron/core/store/tables/evidenceWrites.ts';
import { custodyValues, logItem, physicalItem, uuid } from './evidenceValues.ts';
import { expectIntact, expectRefused, memoryCase, oneEntry, rowOf } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

describe('custodyEvents: the chain of custody', () => {
  let mc: MemoryCase;
  beforeEach(() => {
    mc = memoryCase();
    logItem(mc, 1, physicalItem());
  });
  afterEach(() => mc.caseDb.close());

  it('an event written through mutate keeps every field, and reads back as a CustodyEvent', () => {
    const { caseDb, ctx } = mc;
    const values = custodyValues({
      type: 'transfer',
      at: '2026-11-03T10:00:00.000Z',
      zone: 'Europe/Warsaw',
      releasedBy: 'Dana Whitfield',
      receivedBy: 'Lab intake (M. Nowak)',
      purpose: 'Imaging',
      fromLocation: 'Evidence locker 2',
      toLocation: 'Forensic lab, Łódź',
      sealBefore: 'S-1042',
      sealAfter: 'S-2001',
      hashResult: 'match',
      details: 'Seal intact on receipt',
    });
    const now = '2026-11-03T10:05:00.000Z';
    const { entry } = oneEntry(caseDb, 'custody.transfer', () =>
      mutate(caseDb, ctx, {
        action: 'custody.transfer',
        entity: { type: 'evidence_item', id: uuid(1) },
        writes: [custodyWrite(uuid(2001), uuid(1), values, now)],
      }),
    );
    const row = rowOf(caseDb, 'custody_event', uuid(2001));
    expect(entry.changes).toEqual([{ table: 'custody_event', id: uuid(2001), before: null, after: row }]);
    const event = listCustody(caseDb, uuid(1)).find((e) => e.id === uuid(2001))!;
    expect(CustodyEvent.parse(event)).toEqual(event);
    expect(event).toEqual({ id: uuid(2001), itemId: uuid(1), ...values, createdAt: now });
    expectIntact(caseDb);
  });

  it('lists an item’s events in the order they happened, not the order they were recorded', () => {
    const { caseDb, ctx } = mc;
    logItem(mc, 2, physicalItem());
    recordCustody(caseDb, ctx, uuid(1), {
      id: uuid(2001),
      values: custodyValues({ type: 'return', at: '2026-11-05T12:00:00.000Z' }),
    });
    recordCustody(caseDb, ctx, uuid(1), {
      id: uuid(2002),
      values: custodyValues({ type: 'transfer', at: '2026-11-03T10:00:00.000Z' }),
    });
    expect(listCustody(caseDb, uuid(1)).map((e) => e.type)).toEqual(['acquisition', 'transfer', 'return']);
    expect(listCustody(caseDb, uuid(2)).map((e) => e.type)).toEqual(['acquisition']);
    expect(listCustody(caseDb, uuid(9))).toEqual([]);
  });

  it('is append-only: SQLite refuses to change an event, and nothing of the attempt is written', () => {
    const { caseDb, ctx } = mc;
    expectRefused(
      caseDb,
      () =>
        mutate(caseDb, ctx, {
          action: 'custody.transfer',
          entity: { type: 'evidence_item', id: uuid(1) },
          writes: [
            custodyWrite(uuid(2001), uuid(1), custodyValues({ type: 'transfer' }), '2026-11-03T10:00:00.000Z'),
            { op: 'update', table: 'custody_event', id: uuid(1001), values: { received_by: 'Someone else' } },
          ],
        }),
      'SQLITE_CONSTRAINT_TRIGGER',
      'custody_event is append-only',
    );
    expectIntact(caseDb);
  });

  it('refuses an event for an item that is not in the case, or of an unknown type', () => {
    const { caseDb, ctx } = mc;
    const write = (itemId: string, type: string) =>
      mutate(caseDb, ctx, {
        action: 'custody.transfer',
        entity: { type: 'evidence_item', id: itemId },
        writes: [
          custodyWrite(uuid(2001), itemId, custodyValues({ type: type as 'transfer' }), '2026-11-03T10:00:00.000Z'),
        ],
      });
    expectRefused(caseDb, () => write(uuid(9), 'transfer'), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
    expectRefused(caseDb, () => write(uuid(1), 'stolen'), 'SQLITE_CONSTRAINT_CHECK', /CHECK constraint failed/);
  });
});
