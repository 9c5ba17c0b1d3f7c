import type { CustodyEvent } from '../../../../shared/domain/evidence.ts';
import type { CaseDb } from '../db/caseDb.ts';
import type { RowWrite } from '../db/mutate.ts';

/** custody_event: every acquisition, hand-over, verification, export, return and disposal. Append-only. */

type Row = Record<string, string | number | null>;

function rowToCustody(r: Row): CustodyEvent {
  const s = (k: string) => String(r[k] ?? '');
  return {
    id: s('id'),
    itemId: s('item_id'),
    type: s('type') as CustodyEvent['type'],
    at: s('at'),
    zone: s('zone'),
    releasedBy: s('released_by'),
    receivedBy: s('received_by'),
    purpose: s('purpose'),
    fromLocation: s('from_location'),
    toLocation: s('to_location'),
    sealBefore: s('seal_before'),
    sealAfter: s('seal_after'),
    hashResult: s('hash_result') as CustodyEvent['hashResult'],
    details: s('details'),
    recordedBy: s('recorded_by'),
    createdAt: s('created_at'),
  };
}

export function listCustody(caseDb: CaseDb, itemId: string): CustodyEvent[] {
  return (
    caseDb.statement('SELECT * FROM custody_event WHERE item_id = ? ORDER BY at, rowid').all(itemId) as Row[]
  ).map(rowToCustody);
}

/**
 * Every custody event of every item in one query, by item and then in time order (as listCustody
 * orders one item's): a report prints the custody of thousands of exhibits, one query each is slow.
 */
export function listAllCustody(caseDb: CaseDb): CustodyEvent[] {
  return (caseDb.statement('SELECT * FROM custody_event ORDER BY item_id, at, rowid').all() as Row[]).map(rowToCustody);
}

export type CustodyValues = Omit<CustodyEvent, 'id' | 'itemId' | 'createdAt'>;

export function custodyWrite(id: string, itemId: string, values: CustodyValues, now: string): RowWrite {
  return {
    op: 'insert',
    table: 'custody_event',
    values: {
      id,
      item_id: itemId,
      type: values.type,
      at: values.at,
      zone: values.zone,
      released_by: values.releasedBy,
      received_by: values.receivedBy,
      purpose: values.purpose,
      from_location: values.fromLocation,
      to_location: values.toLocation,
      seal_before: values.sealBefore,
      seal_after: values.sealAfter,
      hash_result: values.hashResult,
      details: values.details,
      recorded_by: values.recordedBy,
      created_at: now,
    },
  };
}
