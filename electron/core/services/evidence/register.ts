import type { CustodyEvent, EvidenceDetail, EvidenceItem } from '../../../../shared/domain/evidence.ts';
import { custodyStateOf } from '../../../../shared/logic/custodyState.ts';
import type { CustodyState } from '../../../../shared/logic/custodyState.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { listAllCustody, listCustody } from '../../store/tables/custodyEvents.ts';
import { describeLinks } from '../../store/tables/evidenceLinks.ts';
import { getEvidence, listEvidence as itemRows } from '../../store/tables/evidenceItems.ts';

/** The evidence register as people read it: every item in exhibit order, and one item's page. */

export function listEvidence(caseDb: CaseDb): EvidenceItem[] {
  return itemRows(caseDb);
}

/** An item (by id or exhibit number) with its custody history and what it is linked to. */
/** Where each exhibit is now (held, handed over, returned, disposed of), from one read of all custody. */
export function custodyNow(caseDb: CaseDb, items: readonly EvidenceItem[]): Map<string, CustodyState> {
  const byItem = new Map<string, CustodyEvent[]>();
  for (const event of listAllCustody(caseDb)) {
    const list = byItem.get(event.itemId);
    if (list) list.push(event);
    else byItem.set(event.itemId, [event]);
  }
  return new Map(items.map((item) => [item.id, custodyStateOf(item, byItem.get(item.id) ?? [])]));
}

export function evidenceDetail(caseDb: CaseDb, idOrExhibit: string): EvidenceDetail {
  const item = getEvidence(caseDb, idOrExhibit);
  return { item, custody: listCustody(caseDb, item.id), links: describeLinks(caseDb, item.id) };
}
