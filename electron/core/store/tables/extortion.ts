import type {
  ClaimValidation,
  ExtortionDecision,
  ExtortionDemand,
  ExtortionMessage,
} from '../../../../shared/domain/extortion.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { mutate } from '../db/mutate.ts';
import type { MutationContext } from '../db/mutate.ts';
import type { StateTable } from '../format/stateTables.ts';
import { fromRow, toColumns } from './rowMapping.ts';

/**
 * The extortion record: extortion_message, extortion_demand, claim_validation and
 * extortion_decision. Rows are never deleted; a wrong entry is marked removed and stays in the record.
 */

type Row = Record<string, unknown>;
const FLAGS = { flags: ['removed', 'sanctions_shown'] } as const;

const TABLES = {
  message: 'extortion_message',
  demand: 'extortion_demand',
  validation: 'claim_validation',
  decision: 'extortion_decision',
} as const satisfies Record<string, StateTable>;
export type ExtortionKind = keyof typeof TABLES;

type Records = {
  message: ExtortionMessage;
  demand: ExtortionDemand;
  validation: ClaimValidation;
  decision: ExtortionDecision;
};
export type ExtortionValues<K extends ExtortionKind> = Omit<Records[K], 'id' | 'createdAt' | 'updatedAt' | 'removed'>;

const ORDER: Record<ExtortionKind, string> = {
  message: 'received_at, id',
  demand: 'created_at, id',
  validation: 'created_at, id',
  decision: 'decided_at, id',
};

export function listExtortion<K extends ExtortionKind>(caseDb: CaseDb, kind: K): Records[K][] {
  const sql = `SELECT * FROM ${TABLES[kind]} WHERE removed = 0 ORDER BY ${ORDER[kind]}`;
  return (caseDb.statement(sql).all() as Row[]).map((r) => fromRow<Records[K]>(r, FLAGS));
}

export function getExtortion<K extends ExtortionKind>(caseDb: CaseDb, kind: K, id: string): Records[K] {
  const row = caseDb.statement(`SELECT * FROM ${TABLES[kind]} WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw new CustosError('NOT_FOUND', `extortion ${kind} ${id} does not exist in this case`);
  return fromRow<Records[K]>(row, FLAGS);
}

export function insertExtortion<K extends ExtortionKind>(
  caseDb: CaseDb,
  ctx: MutationContext,
  kind: K,
  id: string,
  values: ExtortionValues<K>,
): void {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action: `extortion.${kind}.add`,
    entity: { type: TABLES[kind], id },
    writes: [
      {
        op: 'insert',
        table: TABLES[kind],
        values: { id, ...toColumns(values), created_at: now, updated_at: now, removed: 0 },
      },
    ],
  });
}

export function updateExtortion<K extends ExtortionKind>(
  caseDb: CaseDb,
  ctx: MutationContext,
  kind: K,
  id: string,
  patch: Partial<ExtortionValues<K>> & { removed?: boolean },
  action = `extortion.${kind}.update`,
): void {
  mutate(caseDb, ctx, {
    action,
    entity: { type: TABLES[kind], id },
    writes: [
      { op: 'update', table: TABLES[kind], id, values: { ...toColumns(patch), updated_at: ctx.clock().toISOString() } },
    ],
  });
}
