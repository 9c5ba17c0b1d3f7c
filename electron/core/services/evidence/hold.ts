import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { DisposalDraft, HoldDraft } from '../../../../shared/domain/evidence.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { activeHolds, listHolds, placeHold, releaseHold } from '../../store/tables/legalHolds.ts';
import { getEvidence } from '../../store/tables/evidenceItems.ts';
import { recordDisposal } from '../../store/tables/evidenceWrites.ts';
import type { LegalHold } from '../../../../shared/domain/evidence.ts';
import type { MutationContext } from '../../store/db/mutate.ts';

/** Every hold, in force or released, oldest first. */
export function listLegalHolds(caseDb: CaseDb): LegalHold[] {
  return listHolds(caseDb);
}

export function placeLegalHold(caseDb: CaseDb, ctx: MutationContext, draft: z.output<typeof HoldDraft>): LegalHold {
  const itemId = draft.item ? getEvidence(caseDb, draft.item).id : null;
  return placeHold(caseDb, ctx, { id: randomUUID(), itemId, reason: draft.reason });
}

export function releaseLegalHold(caseDb: CaseDb, ctx: MutationContext, holdId: string, reason: string): LegalHold {
  if (!reason.trim()) throw new CustosError('INVALID_INPUT', 'Say why the hold is released');
  return releaseHold(caseDb, ctx, holdId, reason.trim());
}

/**
 * Disposal (return, destruction, deletion) of an item. Refused while a legal hold applies to it or
 * to the case. The record, its hashes and its custody history stay; stored bytes are removed unless
 * another item still refers to them.
 */
export function disposeEvidence(
  caseDb: CaseDb,
  ctx: MutationContext,
  idOrExhibit: string,
  draft: z.output<typeof DisposalDraft>,
): { bytesRemoved: boolean } {
  const item = getEvidence(caseDb, idOrExhibit);
  if (item.disposed) throw new CustosError('INVALID_INPUT', `${item.exhibit} was already disposed of`);
  const holds = activeHolds(caseDb, item.id);
  if (holds.length > 0) {
    const hold = holds[0]!;
    throw new CustosError(
      'INVALID_INPUT',
      `${item.exhibit} cannot be disposed of: a legal hold on ${hold.itemId ? 'this item' : 'the whole case'} (placed by ${hold.placedBy} on ${hold.placedAt.slice(0, 10)}: ${hold.reason}) is in force; release it first`,
    );
  }
  const now = ctx.clock().toISOString();
  return recordDisposal(caseDb, ctx, item.id, {
    id: randomUUID(),
    values: {
      type: 'disposal',
      at: now,
      zone: 'UTC',
      releasedBy: ctx.actor.name,
      receivedBy: '',
      purpose: draft.reason,
      fromLocation: item.storageLocation,
      toLocation: '',
      sealBefore: item.sealNumber,
      sealAfter: '',
      hashResult: '',
      details: `${draft.method}; authorised by ${draft.authorisedBy}`,
      recordedBy: ctx.actor.name,
    },
  });
}
