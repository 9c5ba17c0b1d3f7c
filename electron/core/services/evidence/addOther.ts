import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { EvidenceItem, PhysicalEvidenceDraft, TextEvidenceDraft } from '../../../../shared/domain/evidence.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { recordEvidence } from '../../store/tables/evidenceWrites.ts';
import type { MutationContext } from '../../store/db/mutate.ts';
import type { ItemValues } from '../../store/tables/evidenceItems.ts';
import { timeOrNow } from '../timeInput.ts';

type Common = z.output<typeof PhysicalEvidenceDraft> | z.output<typeof TextEvidenceDraft>;

/** The acquisition fields every kind of evidence has (see `acquisition` in shared/domain/evidence.ts). */
type Acquisition = Pick<
  Common,
  | 'description'
  | 'source'
  | 'custodian'
  | 'acquiredBy'
  | 'witness'
  | 'method'
  | 'legalBasis'
  | 'storageLocation'
  | 'notes'
>;

/** Every field of an item with no bytes; other kinds override some. */
export function baseItem(
  draft: Acquisition,
  ctx: MutationContext,
  acquired: { utc: string; zone: string },
): ItemValues {
  return {
    kind: 'physical',
    description: draft.description,
    source: draft.source,
    custodian: draft.custodian,
    acquiredBy: draft.acquiredBy || ctx.actor.name,
    witness: draft.witness,
    acquiredAt: acquired.utc,
    acquiredZone: acquired.zone,
    method: draft.method,
    tool: '',
    toolVersion: '',
    legalBasis: draft.legalBasis,
    originalName: '',
    originalPath: '',
    mediaType: '',
    size: null,
    sha256: null,
    md5: null,
    sha1: null,
    toolHash: '',
    toolHashAlgorithm: '',
    toolHashMatch: null,
    storage: 'none',
    blobId: null,
    referencePath: null,
    storageLocation: draft.storageLocation,
    parentId: null,
    notes: draft.notes,
    make: '',
    model: '',
    serialNumber: '',
    assetTag: '',
    condition: '',
    sealNumber: '',
    capturedText: '',
    integrity: 'unverified',
    flagged: false,
    lastVerifiedAt: null,
    disposed: false,
  };
}

function record(
  caseDb: CaseDb,
  ctx: MutationContext,
  draft: Common,
  acquired: { utc: string; zone: string },
  item: ItemValues,
  sealAfter: string,
): EvidenceItem {
  const id = randomUUID();
  return recordEvidence(caseDb, ctx, {
    id,
    blob: null,
    item,
    acquisition: {
      id: randomUUID(),
      values: {
        type: 'acquisition',
        at: acquired.utc,
        zone: acquired.zone,
        releasedBy: draft.custodian || draft.source,
        receivedBy: draft.acquiredBy || ctx.actor.name,
        purpose: 'Acquisition',
        fromLocation: draft.source,
        toLocation: draft.storageLocation,
        sealBefore: '',
        sealAfter,
        hashResult: '',
        details: draft.method + (draft.witness ? `; witnessed by ${draft.witness}` : ''),
        recordedBy: ctx.actor.name,
      },
    },
  });
}

/** Logs a physical item; its seal number goes on the item and on the acquisition event. */
export function addPhysicalEvidence(
  caseDb: CaseDb,
  ctx: MutationContext,
  draft: z.output<typeof PhysicalEvidenceDraft>,
): EvidenceItem {
  const acquired = timeOrNow(draft.acquiredAt, draft.acquiredZone, ctx.clock(), 'Acquisition time');
  const item: ItemValues = {
    ...baseItem(draft, ctx, acquired),
    kind: 'physical',
    make: draft.make,
    model: draft.model,
    serialNumber: draft.serialNumber,
    assetTag: draft.assetTag,
    condition: draft.condition,
    sealNumber: draft.sealNumber,
  };
  return record(caseDb, ctx, draft, acquired, item, draft.sealNumber);
}

/**
 * Logs text captured on the spot. The text lives in the item row, so the audit chain protects it;
 * its SHA-256 is recorded too, so a copy given to someone else can be checked against the register.
 */
export function addTextEvidence(
  caseDb: CaseDb,
  ctx: MutationContext,
  draft: z.output<typeof TextEvidenceDraft>,
): EvidenceItem {
  const acquired = timeOrNow(draft.acquiredAt, draft.acquiredZone, ctx.clock(), 'Acquisition time');
  const bytes = Buffer.from(draft.capturedText, 'utf8');
  const item: ItemValues = {
    ...baseItem(draft, ctx, acquired),
    kind: 'text',
    mediaType: 'text/plain; charset=utf-8',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    capturedText: draft.capturedText,
    // Hashed as it is recorded, as a file is when it is added: verified then, and says when.
    integrity: 'verified',
    lastVerifiedAt: ctx.clock().toISOString(),
  };
  return record(caseDb, ctx, draft, acquired, item, '');
}
