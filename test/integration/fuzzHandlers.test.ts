import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/core/handlers/index.ts';
import { checkedHandlers } from '../helpers/contract.ts';
import type { HandlerSet } from '../../electron/core/handlers/index.ts';
import { openAppData } from '../../electron/core/appData.ts';
import { openCaseDbReadOnly } from '../../electron/core/store/db/caseDb.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import { CHANNELS } from '../../shared/ipc/channels.ts';
import { hasControl, isWellFormed } from '../../shared/logic/text.ts';
import { EXAMINER, steppingClock, tempDir } from '../helpers/tempCase.ts';

/**
 * A seeded fuzz of the handler table behind every IPC channel: what a compromised or buggy page
 * could send. Every call must come back (no crash, no hang); every refusal must be one clear,
 * bounded line; a refused call must change nothing in the case; and the case must verify at the end.
 */
const SEED = 0x5eed_c057;
const CALLS = 10_000;
const MAX_MESSAGE = 2000;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let dir: string;
let cleanup: () => void;
let handlers: HandlerSet;
let casePath: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  casePath = join(dir, 'fuzz.custos');
  mkdirSync(join(dir, 'files'));
  handlers = checkedHandlers(
    createHandlers({
      appData: openAppData(join(dir, 'data')),
      clock: steppingClock(),
      dialogs: {
        chooseCaseToOpen: async () => casePath,
        chooseNewCasePath: async () => casePath,
        chooseEvidenceFiles: async () => null,
        chooseExportFolder: async () => null,
        chooseSavePath: async () => null,
        chooseReportPath: async () => null,
        chooseReportToVerify: async () => null,
      },
      version: 'fuzz',
      systemTimeZone: 'UTC',
    }),
  );
});
afterEach(() => {
  handlers.dispose();
  cleanup();
});

describe('every request the main process accepts', () => {
  it(`${CALLS.toLocaleString('en')} seeded calls on every channel: no crash, no hang, bounded refusals that change nothing, a case that verifies`, async () => {
    const random = prng(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const int = (max: number) => Math.floor(random() * max);
    const SPICE = [
      '\u0000',
      '\u001b[2J',
      '\u202e',
      '\u2066',
      '\ud800',
      '\udfff',
      '😀',
      '김',
      '\n',
      '"',
      '\\',
      '%s',
      '${x}',
      '../',
      '\uFFFD',
      '\u0085',
    ];
    /** `long`: may be hundreds of kilobytes (not inside the 20,000-long lists, to keep memory sane). */
    const text = (long = true): string => {
      const kind = int(10);
      if (kind === 0) return '';
      if (kind === 1) return 'x'.repeat(long && int(3) === 0 ? 200_000 : 5000);
      if (kind === 2) {
        return pick([
          '/etc/passwd',
          '/',
          '..',
          join(dir, 'files', 'a.txt'),
          casePath,
          `${casePath}-wal`,
          'C:\\Windows\\win.ini',
          '\\\\server\\share',
          `file://${casePath}`,
        ]);
      }
      if (kind === 3) {
        return pick([
          '2026-11-02T10:00Z',
          '2026-11-02T10:00',
          'E-0001',
          'Europe/Berlin',
          'RED',
          'open',
          'critical',
          'access',
          'infiltration',
        ]);
      }
      let out = '';
      for (let i = int(12); i >= 0; i--) out += random() < 0.3 ? pick(SPICE) : String.fromCharCode(32 + int(90));
      return out;
    };
    const value = (depth: number): unknown => {
      const kind = int(depth > 2 ? 6 : 9);
      switch (kind) {
        case 0:
          return text();
        case 1:
          return pick([0, -1, 1.5, 2 ** 53 + 2, Number.NaN, Infinity, 42, 4096]);
        case 2:
          return pick([true, false, null, undefined]);
        case 3:
          return text();
        case 4:
          return text();
        case 5:
          return int(2) === 0 ? null : {};
        case 6: {
          const many = int(4) === 0;
          return Array.from({ length: many ? 20_000 : int(5) }, () =>
            many ? text(false).slice(0, 40) : int(2) ? text() : value(depth + 1),
          );
        }
        default: {
          const out: Record<string, unknown> = {};
          for (let i = int(6); i > 0; i--) {
            out[
              pick([
                'id',
                'path',
                'paths',
                'draft',
                'title',
                'at',
                'zone',
                'patch',
                'ids',
                'dir',
                'offset',
                'limit',
                'bytes',
                'body',
                'reason',
                'task',
                'expectHead',
                '__proto__',
                'constructor',
                text(),
              ])
            ] = value(depth + 1);
          }
          return out;
        }
      }
    };
    // Sometimes a well-formed request, so the case moves on between the bad ones.
    const valid: Partial<Record<string, () => unknown>> = {
      'timeline:add': () => ({ at: '2026-11-02T10:00Z', title: text().slice(0, 100) || 'event', zone: 'UTC' }),
      'notes:add': () => ({ body: text().slice(0, 500) || 'note', privileged: random() < 0.5 }),
      'case:update': () => ({ summary: text().slice(0, 200) }),
      'audit:list': () => ({ offset: int(5), limit: 1 + int(50) }),
    };

    await handlers.invoke('profile:set', EXAMINER);
    await handlers.invoke('dialog:chooseNewCasePath', {});
    expect((await handlers.invoke('case:create', { path: casePath, draft: { title: 'Fuzzed case' } })).ok).toBe(true);
    writeFileSync(join(dir, 'files', 'a.txt'), 'a file no dialog chose');

    // What the case holds, read through the table itself (a second connection to the file in this
    // process would share SQLite's lock state with Custos's): every change to it is audited, so an
    // unchanged head means an unchanged case; the evidence list covers items and their bytes.
    const state = async () => {
      const audit = (await handlers.table['audit:list']({ offset: 0, limit: 1 })) as {
        head: { seq: number; hash: string };
      };
      const items = (await handlers.table['evidence:list']({})) as unknown[];
      return `${audit.head.seq}:${audit.head.hash}/${items.length}`;
    };
    const counts = { ok: 0, refused: 0 };
    for (let call = 0; call < CALLS; call++) {
      const channel = int(50) === 0 ? text() : pick(CHANNELS);
      const request = valid[channel] && random() < 0.3 ? valid[channel]!() : value(0);
      const before = await state();
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([
        handlers.invoke(channel, request),
        new Promise<never>(
          (_, reject) =>
            (timer = setTimeout(
              () => reject(new Error(`call ${call} on ${JSON.stringify(channel).slice(0, 60)} did not answer in 10 s`)),
              10_000,
            )),
        ),
      ]).finally(() => clearTimeout(timer));
      if (result.ok) {
        counts.ok++;
        // Closing is a fair request; the next calls need the case again.
        if (channel === 'case:close') {
          await handlers.invoke('dialog:chooseCaseToOpen', {});
          const reopened = await handlers.invoke('case:open', { path: casePath });
          expect(reopened, JSON.stringify(reopened)).toMatchObject({ ok: true });
        }
        continue;
      }
      counts.refused++;
      const { code, message } = result.error;
      const where = `call ${call}, ${JSON.stringify(channel).slice(0, 40)}: ${message.slice(0, 200)}`;
      expect(typeof code, where).toBe('string');
      expect(code, where).not.toBe('INTERNAL');
      expect(message.length, where).toBeGreaterThan(10);
      expect(message.length, where).toBeLessThanOrEqual(MAX_MESSAGE);
      expect(hasControl(message), where).toBe(false);
      expect(isWellFormed(message), where).toBe(true);
      expect(await state(), where).toBe(before);
    }
    expect(counts.ok).toBeGreaterThan(200);
    expect(counts.refused).toBeGreaterThan(5000);
    handlers.dispose();
    const caseDb = openCaseDbReadOnly(casePath);
    try {
      const report = verifyCase(caseDb);
      expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(report.entries).toBeGreaterThan(50);
    } finally {
      caseDb.close();
    }
  });
});
