import type { CustodyEvent, EvidenceItem } from '../../../../shared/domain/evidence.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { mutate } from '../db/mutate.ts';
import type { MutationContext, RowWrite } from '../db/mutate.ts';
import type { RowValues } from '../format/stateTables.ts';

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
    (caseDb.statement('SELECT * FROM evidence_item ORDER BY exhibit').all() as ItemRow[]).map(rowToItem),
  );
}

/** By id or by exhibit number (E-0003), as people refer to items. */
export function getEvidence(caseDb: CaseDb, idOrExhibit: string): EvidenceItem {
  const row = caseDb
    .statement('SELECT * FROM evidence_item WHERE id = ? OR exhibit = ?')
    .get(idOrExhibit, idOrExhibit.toUpperCase()) as ItemRow | undefined;
  if (!row) {
    throw new CustosError(
      'NOT_FOUND',
      `no evidence item ${idOrExhibit} in this case; list them with custos evidence list`,
    );
  }
  return withHolds(caseDb, [rowToItem(row)])[0]!;
}

export function listCustody(caseDb: CaseDb, itemId: string): CustodyEvent[] {
  return (
    caseDb.statement('SELECT * FROM custody_event WHERE item_id = ? ORDER BY at, rowid').all(itemId) as ItemRow[]
  ).map(rowToCustody);
}

/** Items already holding these bytes (same SHA-256), stored or referenced. */
export function findBySha256(
  caseDb: CaseDb,
  sha256: string,
): { item: EvidenceItem; blobId: string | null } | undefined {
  const row = caseDb.statement('SELECT * FROM evidence_item WHERE sha256 = ? ORDER BY exhibit LIMIT 1').get(sha256) as
    ItemRow | undefined;
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

/** Bytes of an ingest that did not finish (cancelled, crashed): never evidence, safe to drop. */
export function removeUnfinishedChunks(caseDb: CaseDb, blobId?: string): number {
  const result = blobId
    ? caseDb
        .statement('DELETE FROM evidence_chunk WHERE blob_id = ? AND blob_id NOT IN (SELECT id FROM evidence_blob)')
        .run(blobId)
    : caseDb.statement('DELETE FROM evidence_chunk WHERE blob_id NOT IN (SELECT id FROM evidence_blob)').run();
  return result.changes;
}

export function chunksOf(caseDb: CaseDb, blobId: string): IterableIterator<Buffer> {
  return caseDb.db
    .prepare('SELECT data FROM evidence_chunk WHERE blob_id = ? ORDER BY idx')
    .pluck()
    .iterate(blobId) as IterableIterator<Buffer>;
}

/** The blob row holding an item's stored bytes, while they are held. */
export function blobRowOf(
  caseDb: CaseDb,
  itemId: string,
): { id: string; size: number; sha256: string; chunk_size: number; chunk_count: number } | undefined {
  return caseDb
    .statement(
      'SELECT b.id, b.size, b.sha256, b.chunk_size, b.chunk_count FROM evidence_item i JOIN evidence_blob b ON b.id = i.blob_id WHERE i.id = ? AND b.disposed_at IS NULL',
    )
    .get(itemId) as { id: string; size: number; sha256: string; chunk_size: number; chunk_count: number } | undefined;
}

export function blobIdOf(caseDb: CaseDb, itemId: string): string | null {
  return (
    (caseDb.statement('SELECT blob_id FROM evidence_item WHERE id = ?').pluck().get(itemId) as string | null) ?? null
  );
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

export type NewBlob = {
  id: string;
  size: number;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  chunkSize: number;
  chunkCount: number;
};

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
        values: {
          id: b.id,
          size: b.size,
          sha256: b.sha256,
          md5: b.md5,
          sha1: b.sha1,
          chunk_size: b.chunkSize,
          chunk_count: b.chunkCount,
          created_at: now,
        },
      });
    }
    writes.push({
      op: 'insert',
      table: 'evidence_item',
      values: { ...input.item, id: input.id, exhibit, created_at: now, updated_at: now },
    });
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
  if (itemUpdate) {
    writes.push({ op: 'update', table: 'evidence_item', id: itemId, values: { ...itemUpdate, updated_at: now } });
  }
  mutate(caseDb, ctx, {
    action: `custody.${event.values.type}`,
    entity: { type: 'evidence_item', id: itemId },
    writes,
  });
  return listCustody(caseDb, itemId).find((e) => e.id === event.id)!;
}

export type LegalHold = {
  id: string;
  itemId: string | null;
  reason: string;
  placedBy: string;
  placedAt: string;
  releasedBy: string;
  releasedAt: string | null;
  releaseReason: string;
};

function rowToHold(r: ItemRow): LegalHold {
  return {
    id: String(r.id),
    itemId: (r.item_id as string | null) ?? null,
    reason: String(r.reason),
    placedBy: String(r.placed_by),
    placedAt: String(r.placed_at),
    releasedBy: String(r.released_by),
    releasedAt: (r.released_at as string | null) ?? null,
    releaseReason: String(r.release_reason),
  };
}

/** Holds in force: on the whole case, and (when given) on the item. */
export function activeHolds(caseDb: CaseDb, itemId?: string): LegalHold[] {
  const rows = caseDb
    .statement(
      'SELECT * FROM legal_hold WHERE released_at IS NULL AND (item_id IS NULL OR item_id = ?) ORDER BY placed_at',
    )
    .all(itemId ?? null) as ItemRow[];
  return rows.map(rowToHold);
}

export function listHolds(caseDb: CaseDb): LegalHold[] {
  return (caseDb.statement('SELECT * FROM legal_hold ORDER BY placed_at, rowid').all() as ItemRow[]).map(rowToHold);
}

export function placeHold(
  caseDb: CaseDb,
  ctx: MutationContext,
  input: { id: string; itemId: string | null; reason: string },
): LegalHold {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action: 'hold.place',
    entity: input.itemId ? { type: 'evidence_item', id: input.itemId } : { type: 'legal_hold', id: input.id },
    writes: [
      {
        op: 'insert',
        table: 'legal_hold',
        values: {
          id: input.id,
          item_id: input.itemId,
          reason: input.reason,
          placed_by: ctx.actor.name,
          placed_at: now,
          released_by: '',
          released_at: null,
          release_reason: '',
        },
      },
    ],
  });
  return listHolds(caseDb).find((h) => h.id === input.id)!;
}

export function releaseHold(caseDb: CaseDb, ctx: MutationContext, holdId: string, reason: string): LegalHold {
  const hold = listHolds(caseDb).find((h) => h.id === holdId);
  if (!hold) throw new CustosError('NOT_FOUND', `no legal hold ${holdId} in this case`);
  if (hold.releasedAt) {
    throw new CustosError('INVALID_INPUT', `that legal hold was already released on ${hold.releasedAt}`);
  }
  mutate(caseDb, ctx, {
    action: 'hold.release',
    entity: hold.itemId ? { type: 'evidence_item', id: hold.itemId } : { type: 'legal_hold', id: hold.id },
    writes: [
      {
        op: 'update',
        table: 'legal_hold',
        id: hold.id,
        values: { released_by: ctx.actor.name, released_at: ctx.clock().toISOString(), release_reason: reason },
      },
    ],
  });
  return listHolds(caseDb).find((h) => h.id === holdId)!;
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
  return caseDb.db.transaction(() => {
    const now = ctx.clock().toISOString();
    const blobId = blobIdOf(caseDb, itemId);
    const sharedWith = blobId
      ? (caseDb
          .statement('SELECT count(*) FROM evidence_item WHERE blob_id = ? AND id != ? AND disposed = 0')
          .pluck()
          .get(blobId, itemId) as number)
      : 0;
    const removeBytes = blobId !== null && sharedWith === 0;
    const writes: RowWrite[] = [
      custodyWrite(event.id, itemId, event.values, now),
      { op: 'update', table: 'evidence_item', id: itemId, values: { disposed: 1, updated_at: now } },
    ];
    if (removeBytes) writes.push({ op: 'update', table: 'evidence_blob', id: blobId, values: { disposed_at: now } });
    mutate(caseDb, ctx, { action: 'custody.disposal', entity: { type: 'evidence_item', id: itemId }, writes });
    if (removeBytes) caseDb.statement('DELETE FROM evidence_chunk WHERE blob_id = ?').run(blobId);
    return { bytesRemoved: removeBytes };
  })();
}

export type EvidenceLink = {
  id: string;
  itemId: string;
  targetType: 'timeline_event' | 'note' | 'evidence_item';
  targetId: string;
  relation: string;
  createdAt: string;
};

export function listLinks(caseDb: CaseDb, itemId: string): EvidenceLink[] {
  return (
    caseDb
      .statement('SELECT * FROM evidence_link WHERE item_id = ? AND removed = 0 ORDER BY created_at, rowid')
      .all(itemId) as ItemRow[]
  ).map((r) => ({
    id: String(r.id),
    itemId: String(r.item_id),
    targetType: r.target_type as EvidenceLink['targetType'],
    targetId: String(r.target_id),
    relation: String(r.relation),
    createdAt: String(r.created_at),
  }));
}

export function targetExists(caseDb: CaseDb, type: EvidenceLink['targetType'], id: string): boolean {
  const sql = {
    timeline_event: 'SELECT 1 FROM timeline_event WHERE id = ? AND removed = 0',
    note: 'SELECT 1 FROM note WHERE id = ? AND removed = 0',
    evidence_item: 'SELECT 1 FROM evidence_item WHERE id = ?',
  }[type];
  return caseDb.statement(sql).get(id) !== undefined;
}

export function insertLink(caseDb: CaseDb, ctx: MutationContext, link: Omit<EvidenceLink, 'createdAt'>): EvidenceLink {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action: 'evidence.link',
    entity: { type: 'evidence_item', id: link.itemId },
    writes: [
      {
        op: 'insert',
        table: 'evidence_link',
        values: {
          id: link.id,
          item_id: link.itemId,
          target_type: link.targetType,
          target_id: link.targetId,
          relation: link.relation,
          created_at: now,
          removed: 0,
        },
      },
    ],
  });
  return listLinks(caseDb, link.itemId).find((l) => l.id === link.id)!;
}

export function removeLink(caseDb: CaseDb, ctx: MutationContext, linkId: string): void {
  const itemId = caseDb
    .statement('SELECT item_id FROM evidence_link WHERE id = ? AND removed = 0')
    .pluck()
    .get(linkId) as string | undefined;
  if (!itemId) throw new CustosError('NOT_FOUND', `no link ${linkId} in this case`);
  mutate(caseDb, ctx, {
    action: 'evidence.unlink',
    entity: { type: 'evidence_item', id: itemId },
    writes: [{ op: 'update', table: 'evidence_link', id: linkId, values: { removed: 1 } }],
  });
}

/** Links with a readable name for what they point at (an event's title, a note's first words, an exhibit). */
export function describeLinks(caseDb: CaseDb, itemId: string): (EvidenceLink & { label: string })[] {
  return listLinks(caseDb, itemId).map((link) => {
    let label: string | undefined;
    if (link.targetType === 'timeline_event') {
      label = caseDb.statement('SELECT title FROM timeline_event WHERE id = ?').pluck().get(link.targetId) as
        string | undefined;
    }
    if (link.targetType === 'note') {
      label = (
        caseDb.statement('SELECT body FROM note WHERE id = ?').pluck().get(link.targetId) as string | undefined
      )?.slice(0, 80);
    }
    if (link.targetType === 'evidence_item') {
      const row = caseDb
        .statement('SELECT exhibit, description, original_name FROM evidence_item WHERE id = ?')
        .get(link.targetId) as { exhibit: string; description: string; original_name: string } | undefined;
      label = row ? `${row.exhibit} ${row.original_name || row.description}` : undefined;
    }
    return { ...link, label: label ?? '(no longer in the case)' };
  });
}
