import type { EvidenceDetail, EvidenceItem } from '../../../../shared/domain/evidence.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { listCustody } from '../../store/tables/custodyEvents.ts';
import { describeLinks } from '../../store/tables/evidenceLinks.ts';
import { getEvidence, listEvidence as itemRows } from '../../store/tables/evidenceItems.ts';

/** The evidence register as people read it: every item in exhibit order, and one item's page. */

export function listEvidence(caseDb: CaseDb): EvidenceItem[] {
  return itemRows(caseDb);
}

/** An item (by id or exhibit number) with its custody history and what it is linked to. */
export function evidenceDetail(caseDb: CaseDb, idOrExhibit: string): EvidenceDetail {
  const item = getEvidence(caseDb, idOrExhibit);
  return { item, custody: listCustody(caseDb, item.id), links: describeLinks(caseDb, item.id) };
}
