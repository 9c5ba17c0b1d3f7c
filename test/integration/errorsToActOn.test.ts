import { spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readSync, closeSync, symlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/core/cli/main.ts';
import { openCaseDb } from '../../electron/core/store/db/caseDb.ts';
import { newCase, sha256File, tempDir } from '../helpers/tempCase.ts';
import { tamper } from '../helpers/tamper.ts';
import { randomFile } from '../helpers/evidence.ts';
import { runPython } from '../helpers/verdicts.ts';

const FULL_DISK = new URL('../fixtures/fullDiskChild.ts', import.meta.url).pathname;

let dir: string;
let cleanup: () => void;
let path: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  const made = newCase(dir);
  path = made.path;
  made.caseDb.close();
});
afterEach(() => cleanup());

/** `custos …` in this process: exit code and what it wrote. */
async function custos(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

/** Exit 2, and one line on stderr naming the file and the problem. */
async function refusedWith(args: string[], message: RegExp): Promise<void> {
  const result = await custos(...args);
  expect(result.code, result.err).toBe(2);
  expect(result.err).toMatch(/^custos: [^\n]+\n$/);
  expect(result.err).not.toMatch(/unexpected error/i);
  expect(result.err).toMatch(message);
}

/** Overwrites header bytes at `offset`. */
function patchHeader(offset: number, bytes: number[]): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.from(bytes), 0, bytes.length, offset);
  closeSync(fd);
}

describe('errors a person can act on', () => {
  it('each damaged header field is named, with the fix, by Custos and the independent verifier, and the file is left as it was', async () => {
    const original = Buffer.alloc(100);
    const fd = openSync(path, 'r');
    readSync(fd, original, 0, 100, 0);
    closeSync(fd);
    const cases: [number, number[], RegExp][] = [
      [16, [0x00, 0x03], /has a damaged header \(its page size field holds 3, not a power of two from 512 to 65536\)/],
      [18, [7, 7], /its file format fields hold 7 and 7, not 1 \(rollback journal\) or 2 \(write-ahead log\)/],
      [20, [8], /it reserves 8 bytes at the end of each page; Custos never does/],
      [21, [65, 32, 32], /its payload fraction fields hold 65, 32 and 32, not 64, 32 and 32/],
      [44, [0, 0, 0, 9], /its schema format field holds 9, not 1 to 4/],
      [56, [0, 0, 0, 7], /its text encoding field holds 7, not 1 \(UTF-8\)/],
      [56, [0, 0, 0, 2], /stores its text as UTF-16, which Custos never does/],
    ];
    for (const [offset, bytes, message] of cases) {
      patchHeader(offset, bytes);
      const before = sha256File(path);
      for (const command of [
        ['info', path],
        ['verify', path],
        ['timeline', 'add', path, '--at', '2026-11-02T10:00Z', '--title', 'x', '--as', 'A, B, C'],
      ]) {
        await refusedWith(command, message);
      }
      expect(() => openCaseDb(path)).toThrow(message);
      // The independent verifier refuses the same file (exit 2, nothing on stdout).
      const python = runPython(path);
      expect(python.status, python.stderr).toBe(2);
      expect(python.stdout).toBe('');
      expect(python.stderr).toMatch(/damaged header|UTF-8/);
      expect(sha256File(path)).toBe(before);
      patchHeader(0, [...original]);
    }
    expect((await custos('verify', path)).code).toBe(0);
  });

  it('a table that is missing is named, and the case is not opened', async () => {
    tamper(path, 'DROP TABLE note');
    await refusedWith(
      ['info', path],
      /case\.custos was changed outside Custos: its schema is not the one Custos writes \(table note is missing/,
    );
    const verify = await custos('verify', path);
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(
      /FAIL {2}Schema: The schema is not the one Custos writes: table note is missing; index sqlite_autoindex_note_1 is missing; index note_by_time is missing/,
    );
  });

  it('a symbolic link that loops, or leads nowhere, is named as such', async () => {
    const a = join(dir, 'a.custos');
    const b = join(dir, 'b.custos');
    symlinkSync(b, a);
    symlinkSync(a, b);
    await refusedWith(['info', a], /a\.custos is a symbolic link that leads back to itself \(a loop of links\)/);
    const dangling = join(dir, 'moved.custos');
    symlinkSync(join(dir, 'gone', 'case.custos'), dangling);
    await refusedWith(
      ['verify', dangling],
      /moved\.custos is a symbolic link to .*gone\/case\.custos, which does not exist; the case was moved or deleted/,
    );
    await refusedWith(
      ['timeline', 'add', dangling, '--at', '2026-11-02T10:00Z', '--title', 'x', '--as', 'A, B, C'],
      /which does not exist/,
    );
  });

  it('a full disk, on every kind of write: one sentence each, nothing half-written, the case as it was', () => {
    const disk = join(dir, 'small-disk');
    mkdirSync(disk);
    const outside = join(dir, 'mailbox.pst');
    randomFile(outside, 3 * 1024 * 1024);
    const script = 'mount -t tmpfs -o size=8m tmpfs "$0" && exec "$@"';
    let result;
    for (const flags of [['-m'], ['-r', '-m']]) {
      result = spawnSync('unshare', [...flags, 'sh', '-c', script, disk, process.execPath, FULL_DISK, disk, outside], {
        encoding: 'utf8',
      });
      if (result.status === 0) break;
    }
    expect(result!.status, result!.stderr).toBe(0);
    const out = JSON.parse(result!.stdout) as Record<string, { code: number; out: string; err: string }> & {
      caseUnchanged: boolean;
      files: string[];
      exported: string[];
      settings: { code: string; message: string };
    };
    expect(out.new!.code).toBe(0);
    expect(out.add!.code).toBe(0);
    const full = /the disk holding .* is full/;
    expect(out.timeline).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /^custos: the disk holding .*full\.custos is full, so nothing was written; free some space/,
      ),
    });
    expect(out.addOutside).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /^custos: not added: .*mailbox\.pst could not be stored in the case \(database or disk is full\); check the free space where the case file is\n$/,
      ),
    });
    expect(out.export!.code).toBe(2);
    expect(out.export!.err).toMatch(full);
    expect(out.newCase!.code).toBe(2);
    expect(out.newCase!.err).toMatch(full);
    expect(out.settings).toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringMatching(
        /settings\.json is full, so Custos could not save your settings; nothing was changed/,
      ),
    });
    for (const name of ['timeline', 'addOutside', 'export', 'newCase'] as const) {
      expect(out[name]!.err.trim().split('\n'), name).toHaveLength(1);
      expect(out[name]!.err, name).not.toMatch(/unexpected/i);
    }
    expect(out.caseUnchanged).toBe(true);
    // Nothing half-made: no second case, no partial export, no side file left beside the case.
    expect(out.files).toEqual(['data', 'demand.eml', 'filler', 'full.custos', 'out']);
    expect(out.exported).toEqual([]);
  });
});
