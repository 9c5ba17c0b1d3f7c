import type { CustodyEvent, EvidenceItem } from '../../../../shared/domain/evidence.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { mutate } from '../db/mutate.ts';
import type { MutationContext, RowWrite } from '../db/mutate.ts';
import { blobWrite, dropChunks } from './evidenceBlobs.ts';
import type { NewBlob } from './evidenceBlobs.ts';
import { custodyWrite, listCustody } from './custodyEvents.ts';
import type { CustodyValues } from './custodyEvents.ts';
import {
  blobIdOf,
  getEvidence,
  itemInsertWrite,
  itemUpdateWrite,
  nextExhibit,
  othersHoldingBlob,
} from './evidenceItems.ts';
import type { ItemUpdate, ItemValues } from './evidenceItems.ts';

/**
 * The audit entries that span several evidence tables: an item logged with its bytes and its
 * acquisition, a custody event with what it changes on the item, a disposal. Each is one entry, so
 * the chain never shows half of one.
 */

/**
 * Logs an item in one audit entry: its stored bytes (if new), the item, and its acquisition
 * custody event. The exhibit number is taken inside the same transaction.
 */
export function recordEvidence(
  caseDb: CaseDb,
  ctx: MutationContext,
  input: { id: string; blob: NewBlob | null; item: ItemValues; acquisition: { id: string; values: CustodyValues } },
): EvidenceItem {
  const now = ctx.clock().toISOString();
  return caseDb.transaction(() => {
    const writes: RowWrite[] = [];
    if (input.blob) writes.push(blobWrite(input.blob, now));
    writes.push(itemInsertWrite(input.id, nextExhibit(caseDb), input.item, now));
    writes.push(custodyWrite(input.acquisition.id, input.id, input.acquisition.values, now));
    mutate(caseDb, ctx, { action: 'evidence.add', entity: { type: 'evidence_item', id: input.id }, writes });
    return getEvidence(caseDb, input.id);
  });
}

/** A custody event, with the item's fields updated in the same audit entry when given. */
export function recordCustody(
  caseDb: CaseDb,
  ctx: MutationContext,
  itemId: string,
  event: { id: string; values: CustodyValues },
  itemUpdate?: ItemUpdate,
): CustodyEvent {
  const now = ctx.clock().toISOString();
  const writes: RowWrite[] = [custodyWrite(event.id, itemId, event.values, now)];
  if (itemUpdate && Object.keys(itemUpdate).length > 0) writes.push(itemUpdateWrite(itemId, itemUpdate, now));
  mutate(caseDb, ctx, {
    action: `custody.${event.values.type}`,
    entity: { type: 'evidence_item', id: itemId },
    writes,
  });
  return listCustody(caseDb, itemId).find((e) => e.id === event.id)!;
}

/**
 * Disposal in one transaction: the disposal custody event, the item marked disposed, and — when no
 * other item still needs them — the stored bytes removed, their blob row keeping size and hashes.
 */
export function recordDisposal(
  caseDb: CaseDb,
  ctx: MutationContext,
  itemId: string,
  event: { id: string; values: CustodyValues },
): { bytesRemoved: boolean } {
  return caseDb.transaction(() => {
    const now = ctx.clock().toISOString();
    const blobId = blobIdOf(caseDb, itemId);
    const removeBytes = blobId !== null && othersHoldingBlob(caseDb, blobId, itemId) === 0;
    const writes: RowWrite[] = [
      custodyWrite(event.id, itemId, event.values, now),
      { op: 'update', table: 'evidence_item', id: itemId, values: { disposed: 1, updated_at: now } },
    ];
    if (removeBytes) writes.push({ op: 'update', table: 'evidence_blob', id: blobId, values: { disposed_at: now } });
    mutate(caseDb, ctx, { action: 'custody.disposal', entity: { type: 'evidence_item', id: itemId }, writes });
    if (removeBytes) dropChunks(caseDb, blobId);
    return { bytesRemoved: removeBytes };
  });
}
