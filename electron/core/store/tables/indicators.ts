import type { Indicator } from '../../../../shared/domain/indicator.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { mutate } from '../db/mutate.ts';
import type { MutationContext, RowWrite } from '../db/mutate.ts';
import { fromRow, toColumns } from './rowMapping.ts';

/**
 * indicator: one row per type, platform and canonical form (UNIQUE), so the same wallet entered
 * twice is one indicator. Removed indicators keep their row (removed = 1) and come back when added again.
 */

type Row = Record<string, unknown>;
const toIndicator = (r: Row) => fromRow<Indicator>(r, { flags: ['removed'] });

export type IndicatorValues = Omit<Indicator, 'id' | 'createdAt' | 'updatedAt' | 'removed'>;

export function listIndicators(caseDb: CaseDb, includeRemoved = false): Indicator[] {
  const sql = `SELECT * FROM indicator ${includeRemoved ? '' : 'WHERE removed = 0'} ORDER BY type, normalised, platform`;
  return (caseDb.statement(sql).all() as Row[]).map(toIndicator);
}

export function countIndicators(caseDb: CaseDb): number {
  return caseDb.statement('SELECT count(*) FROM indicator WHERE removed = 0').pluck().get() as number;
}

export function getIndicator(caseDb: CaseDb, id: string): Indicator {
  const row = caseDb.statement('SELECT * FROM indicator WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new CustosError('NOT_FOUND', `indicator ${id} does not exist in this case`);
  return toIndicator(row);
}

/** The indicator with this canonical form, removed or not. */
export function findIndicator(caseDb: CaseDb, type: string, platform: string, normalised: string): Indicator | null {
  const row = caseDb
    .statement('SELECT * FROM indicator WHERE type = ? AND platform = ? AND normalised = ?')
    .get(type, platform, normalised) as Row | undefined;
  return row ? toIndicator(row) : null;
}

/** Indicators whose canonical form is one of these, of any type: what search finds for a typed value. */
export function indicatorsByNormalised(caseDb: CaseDb, forms: readonly string[]): Indicator[] {
  if (forms.length === 0) return [];
  const rows = caseDb
    .statement(`SELECT * FROM indicator WHERE removed = 0 AND normalised IN (${forms.map(() => '?').join(', ')})`)
    .all(...forms) as Row[];
  return rows.map(toIndicator);
}

export type IndicatorWrite =
  | { kind: 'insert'; id: string; values: IndicatorValues }
  | { kind: 'restore'; id: string; values: Partial<IndicatorValues> };

/**
 * Indicators added (or removed ones brought back), with the subject links that go with them, as one
 * audited write: a pasted list is all written or not at all.
 */
export function writeIndicators(
  caseDb: CaseDb,
  ctx: MutationContext,
  entity: { type: string; id: string },
  action: string,
  indicators: readonly IndicatorWrite[],
  links: readonly { id: string; subjectId: string; indicatorId: string; relation: string }[],
): void {
  const now = ctx.clock().toISOString();
  const writes: RowWrite[] = indicators.map((w): RowWrite =>
    w.kind === 'insert'
      ? {
          op: 'insert',
          table: 'indicator',
          values: { id: w.id, ...toColumns(w.values), created_at: now, updated_at: now, removed: 0 },
        }
      : { op: 'update', table: 'indicator', id: w.id, values: { ...toColumns(w.values), removed: 0, updated_at: now } },
  );
  for (const link of links) {
    writes.push({
      op: 'insert',
      table: 'subject_link',
      values: {
        id: link.id,
        subject_id: link.subjectId,
        target_type: 'indicator',
        target_id: link.indicatorId,
        relation: link.relation,
        confidence: '',
        created_at: now,
        removed: 0,
      },
    });
  }
  mutate(caseDb, ctx, { action, entity, writes });
}

export function updateIndicator(
  caseDb: CaseDb,
  ctx: MutationContext,
  id: string,
  patch: Partial<IndicatorValues> & { removed?: boolean },
  action = 'indicator.update',
): void {
  mutate(caseDb, ctx, {
    action,
    entity: { type: 'indicator', id },
    writes: [
      { op: 'update', table: 'indicator', id, values: { ...toColumns(patch), updated_at: ctx.clock().toISOString() } },
    ],
  });
}
