import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../scripts/testSummary.ts';
import type { VitestReport } from '../../scripts/testSummary.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/testTruth', import.meta.url));
const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

describe('npm test tells the truth', () => {
  it('counts a test file that cannot load, and one whose set-up fails, as failures, naming each', () => {
    const out = mkdtempSync(join(tmpdir(), 'custos-summary-'));
    try {
      // A real Vitest run over three files: one passes, one cannot load, one's beforeAll throws.
      const run = spawnSync(
        process.execPath,
        [VITEST, 'run', '--root', FIXTURES, '--reporter=json', `--outputFile.json=${join(out, 'report.json')}`],
        { encoding: 'utf8' },
      );
      expect(run.status).not.toBe(0);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as VitestReport;
      // Vitest itself counts no failed test here: the two broken files' tests never ran.
      expect(report.numFailedTests).toBe(0);
      const summary = summarise(report, FIXTURES);
      expect(summary.passed).toBe(1);
      expect(summary.failed).toBe(2);
      expect(summary.failures).toEqual([
        expect.stringMatching(/^test file did not run: b\.check\.ts \(.*does-not-exist\.ts/),
        'test file did not run: c.check.ts (No Chromium at /usr/bin/chromium)',
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
