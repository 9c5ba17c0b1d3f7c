import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CustodyEvent, CustodyTransferDraft, EvidenceItem } from '../../../../shared/domain/evidence.ts';
import { CustosError } from '../../errors.ts';
import { shownPath } from '../../fsPaths.ts';
import { escapeControl } from '../../../../shared/logic/text.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { checkReference, hashText } from '../../store/verify/evidenceCheck.ts';
import { runEvidenceJob } from '../../store/evidenceIo/evidenceJob.ts';
import type { JobItem } from '../../store/evidenceIo/evidenceJob.ts';
import { blobIdOf, getEvidence, listEvidence } from '../../store/tables/evidenceItems.ts';
import { rehashStored } from '../../store/tables/evidenceBlobs.ts';
import { recordCustody } from '../../store/tables/evidenceWrites.ts';
import type { MutationContext } from '../../store/db/mutate.ts';
import type { ItemUpdate } from '../../store/tables/evidenceItems.ts';
import { timeOrNow } from '../timeInput.ts';

export type HashCheck =
  { result: 'match' | 'mismatch' | 'missing'; detail: string } | { result: 'none'; detail: string };

/** Re-hashes an item's bytes where they are (in the case, the referenced file, or its text) against what the item records. */
export function checkItemBytes(caseDb: CaseDb, item: EvidenceItem): HashCheck {
  if (item.disposed) return { result: 'none', detail: 'the item was disposed of' };
  const recorded = { size: item.size, sha256: item.sha256 };
  if (item.storage === 'embedded') {
    const checked = rehashStored(caseDb, item.id, recorded);
    return checked.problem
      ? { result: checked.result, detail: checked.problem }
      : { result: 'match', detail: `SHA-256 ${checked.computed!.sha256} re-computed from the stored bytes` };
  }
  if (item.storage === 'reference') {
    const checked = checkReference({ reference_path: item.referencePath!, ...recorded });
    return checked.problem
      ? { result: checked.result, detail: checked.problem }
      : {
          result: 'match',
          detail: `SHA-256 ${checked.computed!.sha256} re-computed from ${shownPath(item.referencePath!)}`,
        };
  }
  if (item.kind === 'text') {
    const computed = hashText(item.capturedText);
    return computed.sha256 === item.sha256 && computed.size === item.size
      ? { result: 'match', detail: `SHA-256 ${computed.sha256} re-computed from the captured text` }
      : {
          result: 'mismatch',
          detail: `the captured text hashes to SHA-256 ${computed.sha256}, not the ${item.sha256 ?? 'missing'} the item records`,
        };
  }
  return { result: 'none', detail: 'the item has no bytes to hash' };
}

/** checkItemBytes, with stored and referenced bytes re-hashed on a worker thread (they may be gigabytes). */
async function checkItemBytesOffThread(caseDb: CaseDb, item: EvidenceItem): Promise<HashCheck> {
  if (item.disposed || (item.storage !== 'embedded' && item.storage !== 'reference')) {
    return checkItemBytes(caseDb, item);
  }
  let check: HashCheck = { result: 'none', detail: 'not checked' };
  let failure = '';
  await runEvidenceJob({ kind: 'verify', casePath: caseDb.path, items: [jobItemOf(caseDb, item)] }, (result) => {
    if (result.type === 'verified') check = { result: result.result, detail: result.detail };
    if (result.type === 'failed') failure = result.message;
  });
  if (failure) {
    throw new CustosError(
      'IO_ERROR',
      `${item.exhibit} could not be re-hashed (${escapeControl(failure)}); nothing was recorded. Try again, or record the hand-over without the hash check`,
    );
  }
  return check;
}

/** What a verification leaves on the item: the result now, and a flag that never clears. */
function integrityUpdate(item: EvidenceItem, check: HashCheck, now: string): ItemUpdate | undefined {
  if (check.result === 'none') return undefined;
  const integrity = check.result === 'match' ? 'verified' : check.result;
  return { integrity, flagged: item.flagged || check.result !== 'match', lastVerifiedAt: now };
}

export type VerificationOutcome = { item: EvidenceItem; check: HashCheck; event: CustodyEvent | null };

/**
 * Re-verifies items (all when `ids` is empty): re-hash, record a 'verification' custody event with
 * the result, and update the item's integrity. A mismatch or a missing file stays flagged.
 */
export function verifyEvidenceItems(caseDb: CaseDb, ctx: MutationContext, ids: string[]): VerificationOutcome[] {
  const items = ids.length === 0 ? listEvidence(caseDb) : ids.map((id) => getEvidence(caseDb, id));
  return items.map((item) => recordVerification(caseDb, ctx, item, checkItemBytes(caseDb, item)));
}

/** Progress of long evidence work, item by item: `label` names the item being read. */
export type JobOptions = {
  onProgress?: (progress: { label: string; index: number; count: number; bytes: number; total: number }) => void;
  signal?: AbortSignal;
};

/** An item with bytes, as the evidence job worker needs it. */
export function jobItemOf(caseDb: CaseDb, item: EvidenceItem): JobItem {
  return {
    itemId: item.id,
    exhibit: item.exhibit,
    storage: item.storage as 'embedded' | 'reference',
    blobId: blobIdOf(caseDb, item.id),
    referencePath: item.referencePath,
    size: item.size ?? 0,
    sha256: item.sha256 ?? '',
  };
}

/**
 * The same, with the re-hashing of stored and referenced bytes on a worker thread (the app's main
 * process must not hash gigabytes), with progress and cancel. Each item's custody event is recorded
 * as its result arrives, so a cancel keeps what was checked; it then refuses with what was done.
 */
export async function verifyEvidenceItemsOffThread(
  caseDb: CaseDb,
  ctx: MutationContext,
  ids: string[],
  options: JobOptions = {},
): Promise<VerificationOutcome[]> {
  caseDb.assertWritable();
  const items = ids.length === 0 ? listEvidence(caseDb) : ids.map((id) => getEvidence(caseDb, id));
  const withBytes = items.filter((i) => !i.disposed && (i.storage === 'embedded' || i.storage === 'reference'));
  const byId = new Map(withBytes.map((i) => [i.id, i]));
  const outcomes = new Map<string, VerificationOutcome>();
  // A check that could not run (the case busy, a read error) is no verdict on the evidence: it is
  // reported, and nothing is recorded for that item.
  const unchecked: string[] = [];
  // Nothing with bytes to read: no thread to start.
  const { cancelled } =
    withBytes.length === 0
      ? { cancelled: false }
      : await runEvidenceJob(
          { kind: 'verify', casePath: caseDb.path, items: withBytes.map((i) => jobItemOf(caseDb, i)) },
          (result) => {
            const item = byId.get(result.itemId)!;
            if (result.type === 'verified') {
              outcomes.set(
                item.id,
                recordVerification(caseDb, ctx, item, { result: result.result, detail: result.detail }),
              );
            }
            if (result.type === 'failed') unchecked.push(`${item.exhibit} (${escapeControl(result.message)})`);
          },
          options.onProgress
            ? (p) => options.onProgress!({ ...p, label: withBytes[p.index]?.exhibit ?? '', count: withBytes.length })
            : undefined,
          options.signal,
        );
  if (cancelled) {
    const done = withBytes.filter((i) => outcomes.has(i.id)).map((i) => i.exhibit);
    throw new CustosError(
      'CANCELLED',
      `Verification cancelled: ${done.length} of ${withBytes.length} items re-hashed and recorded${done.length ? ` (${done.join(', ')})` : ''}; the others were not checked`,
    );
  }
  if (unchecked.length > 0) {
    throw new CustosError(
      'IO_ERROR',
      `${unchecked.join(', ')} could not be checked, so no result was recorded for ${unchecked.length === 1 ? 'it' : 'them'}; ${outcomes.size} other ${outcomes.size === 1 ? 'item was' : 'items were'} re-hashed and recorded. Try again`,
    );
  }
  return items.map(
    (item) => outcomes.get(item.id) ?? recordVerification(caseDb, ctx, item, checkItemBytes(caseDb, item)),
  );
}

function recordVerification(
  caseDb: CaseDb,
  ctx: MutationContext,
  item: EvidenceItem,
  check: HashCheck,
): VerificationOutcome {
  if (check.result === 'none') return { item, check, event: null };
  const now = ctx.clock();
  const event = recordCustody(
    caseDb,
    ctx,
    item.id,
    {
      id: randomUUID(),
      values: {
        type: 'verification',
        at: now.toISOString(),
        zone: 'UTC',
        releasedBy: '',
        receivedBy: '',
        purpose: 'Integrity verification',
        fromLocation: '',
        toLocation: '',
        sealBefore: '',
        sealAfter: '',
        hashResult: check.result,
        details: check.detail,
        recordedBy: ctx.actor.name,
      },
    },
    integrityUpdate(item, check, now.toISOString()),
  );
  return { item: getEvidence(caseDb, item.id), check, event };
}

/** A hand-over from one person or place to another, optionally with a hash check on the spot. */
export async function transferCustody(
  caseDb: CaseDb,
  ctx: MutationContext,
  idOrExhibit: string,
  draft: z.output<typeof CustodyTransferDraft>,
): Promise<CustodyEvent> {
  caseDb.assertWritable();
  const item = getEvidence(caseDb, idOrExhibit);
  if (item.disposed) {
    throw new CustosError('INVALID_INPUT', `${item.exhibit} was disposed of; it can no longer change hands`);
  }
  const when = timeOrNow(draft.at, draft.zone, ctx.clock(), 'Time');
  const check = draft.checkHash ? await checkItemBytesOffThread(caseDb, item) : undefined;
  const now = ctx.clock().toISOString();
  const update: ItemUpdate = {
    ...(draft.toLocation ? { storageLocation: draft.toLocation } : {}),
    ...(draft.sealAfter ? { sealNumber: draft.sealAfter } : {}),
    ...(check ? integrityUpdate(item, check, now) : {}),
  };
  return recordCustody(
    caseDb,
    ctx,
    item.id,
    {
      id: randomUUID(),
      values: {
        type: draft.kind,
        at: when.utc,
        zone: when.zone,
        releasedBy: draft.from,
        receivedBy: draft.to,
        purpose: draft.purpose,
        fromLocation: draft.fromLocation,
        toLocation: draft.toLocation,
        sealBefore: draft.sealBefore,
        sealAfter: draft.sealAfter,
        hashResult: check && check.result !== 'none' ? check.result : '',
        details: [draft.details, check ? check.detail : ''].filter(Boolean).join('; '),
        recordedBy: ctx.actor.name,
      },
    },
    Object.keys(update).length > 0 ? update : undefined,
  );
}
