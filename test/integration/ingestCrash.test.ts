import { closeSync, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFileEvidence } from '../../electron/core/services/evidence/addFile.ts';
import { openCaseDb } from '../../electron/core/store/db/caseDb.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import { FileEvidenceDraft } from '../../shared/domain/evidence.ts';
import { newCase, tempDir } from '../helpers/tempCase.ts';
import { killed, startUntil } from '../helpers/child.ts';
import { readCase } from '../helpers/cli.ts';
import { MiB, evidenceCounts, largeRandomFile, randomFile, strayChunks } from '../helpers/evidence.ts';

const CHILD = new URL('../fixtures/ingestChild.ts', import.meta.url).pathname;
const HOT_CHILD = new URL('../fixtures/hotJournalChild.ts', import.meta.url).pathname;
const SIZE = 200 * MiB;

let dir: string;
let cleanup: () => void;
let image: string;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  image = join(dir, 'laptop.img');
  largeRandomFile(image, SIZE);
});
afterAll(() => cleanup());

describe('a Custos killed while adding evidence', () => {
  // Early: at the worker's first commit. Late: with 60% of the file read.
  it.each([
    ['early', 1],
    ['late', SIZE * 0.6],
  ])(
    'SIGKILLed %s in the ingest: the case opens normally, without the item or its chunks, and verifies',
    async (label, minBytes) => {
      // A case that already holds one small stored item, so check 3 has bytes to re-hash afterwards.
      const { path, ctx, caseDb } = newCase(dir, {}, `${label}.custos`);
      const note = join(dir, `${label}-note.txt`);
      randomFile(note, 3 * MiB + 17);
      const kept = await addFileEvidence(caseDb, ctx, note, FileEvidenceDraft.parse({}));
      const before = evidenceCounts(caseDb.db);
      caseDb.close();

      // Killed while the bytes go in the fast way, straight into the file (rollback-journal mode), so
      // the next open has a hot journal to roll back as well as stray chunks to remove.
      const child = await startUntil(CHILD, [path, image, String(minBytes)], ' delete\n');
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await killed(child);
      expect(output).not.toContain('FINISHED');

      // What the kill left: committed chunks of no blob, next to the untouched item.
      const left = readCase(path, (db) => ({ stray: strayChunks(db), counts: evidenceCounts(db) }));
      expect(left.stray).toBeGreaterThan(0);
      if (label === 'late') expect(left.stray).toBeGreaterThan(SIZE / 4 / MiB);
      expect(left.counts).toEqual({ ...before, chunks: before.chunks + left.stray });

      // Opening for writing removes them; the case is as it was before the ingest began.
      const reopened = openCaseDb(path);
      try {
        expect(strayChunks(reopened.db)).toBe(0);
        expect(evidenceCounts(reopened.db)).toEqual(before);
        expect(reopened.db.prepare('SELECT id FROM evidence_item').pluck().all()).toEqual([kept.id]);
        const report = verifyCase(reopened);
        expect(report.ok).toBe(true);
        expect(report.checks.map((c) => [c.id, c.status])).toEqual([
          ['schema', 'pass'],
          ['chain', 'pass'],
          ['replay', 'pass'],
          ['evidence', 'pass'],
          ['head', 'skipped'],
        ]);
        // And it takes new evidence as usual.
        const next = join(dir, `${label}-next.txt`);
        randomFile(next, 1000);
        expect((await addFileEvidence(reopened, ctx, next, FileEvidenceDraft.parse({}))).exhibit).toBe('E-0002');
        expect(verifyCase(reopened).ok).toBe(true);
      } finally {
        reopened.close();
      }
      expect(existsSync(`${path}-wal`)).toBe(false);
    },
  );
});

describe('a case left with a hot journal', () => {
  // The window a crash can hit while bytes are stored: the header already counts pages the file
  // does not have yet, and the journal beside it undoes the transaction.
  it('opens (SQLite rolls the journal back) instead of being refused as truncated, and verifies', async () => {
    const { path, ctx, caseDb } = newCase(dir, {}, 'hot.custos');
    const note = join(dir, 'hot-note.txt');
    randomFile(note, 2 * MiB + 3);
    await addFileEvidence(caseDb, ctx, note, FileEvidenceDraft.parse({}));
    const before = evidenceCounts(caseDb.db);
    caseDb.close();

    const child = await startUntil(HOT_CHILD, [path], 'READY');
    await killed(child);
    expect(statSync(`${path}-journal`).size).toBeGreaterThan(0);
    // Put the header ahead of the file, as if the crash came half-way through the commit.
    const fd = openSync(path, 'r+');
    const header = Buffer.alloc(100);
    readSync(fd, header, 0, 100, 0);
    const rawPageSize = header.readUInt16BE(16);
    const pages = Math.ceil(statSync(path).size / (rawPageSize === 1 ? 65536 : rawPageSize));
    header.writeUInt32BE(pages + 100, 28);
    header.writeUInt32BE(header.readUInt32BE(24), 92);
    writeSync(fd, header, 0, 100, 0);
    closeSync(fd);

    const reopened = openCaseDb(path);
    try {
      expect(evidenceCounts(reopened.db)).toEqual(before);
      expect(strayChunks(reopened.db)).toBe(0);
      expect(verifyCase(reopened).ok).toBe(true);
    } finally {
      reopened.close();
    }
    expect(existsSync(`${path}-journal`)).toBe(false);
  });
});
