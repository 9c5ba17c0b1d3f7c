import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCustosInProcess } from './cli.ts';
import { tempDir } from './tempCase.ts';

/**
 * A case made on the command line by a named examiner, in a folder of its own, and the CLI to
 * drive it: `custos` gives the whole result, `ok` asserts exit 0 with nothing on stderr.
 */
export async function cliCase(title = 'Contractor J. Kim') {
  const { dir, cleanup } = tempDir();
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const path = join(dir, 'kim.custos');
  const custos = (...args: string[]) => runCustosInProcess(dataDir, args);
  async function ok(...args: string[]): Promise<string> {
    const result = await custos(...args);
    expect(result.stderr, args.join(' ')).toBe('');
    expect(result.status, args.join(' ')).toBe(0);
    return result.stdout;
  }
  await ok('profile', 'set', '--name', 'Dana Whitfield', '--role', 'Security lead', '--organisation', 'Northwind');
  await ok('new', path, '--title', title);
  return { dir, dataDir, path, custos, ok, cleanup };
}
