import type { CaseRecord } from '../../../../shared/domain/case.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { mutate } from '../db/mutate.ts';
import type { MutationContext } from '../db/mutate.ts';
import type { RowValues } from '../format/stateTables.ts';
import { CustosError } from '../../errors.ts';

type CaseRow = {
  id: string;
  title: string;
  reference: string;
  case_type: CaseRecord['caseType'];
  status: CaseRecord['status'];
  severity: CaseRecord['severity'];
  tlp: CaseRecord['tlp'];
  privilege_marking: string;
  lead_investigator: string;
  legal_counsel: string;
  aware_at: string | null;
  aware_zone: string | null;
  summary: string;
  created_at: string;
  updated_at: string;
};

function rowToCase(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    title: row.title,
    reference: row.reference,
    caseType: row.case_type,
    status: row.status,
    severity: row.severity,
    tlp: row.tlp,
    privilegeMarking: row.privilege_marking,
    leadInvestigator: row.lead_investigator,
    legalCounsel: row.legal_counsel,
    awareAt: row.aware_at,
    awareZone: row.aware_zone,
    summary: row.summary,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Resolved values for the case columns; awareAt is already a UTC instant here. */
export type CaseValues = Omit<CaseRecord, 'id' | 'createdAt' | 'updatedAt'>;

const COLUMN_OF: Record<keyof CaseValues, string> = {
  title: 'title',
  reference: 'reference',
  caseType: 'case_type',
  status: 'status',
  severity: 'severity',
  tlp: 'tlp',
  privilegeMarking: 'privilege_marking',
  leadInvestigator: 'lead_investigator',
  legalCounsel: 'legal_counsel',
  awareAt: 'aware_at',
  awareZone: 'aware_zone',
  summary: 'summary',
};

function toColumns(values: Partial<CaseValues>): RowValues {
  const out: RowValues = {};
  for (const [key, column] of Object.entries(COLUMN_OF)) {
    const value = values[key as keyof CaseValues];
    if (value !== undefined) out[column] = value;
  }
  return out;
}

export function getCase(caseDb: CaseDb): CaseRecord {
  const row = caseDb.statement('SELECT * FROM case_meta LIMIT 1').get() as CaseRow | undefined;
  if (!row) throw new CustosError('NOT_A_CASE', `${caseDb.path} has no case record`);
  return rowToCase(row);
}

export function insertCase(caseDb: CaseDb, ctx: MutationContext, id: string, values: CaseValues): void {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action: 'case.create',
    entity: { type: 'case', id },
    writes: [
      { op: 'insert', table: 'case_meta', values: { id, ...toColumns(values), created_at: now, updated_at: now } },
    ],
  });
}

export function updateCase(caseDb: CaseDb, ctx: MutationContext, values: Partial<CaseValues>): CaseRecord {
  const current = getCase(caseDb);
  const columns = toColumns(values);
  const changed = Object.entries(columns).some(([column, value]) => {
    const key = (Object.keys(COLUMN_OF) as (keyof CaseValues)[]).find((k) => COLUMN_OF[k] === column)!;
    return current[key] !== value;
  });
  if (changed) {
    mutate(caseDb, ctx, {
      action: 'case.update',
      entity: { type: 'case', id: current.id },
      writes: [
        {
          op: 'update',
          table: 'case_meta',
          id: current.id,
          values: { ...columns, updated_at: ctx.clock().toISOString() },
        },
      ],
    });
  }
  return getCase(caseDb);
}
