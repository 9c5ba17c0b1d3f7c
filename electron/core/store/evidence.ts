import type { CustodyEvent, EvidenceItem } from '../../../shared/domain/evidence.ts';
import { CustosError } from '../errors.ts';
import type { CaseDb } from './caseDb.ts';
import { mutate } from './mutate.ts';
import type { MutationContext, RowWrite } from './mutate.ts';
import type { RowValues } from './schema.ts';

type ItemRow = Record<string, string | number | null>;

function rowToItem(r: ItemRow): EvidenceItem {
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
    legalHold: r.legal_hold === 1,
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

function rowToCustody(r: ItemRow): CustodyEvent {
  const s = (k: string) => String(r[k] ?? '');
  return {
    id: s('id'),
    itemId: s('item_id'),
    type: s('type') as CustodyEvent['type'],
    at: s('at'),
    zone: s('zone'),
    releasedBy: s('released_by'),
    receivedBy: s('received_by'),
    purpose: s('purpose'),
    fromLocation: s('from_location'),
    toLocation: s('to_location'),
    sealBefore: s('seal_before'),
    sealAfter: s('seal_after'),
    hashResult: s('hash_result') as CustodyEvent['hashResult'],
    details: s('details'),
    recordedBy: s('recorded_by'),
    createdAt: s('created_at'),
  };
}

export function listEvidence(caseDb: CaseDb): EvidenceItem[] {
  return (caseDb.statement('SELECT * FROM evidence_item ORDER BY exhibit').all() as ItemRow[]).map(rowToItem);
}

/** By id or by exhibit number (E-0003), as people refer to items. */
export function getEvidence(caseDb: CaseDb, idOrExhibit: string): EvidenceItem {
  const row = caseDb.statement('SELECT * FROM evidence_item WHERE id = ? OR exhibit = ?').get(idOrExhibit, idOrExhibit.toUpperCase()) as ItemRow | undefined;
  if (!row) throw new CustosError('NOT_FOUND', `no evidence item ${idOrExhibit} in this case; list them with custos evidence list`);
  return rowToItem(row);
}

export function listCustody(caseDb: CaseDb, itemId: string): CustodyEvent[] {
  return (caseDb.statement('SELECT * FROM custody_event WHERE item_id = ? ORDER BY at, rowid').all(itemId) as ItemRow[]).map(rowToCustody);
}

/** Items already holding these bytes (same SHA-256), stored or referenced. */
export function findBySha256(caseDb: CaseDb, sha256: string): { item: EvidenceItem; blobId: string | null } | undefined {
  const row = caseDb.statement('SELECT * FROM evidence_item WHERE sha256 = ? ORDER BY exhibit LIMIT 1').get(sha256) as ItemRow | undefined;
  return row ? { item: rowToItem(row), blobId: (row.blob_id as string | null) ?? null } : undefined;
}

/** E-0001, E-0002, … in order of logging; numbers are never reused. */
export function nextExhibit(caseDb: CaseDb): string {
  const last = caseDb.statement("SELECT max(CAST(substr(exhibit, 3) AS INTEGER)) FROM evidence_item WHERE exhibit LIKE 'E-%'").pluck().get() as number | null;
  return `E-${String((last ?? 0) + 1).padStart(4, '0')}`;
}

/** Bytes of an ingest that did not finish (cancelled, crashed): never evidence, safe to drop. */
export function removeUnfinishedChunks(caseDb: CaseDb, blobId?: string): number {
  const result = blobId
    ? caseDb.statement('DELETE FROM evidence_chunk WHERE blob_id = ? AND blob_id NOT IN (SELECT id FROM evidence_blob)').run(blobId)
    : caseDb.statement('DELETE FROM evidence_chunk WHERE blob_id NOT IN (SELECT id FROM evidence_blob)').run();
  return result.changes;
}

export function chunksOf(caseDb: CaseDb, blobId: string): IterableIterator<Buffer> {
  return caseDb.db.prepare('SELECT data FROM evidence_chunk WHERE blob_id = ? ORDER BY idx').pluck().iterate(blobId) as IterableIterator<Buffer>;
}

export function blobIdOf(caseDb: CaseDb, itemId: string): string | null {
  return (caseDb.statement('SELECT blob_id FROM evidence_item WHERE id = ?').pluck().get(itemId) as string | null) ?? null;
}

export type CustodyValues = Omit<CustodyEvent, 'id' | 'itemId' | 'createdAt'>;

export function custodyWrite(id: string, itemId: string, values: CustodyValues, now: string): RowWrite {
  return {
    op: 'insert',
    table: 'custody_event',
    values: {
      id,
      item_id: itemId,
      type: values.type,
      at: values.at,
      zone: values.zone,
      released_by: values.releasedBy,
      received_by: values.receivedBy,
      purpose: values.purpose,
      from_location: values.fromLocation,
      to_location: values.toLocation,
      seal_before: values.sealBefore,
      seal_after: values.sealAfter,
      hash_result: values.hashResult,
      details: values.details,
      recorded_by: values.recordedBy,
      created_at: now,
    },
  };
}

export type NewBlob = { id: string; size: number; sha256: string; md5: string | null; sha1: string | null; chunkSize: number; chunkCount: number };

/**
 * Logs an item in one audit entry: its stored bytes (if new), the item, and its acquisition
 * custody event. The exhibit number is taken inside the same transaction.
 */
export function recordEvidence(
  caseDb: CaseDb,
  ctx: MutationContext,
  input: { id: string; blob: NewBlob | null; item: RowValues; acquisition: { id: string; values: CustodyValues } },
): EvidenceItem {
  const now = ctx.clock().toISOString();
  return caseDb.db.transaction(() => {
    const exhibit = nextExhibit(caseDb);
    const writes: RowWrite[] = [];
    if (input.blob) {
      const b = input.blob;
      writes.push({
        op: 'insert',
        table: 'evidence_blob',
        values: { id: b.id, size: b.size, sha256: b.sha256, md5: b.md5, sha1: b.sha1, chunk_size: b.chunkSize, chunk_count: b.chunkCount, created_at: now },
      });
    }
    writes.push({ op: 'insert', table: 'evidence_item', values: { ...input.item, id: input.id, exhibit, created_at: now, updated_at: now } });
    writes.push(custodyWrite(input.acquisition.id, input.id, input.acquisition.values, now));
    mutate(caseDb, ctx, { action: 'evidence.add', entity: { type: 'evidence_item', id: input.id }, writes });
    return getEvidence(caseDb, input.id);
  })();
}

/** A custody event, with the item's integrity fields updated in the same audit entry when given. */
export function recordCustody(
  caseDb: CaseDb,
  ctx: MutationContext,
  itemId: string,
  event: { id: string; values: CustodyValues },
  itemUpdate?: RowValues,
): CustodyEvent {
  const now = ctx.clock().toISOString();
  const writes: RowWrite[] = [custodyWrite(event.id, itemId, event.values, now)];
  if (itemUpdate) writes.push({ op: 'update', table: 'evidence_item', id: itemId, values: { ...itemUpdate, updated_at: now } });
  mutate(caseDb, ctx, { action: `custody.${event.values.type}`, entity: { type: 'evidence_item', id: itemId }, writes });
  return listCustody(caseDb, itemId).find((e) => e.id === event.id)!;
}
