import { existsSync, linkSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCaseDb, openCaseDbReadOnly } from '../../electron/core/store/db/caseDb.ts';
import { addTimelineEvent } from '../../electron/core/services/timeline.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import { CustosError } from '../../electron/core/errors.ts';
import { newCase, sha256File, tempDir, context } from '../helpers/tempCase.ts';
import { killed, startUntil } from '../helpers/child.ts';
import { runCustos } from '../helpers/cli.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const HOLDER = new URL('../fixtures/holdCase.ts', import.meta.url).pathname;

describe('one writer at a time', () => {
  it('a second process gets "open elsewhere"; after the first is SIGKILLed the case opens normally', async () => {
    const { path, caseDb } = newCase(dir);
    caseDb.close();
    const holder = await startUntil(HOLDER, [path], 'READY');
    try {
      let error: unknown;
      try {
        openCaseDb(path);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CustosError);
      expect((error as CustosError).code).toBe('OPEN_ELSEWHERE');
      expect((error as CustosError).message).toMatch(/is open elsewhere/);

      // Reading is still possible while another process writes (custos verify, custos info).
      const reader = openCaseDbReadOnly(path);
      expect(verifyCase(reader).ok).toBe(true);
      reader.close();
    } finally {
      await killed(holder);
    }
    const again = openCaseDb(path);
    const ctx = context();
    addTimelineEvent(again, ctx, {
      at: '2026-11-01T08:00Z',
      title: 'After the crash',
      description: '',
      source: '',
      category: 'other',
    });
    expect(verifyCase(again).ok).toBe(true);
    again.close();
    expect(existsSync(`${path}-lock`)).toBe(false);
  });

  it('the same process cannot open the case twice for writing either', () => {
    const { path, caseDb } = newCase(dir);
    expect(() => openCaseDb(path)).toThrow(/open elsewhere/);
    caseDb.close();
    const hash = sha256File(path);
    openCaseDb(path).close();
    expect(sha256File(path)).toBe(hash);
  });

  it('the lock belongs to the file, whatever name reaches it: a symbolic link, another relative path, a hard link', async () => {
    const { path, caseDb } = newCase(dir);
    caseDb.close();
    mkdirSync(join(dir, 'elsewhere'));
    const viaSymlink = join(dir, 'elsewhere', 'link-to-case.custos');
    symlinkSync(path, viaSymlink);
    const viaHardLink = join(dir, 'elsewhere', 'second-name.custos');
    linkSync(path, viaHardLink);
    const viaRelative = relative(process.cwd(), join(dir, 'elsewhere', '..', 'case.custos'));
    const holder = await startUntil(HOLDER, [path], 'READY');
    try {
      for (const name of [viaSymlink, viaHardLink, viaRelative]) {
        expect(() => openCaseDb(name), name).toThrow(/is open elsewhere/);
        const cli = runCustos(join(dir, 'data'), [
          'timeline',
          'add',
          name,
          '--at',
          '2026-11-01T10:00Z',
          '--title',
          'x',
          '--as',
          'A, B, C',
        ]);
        expect(cli.status, name).toBe(2);
        expect(cli.stderr, name).toMatch(/is open elsewhere/);
      }
    } finally {
      await killed(holder);
    }
    // The other way round: held through the hard link, the file's first name is refused.
    const second = openCaseDb(viaHardLink);
    try {
      expect(() => openCaseDb(path)).toThrow(/is open elsewhere/);
    } finally {
      second.close();
    }
    openCaseDb(viaSymlink).close();
  });
});
