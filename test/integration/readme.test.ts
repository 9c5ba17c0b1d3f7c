import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The README's command-line examples, run exactly as written, as a new user would: from the project
// folder, in a fresh home (no profile yet, no cases), with nothing but the repository and npm install.

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The shell blocks of the README's "Command line" section, in order. */
function commandLineExamples(): string[] {
  const section = README.slice(
    README.indexOf('## Command line'),
    README.indexOf('\n## ', README.indexOf('## Command line') + 1),
  );
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

let home: string;
let run: { status: number | null; stdout: string; stderr: string };
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'custos-readme-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env.CUSTOS_DATA_DIR;
  delete env.XDG_CONFIG_HOME;
  const script = ['set -euo pipefail', ...commandLineExamples()].join('\n');
  run = spawnSync('bash', ['-c', script], { cwd: ROOT, env, encoding: 'utf8' });
}, 300_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the README’s command-line examples, run as written', () => {
  it('all run, every command succeeding', () => {
    expect(commandLineExamples().length).toBeGreaterThanOrEqual(3);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('set up the examiner profile first, in the user’s own settings', () => {
    const settings = JSON.parse(readFileSync(join(home, '.config/Custos/settings.json'), 'utf8')) as {
      profile?: { name: string };
    };
    expect(settings.profile?.name).toBe('Dana Whitfield');
  });

  it('leave a case that verifies against the head written down, with every kind of evidence', () => {
    expect(run.stdout).toMatch(/^INTACT: .*kim\.custos$/m);
    expect(run.stdout).toMatch(/PASS {2}Head matches the recorded head: Entry \d+ matches the recorded head/);
    for (const kind of ['stored in the case', 'referenced in place']) expect(run.stdout).toContain(`  ${kind}\n`);
    expect(run.stdout).toMatch(/E-0005 {2}physical/);
    expect(run.stdout).toMatch(/E-0006 {2}text/);
    expect(run.stdout).toContain('placed on the whole case');
  });

  it('export into a folder the export made, with its manifests', () => {
    const folder = join(home, 'cases/for-police');
    expect(readdirSync(folder).sort()).toEqual([
      'E-0001 ransom-demand.eml',
      'E-0002 telegram-export.json',
      'manifest.csv',
      'manifest.json',
    ]);
    expect(existsSync(join(home, 'cases/kim.custos'))).toBe(true);
    // Nothing was written into the project folder.
    expect(existsSync(join(ROOT, 'kim.custos'))).toBe(false);
  });

  it('make reports that verify against the case, and a referral package sha256sum checks', () => {
    for (const pdf of ['kim-counsel.pdf', 'kim-referral.pdf', 'kim-termination-checklist.pdf']) {
      expect(
        readFileSync(join(home, 'cases', pdf))
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    expect(run.stdout).toContain('MATCH: this file is a report generated from this case.');
    expect(readdirSync(join(home, 'cases/kim-csv')).sort()).toEqual(
      [
        'custody.csv',
        'evidence.csv',
        'indicators.csv',
        'playbook-steps.csv',
        'SHA256SUMS-csv',
        'subjects.csv',
        'timeline.csv',
      ].sort(),
    );
    const sums = readFileSync(join(home, 'cases/kim-referral-package/SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums.length).toBeGreaterThanOrEqual(10);
    for (const line of sums) expect(run.stdout).toContain(`${line.slice(66)}: OK`);
    expect(run.stdout).toContain('referral.pdf: OK');
  });
});
