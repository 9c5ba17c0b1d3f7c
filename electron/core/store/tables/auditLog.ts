import type { AuditEntry, RowChange } from '../../../../shared/domain/audit.ts';
import type { Head } from '../../../../shared/domain/common.ts';
import { ZERO_HASH } from '../../../../shared/domain/common.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { readChangeData } from '../format/changeData.ts';

export type AuditRow = {
  seq: number;
  at: string;
  actor_name: string;
  actor_role: string;
  actor_organisation: string;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: string;
  prev_hash: string;
  hash: string;
};

/** An entry as stored; change data that cannot be read is marked, never a reason to fail the list. */
export function rowToEntry(row: AuditRow): AuditEntry {
  const { changes, problem } = readChangeData(row.changes);
  return {
    seq: row.seq,
    at: row.at,
    actor: { name: row.actor_name, role: row.actor_role, organisation: row.actor_organisation },
    action: row.action,
    entity: { type: row.entity_type, id: row.entity_id },
    changes: (changes ?? []) as RowChange[],
    prevHash: row.prev_hash,
    hash: row.hash,
    ...(problem ? { damaged: problem } : {}),
  };
}

/** The last entry's sequence number and hash; seq 0 and 64 zeros for an empty log. */
export function auditHead(caseDb: CaseDb): Head {
  const row = caseDb.statement('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Head | undefined;
  return row ?? { seq: 0, hash: ZERO_HASH };
}

export function countAudit(caseDb: CaseDb): number {
  return (caseDb.statement('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

/** Newest first, a page at a time (the audit view is virtualised). */
export function listAudit(caseDb: CaseDb, offset: number, limit: number, order: 'asc' | 'desc' = 'desc'): AuditEntry[] {
  const sql =
    order === 'desc'
      ? 'SELECT * FROM audit_log ORDER BY seq DESC LIMIT ? OFFSET ?'
      : 'SELECT * FROM audit_log ORDER BY seq ASC LIMIT ? OFFSET ?';
  return (caseDb.statement(sql).all(limit, offset) as AuditRow[]).map(rowToEntry);
}

export function iterateAuditRows(caseDb: CaseDb): IterableIterator<AuditRow> {
  return caseDb.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
}
