import type {
  CustodyEvent,
  CustodyNow,
  EvidenceDetail,
  EvidenceItem,
  RegisterItem,
} from '../../../../shared/domain/evidence.ts';
import { custodyStateOf } from '../../../../shared/logic/custodyState.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { listAllCustody, listCustody } from '../../store/tables/custodyEvents.ts';
import { describeLinks } from '../../store/tables/evidenceLinks.ts';
import { getEvidence, listEvidence as itemRows } from '../../store/tables/evidenceItems.ts';

/** The evidence register as people read it: every item in exhibit order, and one item's page. */

export function listEvidence(caseDb: CaseDb): EvidenceItem[] {
  return itemRows(caseDb);
}

/** Where each exhibit is now (held, handed over, returned, disposed of), from one read of all custody. */
export function custodyNow(caseDb: CaseDb, items: readonly EvidenceItem[]): Map<string, CustodyNow> {
  const byItem = new Map<string, CustodyEvent[]>();
  for (const event of listAllCustody(caseDb)) {
    const list = byItem.get(event.itemId);
    if (list) list.push(event);
    else byItem.set(event.itemId, [event]);
  }
  return new Map(items.map((item) => [item.id, custodyStateOf(item, byItem.get(item.id) ?? [])]));
}

/** The register as the window shows it: every item with where it is now. */
export function evidenceRegister(caseDb: CaseDb): RegisterItem[] {
  const items = itemRows(caseDb);
  const now = custodyNow(caseDb, items);
  return items.map((item) => ({ ...item, custodyNow: now.get(item.id)! }));
}

/** An item (by id or exhibit number), where it is now, its custody history and what it is linked to. */
export function evidenceDetail(caseDb: CaseDb, idOrExhibit: string): EvidenceDetail {
  const item = getEvidence(caseDb, idOrExhibit);
  const custody = listCustody(caseDb, item.id);
  return { item, custodyNow: custodyStateOf(item, custody), custody, links: describeLinks(caseDb, item.id) };
}
