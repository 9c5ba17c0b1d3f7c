import { spawnSync } from 'node:child_process';
import { reportBench } from '../helpers/reportBench.ts';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCase } from '../helpers/cli.ts';
import type { CliResult } from '../helpers/cli.ts';
import {
  NAMES,
  PLAIN_NOTE,
  PRIVILEGED_SENTENCE,
  RECIPIENT,
  expectNames,
  expectReport,
  inCells,
  readReport,
  sha256Of,
} from '../helpers/reportCase.ts';
import type { OutputRecord } from '../../shared/domain/report.ts';
import { sha256File } from '../helpers/tempCase.ts';

/**
 * The referral package as the police receive it: one folder with the referral PDF, the evidence
 * with its manifests, the CSV and STIX exports, a README and SHA256SUMS, checked here with the real
 * `sha256sum -c` the recipient would run. Its hash is in the case; it is never written over, and
 * nothing is written beside it.
 */

const bench = reportBench();
const custos = bench.custos;

/** A copy of the built case in a folder of its own, and an empty folder elsewhere for the package. */
function freshCase(): { path: string; caseFolder: string; parent: string } {
  const folder = bench.newFolder('run');
  const caseFolder = join(folder, 'case');
  const parent = join(folder, 'for-police');
  mkdirSync(parent);
  return { path: bench.copyInto(caseFolder), caseFolder, parent };
}

/** Every file under `dir`, as relative paths with forward slashes, sorted. */
function filesUnder(dir: string): string[] {
  const walk = (at: string): string[] =>
    readdirSync(at, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(at, entry.name)) : [relative(dir, join(at, entry.name)).split(sep).join('/')],
    );
  return walk(dir).sort();
}

/** Every file under `dir` with the SHA-256 of its bytes: to show nothing in it changed. */
function treeState(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((name) => [name, sha256File(join(dir, name))]));
}

/** The real sha256sum, run in the package folder as the recipient would. */
function sha256sumCheck(dir: string) {
  const result = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

const records = async (path: string) => {
  const listed = await custos('report', 'list', path, '--json');
  expect(listed.status).toBe(0);
  return JSON.parse(listed.stdout) as OutputRecord[];
};

describe('custos package', () => {
  let path: string;
  let caseFolder: string;
  let parent: string;
  let dir: string;
  let result: CliResult;
  let caseFolderBefore: string[];

  beforeAll(async () => {
    ({ path, caseFolder, parent } = freshCase());
    dir = join(parent, 'referral-IR-2026-031');
    caseFolderBefore = readdirSync(caseFolder);
    result = await custos('package', path, '--out', dir, '--country', 'GB');
  }, 120_000);

  it('makes one new folder holding the referral, the evidence with its manifests, the exports, README and SHA256SUMS', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Referral package: ${dir} (`);
    expect(result.stdout).toContain(`Check it with: cd ${dir} && sha256sum -c SHA256SUMS`);
    const evidence = bench.built().ids.files.map((f) => `evidence/${f.exhibit} ${f.originalName}`);
    expect(filesUnder(dir)).toEqual(
      [
        'README.txt',
        'SHA256SUMS',
        ...evidence,
        'evidence/manifest.csv',
        'evidence/manifest.json',
        'exports/csv/custody.csv',
        'exports/csv/evidence.csv',
        'exports/csv/indicators.csv',
        'exports/csv/subjects.csv',
        'exports/csv/timeline.csv',
        'exports/stix/IR-2026-031.stix.json',
        'referral.pdf',
      ].sort(),
    );
    // The copies are the evidence as recorded, and the manifest says so.
    for (const item of bench.built().ids.files) {
      expect(sha256File(join(dir, 'evidence', `${item.exhibit} ${item.originalName}`))).toBe(item.sha256);
    }
    const manifest = readFileSync(join(dir, 'evidence', 'manifest.json'), 'utf8');
    for (const item of bench.built().ids.files) expect(manifest).toContain(item.sha256);
    const readme = readFileSync(join(dir, 'README.txt'), 'utf8');
    expect(readme).toContain('sha256sum -c SHA256SUMS');
  });

  it('sha256sum -c SHA256SUMS, run in the folder, says OK for every other file in it', () => {
    const check = sha256sumCheck(dir);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const others = filesUnder(dir).filter((f) => f !== 'SHA256SUMS');
    expect(check.stdout).toBe(others.map((f) => `${f}: OK\n`).join(''));
    // Each line as sha256sum writes it: the hash, two spaces, the path.
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
    expect(sums).toBe(others.map((f) => `${sha256File(join(dir, f))}  ${f}\n`).join(''));
  });

  it('the case records the package by the SHA-256 of SHA256SUMS, and the referral inside by its own', async () => {
    const sums = sha256File(join(dir, 'SHA256SUMS'));
    expect(result.stdout).toContain(`SHA-256 of SHA256SUMS ${sums}, recorded as package `);
    const listed = await records(path);
    const pack = listed.find((r) => r.kind === 'package')!;
    expect(pack).toMatchObject({ subtype: 'referral', sha256: sums, fileName: 'referral-IR-2026-031', pages: null });
    expect(pack.size).toBe(filesUnder(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0));
    const referral = listed.find((r) => r.id === pack.options['report'])!;
    expect(referral).toMatchObject({
      kind: 'report',
      subtype: 'law-enforcement',
      sha256: sha256File(join(dir, 'referral.pdf')),
      fileName: 'referral-IR-2026-031/referral.pdf',
    });
    expect(referral.options).toMatchObject({ countries: ['GB'] });
    // In the audit log: the evidence copied out (custody), the referral, then the package.
    const actions = readCase(path, (db) =>
      db.prepare('SELECT action, entity_id FROM audit_log ORDER BY seq DESC LIMIT 5').all(),
    ) as { action: string; entity_id: string }[];
    expect(actions.reverse()).toEqual([
      { action: 'custody.export', entity_id: bench.built().ids.files[0]!.id },
      { action: 'custody.export', entity_id: bench.built().ids.files[1]!.id },
      { action: 'custody.export', entity_id: bench.built().ids.files[2]!.id },
      { action: 'report.generate', entity_id: referral.id },
      { action: 'package.write', entity_id: pack.id },
    ]);
  });

  it('the referral inside is a report of the case, verified as such, with nothing privileged in it', async () => {
    const pdf = await readReport(join(dir, 'referral.pdf'));
    const referral = (await records(path)).find((r) => r.kind === 'report')!;
    expectReport(pdf, referral);
    expectNames(pdf);
    expect(pdf.text).not.toContain(PRIVILEGED_SENTENCE);
    expect(pdf.text).not.toContain(PLAIN_NOTE);
    expect(pdf.text).toContain('1 privileged note (not part of this referral)');
    expect(inCells(pdf, RECIPIENT)).toBe(true);
    expect(pdf.text).toContain('United Kingdom (GB)');
    const verify = await custos('report', 'verify', path, join(dir, 'referral.pdf'));
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/^MATCH: /);
    expect(verify.stdout).toContain(referral.id);
  });

  it('writes nothing outside the folder', () => {
    expect(readdirSync(parent)).toEqual(['referral-IR-2026-031']);
    expect(readdirSync(caseFolder)).toEqual(caseFolderBefore);
  });

  it('a second package into the same folder is refused; the first is untouched and nothing is recorded', async () => {
    const before = treeState(dir);
    const listed = await records(path);
    const entries = readCase(path, (db) => db.prepare('SELECT count(*) FROM audit_log').pluck().get());
    const again = await custos('package', path, '--out', dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/referral-IR-2026-031 already exists; a package is never written over another/);
    expect(treeState(dir)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['referral-IR-2026-031']);
    expect(await records(path)).toEqual(listed);
    expect(readCase(path, (db) => db.prepare('SELECT count(*) FROM audit_log').pluck().get())).toBe(entries);
  });

  it('one file changed, or one taken away, and sha256sum -c fails on it', () => {
    const copy = join(bench.newFolder('tampered'), 'package');
    spawnSync('cp', ['-r', dir, copy]);
    expect(sha256sumCheck(copy).status).toBe(0);
    appendFileSync(join(copy, 'exports', 'csv', 'timeline.csv'), '"2026-11-09T00:00:00.000Z","added later"\r\n');
    const changed = sha256sumCheck(copy);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain('exports/csv/timeline.csv: FAILED\n');
    expect(changed.stdout.match(/: OK$/gm)).toHaveLength(filesUnder(copy).length - 2);
    rmSync(join(copy, 'referral.pdf'));
    const missing = sha256sumCheck(copy);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/^referral\.pdf: FAILED open or read$/m);
  });
});

describe('custos package, choices and refusals', () => {
  it('an exhibit left out is neither copied nor listed, and the referral counts it', async () => {
    const { path, parent } = freshCase();
    const dir = join(parent, 'without-payroll');
    const payroll = bench.built().ids.files[2]!;
    const result = await custos('package', path, '--out', dir, '--exclude', payroll.exhibit);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(filesUnder(dir).filter((f) => f.startsWith('evidence/'))).toEqual(
      [
        ...bench
          .built()
          .ids.files.slice(0, 2)
          .map((f) => `evidence/${f.exhibit} ${f.originalName}`),
        'evidence/manifest.csv',
        'evidence/manifest.json',
      ].sort(),
    );
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
    expect(sums).not.toContain(payroll.originalName);
    expect(sums).not.toContain(payroll.sha256);
    expect(sha256sumCheck(dir).status).toBe(0);
    const pdf = await readReport(join(dir, 'referral.pdf'));
    expect(pdf.text).toContain('1 exhibit left out by the examiner (Evidence register)');
    expect(pdf.columnsCompact).not.toContain(payroll.sha256);
    expect(pdf.text).toContain(NAMES.goncalves);
  }, 60_000);

  it('a folder whose parent does not exist: refused, nothing made', async () => {
    const { path, parent } = freshCase();
    const result = await custos('package', path, '--out', join(parent, 'missing', 'pkg'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/missing does not exist; create the folder first/);
    expect(readdirSync(parent)).toEqual([]);
    expect(sha256Of(readFileSync(path))).toBe(sha256Of(readFileSync(bench.built().path)));
  });
});
