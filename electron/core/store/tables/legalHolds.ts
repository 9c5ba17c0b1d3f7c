import type { LegalHold } from '../../../../shared/domain/evidence.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { mutate } from '../db/mutate.ts';
import type { MutationContext } from '../db/mutate.ts';

/** legal_hold: holds on the whole case (no item) or on one item. Released, never removed. */

type Row = Record<string, string | number | null>;

function rowToHold(r: Row): LegalHold {
  return {
    id: String(r.id),
    itemId: (r.item_id as string | null) ?? null,
    reason: String(r.reason),
    placedBy: String(r.placed_by),
    placedAt: String(r.placed_at),
    releasedBy: String(r.released_by),
    releasedAt: (r.released_at as string | null) ?? null,
    releaseReason: String(r.release_reason),
  };
}

/** Holds in force: on the whole case, and (when given) on the item. */
export function activeHolds(caseDb: CaseDb, itemId?: string): LegalHold[] {
  const rows = caseDb
    .statement(
      'SELECT * FROM legal_hold WHERE released_at IS NULL AND (item_id IS NULL OR item_id = ?) ORDER BY placed_at',
    )
    .all(itemId ?? null) as Row[];
  return rows.map(rowToHold);
}

export function listHolds(caseDb: CaseDb): LegalHold[] {
  return (caseDb.statement('SELECT * FROM legal_hold ORDER BY placed_at, rowid').all() as Row[]).map(rowToHold);
}

export function placeHold(
  caseDb: CaseDb,
  ctx: MutationContext,
  input: { id: string; itemId: string | null; reason: string },
): LegalHold {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action: 'hold.place',
    entity: input.itemId ? { type: 'evidence_item', id: input.itemId } : { type: 'legal_hold', id: input.id },
    writes: [
      {
        op: 'insert',
        table: 'legal_hold',
        values: {
          id: input.id,
          item_id: input.itemId,
          reason: input.reason,
          placed_by: ctx.actor.name,
          placed_at: now,
          released_by: '',
          released_at: null,
          release_reason: '',
        },
      },
    ],
  });
  return listHolds(caseDb).find((h) => h.id === input.id)!;
}

export function releaseHold(caseDb: CaseDb, ctx: MutationContext, holdId: string, reason: string): LegalHold {
  const hold = listHolds(caseDb).find((h) => h.id === holdId);
  if (!hold) throw new CustosError('NOT_FOUND', `no legal hold ${holdId} in this case`);
  if (hold.releasedAt) {
    throw new CustosError('INVALID_INPUT', `that legal hold was already released on ${hold.releasedAt}`);
  }
  mutate(caseDb, ctx, {
    action: 'hold.release',
    entity: hold.itemId ? { type: 'evidence_item', id: hold.itemId } : { type: 'legal_hold', id: hold.id },
    writes: [
      {
        op: 'update',
        table: 'legal_hold',
        id: hold.id,
        values: { released_by: ctx.actor.name, released_at: ctx.clock().toISOString(), release_reason: reason },
      },
    ],
  });
  return listHolds(caseDb).find((h) => h.id === holdId)!;
}
