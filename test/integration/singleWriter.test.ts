import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCaseDb, openCaseDbReadOnly } from '../../electron/core/store/caseDb.ts';
import { addTimelineEvent } from '../../electron/core/services/caseService.ts';
import { verifyCase } from '../../electron/core/store/verify.ts';
import { CustosError } from '../../electron/core/errors.ts';
import { newCase, sha256File, tempDir, context } from '../helpers/tempCase.ts';
import { killed, startUntil } from '../helpers/child.ts';

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
    addTimelineEvent(again, ctx, { at: '2026-11-01T08:00Z', title: 'After the crash', description: '', source: '', category: 'other' });
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
});
