import { randomUUID } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Stats } from 'node:fs';
import type { z } from 'zod';
import type { EvidenceItem, FileEvidenceDraft } from '../../../../shared/domain/evidence.ts';
import { DEFAULT_STORE_LIMIT } from '../../../../shared/domain/profile.ts';
import { escapeControl } from '../../../../shared/logic/text.ts';
import { formatBytes } from '../../../../shared/logic/units.ts';
import { CustosError } from '../../errors.ts';
import type { ErrorCode } from '../../errors.ts';
import { describeBytes, resolveGivenPath, storedPath } from '../../fsPaths.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { identityLockPath } from '../../store/file/writerLock.ts';
import { SIDE_SUFFIXES } from '../../store/file/sideFiles.ts';
import { findBySha256, getEvidence } from '../../store/tables/evidenceItems.ts';
import { recordEvidence } from '../../store/tables/evidenceWrites.ts';
import { removeUnfinishedChunks } from '../../store/tables/evidenceBlobs.ts';
import type { NewBlob } from '../../store/tables/evidenceBlobs.ts';
import { runIngestWorker } from '../../store/evidenceIo/ingest.ts';
import type { IngestDone, IngestOutcome, IngestProgress } from '../../store/evidenceIo/ingest.ts';
import type { MutationContext } from '../../store/db/mutate.ts';
import { mediaTypeOf } from './mediaType.ts';
import { timeOrNow } from '../timeInput.ts';
import { FileDescriptions } from '../../../../shared/domain/evidence.ts';
import { baseItem } from './addOther.ts';

export const CHUNK_SIZE = 1024 * 1024;

export type AddFileOptions = {
  /** Files larger than this are referenced in place instead of copied (default 2 GiB). */
  storeLimit?: number;
  chunkSize?: number;
  appVersion?: string;
  onProgress?: (progress: IngestProgress & { file: string; index: number; count: number }) => void;
  signal?: AbortSignal;
  /**
   * Runs the recording step (duplicate check, blobs, items, custody, audit) in the caller's queue.
   * The read-hash-store passes before it run outside any queue, so other calls are not held up.
   */
  gate?: <T>(record: () => T) => Promise<T>;
  /**
   * Each file's own description, one per path in the order given; a blank one (or none) takes the
   * draft's shared description. Several files added at once are rarely the same thing.
   */
  descriptions?: readonly string[];
};

type Draft = z.output<typeof FileEvidenceDraft>;

/** A file that passed every check that can be made before reading it; `index` is its place among the paths. */
type Candidate = { shown: string; raw: Buffer; stats: Stats; index: number };

/** A file read, hashed and (when stored) its bytes in the case, not yet recorded. */
type Ingested = Candidate & { blobId: string; store: boolean; result: IngestDone };

export type AddFilesResult = {
  added: EvidenceItem[];
  /** Files that could only fail while being read (changed meanwhile, a read error): not added. */
  notAdded: { path: string; reason: string; fix: string; code: ErrorCode }[];
};

/** Files SQLite and Custos keep for the open case: never evidence of it, whatever name reaches them. */
function caseFiles(caseDb: CaseDb): { dev: number; ino: number }[] {
  const paths = [caseDb.realPath, ...SIDE_SUFFIXES.map((s) => `${caseDb.realPath}${s}`)];
  try {
    const identity = identityLockPath(caseDb.realPath);
    if (identity) paths.push(identity);
  } catch {
    // the case file itself is gone: its own check below names that
  }
  const ids: { dev: number; ino: number }[] = [];
  for (const path of paths) {
    try {
      const stats = statSync(path);
      ids.push({ dev: stats.dev, ino: stats.ino });
    } catch {
      // not there
    }
  }
  return ids;
}

type Problem = { code: ErrorCode; message: string };

/** Why a file cannot be added, knowable before reading a byte of it; undefined if none. */
function problemWith(
  path: string,
  ownFiles: { dev: number; ino: number }[],
): { candidate?: Candidate; problem?: Problem } {
  let given;
  try {
    given = resolveGivenPath(path);
  } catch (error) {
    return { problem: { code: 'INVALID_INPUT', message: (error as Error).message } };
  }
  const shown = escapeControl(given.shown);
  let stats: Stats;
  try {
    stats = statSync(given.raw);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      return { problem: { code: 'NOT_FOUND', message: `${shown} is a symbolic link that leads back to itself` } };
    }
    if (code === 'EACCES') {
      return { problem: { code: 'IO_ERROR', message: `${shown} cannot be reached: permission denied` } };
    }
    return { problem: { code: 'NOT_FOUND', message: `${shown} does not exist; check the path` } };
  }
  if (stats.isDirectory()) {
    return { problem: { code: 'NOT_A_FILE', message: `${shown} is a folder, not a file; add the files inside it` } };
  }
  if (!stats.isFile()) {
    return {
      problem: {
        code: 'NOT_A_FILE',
        message: `${shown} is not a regular file (a device, socket or pipe cannot be logged as file evidence)`,
      },
    };
  }
  if (ownFiles.some((f) => f.dev === stats.dev && f.ino === stats.ino)) {
    return {
      problem: {
        code: 'INVALID_INPUT',
        message: `${shown} is the open case file itself, or a file kept beside it; a case cannot hold itself as evidence (to log a copy of the case, copy it first)`,
      },
    };
  }
  try {
    accessSync(given.raw, constants.R_OK);
  } catch {
    return { problem: { code: 'IO_ERROR', message: `${shown} cannot be read; check its permissions` } };
  }
  return { candidate: { shown: given.shown, raw: given.raw, stats, index: -1 } };
}

/**
 * Every refusal that can be known before reading is checked for every file first, so a batch
 * with one bad file writes nothing at all: a file missing, not a regular file, unreadable, given
 * twice, or the case itself.
 */
function checkAll(caseDb: CaseDb, paths: string[]): Candidate[] {
  const ownFiles = caseFiles(caseDb);
  const problems: Problem[] = [];
  const candidates: Candidate[] = [];
  for (const [index, path] of paths.entries()) {
    const { candidate, problem } = problemWith(path, ownFiles);
    if (candidate) candidate.index = index;
    if (problem) problems.push(problem);
    else if (candidates.some((c) => c.stats.dev === candidate!.stats.dev && c.stats.ino === candidate!.stats.ino)) {
      problems.push({
        code: 'INVALID_INPUT',
        message: `${escapeControl(candidate!.shown)} is given twice (or under two names); give it once`,
      });
    } else candidates.push(candidate!);
  }
  if (problems.length === 1 && paths.length === 1) throw new CustosError(problems[0]!.code, problems[0]!.message);
  if (problems.length > 0) {
    const shown =
      problems
        .slice(0, 10)
        .map((p) => p.message)
        .join('; ') + (problems.length > 10 ? `; and ${problems.length - 10} more` : '');
    throw new CustosError('INVALID_INPUT', `Nothing was added: ${shown}`);
  }
  return candidates;
}

/** Why an ingest did not finish, about the file, and what to do; nothing of it was recorded. */
function reasonFor(
  candidate: Candidate,
  result: Exclude<IngestOutcome, IngestDone | { type: 'cancelled' }>,
): { reason: string; fix: string; code: ErrorCode } {
  const shown = escapeControl(candidate.shown);
  if (result.code === 'STORE') {
    const full = /full/i.test(result.message);
    return {
      reason: `${shown} could not be stored in the case (${escapeControl(result.message)})`,
      fix: 'check the free space where the case file is',
      code: full ? 'DISK_FULL' : 'IO_ERROR',
    };
  }
  if (result.code === 'CHANGED') {
    return {
      reason: `${shown}: ${result.message}`,
      fix: 'copy it somewhere stable and add the copy',
      code: 'CHANGED_WHILE_READING',
    };
  }
  return {
    reason: `${shown} could not be read (${escapeControl(result.message)})`,
    fix: 'check the disk or share it is on, then add it again',
    code: 'IO_ERROR',
  };
}

/**
 * Logs files as evidence. Each is read once, hashed while streaming on a worker thread, stored in
 * the case in chunks (or referenced in place when larger than the store limit); then all are
 * recorded together, each with its acquisition custody event in its own audit entry, in one
 * transaction. Refusals that can be known first (a missing file, the case itself, a duplicate
 * without --link) refuse the whole batch before anything is recorded; a file that can only fail
 * while it is read (it changed meanwhile) is reported in `notAdded` and the others are added.
 * Cancelling, or a crash, leaves no item.
 */
export async function addFilesEvidence(
  caseDb: CaseDb,
  ctx: MutationContext,
  paths: string[],
  draft: Draft,
  options: AddFileOptions = {},
): Promise<AddFilesResult> {
  caseDb.assertWritable();
  if (options.descriptions && options.descriptions.length !== paths.length) {
    throw new CustosError(
      'INVALID_INPUT',
      `${options.descriptions.length} descriptions were given for ${paths.length} files; give one per file, in the order of the files (or one for all)`,
    );
  }
  if (options.descriptions) {
    // Every caller (window, CLI, tests) passes the same check as the batch's own description.
    const checked = FileDescriptions.safeParse(options.descriptions);
    if (!checked.success) {
      const problem = checked.error.issues[0]!;
      const which = typeof problem.path[0] === 'number' ? ` (the description of file ${problem.path[0] + 1})` : '';
      throw new CustosError('INVALID_INPUT', `${problem.message}${which}`);
    }
  }
  const candidates = checkAll(caseDb, paths);
  // Checked before reading: a wrong parent should not cost a gigabyte of hashing.
  const parentId = draft.derivedFrom ? getEvidence(caseDb, draft.derivedFrom).id : null;
  const acquired = timeOrNow(draft.acquiredAt, draft.acquiredZone, ctx.clock(), 'Acquisition time');
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const ingested: Ingested[] = [];
  const notAdded: AddFilesResult['notAdded'] = [];
  const discard = () => {
    for (const item of ingested) removeUnfinishedChunks(caseDb, item.blobId);
  };
  for (const [index, candidate] of candidates.entries()) {
    const store = !(draft.byReference ?? candidate.stats.size > (options.storeLimit ?? DEFAULT_STORE_LIMIT));
    const blobId = randomUUID();
    let result: IngestOutcome;
    try {
      const pass = () =>
        runIngestWorker(
          {
            casePath: caseDb.realPath,
            file: candidate.raw,
            blobId,
            store,
            chunkSize,
            md5: draft.md5 || draft.toolHashAlgorithm === 'md5',
            sha1: draft.sha1 || draft.toolHashAlgorithm === 'sha1',
          },
          options.onProgress
            ? (p) => options.onProgress!({ ...p, file: candidate.shown, index, count: candidates.length })
            : undefined,
          options.signal,
        );
      result = store ? await caseDb.withBulkWrites(pass) : await pass();
    } catch (error) {
      result = { type: 'error', code: 'IO', message: (error as Error).message };
    }
    // A cancel that came in after the last byte but before anything was recorded still cancels:
    // the person asked for nothing to be recorded, and has not yet been told otherwise.
    if (options.signal?.aborted) result = { type: 'cancelled' };
    if (result.type === 'done') {
      ingested.push({ ...candidate, blobId, store, result });
      continue;
    }
    removeUnfinishedChunks(caseDb, blobId);
    if (result.type === 'cancelled') {
      discard();
      throw new CustosError(
        'CANCELLED',
        `Adding ${candidates.length === 1 ? escapeControl(basename(candidate.shown)) : 'the files'} was cancelled; nothing was recorded`,
      );
    }
    notAdded.push({ path: candidate.shown, ...reasonFor(candidate, result) });
  }
  const storeLimit = options.storeLimit ?? DEFAULT_STORE_LIMIT;
  const record = (): EvidenceItem[] => {
    try {
      refuseDuplicates(caseDb, ingested, draft);
      return caseDb.transaction(() =>
        ingested.map((item) =>
          recordOne(caseDb, ctx, item, withOwnDescription(draft, options.descriptions?.[item.index]), {
            acquired,
            parentId,
            chunkSize,
            appVersion: options.appVersion,
            storeLimit,
          }),
        ),
      );
    } catch (error) {
      discard();
      throw error;
    }
  };
  const added = ingested.length === 0 ? [] : options.gate ? await options.gate(record) : record();
  return { added, notAdded };
}

/** The same bytes as an item in the case, or as an earlier file of the batch, need --link. */
function refuseDuplicates(caseDb: CaseDb, ingested: Ingested[], draft: Draft): void {
  if (draft.onDuplicate === 'link') return;
  const problems: string[] = [];
  for (const [i, item] of ingested.entries()) {
    const name = escapeControl(basename(item.shown));
    const sha = `SHA-256 ${item.result.sha256.slice(0, 16)}…`;
    const inCase = findBySha256(caseDb, item.result.sha256);
    const earlier = ingested.slice(0, i).find((other) => other.result.sha256 === item.result.sha256);
    if (inCase) problems.push(`${name} has the same bytes (${sha}) as ${inCase.item.exhibit}`);
    else if (earlier) {
      problems.push(
        `${name} has the same bytes (${sha}) as ${escapeControl(basename(earlier.shown))}, given in the same batch`,
      );
    }
  }
  if (problems.length > 0) {
    throw new CustosError(
      'ALREADY_EXISTS',
      `${ingested.length > 1 ? 'Nothing was added: ' : ''}${problems.join('; ')}; to log ${problems.length === 1 ? 'it' : 'them'} again, link to those bytes instead of storing them twice (custos evidence add --link)`,
    );
  }
}

type RecordContext = {
  acquired: { utc: string; zone: string };
  parentId: string | null;
  chunkSize: number;
  appVersion: string | undefined;
  storeLimit: number;
};

/** The batch's draft with this file's own description, when it has one. */
function withOwnDescription(draft: Draft, own: string | undefined): Draft {
  const description = own?.trim();
  return description ? { ...draft, description } : draft;
}

/**
 * Why a file was referenced where it lies instead of copied into the case, in words for the
 * examiner and the custody record: asked for, or larger than the store limit.
 */
export function referencedBecause(size: number, byReference: boolean | undefined, storeLimit: number): string {
  return byReference
    ? 'referenced in place, as asked'
    : `${formatBytes(size)} is over the store limit of ${formatBytes(storeLimit)}, so it was referenced in place`;
}

/** One item, its bytes (or a link to bytes already in the case) and its acquisition record. */
function recordOne(
  caseDb: CaseDb,
  ctx: MutationContext,
  ingested: Ingested,
  draft: Draft,
  rc: RecordContext,
): EvidenceItem {
  const { result, store, blobId } = ingested;
  let linkedBlobId: string | null = null;
  const duplicate = findBySha256(caseDb, result.sha256);
  if (duplicate && store && duplicate.blobId) {
    removeUnfinishedChunks(caseDb, blobId);
    linkedBlobId = duplicate.blobId;
  }
  const toolHash = draft.toolHash.toLowerCase();
  const ours = { md5: result.md5, sha1: result.sha1, sha256: result.sha256 } as const;
  const toolHashMatch = toolHash && draft.toolHashAlgorithm ? ours[draft.toolHashAlgorithm] === toolHash : null;
  const blob: NewBlob | null =
    store && !linkedBlobId
      ? {
          id: blobId,
          size: result.size,
          sha256: result.sha256,
          md5: result.md5,
          sha1: result.sha1,
          chunkSize: rc.chunkSize,
          chunkCount: result.chunkCount,
        }
      : null;
  const acquiredBy = draft.acquiredBy || ctx.actor.name;
  // Custos's own version only when Custos is the tool: another tool's version is what the examiner
  // says it is, or nothing; the custody record must never state a version nobody gave.
  const tool = draft.tool || 'Custos';
  const toolVersion = draft.tool ? (draft.toolVersion ?? '') : draft.toolVersion || rc.appVersion || '';
  // A file referenced in place was never copied: the record says what was done to it.
  const method = draft.method || (store ? 'Logical copy of the file' : 'Hashed where it lies (referenced, not copied)');
  // Lossless: the path's own bytes when they are not UTF-8 (see fsPaths.ts); the name as readable text.
  const recordedPath = storedPath(ingested.raw);
  const storageLocation =
    draft.storageLocation || (store ? 'Stored in the case file' : `Referenced in place at ${ingested.shown}`);
  const id = randomUUID();
  return recordEvidence(caseDb, ctx, {
    id,
    blob,
    item: {
      ...baseItem({ ...draft, method }, ctx, rc.acquired),
      kind: 'file',
      acquiredBy,
      tool,
      toolVersion,
      originalName: describeBytes(basenameBytes(ingested.raw)),
      originalPath: recordedPath,
      mediaType: mediaTypeOf(ingested.shown),
      size: result.size,
      sha256: result.sha256,
      md5: result.md5,
      sha1: result.sha1,
      toolHash,
      toolHashAlgorithm: draft.toolHashAlgorithm,
      toolHashMatch,
      storage: store ? 'embedded' : 'reference',
      blobId: store ? (linkedBlobId ?? blobId) : null,
      referencePath: store ? null : recordedPath,
      storageLocation,
      parentId: rc.parentId,
      integrity: toolHashMatch === false ? 'mismatch' : 'verified',
      flagged: toolHashMatch === false,
      lastVerifiedAt: ctx.clock().toISOString(),
    },
    acquisition: {
      id: randomUUID(),
      values: {
        type: 'acquisition',
        at: rc.acquired.utc,
        zone: rc.acquired.zone,
        releasedBy: draft.custodian || draft.source,
        receivedBy: acquiredBy,
        purpose: 'Acquisition',
        fromLocation: draft.source || ingested.shown,
        toLocation: storageLocation,
        sealBefore: '',
        sealAfter: '',
        hashResult: toolHashMatch === null ? '' : toolHashMatch ? 'match' : 'mismatch',
        details: `${method} with ${tool}${toolVersion ? ` ${toolVersion}` : ''}; SHA-256 ${result.sha256}${linkedBlobId ? ' (same bytes as an earlier item; linked, not stored twice)' : ''}${store || draft.byReference ? '' : `; ${referencedBecause(result.size, false, rc.storeLimit)}`}`,
        recordedBy: ctx.actor.name,
      },
    },
  });
}

/** The last part of a path, as bytes. */
function basenameBytes(raw: Buffer): Buffer {
  const slash =
    process.platform === 'win32' ? Math.max(raw.lastIndexOf(0x2f), raw.lastIndexOf(0x5c)) : raw.lastIndexOf(0x2f);
  return raw.subarray(slash + 1);
}

/** One file: added, or refused with the reason (a CustosError), as the single-file callers expect. */
export async function addFileEvidence(
  caseDb: CaseDb,
  ctx: MutationContext,
  file: string,
  draft: Draft,
  options: AddFileOptions = {},
): Promise<EvidenceItem> {
  const { added, notAdded } = await addFilesEvidence(caseDb, ctx, [file], draft, options);
  if (added[0]) return added[0];
  const { reason, fix, code } = notAdded[0]!;
  throw new CustosError(code, `${reason}; nothing was recorded. ${fix[0]!.toUpperCase()}${fix.slice(1)}`);
}
