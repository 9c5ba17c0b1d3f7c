import { spawnSync } from 'node:child_process';
import {
  closeSync,
  linkSync,
  openSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFilesEvidence } from '../../electron/core/services/evidence/addFile.ts';
import { verifyEvidenceItems } from '../../electron/core/services/evidence/custody.ts';
import { listEvidence } from '../../electron/core/store/tables/evidenceItems.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import type { CaseDb } from '../../electron/core/store/db/caseDb.ts';
import { FileEvidenceDraft } from '../../shared/domain/evidence.ts';
import type { MutationContext } from '../../electron/core/store/db/mutate.ts';
import { newCase, sha256File, tempDir } from '../helpers/tempCase.ts';
import { evidenceCounts, randomFile } from '../helpers/evidence.ts';
import { readCase } from '../helpers/cli.ts';
import { custosVerdict, pythonVerdict } from '../helpers/verdicts.ts';

const BIN = new URL('../../bin/custos.js', import.meta.url).pathname;

let dir: string;
let cleanup: () => void;
let caseDb: CaseDb;
let ctx: MutationContext;
let path: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  ({ caseDb, ctx, path } = newCase(dir));
});
afterEach(() => {
  caseDb.close();
  cleanup();
});

const draft = (extra: Record<string, unknown> = {}) =>
  FileEvidenceDraft.parse({ description: 'Seized from the contractor laptop', ...extra });
const counts = () => evidenceCounts(caseDb.db);

/**
 * Holds the case's write lock from another connection, so the storing thread of an ingest waits:
 * the reading thread fills its ring and waits too, with the source file open. `whileOpen` runs once
 * the reader has the file open (seen in /proc/self/fd), then the lock is let go.
 */
async function withIngestHeld<T>(file: string, ingest: () => Promise<T>, whileOpen: () => void): Promise<T> {
  const blocker = new Database(caseDb.realPath);
  blocker.exec('BEGIN IMMEDIATE');
  const running = ingest();
  const isOpenHere = () =>
    readdirSync('/proc/self/fd').some((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false;
      }
    });
  while (!isOpenHere()) await new Promise((resolve) => setImmediate(resolve));
  whileOpen();
  blocker.exec('COMMIT');
  blocker.close();
  return running;
}

/** A file whose times are whole seconds, so they can be put back exactly. */
function stableFile(file: string, size: number): void {
  randomFile(file, size);
  utimesSync(file, 1_790_000_000, 1_790_000_000);
}

/** Changes one byte in place, then puts the size and modification time back as they were. */
function changeCovertly(file: string): void {
  const before = statSync(file);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.from('X'), 0, 1, 1000);
  closeSync(fd);
  utimesSync(file, before.atimeMs / 1000, before.mtimeMs / 1000);
  const after = statSync(file);
  expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
}

describe('inputs from the file system', () => {
  it('a file changed while it is read is refused even when its size and modification time are put back', async () => {
    const file = join(dir, 'mailbox.pst');
    stableFile(file, 48 * 1024 * 1024);
    const before = counts();
    const result = await withIngestHeld(
      file,
      () => addFilesEvidence(caseDb, ctx, [file], draft()),
      () => changeCovertly(file),
    );
    expect(result.added).toEqual([]);
    expect(result.notAdded).toEqual([
      {
        path: file,
        reason: `${file}: the file changed while it was being read (its size, times or identity moved)`,
        fix: 'copy it somewhere stable and add the copy',
        code: 'CHANGED_WHILE_READING',
      },
    ]);
    expect(counts()).toEqual(before);
  });

  it('a file whose name is not UTF-8 (Latin-1 "café.txt") is added, its name recorded losslessly, and verifies', async () => {
    const name = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.txt')]);
    const stored = Buffer.concat([Buffer.from(`${dir}/`), name]);
    const referenced = Buffer.concat([Buffer.from(`${dir}/ref-`), name]);
    writeFileSync(stored, 'Bonjour, payez 40 BTC.');
    writeFileSync(referenced, 'Référence en place.');
    // The CLI gets the name from the shell as bytes; Node reads it as text with U+FFFD.
    const script = `exec "$0" "$1" evidence add "$2" "$3"/$'caf\\xe9.txt' --as "Dana Whitfield, IR, Northwind"`;
    caseDb.close();
    const cli = spawnSync('bash', ['-c', script, process.execPath, BIN, path, dir], {
      encoding: 'utf8',
      env: { ...process.env, CUSTOS_DATA_DIR: join(dir, 'data') },
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^E-0001 {2}caf\\xe9\.txt {2}22 B \(22 bytes\) {2}stored in the case$/m);
    ({ caseDb } = { caseDb: (await import('../../electron/core/store/db/caseDb.ts')).openCaseDb(path) });
    // The app's dialogs hand the name over as text too, U+FFFD and all.
    const { added } = await addFilesEvidence(caseDb, ctx, [`${dir}/ref-caf\uFFFD.txt`], draft({ byReference: true }));
    expect(added.map((i) => [i.exhibit, i.originalName, i.storage])).toEqual([
      ['E-0002', 'ref-caf\\xe9.txt', 'reference'],
    ]);
    const rows = readCase(path, (db) =>
      db.prepare('SELECT original_name, original_path, reference_path FROM evidence_item ORDER BY exhibit').all(),
    );
    expect(rows).toEqual([
      { original_name: 'caf\\xe9.txt', original_path: `bytes:${stored.toString('hex')}`, reference_path: null },
      {
        original_name: 'ref-caf\\xe9.txt',
        original_path: `bytes:${referenced.toString('hex')}`,
        reference_path: `bytes:${referenced.toString('hex')}`,
      },
    ]);
    // The referenced file is re-read by its bytes: by re-verification, by Custos's and by the independent verifier.
    expect(verifyEvidenceItems(caseDb, ctx, []).map((o) => o.check.result)).toEqual(['match', 'match']);
    expect(verifyCase(caseDb).ok).toBe(true);
    caseDb.close();
    expect(custosVerdict(path).ok).toBe(true);
    const { exitCode, ...python } = pythonVerdict(path);
    expect(exitCode).toBe(0);
    expect(python).toEqual(custosVerdict(path));
    ({ caseDb } = { caseDb: (await import('../../electron/core/store/db/caseDb.ts')).openCaseDb(path) });
  });
});

describe('names that hide what they are', () => {
  it('a direction control in a file name is shown escaped by the command line, so the name reads in its stored order', async () => {
    const disguised = join(dir, 'invoice\u202Etxt.exe');
    writeFileSync(disguised, 'MZ');
    await addFilesEvidence(caseDb, ctx, [disguised], draft());
    caseDb.close();
    const list = spawnSync(process.execPath, [BIN, 'evidence', 'list', path], {
      encoding: 'utf8',
      env: { ...process.env, CUSTOS_DATA_DIR: join(dir, 'data') },
    });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('invoice\\u202etxt.exe');
    expect(list.stdout).not.toContain('\u202E');
    ({ caseDb } = { caseDb: (await import('../../electron/core/store/db/caseDb.ts')).openCaseDb(path) });
  });
});

describe('the case is never evidence of itself', () => {
  it('the case file and its side files are refused, whatever path names them', async () => {
    // In WAL mode, with its -wal and -shm beside it, and the writer lock files.
    caseDb.db.exec('SELECT 1');
    const { addTimelineEvent } = await import('../../electron/core/services/timeline.ts');
    addTimelineEvent(caseDb, ctx, {
      at: '2026-11-01T10:00Z',
      title: 'x',
      description: '',
      source: '',
      category: 'other',
    });
    const viaLink = join(dir, 'innocent-looking.pdf');
    symlinkSync(path, viaLink);
    const viaHardLink = join(dir, 'another-name.db');
    linkSync(path, viaHardLink);
    const before = sha256File(path);
    for (const candidate of [path, viaLink, viaHardLink, `${path}-wal`, `${path}-shm`, `${path}-lock`]) {
      await expect(addFilesEvidence(caseDb, ctx, [candidate], draft()), candidate).rejects.toThrow(
        /is the open case file itself, or a file kept beside it; a case cannot hold itself as evidence/,
      );
    }
    expect(counts().items).toBe(0);
    expect(sha256File(path)).toBe(before);
    expect(verifyCase(caseDb).ok).toBe(true);
  });
});

describe('a batch of files is all checked before anything is written', () => {
  it('one missing file, one folder, one given twice: nothing is added, and each is named', async () => {
    const good = join(dir, 'demand.eml');
    writeFileSync(good, 'Pay 40 BTC');
    const before = counts();
    await expect(addFilesEvidence(caseDb, ctx, [good, join(dir, 'gone.txt'), dir, good], draft())).rejects.toThrow(
      new RegExp(
        `^Nothing was added: ${dir}/gone.txt does not exist; check the path; ${dir} is a folder, not a file; add the files inside it; ${good} is given twice`,
      ),
    );
    expect(counts()).toEqual(before);
  });

  it('a duplicate of an exhibit, or of another file in the batch, refuses the batch unless linking', async () => {
    const first = join(dir, 'demand.eml');
    writeFileSync(first, 'Pay 40 BTC');
    await addFilesEvidence(caseDb, ctx, [first], draft());
    const fresh = join(dir, 'chat.json');
    const copy = join(dir, 'demand-copy.eml');
    const twin = join(dir, 'chat-twin.json');
    writeFileSync(fresh, '{"messages":[]}');
    writeFileSync(copy, 'Pay 40 BTC');
    writeFileSync(twin, '{"messages":[]}');
    const before = counts();
    await expect(addFilesEvidence(caseDb, ctx, [fresh, copy, twin], draft())).rejects.toThrow(
      /^Nothing was added: demand-copy\.eml has the same bytes \(SHA-256 [0-9a-f]{16}…\) as E-0001; chat-twin\.json has the same bytes \(SHA-256 [0-9a-f]{16}…\) as chat\.json, given in the same batch; to log them again, link/,
    );
    // No item, and no stored bytes left behind either.
    expect(counts()).toEqual(before);
    const { added } = await addFilesEvidence(caseDb, ctx, [fresh, copy, twin], draft({ onDuplicate: 'link' }));
    expect(added.map((i) => i.exhibit)).toEqual(['E-0002', 'E-0003', 'E-0004']);
    expect(counts().blobs).toBe(before.blobs + 1);
  });

  it('a file that changes midway is reported as not added; the others are added, each in its own audit entry', async () => {
    const a = join(dir, 'a.txt');
    const big = join(dir, 'b.pst');
    const c = join(dir, 'c.txt');
    writeFileSync(a, 'first');
    stableFile(big, 48 * 1024 * 1024);
    writeFileSync(c, 'third');
    // The big one first, so it is the one being read while the case is held.
    const result = await withIngestHeld(
      big,
      () => addFilesEvidence(caseDb, ctx, [big, a, c], draft()),
      () => changeCovertly(big),
    );
    expect(result.added.map((i) => [i.exhibit, i.originalName])).toEqual([
      ['E-0001', 'a.txt'],
      ['E-0002', 'c.txt'],
    ]);
    expect(result.notAdded.map((n) => n.path)).toEqual([big]);
    expect(listEvidence(caseDb).map((i) => i.originalName)).toEqual(['a.txt', 'c.txt']);
    expect(
      readCase(path, (db) => db.prepare("SELECT count(*) FROM audit_log WHERE action = 'evidence.add'").pluck().get()),
    ).toBe(2);
    // The changed file's stored bytes were removed: nothing is left that belongs to no item.
    expect(counts().chunks).toBe(
      readCase(path, (db) =>
        db.prepare('SELECT count(*) FROM evidence_chunk WHERE blob_id IN (SELECT id FROM evidence_blob)').pluck().get(),
      ),
    );
    expect(verifyCase(caseDb).ok).toBe(true);
  });
});
