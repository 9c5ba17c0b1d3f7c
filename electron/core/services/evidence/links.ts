import { randomUUID } from 'node:crypto';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { getEvidence } from '../../store/tables/evidenceItems.ts';
import { insertLink, removeLink, targetExists } from '../../store/tables/evidenceLinks.ts';
import type { EvidenceLink } from '../../../../shared/domain/evidence.ts';
import type { MutationContext } from '../../store/db/mutate.ts';

/** Ties an item to a timeline event, a note or another item (a photo of a laptop, say). */
export function linkEvidence(
  caseDb: CaseDb,
  ctx: MutationContext,
  item: string,
  target: { type: EvidenceLink['targetType']; id: string; relation: string },
): EvidenceLink {
  const from = getEvidence(caseDb, item);
  const targetId = target.type === 'evidence_item' ? getEvidence(caseDb, target.id).id : target.id;
  if (target.type === 'evidence_item' && targetId === from.id) {
    throw new CustosError('INVALID_INPUT', 'an item cannot be linked to itself');
  }
  if (!targetExists(caseDb, target.type, targetId)) {
    throw new CustosError('NOT_FOUND', `no ${target.type.replace('_', ' ')} ${targetId} in this case`);
  }
  return insertLink(caseDb, ctx, {
    id: randomUUID(),
    itemId: from.id,
    targetType: target.type,
    targetId,
    relation: target.relation || 'related',
  });
}

/** Removes a link (marked removed; the audit log keeps it). */
export function unlinkEvidence(caseDb: CaseDb, ctx: MutationContext, linkId: string): void {
  removeLink(caseDb, ctx, linkId);
}
