import type { CaseOverview } from '../../../shared/domain/overview.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { auditHead } from '../store/tables/auditLog.ts';

/** The case at a glance. OWNER: the overview helper. */
export function caseOverview(caseDb: CaseDb): CaseOverview {
  return { head: auditHead(caseDb) };
}
