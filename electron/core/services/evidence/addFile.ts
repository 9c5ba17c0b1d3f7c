import { randomUUID } from 'node:crypto';
import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { z } from 'zod';
import type { EvidenceItem, FileEvidenceDraft } from '../../../../shared/domain/evidence.ts';
import { DEFAULT_STORE_LIMIT } from '../../../../shared/domain/profile.ts';
import { escapeControl } from '../../../../shared/logic/text.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../../store/caseDb.ts';
import { findBySha256, getEvidence, recordEvidence, removeUnfinishedChunks } from '../../store/evidence.ts';
import type { NewBlob } from '../../store/evidence.ts';
import { runIngestWorker } from '../../store/ingest.ts';
import type { IngestOutcome, IngestProgress } from '../../store/ingest.ts';
import type { MutationContext } from '../../store/mutate.ts';
import { mediaTypeOf } from './mediaType.ts';
import { timeOrNow } from '../caseService.ts';
import { baseRow } from './addOther.ts';

export const CHUNK_SIZE = 1024 * 1024;

export type AddFileOptions = {
  /** Files larger than this are referenced in place instead of copied (default 2 GiB). */
  storeLimit?: number;
  chunkSize?: number;
  appVersion?: string;
  onProgress?: (progress: IngestProgress & { file: string }) => void;
  signal?: AbortSignal;
  /**
   * Runs the recording step (duplicate check, blob, item, custody, audit) in the caller's queue.
   * The read-hash-store pass before it runs outside any queue, so other calls are not held up.
   */
  gate?: <T>(record: () => T) => Promise<T>;
};

/** The file as given: a readable regular file, or a clear refusal naming it (escaped). */
function checkFile(path: string): { size: number } {
  const shown = escapeControl(path);
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    throw new CustosError('NOT_FOUND', `${shown} does not exist; check the path`);
  }
  if (stats.isSymbolicLink()) stats = statSync(path);
  if (stats.isDirectory()) throw new CustosError('NOT_A_FILE', `${shown} is a folder, not a file; add the files inside it`);
  if (!stats.isFile()) throw new CustosError('NOT_A_FILE', `${shown} is not a regular file (a device, socket or pipe cannot be logged as file evidence)`);
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new CustosError('IO_ERROR', `${shown} cannot be read; check its permissions`);
  }
  return { size: stats.size };
}

/**
 * Logs one file as evidence: read once, hashed while streaming on a worker thread, stored in the
 * case in chunks (or referenced in place when larger than the store limit), then recorded with its
 * acquisition custody event in one audit entry. Cancelling, an error or a crash leaves no item.
 */
export async function addFileEvidence(
  caseDb: CaseDb,
  ctx: MutationContext,
  file: string,
  draft: z.output<typeof FileEvidenceDraft>,
  options: AddFileOptions = {},
): Promise<EvidenceItem> {
  const path = resolve(file);
  const { size } = checkFile(path);
  // Checked before reading: a wrong parent should not cost a gigabyte of hashing.
  const parentId = draft.derivedFrom ? getEvidence(caseDb, draft.derivedFrom).id : null;
  const store = !(draft.byReference ?? size > (options.storeLimit ?? DEFAULT_STORE_LIMIT));
  const blobId = randomUUID();
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const wantMd5 = draft.md5 || draft.toolHashAlgorithm === 'md5';
  const wantSha1 = draft.sha1 || draft.toolHashAlgorithm === 'sha1';
  const acquired = timeOrNow(draft.acquiredAt, draft.acquiredZone, ctx.clock(), 'Acquisition time');
  let result: IngestOutcome;
  try {
    const pass = () =>
      runIngestWorker(
        { casePath: caseDb.path, file: path, blobId, store, chunkSize, md5: wantMd5, sha1: wantSha1 },
        options.onProgress ? (p) => options.onProgress!({ ...p, file: path }) : undefined,
        options.signal,
      );
    result = store ? await caseDb.withBulkWrites(pass) : await pass();
  } catch (error) {
    removeUnfinishedChunks(caseDb, blobId);
    throw new CustosError('IO_ERROR', `${escapeControl(path)} could not be read (${(error as Error).message})`);
  }
  // A cancel that came in after the last byte but before the item was recorded still cancels:
  // the person asked for nothing to be recorded, and has not yet been told otherwise.
  if (result.type === 'done' && options.signal?.aborted) result = { type: 'cancelled' as const };
  if (result.type !== 'done') {
    removeUnfinishedChunks(caseDb, blobId);
    if (result.type === 'cancelled') throw new CustosError('CANCELLED', `Adding ${escapeControl(basename(path))} was cancelled; nothing was recorded`);
    if (result.code === 'STORE') {
      throw new CustosError('IO_ERROR', `${escapeControl(basename(path))} could not be stored in the case (${result.message}); nothing was recorded. Check the free space where the case file is`);
    }
    if (result.code === 'CHANGED') {
      throw new CustosError('CHANGED_WHILE_READING', `${escapeControl(path)}: ${result.message}; nothing was recorded. Copy it somewhere stable and add the copy`);
    }
    throw new CustosError('IO_ERROR', `${escapeControl(path)} could not be read (${result.message}); nothing was recorded`);
  }

  const ingested = result;
  const record = (): EvidenceItem => {
    let linkedBlobId: string | null = null;
    const duplicate = findBySha256(caseDb, ingested.sha256);
    if (duplicate) {
      if (draft.onDuplicate !== 'link') {
        removeUnfinishedChunks(caseDb, blobId);
        throw new CustosError(
          'ALREADY_EXISTS',
          `${escapeControl(basename(path))} has the same bytes (SHA-256 ${ingested.sha256.slice(0, 16)}…) as ${duplicate.item.exhibit}; to log it again, link it to those bytes instead of storing them twice (custos evidence add --link)`,
        );
      }
      if (store && duplicate.blobId) {
        removeUnfinishedChunks(caseDb, blobId);
        linkedBlobId = duplicate.blobId;
      }
    }

    const toolHash = draft.toolHash.toLowerCase();
    const ours = { md5: ingested.md5, sha1: ingested.sha1, sha256: ingested.sha256 } as const;
    const toolHashMatch = toolHash && draft.toolHashAlgorithm ? (ours[draft.toolHashAlgorithm] === toolHash ? 1 : 0) : null;
    const blob: NewBlob | null =
      store && !linkedBlobId
        ? { id: blobId, size: ingested.size, sha256: ingested.sha256, md5: ingested.md5, sha1: ingested.sha1, chunkSize, chunkCount: ingested.chunkCount }
        : null;
    const acquiredBy = draft.acquiredBy || ctx.actor.name;
    const tool = draft.tool || 'Custos';
    const toolVersion = draft.toolVersion || options.appVersion || '';
    const storageLocation = draft.storageLocation || (store ? 'Stored in the case file' : `Referenced in place at ${path}`);
    const id = randomUUID();
    try {
      return recordEvidence(caseDb, ctx, {
        id,
        blob,
        item: {
          ...baseRow(draft, ctx, acquired),
          kind: 'file',
          acquired_by: acquiredBy,
          tool,
          tool_version: toolVersion,
          original_name: basename(path),
          original_path: path,
          media_type: mediaTypeOf(path),
          size: ingested.size,
          sha256: ingested.sha256,
          md5: ingested.md5,
          sha1: ingested.sha1,
          tool_hash: toolHash,
          tool_hash_algorithm: draft.toolHashAlgorithm,
          tool_hash_match: toolHashMatch,
          storage: store ? 'embedded' : 'reference',
          blob_id: store ? (linkedBlobId ?? blobId) : null,
          reference_path: store ? null : path,
          storage_location: storageLocation,
          parent_id: parentId,
          integrity: toolHashMatch === 0 ? 'mismatch' : 'verified',
          flagged: toolHashMatch === 0 ? 1 : 0,
          last_verified_at: ctx.clock().toISOString(),
        },
        acquisition: {
          id: randomUUID(),
          values: {
            type: 'acquisition',
            at: acquired.utc,
            zone: acquired.zone,
            releasedBy: draft.custodian || draft.source,
            receivedBy: acquiredBy,
            purpose: 'Acquisition',
            fromLocation: draft.source || path,
            toLocation: storageLocation,
            sealBefore: '',
            sealAfter: '',
            hashResult: toolHashMatch === null ? '' : toolHashMatch === 1 ? 'match' : 'mismatch',
            details: `${draft.method} with ${tool}${toolVersion ? ` ${toolVersion}` : ''}; SHA-256 ${ingested.sha256}${linkedBlobId ? ' (same bytes as an earlier item; linked, not stored twice)' : ''}`,
            recordedBy: ctx.actor.name,
          },
        },
      });
    } catch (error) {
      if (blob) removeUnfinishedChunks(caseDb, blobId);
      throw error;
    }
  };
  return options.gate ? options.gate(record) : record();
}
