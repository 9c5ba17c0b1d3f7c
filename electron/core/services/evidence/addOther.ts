import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { EvidenceItem, PhysicalEvidenceDraft, TextEvidenceDraft } from '../../../../shared/domain/evidence.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { recordEvidence } from '../../store/tables/evidence.ts';
import type { MutationContext } from '../../store/db/mutate.ts';
import type { RowValues } from '../../store/format/stateTables.ts';
import { timeOrNow } from '../caseService.ts';

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

/** Every evidence_item column with its value for an item with no bytes; other kinds override some. */
export function baseRow(draft: Acquisition, ctx: MutationContext, acquired: { utc: string; zone: string }): RowValues {
  return {
    description: draft.description,
    source: draft.source,
    custodian: draft.custodian,
    acquired_by: draft.acquiredBy || ctx.actor.name,
    witness: draft.witness,
    acquired_at: acquired.utc,
    acquired_zone: acquired.zone,
    method: draft.method,
    tool: '',
    tool_version: '',
    legal_basis: draft.legalBasis,
    original_name: '',
    original_path: '',
    tool_hash: '',
    tool_hash_algorithm: '',
    tool_hash_match: null,
    storage: 'none',
    blob_id: null,
    reference_path: null,
    storage_location: draft.storageLocation,
    parent_id: null,
    notes: draft.notes,
    make: '',
    model: '',
    serial_number: '',
    asset_tag: '',
    condition: '',
    seal_number: '',
    captured_text: '',
    md5: null,
    sha1: null,
    flagged: 0,
    last_verified_at: null,
    disposed: 0,
  };
}

function record(
  caseDb: CaseDb,
  ctx: MutationContext,
  draft: Common,
  acquired: { utc: string; zone: string },
  item: RowValues,
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
  const item: RowValues = {
    ...baseRow(draft, ctx, acquired),
    kind: 'physical',
    media_type: '',
    size: null,
    sha256: null,
    make: draft.make,
    model: draft.model,
    serial_number: draft.serialNumber,
    asset_tag: draft.assetTag,
    condition: draft.condition,
    seal_number: draft.sealNumber,
    integrity: 'unverified',
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
  const item: RowValues = {
    ...baseRow(draft, ctx, acquired),
    kind: 'text',
    media_type: 'text/plain; charset=utf-8',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    captured_text: draft.capturedText,
    integrity: 'verified',
  };
  return record(caseDb, ctx, draft, acquired, item, '');
}
