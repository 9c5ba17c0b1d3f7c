import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { reportBench } from '../helpers/reportBench.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCase } from '../helpers/cli.ts';
import { NAMES, PRIVILEGED_SENTENCE, sha256Of } from '../helpers/reportCase.ts';
import { tamper } from '../helpers/tamper.ts';

/**
 * What a reviewer found possible and must not be: privileged text or items the examiner left out
 * reaching the police through the package's exports, a tampered case vouching for a forged report,
 * options refused only after evidence was copied, options of one kind silently ignored by another.
 */

const bench = reportBench();
const custos = bench.custos;

function freshCase(): { path: string; out: string } {
  const folder = bench.newFolder('run');
  mkdirSync(join(folder, 'out'));
  return { path: bench.copyInto(folder), out: join(folder, 'out') };
}

/** Every file under `dir`, as text, with its path. */
function filesOf(dir: string): Array<{ name: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { name: path.slice(dir.length + 1), text: readFileSync(path).toString('utf8') };
    });
}

const custodyCount = (path: string) =>
  readCase(path, (db) => db.prepare('SELECT count(*) FROM custody_event').pluck().get() as number);

describe('the referral package hands over what the referral does', () => {
  it('no privileged note text anywhere in it, even as the proof of a playbook step', async () => {
    const { path, out } = freshCase();
    // A step whose proof is the privileged note: the internal CSV names it by its first line.
    const step = await custos(
      'playbook',
      'step',
      path,
      'A1',
      '--state',
      'done',
      '--proof',
      bench.built().ids.privilegedNote,
    );
    expect(step.stderr).toBe('');
    const internal = await custos('export', path, '--format', 'csv', '--out', join(out, 'csv'));
    expect(internal.status).toBe(0);
    const steps = readFileSync(join(out, 'csv', 'playbook-steps.csv'), 'utf8');
    expect(steps).toContain('A privileged note');
    expect(steps).not.toContain(PRIVILEGED_SENTENCE);

    const made = await custos('package', path, '--out', join(out, 'pkg'));
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const files = filesOf(join(out, 'pkg'));
    expect(files.map((f) => f.name)).not.toContain('exports/csv/playbook-steps.csv');
    for (const file of files) expect(file.text, file.name).not.toContain(PRIVILEGED_SENTENCE);
  });

  it('leaves out of the CSV and STIX what the examiner left out of the referral, and uses the summary given', async () => {
    const { path, out } = freshCase();
    const internal = 'INTERNAL: counsel thinks HR negligence exposes us; keep from police';
    expect((await custos('case', 'set', path, '--summary', internal)).status).toBe(0);
    const exhibit = bench.built().ids.files[0]!;
    const made = await custos(
      ...['package', path, '--out', join(out, 'pkg')],
      ...['--exclude', `subject:${bench.built().ids.subjects.mueller}`, '--exclude', exhibit.exhibit],
      ...['--summary', 'Contractor hired under a false identity; extortion after termination.'],
    );
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const csv = join(out, 'pkg', 'exports', 'csv');
    expect(readFileSync(join(csv, 'subjects.csv'), 'utf8')).not.toContain(NAMES.mueller);
    expect(readFileSync(join(csv, 'subjects.csv'), 'utf8')).toContain(NAMES.kim);
    expect(readFileSync(join(csv, 'evidence.csv'), 'utf8')).not.toContain(exhibit.sha256);
    expect(readFileSync(join(csv, 'custody.csv'), 'utf8')).not.toContain(`"${exhibit.exhibit}"`);
    const stixDir = join(out, 'pkg', 'exports', 'stix');
    const stix = readFileSync(join(stixDir, readdirSync(stixDir)[0]!), 'utf8');
    expect(stix).not.toContain(NAMES.mueller);
    expect(stix).toContain('Contractor hired under a false identity');
    for (const file of filesOf(join(out, 'pkg'))) expect(file.text, file.name).not.toContain(internal);
  });

  it('refuses options the referral would refuse before a folder is made or an exhibit copied', async () => {
    const { path, out } = freshCase();
    const before = custodyCount(path);
    const refused = await custos('package', path, '--out', join(out, 'pkg'), '--exclude', 'note:not-an-id');
    expect(refused.status).toBe(2);
    expect(readdirSync(out)).toEqual([]);
    expect(custodyCount(path)).toBe(before);
  });

  it('its SHA256SUMS is what the case recorded: report verify says MATCH, and NO MATCH once changed', async () => {
    const { path, out } = freshCase();
    expect((await custos('package', path, '--out', join(out, 'pkg'))).status).toBe(0);
    const sums = join(out, 'pkg', 'SHA256SUMS');
    const ok = await custos('report', 'verify', path, sums);
    expect(ok.stdout).toMatch(/^MATCH: this file is the SHA256SUMS of a referral package made from this case\./);
    expect(ok.status).toBe(0);
    writeFileSync(sums, `${readFileSync(sums, 'utf8')}# added\n`);
    const changed = await custos('report', 'verify', path, sums);
    expect(changed.status).toBe(1);
  });
});

describe('a tampered case vouches for nothing', () => {
  it('report verify says NO MATCH for a file whose hash was written into the record, and regenerate refuses', async () => {
    const { path, out } = freshCase();
    const made = await custos('report', path, '--kind', 'executive', '--out', join(out, 'brief.pdf'), '--json');
    expect(made.status).toBe(0);
    const { record } = JSON.parse(made.stdout) as { record: { id: string } };
    // A forger's file, and its hash put where the record keeps the report's.
    const forged = join(out, 'forged.pdf');
    writeFileSync(forged, '%PDF-1.3\nContractor confessed to everything\n%%EOF\n');
    tamper(path, 'UPDATE output_record SET sha256 = ? WHERE id = ?', sha256Of(readFileSync(forged)), record.id);

    const verdict = await custos('report', 'verify', path, forged);
    expect(verdict.status).toBe(1);
    expect(verdict.stdout).toMatch(/^NO MATCH: the case itself does not verify/);
    const again = await custos('report', 'regenerate', path, record.id, '--out', join(out, 'again.pdf'));
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/does not verify/);
    expect(readdirSync(out).sort()).toEqual(['brief.pdf', 'forged.pdf']);
  });
});

describe('the command line refuses what it would ignore', () => {
  it.each([
    [['--kind', 'counsel', '--blank'], '--blank is for --kind checklist only'],
    [['--kind', 'executive', '--summary', 'x'], '--summary is for --kind law-enforcement only'],
    [['--kind', 'custody', '--country', 'GB'], '--country is for --kind law-enforcement only'],
    [['--kind', 'counsel', '--sections', ''], '--sections is empty'],
  ])('custos report %j: usage error', async (args, message) => {
    const { path, out } = freshCase();
    const result = await custos('report', path, ...args, '--out', join(out, 'r.pdf'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a long report name in Hangul that the folder takes is written (the temporary name stays short)', async () => {
    const { path, out } = freshCase();
    const name = `${'북한 IT 노동자 사건 보고서 '.repeat(6)}최종.pdf`;
    expect(Buffer.byteLength(name)).toBeGreaterThan(200);
    expect(Buffer.byteLength(name)).toBeLessThan(256);
    const made = await custos('report', path, '--kind', 'executive', '--out', join(out, name));
    expect(made.stderr).toBe('');
    expect(readdirSync(out)).toEqual([name]);
  });
});
