import type { AuditEntry } from '../../../shared/domain/audit.ts';
import type { Head } from '../../../shared/domain/common.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { auditHead, countAudit, listAudit } from '../store/tables/auditLog.ts';

/** The audit log as people read it: a page, newest first, with the head to write down. */
export function auditPage(
  caseDb: CaseDb,
  offset: number,
  limit: number,
): { total: number; head: Head; items: AuditEntry[] } {
  return { total: countAudit(caseDb), head: auditHead(caseDb), items: listAudit(caseDb, offset, limit) };
}

/** Every entry, oldest first (custos audit). */
export function allAuditEntries(caseDb: CaseDb): AuditEntry[] {
  return listAudit(caseDb, 0, Number.MAX_SAFE_INTEGER, 'asc');
}
