import type { EvidenceItem } from '../../../../shared/domain/evidence.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../db/caseDb.ts';
import type { RowWrite } from '../db/mutate.ts';
import type { RowValues } from '../format/stateTables.ts';

/** evidence_item: the register. Items are never deleted; disposal marks them (evidenceWrites.ts). */

type Row = Record<string, string | number | null>;

/**
 * What a service decides about a new item: everything but what the register assigns (id, exhibit
 * number, times) and what is worked out when read (whether a hold applies). `blobId` names the
 * stored bytes, which an item does not show.
 */
export type ItemValues = Omit<EvidenceItem, 'id' | 'exhibit' | 'legalHold' | 'createdAt' | 'updatedAt'> & {
  blobId: string | null;
};

/** Fields that change after logging: integrity after a re-hash, location and seal after a hand-over. */
export type ItemUpdate = Partial<
  Pick<EvidenceItem, 'integrity' | 'flagged' | 'lastVerifiedAt' | 'storageLocation' | 'sealNumber'>
>;

function rowToItem(r: Row): EvidenceItem {
  const s = (k: string) => String(r[k] ?? '');
  const n = (k: string) => (r[k] === null ? null : Number(r[k]));
  return {
    id: s('id'),
    exhibit: s('exhibit'),
    kind: s('kind') as EvidenceItem['kind'],
    description: s('description'),
    source: s('source'),
    custodian: s('custodian'),
    acquiredBy: s('acquired_by'),
    witness: s('witness'),
    acquiredAt: s('acquired_at'),
    acquiredZone: s('acquired_zone'),
    method: s('method'),
    tool: s('tool'),
    toolVersion: s('tool_version'),
    legalBasis: s('legal_basis'),
    originalName: s('original_name'),
    originalPath: s('original_path'),
    mediaType: s('media_type'),
    size: n('size'),
    sha256: (r.sha256 as string | null) ?? null,
    md5: (r.md5 as string | null) ?? null,
    sha1: (r.sha1 as string | null) ?? null,
    toolHash: s('tool_hash'),
    toolHashAlgorithm: s('tool_hash_algorithm'),
    toolHashMatch: r.tool_hash_match === null ? null : r.tool_hash_match === 1,
    storage: s('storage') as EvidenceItem['storage'],
    referencePath: (r.reference_path as string | null) ?? null,
    storageLocation: s('storage_location'),
    parentId: (r.parent_id as string | null) ?? null,
    notes: s('notes'),
    integrity: s('integrity') as EvidenceItem['integrity'],
    flagged: r.flagged === 1,
    lastVerifiedAt: (r.last_verified_at as string | null) ?? null,
    legalHold: false,
    disposed: r.disposed === 1,
    createdAt: s('created_at'),
    updatedAt: s('updated_at'),
    make: s('make'),
    model: s('model'),
    serialNumber: s('serial_number'),
    assetTag: s('asset_tag'),
    condition: s('condition'),
    sealNumber: s('seal_number'),
    capturedText: s('captured_text'),
  };
}

const flag = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

/** A new item's row; the register's own fields (exhibit, times) are added by the caller. */
export function itemInsertWrite(id: string, exhibit: string, v: ItemValues, now: string): RowWrite {
  return {
    op: 'insert',
    table: 'evidence_item',
    values: { ...itemColumns(v), id, exhibit, created_at: now, updated_at: now },
  };
}

function itemColumns(v: ItemValues): RowValues {
  return {
    kind: v.kind,
    description: v.description,
    source: v.source,
    custodian: v.custodian,
    acquired_by: v.acquiredBy,
    witness: v.witness,
    acquired_at: v.acquiredAt,
    acquired_zone: v.acquiredZone,
    method: v.method,
    tool: v.tool,
    tool_version: v.toolVersion,
    legal_basis: v.legalBasis,
    original_name: v.originalName,
    original_path: v.originalPath,
    media_type: v.mediaType,
    size: v.size,
    sha256: v.sha256,
    md5: v.md5,
    sha1: v.sha1,
    tool_hash: v.toolHash,
    tool_hash_algorithm: v.toolHashAlgorithm,
    tool_hash_match: flag(v.toolHashMatch),
    storage: v.storage,
    blob_id: v.blobId,
    reference_path: v.referencePath,
    storage_location: v.storageLocation,
    parent_id: v.parentId,
    notes: v.notes,
    make: v.make,
    model: v.model,
    serial_number: v.serialNumber,
    asset_tag: v.assetTag,
    condition: v.condition,
    seal_number: v.sealNumber,
    captured_text: v.capturedText,
    integrity: v.integrity,
    flagged: flag(v.flagged),
    last_verified_at: v.lastVerifiedAt,
    disposed: flag(v.disposed),
  };
}

/** The columns an ItemUpdate changes, with the time of the change. */
export function itemUpdateWrite(itemId: string, update: ItemUpdate, now: string): RowWrite {
  const values: RowValues = { updated_at: now };
  if (update.integrity !== undefined) values.integrity = update.integrity;
  if (update.flagged !== undefined) values.flagged = flag(update.flagged);
  if (update.lastVerifiedAt !== undefined) values.last_verified_at = update.lastVerifiedAt;
  if (update.storageLocation !== undefined) values.storage_location = update.storageLocation;
  if (update.sealNumber !== undefined) values.seal_number = update.sealNumber;
  return { op: 'update', table: 'evidence_item', id: itemId, values };
}

/** Holds are their own rows; whether one applies to an item is worked out when it is read. */
function withHolds(caseDb: CaseDb, items: EvidenceItem[]): EvidenceItem[] {
  const held = caseDb.statement('SELECT item_id FROM legal_hold WHERE released_at IS NULL').pluck().all() as (
    string | null
  )[];
  const caseHeld = held.includes(null);
  return items.map((item) => ({ ...item, legalHold: caseHeld || held.includes(item.id) }));
}

export function listEvidence(caseDb: CaseDb): EvidenceItem[] {
  return withHolds(
    caseDb,
    (caseDb.statement('SELECT * FROM evidence_item ORDER BY exhibit').all() as Row[]).map(rowToItem),
  );
}

/** By id or by exhibit number (E-0003), as people refer to items. */
export function getEvidence(caseDb: CaseDb, idOrExhibit: string): EvidenceItem {
  const row = caseDb
    .statement('SELECT * FROM evidence_item WHERE id = ? OR exhibit = ?')
    .get(idOrExhibit, idOrExhibit.toUpperCase()) as Row | undefined;
  if (!row) {
    throw new CustosError(
      'NOT_FOUND',
      `no evidence item ${idOrExhibit} in this case; list them with custos evidence list`,
    );
  }
  return withHolds(caseDb, [rowToItem(row)])[0]!;
}

/** Items already holding these bytes (same SHA-256), stored or referenced. */
export function findBySha256(
  caseDb: CaseDb,
  sha256: string,
): { item: EvidenceItem; blobId: string | null } | undefined {
  const row = caseDb.statement('SELECT * FROM evidence_item WHERE sha256 = ? ORDER BY exhibit LIMIT 1').get(sha256) as
    Row | undefined;
  return row ? { item: rowToItem(row), blobId: (row.blob_id as string | null) ?? null } : undefined;
}

/** E-0001, E-0002, … in order of logging; numbers are never reused. */
export function nextExhibit(caseDb: CaseDb): string {
  const last = caseDb
    .statement("SELECT max(CAST(substr(exhibit, 3) AS INTEGER)) FROM evidence_item WHERE exhibit LIKE 'E-%'")
    .pluck()
    .get() as number | null;
  return `E-${String((last ?? 0) + 1).padStart(4, '0')}`;
}

export function blobIdOf(caseDb: CaseDb, itemId: string): string | null {
  return (
    (caseDb.statement('SELECT blob_id FROM evidence_item WHERE id = ?').pluck().get(itemId) as string | null) ?? null
  );
}

/** Other items not disposed of that hold the same stored bytes. */
export function othersHoldingBlob(caseDb: CaseDb, blobId: string, itemId: string): number {
  return caseDb
    .statement('SELECT count(*) FROM evidence_item WHERE blob_id = ? AND id != ? AND disposed = 0')
    .pluck()
    .get(blobId, itemId) as number;
}
