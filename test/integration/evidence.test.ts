import {
  appendFileSync,
  chmodSync,
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFileEvidence, CHUNK_SIZE } from '../../electron/core/services/evidence/addFile.ts';
import type { AddFileOptions } from '../../electron/core/services/evidence/addFile.ts';
import { transferCustody, verifyEvidenceItems } from '../../electron/core/services/evidence/custody.ts';
import { exportEvidence } from '../../electron/core/services/evidence/export.ts';
import { openCaseDb, openCaseDbReadOnly } from '../../electron/core/store/db/caseDb.ts';
import type { CaseDb } from '../../electron/core/store/db/caseDb.ts';
import type { MutationContext } from '../../electron/core/store/db/mutate.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import { verifyCaseInWorkers } from '../../electron/core/store/verify/workers.ts';
import { addTimelineEvent } from '../../electron/core/services/timeline.ts';
import { listEvidence } from '../../electron/core/store/tables/evidenceItems.ts';
import { rowToEntry } from '../../electron/core/store/tables/auditLog.ts';
import type { AuditRow } from '../../electron/core/store/tables/auditLog.ts';
import { CustosError } from '../../electron/core/errors.ts';
import { CustodyTransferDraft, FileEvidenceDraft } from '../../shared/domain/evidence.ts';
import type { EvidenceItem } from '../../shared/domain/evidence.ts';
import type { CheckResult } from '../../shared/domain/audit.ts';
import { safeFileName } from '../../shared/logic/fileName.ts';
import { hasControl } from '../../shared/logic/text.ts';
import { EXAMINER, newCase, sha256File, tempDir } from '../helpers/tempCase.ts';
import { tamper } from '../helpers/tamper.ts';
import { readCase, runCustosWithoutWriteAccess } from '../helpers/cli.ts';
import {
  MiB,
  digest,
  evidenceCounts,
  flipChunkByte,
  parseCsv,
  randomFile,
  sparseFile,
  strayChunks,
} from '../helpers/evidence.ts';

const CHUNK = 4096;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Adds a file with 4 KiB chunks unless told otherwise, so multi-chunk files stay small. */
function add(
  caseDb: CaseDb,
  ctx: MutationContext,
  file: string,
  draft: FileEvidenceDraft = {},
  options: AddFileOptions = {},
): Promise<EvidenceItem> {
  return addFileEvidence(caseDb, ctx, file, FileEvidenceDraft.parse(draft), { chunkSize: CHUNK, ...options });
}

async function refusal(promise: Promise<unknown>): Promise<CustosError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CustosError);
    return error as CustosError;
  }
  throw new Error('expected the call to be refused');
}

type Row = Record<string, string | number | null>;
const itemRow = (caseDb: CaseDb, id: string) =>
  caseDb.db.prepare('SELECT * FROM evidence_item WHERE id = ?').get(id) as Row;
const blobRow = (caseDb: CaseDb, id: string) =>
  caseDb.db.prepare('SELECT * FROM evidence_blob WHERE id = ?').get(id) as Row | undefined;
const custodyRows = (caseDb: CaseDb, itemId: string) =>
  caseDb.db.prepare('SELECT * FROM custody_event WHERE item_id = ? ORDER BY at, rowid').all(itemId) as Row[];
const auditEntries = (caseDb: CaseDb) =>
  (caseDb.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[]).map(rowToEntry);

/** verifyCase and the threaded verifier on the closed case file; they must agree. */
async function verifyFile(path: string) {
  const caseDb = openCaseDbReadOnly(path, { forVerification: true });
  try {
    const report = verifyCase(caseDb);
    const threaded = await verifyCaseInWorkers(caseDb);
    expect(threaded.checks).toEqual(report.checks);
    const check = (id: string) => report.checks.find((c) => c.id === id)!;
    return { report, chain: check('chain'), replay: check('replay'), evidence: check('evidence') };
  } finally {
    caseDb.close();
  }
}

const evidenceFailure = (exhibit: string, rowId: string, message: RegExp): Partial<CheckResult> & object => ({
  id: 'evidence',
  status: 'fail',
  message: expect.stringMatching(new RegExp(`^${exhibit}: ${message.source}`)) as unknown as string,
  location: { table: 'evidence_item', rowId },
});

describe('stored evidence round-trips byte for byte', () => {
  it('every size from empty to several chunks: chunk rows, hashes and the exported copy match the input', async () => {
    const { caseDb, ctx } = newCase(dir);
    const allBytes = Buffer.alloc(3 * 256);
    for (let i = 0; i < allBytes.length; i++) allBytes[i] = i % 256;
    const inputs = [0, 1, CHUNK, CHUNK + 1, 5 * CHUNK, 7 * CHUNK + 333].map((size, i) => {
      const file = join(dir, `sample-${size}.bin`);
      return { file, data: randomFile(file, size), md5: i % 2 === 0, sha1: i % 3 === 0 };
    });
    const binary = join(dir, 'every-byte.bin');
    writeFileSync(binary, allBytes);
    inputs.push({ file: binary, data: allBytes, md5: true, sha1: true });

    const items: EvidenceItem[] = [];
    for (const input of inputs) items.push(await add(caseDb, ctx, input.file, { md5: input.md5, sha1: input.sha1 }));

    for (const [i, { data, md5, sha1, file }] of inputs.entries()) {
      const item = items[i]!;
      const expected = {
        sha256: digest('sha256', data),
        md5: md5 ? digest('md5', data) : null,
        sha1: sha1 ? digest('sha1', data) : null,
      };
      expect(item).toMatchObject({
        exhibit: `E-000${i + 1}`,
        size: data.length,
        ...expected,
        storage: 'embedded',
        referencePath: null,
        originalPath: file,
      });
      const row = itemRow(caseDb, item.id);
      expect(row).toMatchObject({
        size: data.length,
        ...expected,
        storage: 'embedded',
        reference_path: null,
        integrity: 'verified',
        flagged: 0,
      });
      const chunkCount = Math.ceil(data.length / CHUNK);
      expect(blobRow(caseDb, row.blob_id as string)).toMatchObject({
        size: data.length,
        ...expected,
        chunk_size: CHUNK,
        chunk_count: chunkCount,
      });
      const chunks = caseDb.db
        .prepare('SELECT idx, data FROM evidence_chunk WHERE blob_id = ? ORDER BY idx')
        .all(row.blob_id) as { idx: number; data: Buffer }[];
      expect(chunks.map((c) => c.idx)).toEqual([...Array(chunkCount).keys()]);
      expect(chunks.map((c) => c.data.length)).toEqual(
        [...Array(chunkCount).keys()].map((k) => (k < chunkCount - 1 ? CHUNK : data.length - k * CHUNK)),
      );
      expect(Buffer.concat(chunks.map((c) => c.data)).equals(data)).toBe(true);
    }

    const out = join(dir, 'out');
    mkdirSync(out);
    const result = await exportEvidence(caseDb, ctx, [], out);
    expect(result.files.map((f) => f.exhibit)).toEqual(items.map((i) => i.exhibit));
    for (const [i, exported] of result.files.entries()) {
      const copy = readFileSync(exported.file);
      expect(copy.equals(inputs[i]!.data)).toBe(true);
      expect(digest('sha256', copy)).toBe(items[i]!.sha256);
    }
    const report = verifyCase(caseDb);
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.id === 'evidence')).toMatchObject({
      status: 'pass',
      message: expect.stringMatching(/^7 stored files \(/) as unknown as string,
    });
    caseDb.close();
  });

  it('stores 1 MiB chunks by default', async () => {
    const { caseDb, ctx } = newCase(dir);
    const file = join(dir, 'two-and-a-half.bin');
    const data = randomFile(file, 2.5 * MiB);
    const item = await addFileEvidence(caseDb, ctx, file, FileEvidenceDraft.parse({}));
    expect(CHUNK_SIZE).toBe(MiB);
    expect(blobRow(caseDb, itemRow(caseDb, item.id).blob_id as string)).toMatchObject({
      chunk_size: MiB,
      chunk_count: 3,
      sha256: digest('sha256', data),
    });
    caseDb.close();
  });
});

describe('storing bytes writes them once', () => {
  // Rollback-journal mode while the bytes go in (new pages written straight into the file), WAL again after.
  it('the case is in rollback-journal mode while bytes are stored, readable meanwhile, and in WAL mode for later writes', async () => {
    const { caseDb, ctx, path } = newCase(dir);
    // A first write puts the case in WAL mode; storing bytes takes it out again.
    addTimelineEvent(caseDb, ctx, {
      at: '2026-11-01T10:00Z',
      title: 'Demand received',
      description: '',
      source: '',
      category: 'extortion',
    });
    expect(caseDb.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const file = join(dir, 'mailbox.pst');
    const data = randomFile(file, 96 * MiB + 5);
    const during: { mode: unknown; items: number }[] = [];
    const item = await addFileEvidence(caseDb, ctx, file, FileEvidenceDraft.parse({}), {
      onProgress: () => {
        if (during.length > 0) return;
        // Another process can read the case while the bytes go in.
        during.push({
          mode: caseDb.db.pragma('journal_mode', { simple: true }),
          items: readCase(path, (db) => evidenceCounts(db).items),
        });
      },
    });
    expect(during).toEqual([{ mode: 'delete', items: 0 }]);
    expect(existsSync(`${path}-journal`)).toBe(false);
    addTimelineEvent(caseDb, ctx, {
      at: '2026-11-01T11:00Z',
      title: 'Mailbox exported',
      description: '',
      source: '',
      category: 'response',
    });
    expect(caseDb.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(blobRow(caseDb, itemRow(caseDb, item.id).blob_id as string)).toMatchObject({
      chunk_count: 97,
      sha256: digest('sha256', data),
    });
    expect(verifyCase(caseDb).ok).toBe(true);
    caseDb.close();
    expect(readCase(path, (db) => db.pragma('journal_mode', { simple: true }))).toBe('delete');
  });

  it('with another connection open on the case, stores in WAL mode instead, with the same result', async () => {
    const { caseDb, ctx, path } = newCase(dir);
    addTimelineEvent(caseDb, ctx, {
      at: '2026-11-01T10:00Z',
      title: 'Demand received',
      description: '',
      source: '',
      category: 'extortion',
    });
    const reader = openCaseDbReadOnly(path);
    const file = join(dir, 'chat.json');
    const data = randomFile(file, 40 * MiB + 1);
    const modes = new Set<unknown>();
    const item = await addFileEvidence(caseDb, ctx, file, FileEvidenceDraft.parse({}), {
      onProgress: () => modes.add(caseDb.db.pragma('journal_mode', { simple: true })),
    });
    expect(modes).toEqual(new Set(['wal']));
    expect(reader.db.prepare('SELECT sha256 FROM evidence_item WHERE id = ?').pluck().get(item.id)).toBe(
      digest('sha256', data),
    );
    reader.close();
    expect(verifyCase(caseDb).ok).toBe(true);
    caseDb.close();
  });
});

describe('evidence by reference', () => {
  it('keeps no bytes: storage "reference", the resolved path, no blob or chunks; export copies from the file', async () => {
    const { caseDb, ctx } = newCase(dir);
    const file = join(dir, 'mailbox.pst');
    const data = randomFile(file, 3 * CHUNK + 5);
    const item = await add(caseDb, ctx, file, { byReference: true, md5: true });
    expect(itemRow(caseDb, item.id)).toMatchObject({
      storage: 'reference',
      blob_id: null,
      reference_path: file,
      storage_location: `Referenced in place at ${file}`,
      size: data.length,
      sha256: digest('sha256', data),
      md5: digest('md5', data),
    });
    expect(evidenceCounts(caseDb.db)).toMatchObject({ items: 1, blobs: 0, chunks: 0 });
    const out = join(dir, 'out');
    mkdirSync(out);
    const [exported] = (await exportEvidence(caseDb, ctx, [item.exhibit], out)).files;
    expect(readFileSync(exported!.file).equals(data)).toBe(true);
    expect(verifyCase(caseDb).checks.find((c) => c.id === 'evidence')).toMatchObject({
      status: 'pass',
      message: expect.stringMatching(/^1 referenced file \(/) as unknown as string,
    });
    caseDb.close();
  });

  it('a file over the store limit is referenced automatically; one at the limit is stored; an explicit choice wins', async () => {
    const { caseDb, ctx } = newCase(dir);
    const atLimit = join(dir, 'at-limit.bin');
    const over = join(dir, 'over-limit.bin');
    const forced = join(dir, 'forced.bin');
    randomFile(atLimit, 1000);
    randomFile(over, 1001);
    randomFile(forced, 1001);
    const stored = await add(caseDb, ctx, atLimit, {}, { storeLimit: 1000 });
    const referenced = await add(caseDb, ctx, over, {}, { storeLimit: 1000 });
    const storedAnyway = await add(caseDb, ctx, forced, { byReference: false }, { storeLimit: 1000 });
    expect([stored.storage, referenced.storage, storedAnyway.storage]).toEqual(['embedded', 'reference', 'embedded']);
    expect(itemRow(caseDb, referenced.id)).toMatchObject({ blob_id: null, reference_path: over });
    expect(evidenceCounts(caseDb.db)).toMatchObject({ items: 3, blobs: 2, chunks: 2 });
    caseDb.close();
  });
});

describe('tampering with evidence bytes is found and named', () => {
  /** A closed case with E-0001 stored in three chunks and E-0002 referenced in place. */
  async function caseWithEvidence() {
    const { path, ctx, caseDb } = newCase(dir);
    const storedFile = join(dir, 'ransom-note.txt');
    const storedData = randomFile(storedFile, 2 * CHUNK + 100);
    const refFile = join(dir, 'laptop.img');
    const refData = randomFile(refFile, 2 * CHUNK);
    const stored = await add(caseDb, ctx, storedFile);
    const referenced = await add(caseDb, ctx, refFile, { byReference: true });
    const blobId = itemRow(caseDb, stored.id).blob_id as string;
    caseDb.close();
    return { path, ctx, stored, storedData, referenced, refFile, refData, blobId };
  }

  it('an altered chunk: verifyCase names the exhibit and item; verifyEvidenceItems records the mismatch; export refuses it', async () => {
    const { path, ctx, stored, referenced, blobId } = await caseWithEvidence();
    expect((await verifyFile(path)).report.ok).toBe(true);

    // Stored bytes cannot be rewritten in place…
    expect(() =>
      tamper(path, 'UPDATE evidence_chunk SET data = zeroblob(4096) WHERE blob_id = ? AND idx = 1', blobId),
    ).toThrow(/evidence bytes are never modified/);
    // …so the trigger goes first (and comes back, so the chain check has nothing to say).
    flipChunkByte(path, blobId, 1, 17);
    const found = await verifyFile(path);
    expect(found.report.ok).toBe(false);
    expect(found.chain.status).toBe('pass');
    expect(found.replay.status).toBe('pass');
    expect(found.evidence).toMatchObject(
      evidenceFailure(stored.exhibit, stored.id, /its stored bytes no longer match their recorded SHA-256/),
    );

    const caseDb = openCaseDb(path);
    const outcomes = verifyEvidenceItems(caseDb, ctx, []);
    expect(outcomes.map((o) => [o.item.exhibit, o.item.id, o.check.result, o.item.integrity, o.item.flagged])).toEqual([
      [stored.exhibit, stored.id, 'mismatch', 'mismatch', true],
      [referenced.exhibit, referenced.id, 'match', 'verified', false],
    ]);
    expect(itemRow(caseDb, stored.id)).toMatchObject({ integrity: 'mismatch', flagged: 1 });
    expect(custodyRows(caseDb, stored.id).at(-1)).toMatchObject({
      type: 'verification',
      hash_result: 'mismatch',
      recorded_by: EXAMINER.name,
    });

    // An export of the altered bytes is read back, found wrong and removed; nothing is recorded.
    const out = join(dir, 'out');
    mkdirSync(out);
    const before = evidenceCounts(caseDb.db);
    const error = await refusal(exportEvidence(caseDb, ctx, [stored.exhibit], out));
    expect(error.code).toBe('IO_ERROR');
    expect(error.message).toMatch(
      /^E-0001: the exported copy did not match its SHA-256 when read back, so it was removed/,
    );
    expect(readdirSync(out)).toEqual([]);
    expect(evidenceCounts(caseDb.db)).toEqual(before);
    caseDb.close();
  });

  it('bytes shared by linked items: the check names the first item, and every item holding them is flagged', async () => {
    const { path, ctx, stored, storedData, blobId } = await caseWithEvidence();
    let caseDb = openCaseDb(path);
    const copy = join(dir, 'ransom-note (forwarded).txt');
    writeFileSync(copy, storedData);
    const linked = await add(caseDb, ctx, copy, { onDuplicate: 'link' });
    expect(itemRow(caseDb, linked.id).blob_id).toBe(blobId);
    caseDb.close();
    flipChunkByte(path, blobId, 2);
    expect((await verifyFile(path)).evidence).toMatchObject(
      evidenceFailure(stored.exhibit, stored.id, /its stored bytes no longer match/),
    );
    caseDb = openCaseDb(path);
    const outcomes = verifyEvidenceItems(caseDb, ctx, [linked.exhibit, stored.exhibit]);
    expect(outcomes.map((o) => [o.item.exhibit, o.check.result, o.item.flagged])).toEqual([
      [linked.exhibit, 'mismatch', true],
      [stored.exhibit, 'mismatch', true],
    ]);
    caseDb.close();
  });

  it('dropping the chunk trigger is itself reported by the schema check', async () => {
    const { path } = await caseWithEvidence();
    tamper(path, 'DROP TRIGGER evidence_chunk_no_update');
    const found = await verifyFile(path);
    expect(found.report.checks[0]).toMatchObject({
      id: 'schema',
      status: 'fail',
      location: { object: 'evidence_chunk_no_update' },
    });
    expect(found.chain.status).toBe('pass');
  });

  it('a deleted chunk', async () => {
    const { path, ctx, stored, blobId } = await caseWithEvidence();
    tamper(path, 'DELETE FROM evidence_chunk WHERE blob_id = ? AND idx = 1', blobId);
    const found = await verifyFile(path);
    expect(found.chain.status).toBe('pass');
    expect(found.evidence).toMatchObject(
      evidenceFailure(stored.exhibit, stored.id, /chunk 1 of its stored bytes is missing/),
    );
    const caseDb = openCaseDb(path);
    const [outcome] = verifyEvidenceItems(caseDb, ctx, [stored.exhibit]);
    expect(outcome).toMatchObject({
      check: { result: 'mismatch', detail: 'chunk 1 of its stored bytes is missing' },
      item: { id: stored.id, integrity: 'mismatch', flagged: true },
    });
    caseDb.close();
  });

  it('a referenced file modified, then deleted, then restored: the item stays flagged after it verifies again', async () => {
    const { path, ctx, referenced, refFile, refData } = await caseWithEvidence();
    const modified = Buffer.from(refData);
    modified[100] = modified[100]! ^ 0x01;
    writeFileSync(refFile, modified);
    expect((await verifyFile(path)).evidence).toMatchObject(
      evidenceFailure(
        referenced.exhibit,
        referenced.id,
        /its referenced file hashes to SHA-256 [0-9a-f]{64}, not the [0-9a-f]{64} the item records: /,
      ),
    );
    let caseDb = openCaseDb(path);
    expect(verifyEvidenceItems(caseDb, ctx, [referenced.id])[0]).toMatchObject({
      check: { result: 'mismatch' },
      item: { integrity: 'mismatch', flagged: true },
    });
    caseDb.close();

    rmSync(refFile);
    expect((await verifyFile(path)).evidence).toMatchObject(
      evidenceFailure(referenced.exhibit, referenced.id, /its referenced file is missing: /),
    );
    caseDb = openCaseDb(path);
    expect(verifyEvidenceItems(caseDb, ctx, [referenced.exhibit])[0]).toMatchObject({
      check: { result: 'missing' },
      item: { integrity: 'missing', flagged: true },
    });
    caseDb.close();

    writeFileSync(refFile, refData);
    const restored = await verifyFile(path);
    expect(restored.report.ok).toBe(true);
    caseDb = openCaseDb(path);
    const [again] = verifyEvidenceItems(caseDb, ctx, [referenced.id]);
    expect(again).toMatchObject({ check: { result: 'match' }, item: { integrity: 'verified', flagged: true } });
    expect(itemRow(caseDb, referenced.id)).toMatchObject({ integrity: 'verified', flagged: 1 });
    // A later hand-over with a hash check does not clear it either.
    await transferCustody(
      caseDb,
      ctx,
      referenced.exhibit,
      CustodyTransferDraft.parse({ from: 'Dana', to: 'Locker', purpose: 'Storage', checkHash: true }),
    );
    expect(itemRow(caseDb, referenced.id)).toMatchObject({ integrity: 'verified', flagged: 1 });
    expect(custodyRows(caseDb, referenced.id).map((e) => [e.type, e.hash_result])).toEqual([
      ['acquisition', ''],
      ['verification', 'mismatch'],
      ['verification', 'missing'],
      ['verification', 'match'],
      ['transfer', 'match'],
    ]);
    expect(verifyCase(caseDb).ok).toBe(true);
    caseDb.close();
  });
});

describe('refused additions leave nothing behind', () => {
  let caseDb: CaseDb;
  let ctx: MutationContext;
  let firstData: Buffer;
  beforeEach(async () => {
    ({ caseDb, ctx } = newCase(dir));
    const first = join(dir, 'first.bin');
    firstData = randomFile(first, 3 * CHUNK);
    await add(caseDb, ctx, first);
  });
  afterEach(() => caseDb.close());

  /** Runs the refused call and checks that no item, blob, chunk, custody event or audit entry appeared. */
  async function refusedWithoutTrace(call: () => Promise<unknown>): Promise<CustosError> {
    const before = evidenceCounts(caseDb.db);
    const error = await refusal(call());
    expect(evidenceCounts(caseDb.db)).toEqual(before);
    expect(strayChunks(caseDb.db)).toBe(0);
    return error;
  }

  it('a folder, a missing file and a device', async () => {
    const folder = join(dir, 'exports');
    mkdirSync(folder);
    expect(await refusedWithoutTrace(() => add(caseDb, ctx, folder))).toMatchObject({
      code: 'NOT_A_FILE',
      message: `${folder} is a folder, not a file; add the files inside it`,
    });
    const missing = join(dir, 'nowhere.eml');
    expect(await refusedWithoutTrace(() => add(caseDb, ctx, missing))).toMatchObject({
      code: 'NOT_FOUND',
      message: `${missing} does not exist; check the path`,
    });
    expect(await refusedWithoutTrace(() => add(caseDb, ctx, '/dev/null'))).toMatchObject({
      code: 'NOT_A_FILE',
      message: expect.stringMatching(/^\/dev\/null is not a regular file/),
    });
  });

  it('an unreadable file', async () => {
    const file = join(dir, 'locked.bin');
    randomFile(file, 100);
    chmodSync(file, 0o000);
    let readable = true;
    try {
      accessSync(file, constants.R_OK);
    } catch {
      readable = false;
    }
    if (!readable) {
      expect(await refusedWithoutTrace(() => add(caseDb, ctx, file))).toMatchObject({
        code: 'IO_ERROR',
        message: `${file} cannot be read; check its permissions`,
      });
      return;
    }
    // As root every file is readable; the command line run without root's power to ignore
    // permissions meets the refusal a user would.
    const casePath = caseDb.path;
    const before = evidenceCounts(caseDb.db);
    caseDb.close();
    const result = runCustosWithoutWriteAccess(join(dir, 'data'), [
      'evidence',
      'add',
      casePath,
      file,
      '--as',
      'A, B, C',
    ]);
    expect(result.status, result.stderr + result.stdout).toBe(2);
    expect(result.stderr).toBe(`custos: ${file} cannot be read; check its permissions\n`);
    caseDb = openCaseDb(casePath);
    expect(evidenceCounts(caseDb.db)).toEqual(before);
  });

  it('the same bytes again, unless linked to the item that holds them', async () => {
    const copy = join(dir, 'copy-of-first.bin');
    writeFileSync(copy, firstData);
    const error = await refusedWithoutTrace(() => add(caseDb, ctx, copy));
    expect(error.code).toBe('ALREADY_EXISTS');
    expect(error.message).toMatch(
      /^copy-of-first\.bin has the same bytes \(SHA-256 [0-9a-f]{16}…\) as E-0001; .*--link/,
    );

    const before = evidenceCounts(caseDb.db);
    const linked = await add(caseDb, ctx, copy, { onDuplicate: 'link' });
    expect(linked.exhibit).toBe('E-0002');
    const first = caseDb.db.prepare("SELECT blob_id FROM evidence_item WHERE exhibit = 'E-0001'").pluck().get();
    expect(itemRow(caseDb, linked.id)).toMatchObject({
      blob_id: first,
      storage: 'embedded',
      sha256: digest('sha256', firstData),
    });
    expect(evidenceCounts(caseDb.db)).toEqual({
      ...before,
      items: before.items + 1,
      custody: before.custody + 1,
      audit: before.audit + 1,
    });
    expect(custodyRows(caseDb, linked.id)[0]!.details).toMatch(/linked, not stored twice/);
    expect(verifyCase(caseDb).ok).toBe(true);
  });

  it('a cancel before the first byte', async () => {
    const file = join(dir, 'image.dd');
    randomFile(file, 5 * CHUNK);
    const error = await refusedWithoutTrace(() => add(caseDb, ctx, file, {}, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ code: 'CANCELLED', message: 'Adding image.dd was cancelled; nothing was recorded' });
  });

  it('a cancel from the progress callback, mid-way through a multi-chunk file, after chunks were written', async () => {
    const file = join(dir, 'disk.img');
    sparseFile(file, 256 * MiB);
    const controller = new AbortController();
    let cancelledAt = 0;
    let total = 0;
    let committed = 0;
    const error = await refusedWithoutTrace(() =>
      addFileEvidence(caseDb, ctx, file, FileEvidenceDraft.parse({}), {
        signal: controller.signal,
        onProgress: (p) => {
          if (controller.signal.aborted) return;
          // Cancel once the worker has committed chunks into the case (they belong to no blob yet),
          // or half-way at the latest.
          committed = strayChunks(caseDb.db);
          if (committed === 0 && p.bytes < p.total / 2) return;
          ({ bytes: cancelledAt, total } = p);
          controller.abort();
        },
      }),
    );
    expect(error).toMatchObject({ code: 'CANCELLED', message: 'Adding disk.img was cancelled; nothing was recorded' });
    expect(total).toBe(256 * MiB);
    expect(cancelledAt).toBeGreaterThan(0);
    expect(cancelledAt).toBeLessThan(total);
    expect(committed).toBeGreaterThan(0);
  });

  it('a file that grows while it is read', async () => {
    const file = join(dir, 'live.log');
    sparseFile(file, 64 * MiB);
    let appended = false;
    const error = await refusedWithoutTrace(() =>
      addFileEvidence(caseDb, ctx, file, FileEvidenceDraft.parse({}), {
        onProgress: (p) => {
          if (appended || p.bytes >= p.total) return;
          appendFileSync(file, 'one more log line\n');
          appended = true;
        },
      }),
    );
    expect(appended).toBe(true);
    expect(error.code).toBe('CHANGED_WHILE_READING');
    expect(error.message).toBe(
      `${file}: the file changed while it was being read (its size, times or identity moved); nothing was recorded. Copy it somewhere stable and add the copy`,
    );
  });
});

describe('hostile file names', () => {
  it('are kept intact in the case, escaped in messages, and exported under safe names that overwrite nothing', async () => {
    const { caseDb, ctx } = newCase(dir);
    const names = ['ev\u001bil\n.txt', '..\\..\\Windows\\evil.dll', 'CON.txt', '...', 'bell\u0007 tab\t.log'];
    const contents = names.map((name) => randomFile(join(dir, name), 2 * CHUNK + names.indexOf(name)));
    const items: EvidenceItem[] = [];
    for (const name of names) items.push(await add(caseDb, ctx, join(dir, name)));
    expect(caseDb.db.prepare('SELECT original_name, original_path FROM evidence_item ORDER BY exhibit').all()).toEqual(
      names.map((name) => ({ original_name: name, original_path: join(dir, name) })),
    );
    expect(items.map((i) => i.originalName)).toEqual(names);

    // Refusals name the file with its control characters escaped.
    const again = join(dir, 'again\u001b[2J.txt');
    writeFileSync(again, contents[0]!);
    const duplicate = await refusal(add(caseDb, ctx, again));
    expect(duplicate.message).toMatch(/^again\\x1b\[2J\.txt has the same bytes .* as E-0001;/);
    const missing = await refusal(add(caseDb, ctx, join(dir, 'gone\u0007\n.txt')));
    expect(missing.message).toBe(`${dir}/gone\\x07\\n.txt does not exist; check the path`);
    const folder = join(dir, 'dir\u001b]0;owned\u0007');
    mkdirSync(folder);
    const notAFile = await refusal(add(caseDb, ctx, folder));
    expect(notAFile.message).toBe(`${dir}/dir\\x1b]0;owned\\x07 is a folder, not a file; add the files inside it`);
    const cancelled = await refusal(add(caseDb, ctx, join(dir, names[0]!), {}, { signal: AbortSignal.abort() }));
    expect(cancelled.message).toBe('Adding ev\\x1bil\\n.txt was cancelled; nothing was recorded');
    for (const error of [duplicate, missing, notAFile, cancelled]) expect(hasControl(error.message)).toBe(false);

    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'E-0001 ev_il_.txt'), 'already here');
    const result = await exportEvidence(caseDb, ctx, [], out);
    const exportedNames = result.files.map((f) => f.file.slice(out.length + 1));
    expect(exportedNames).toEqual([
      'E-0001 ev_il_ (2).txt',
      'E-0002 .._.._Windows_evil.dll',
      'E-0003 CON.txt',
      'E-0004',
      'E-0005 bell_ tab_.log',
    ]);
    for (const [i, name] of exportedNames.entries()) {
      expect(name).not.toMatch(/[/\\]/);
      expect(name).not.toMatch(CONTROL);
      expect(name).not.toMatch(RESERVED);
      expect(name).not.toMatch(/[ .]$/);
      expect(readFileSync(join(out, name)).equals(contents[i]!)).toBe(true);
    }
    expect(readFileSync(join(out, 'E-0001 ev_il_.txt'), 'utf8')).toBe('already here');
    expect(readdirSync(out).sort()).toEqual(
      [...exportedNames, 'E-0001 ev_il_.txt', 'manifest.csv', 'manifest.json'].sort(),
    );
    // The names from the case, on their own, are made safe the same way (CON → _CON).
    expect(names.map(safeFileName)).toEqual([
      'ev_il_.txt',
      '_.._Windows_evil.dll',
      '_CON.txt',
      'unnamed',
      'bell_ tab_.log',
    ]);
    expect(['aux', 'nul.tar.gz', 'LPT1', 'com3.txt', '..', '.'].map(safeFileName)).toEqual([
      '_aux',
      '_nul.tar.gz',
      '_LPT1',
      '_com3.txt',
      'unnamed',
      'unnamed',
    ]);
    caseDb.close();
  });
});

describe('an export that fails part-way', () => {
  it('refuses before writing anything when an item cannot be exported as recorded', async () => {
    const { caseDb, ctx } = newCase(dir);
    const stored = join(dir, 'a.txt');
    randomFile(stored, 10);
    const referenced = join(dir, 'b.txt');
    randomFile(referenced, 20);
    await add(caseDb, ctx, stored);
    await add(caseDb, ctx, referenced, { byReference: true });
    rmSync(referenced);
    const out = join(dir, 'out');
    mkdirSync(out);
    try {
      const error = await refusal(exportEvidence(caseDb, ctx, [], out));
      expect(error.message).toBe(
        `Nothing was exported: E-0002: its referenced file is missing: ${referenced}. Put the files back where they were recorded (or verify the items to record what is missing), or export the other items by name`,
      );
      expect(readdirSync(out)).toEqual([]);
      expect(custodyRows(caseDb, listEvidence(caseDb)[0]!.id).map((e) => e.type)).toEqual(['acquisition']);
    } finally {
      caseDb.close();
    }
  });

  it('keeps what was exported, with its manifest and custody events, and names what failed', async () => {
    const { caseDb, ctx } = newCase(dir);
    const stored = join(dir, 'a.txt');
    randomFile(stored, 10);
    const referenced = join(dir, 'b.txt');
    randomFile(referenced, 20);
    await add(caseDb, ctx, stored);
    await add(caseDb, ctx, referenced, { byReference: true });
    // Same size, other bytes: only reading it shows it, so the export stops there.
    randomFile(referenced, 20);
    const out = join(dir, 'out');
    mkdirSync(out);
    try {
      const error = await refusal(exportEvidence(caseDb, ctx, [], out));
      expect(error.message).toMatch(
        /^E-0001 was exported with a manifest \(.*manifest\.json\); then E-0002: the exported copy did not match its SHA-256 when read back/,
      );
      expect(readdirSync(out).sort()).toEqual(['E-0001 a.txt', 'manifest.csv', 'manifest.json']);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { exhibit: string }[] };
      expect(manifest.files.map((f) => f.exhibit)).toEqual(['E-0001']);
    } finally {
      caseDb.close();
    }
  });
});

describe('export errors name hostile files escaped', () => {
  it('a referenced file with control characters in its name, missing at export', async () => {
    const { caseDb, ctx } = newCase(dir);
    const file = join(dir, 'b\u001b[2J.txt');
    randomFile(file, 10);
    await add(caseDb, ctx, file, { byReference: true });
    rmSync(file);
    const out = join(dir, 'out');
    mkdirSync(out);
    try {
      const error = await refusal(exportEvidence(caseDb, ctx, [], out));
      expect(error.message).toMatch(/^Nothing was exported: E-0001: its referenced file is missing: /);
      expect(hasControl(error.message)).toBe(false);
      // Nothing was exported, so there is no manifest either.
      expect(readdirSync(out)).toEqual([]);
    } finally {
      caseDb.close();
    }
  });
});

describe('chain of custody', () => {
  it('acquisition at add, a sealed hand-over with a hash check, append-only rows, each event in the audit log', async () => {
    const { path, ctx, caseDb } = newCase(dir);
    const file = join(dir, 'usb-stick.img');
    const data = randomFile(file, 3 * CHUNK);
    const item = await add(caseDb, ctx, file, {
      source: 'Desk drawer, office 4.12',
      custodian: 'Facilities',
      acquiredAt: '2026-11-02T08:15',
      acquiredZone: 'Europe/Berlin',
    });
    const [acquisition] = custodyRows(caseDb, item.id);
    expect(custodyRows(caseDb, item.id)).toHaveLength(1);
    expect(acquisition).toMatchObject({
      type: 'acquisition',
      at: '2026-11-02T07:15:00.000Z',
      zone: 'Europe/Berlin',
      released_by: 'Facilities',
      received_by: EXAMINER.name,
      purpose: 'Acquisition',
      from_location: 'Desk drawer, office 4.12',
      to_location: 'Stored in the case file',
      hash_result: '',
      recorded_by: EXAMINER.name,
    });
    expect(acquisition!.details).toContain(`SHA-256 ${digest('sha256', data)}`);

    const transfer = await transferCustody(
      caseDb,
      ctx,
      'e-0001',
      CustodyTransferDraft.parse({
        from: EXAMINER.name,
        to: 'Evidence officer K. Osei',
        purpose: 'Storage in locker 3',
        sealBefore: 'NW-000117',
        sealAfter: 'NW-000118',
        toLocation: 'Locker 3',
        checkHash: true,
      }),
    );
    expect(transfer).toMatchObject({
      type: 'transfer',
      hashResult: 'match',
      sealBefore: 'NW-000117',
      sealAfter: 'NW-000118',
    });
    expect(custodyRows(caseDb, item.id)[1]).toMatchObject({
      type: 'transfer',
      released_by: EXAMINER.name,
      received_by: 'Evidence officer K. Osei',
      purpose: 'Storage in locker 3',
      seal_before: 'NW-000117',
      seal_after: 'NW-000118',
      to_location: 'Locker 3',
      hash_result: 'match',
    });
    expect(itemRow(caseDb, item.id)).toMatchObject({
      seal_number: 'NW-000118',
      storage_location: 'Locker 3',
      integrity: 'verified',
      flagged: 0,
    });
    verifyEvidenceItems(caseDb, ctx, []);
    const out = join(dir, 'out');
    mkdirSync(out);
    await exportEvidence(caseDb, ctx, [], out);
    expect(custodyRows(caseDb, item.id).map((e) => e.type)).toEqual([
      'acquisition',
      'transfer',
      'verification',
      'export',
    ]);

    // Every custody event was written by the audited write path, in the entry that recorded it.
    const entries = auditEntries(caseDb);
    const rows = caseDb.db.prepare('SELECT * FROM custody_event ORDER BY rowid').all() as Row[];
    const actions = rows.map((row) => {
      const holding = entries.filter((e) => e.changes.some((c) => c.table === 'custody_event' && c.id === row.id));
      expect(holding).toHaveLength(1);
      expect(holding[0]!.changes.find((c) => c.table === 'custody_event')).toEqual({
        table: 'custody_event',
        id: row.id,
        before: null,
        after: row,
      });
      return [holding[0]!.action, holding[0]!.changes.map((c) => c.table).sort()];
    });
    expect(actions).toEqual([
      ['evidence.add', ['custody_event', 'evidence_blob', 'evidence_item']],
      ['custody.transfer', ['custody_event', 'evidence_item']],
      ['custody.verification', ['custody_event', 'evidence_item']],
      ['custody.export', ['custody_event']],
    ]);
    caseDb.close();

    // Custody rows cannot be changed or removed, even with plain SQLite.
    const id = rows[1]!.id as string;
    expect(() => tamper(path, "UPDATE custody_event SET received_by = 'Someone else' WHERE id = ?", id)).toThrow(
      /custody_event is append-only/,
    );
    expect(() => tamper(path, 'DELETE FROM custody_event WHERE id = ?', id)).toThrow(/custody_event is append-only/);
    expect(readCase(path, (db) => db.prepare('SELECT * FROM custody_event ORDER BY rowid').all())).toEqual(rows);
    expect((await verifyFile(path)).report.ok).toBe(true);
  });

  it('a transfer needs who released it, who received it and why', () => {
    expect(CustodyTransferDraft.safeParse({ from: '', to: 'B', purpose: 'P' }).success).toBe(false);
    expect(CustodyTransferDraft.safeParse({ from: 'A', to: '  ', purpose: 'P' }).success).toBe(false);
    expect(CustodyTransferDraft.safeParse({ from: 'A', to: 'B', purpose: '' }).success).toBe(false);
  });
});

describe('export', () => {
  it('writes hash-checked copies with JSON and CSV manifests listing hashes and custody, the CSV inert in spreadsheets', async () => {
    const { caseDb, ctx } = newCase(dir);
    const formula = join(dir, '=cmd.txt');
    const plus = join(dir, '+SUM(A1).csv');
    const referenced = join(dir, 'share.zip');
    const data = [randomFile(formula, 100), randomFile(plus, CHUNK + 1), randomFile(referenced, 2 * CHUNK)];
    await add(caseDb, ctx, formula, {
      md5: true,
      sha1: true,
      description: '=HYPERLINK("http://evil.example","click")',
    });
    await add(caseDb, ctx, plus);
    await add(caseDb, ctx, referenced, { byReference: true, sha1: true });
    await transferCustody(caseDb, ctx, 'E-0002', CustodyTransferDraft.parse({ from: 'A', to: 'B', purpose: 'Review' }));

    const out = join(dir, 'out');
    mkdirSync(out);
    const result = await exportEvidence(caseDb, ctx, [], out);
    expect(result.manifestJson).toBe(join(out, 'manifest.json'));
    expect(result.manifestCsv).toBe(join(out, 'manifest.csv'));
    const manifest = JSON.parse(readFileSync(result.manifestJson, 'utf8')) as {
      about: string;
      exportedBy: unknown;
      case: { title: string; reference: string; auditHead: string };
      files: {
        exhibit: string;
        description: string;
        file: string;
        size: number;
        sha256: string;
        md5: string | null;
        sha1: string | null;
        custody: string;
      }[];
    };
    expect(manifest.exportedBy).toEqual(EXAMINER);
    // Named as its recipient knows it; the examiner's disk layout stays out of the manifest.
    expect(manifest.case).toMatchObject({ title: expect.any(String), reference: expect.any(String) });
    expect(JSON.stringify(manifest)).not.toContain(caseDb.path);
    // It speaks to its recipient: what the folder is, who made it, how to check a copy, and the head.
    expect(manifest.about).toMatch(
      /^Verified copies of 3 exhibits from the case “.+” \(IR-2026-014\), exported by Dana Whitfield, /,
    );
    expect(manifest.about).toContain('sha256sum');
    expect(manifest.about).toContain(manifest.case.auditHead);
    expect(manifest.files).toEqual([
      {
        exhibit: 'E-0001',
        description: '=HYPERLINK("http://evil.example","click")',
        file: 'E-0001 =cmd.txt',
        size: 100,
        sha256: digest('sha256', data[0]!),
        md5: digest('md5', data[0]!),
        sha1: digest('sha1', data[0]!),
        custody: expect.stringMatching(/^held by .+ since .+ UTC; 2 custody events, the last an export on \S+Z$/),
      },
      {
        exhibit: 'E-0002',
        description: '',
        file: 'E-0002 +SUM(A1).csv',
        size: CHUNK + 1,
        sha256: digest('sha256', data[1]!),
        md5: null,
        sha1: null,
        custody: expect.stringMatching(/^with B since .+ UTC; 3 custody events, the last an export on /),
      },
      {
        exhibit: 'E-0003',
        description: '',
        file: 'E-0003 share.zip',
        size: 2 * CHUNK,
        sha256: digest('sha256', data[2]!),
        md5: null,
        sha1: digest('sha1', data[2]!),
        custody: expect.stringMatching(/^held by .+; 2 custody events, the last an export on /),
      },
    ]);
    for (const f of manifest.files) {
      expect(sha256File(join(out, f.file))).toBe(f.sha256);
      expect(readFileSync(join(out, f.file)).length).toBe(f.size);
    }

    const csvText = readFileSync(result.manifestCsv, 'utf8');
    expect(csvText.endsWith('\r\n')).toBe(true);
    const csv = parseCsv(csvText);
    expect(csv[0]).toEqual(['exhibit', 'description', 'file', 'size', 'sha256', 'md5', 'sha1', 'custody']);
    expect(csv.slice(1).map((row) => row.filter((_, i) => i !== 1))).toEqual(
      manifest.files.map((f) => [f.exhibit, f.file, String(f.size), f.sha256, f.md5 ?? '', f.sha1 ?? '', f.custody]),
    );
    // A description that looks like a formula stays text in a spreadsheet.
    expect(csv[1]![1]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    // No cell starts with something a spreadsheet would run as a formula.
    for (const cell of csv.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    // One 'export' custody event per copy, pointing at it.
    const exportsLogged = caseDb.db
      .prepare("SELECT to_location, hash_result FROM custody_event WHERE type = 'export' ORDER BY rowid")
      .all();
    expect(exportsLogged).toEqual(
      manifest.files.map((f) => ({ to_location: join(out, f.file), hash_result: 'match' })),
    );

    // Exporting again into the same folder replaces nothing.
    const second = await exportEvidence(caseDb, ctx, ['E-0003'], out);
    expect(second.files.map((f) => f.file)).toEqual([join(out, 'E-0003 share (2).zip')]);
    expect(second.manifestJson).toBe(join(out, 'manifest (2).json'));
    expect(second.manifestCsv).toBe(join(out, 'manifest (2).csv'));
    expect(JSON.parse(readFileSync(result.manifestJson, 'utf8'))).toEqual(manifest);
    caseDb.close();
  });

  it('refuses a missing folder, a file as folder, and unknown items, recording nothing', async () => {
    const { caseDb, ctx } = newCase(dir);
    const file = join(dir, 'a.txt');
    randomFile(file, 10);
    await add(caseDb, ctx, file);
    const before = evidenceCounts(caseDb.db);
    expect(await refusal(exportEvidence(caseDb, ctx, [], join(dir, 'missing')))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(exportEvidence(caseDb, ctx, [], file))).toMatchObject({ code: 'NOT_A_FILE' });
    expect(await refusal(exportEvidence(caseDb, ctx, ['E-0042'], dir))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^no evidence item E-0042/),
    });
    expect(evidenceCounts(caseDb.db)).toEqual(before);
    caseDb.close();
  });
});
