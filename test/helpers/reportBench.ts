import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { runCustosInProcess } from './cli.ts';
import type { CliResult } from './cli.ts';
import { buildReportCase } from './reportCase.ts';
import type { ReportCase } from './reportCase.ts';
import { tempDir } from './tempCase.ts';

/**
 * The set-up the report, referral and export tests on the command line share: a temporary root,
 * an examiner's data directory with Dana Whitfield's profile, the full report case built once, and
 * fresh copies of it so no test sees another's outputs. Call at the top of a test file: it registers
 * its own beforeAll and afterAll.
 */
export type ReportBench = {
  /** Runs `custos ARGS` in process with the bench's data directory. */
  custos(...args: string[]): Promise<CliResult>;
  /** The examiner's data directory (profile and settings). */
  dataDir(): string;
  /** The case built once for the file. */
  built(): ReportCase;
  /** A new, empty folder under the bench's root, numbered so names never repeat. */
  newFolder(prefix: string): string;
  /** A copy of the built case as `case.custos` in `folder` (created if missing); its path. */
  copyInto(folder: string): string;
};

export function reportBench(): ReportBench {
  let root = '';
  let dataDir = '';
  let cleanup = (): void => undefined;
  let built: ReportCase | undefined;
  let folders = 0;
  const custos = (...args: string[]): Promise<CliResult> => runCustosInProcess(dataDir, args);

  beforeAll(async () => {
    ({ dir: root, cleanup } = tempDir());
    dataDir = join(root, 'data');
    mkdirSync(dataDir);
    built = await buildReportCase(join(root, 'built'));
    const profile = await custos(
      ...['profile', 'set', '--name', 'Dana Whitfield', '--role', 'Incident responder'],
      ...['--organisation', 'Northwind Security', '--time-zone', 'Europe/Berlin'],
    );
    expect(profile.status).toBe(0);
  }, 120_000);
  afterAll(() => cleanup());

  return {
    custos,
    dataDir: () => dataDir,
    built: () => {
      if (!built) throw new Error('the report case is built in beforeAll; use it inside a test');
      return built;
    },
    newFolder(prefix) {
      const folder = join(root, `${prefix}-${++folders}`);
      mkdirSync(folder, { recursive: true });
      return folder;
    },
    copyInto(folder) {
      mkdirSync(folder, { recursive: true });
      const path = join(folder, 'case.custos');
      copyFileSync(this.built().path, path);
      return path;
    },
  };
}
