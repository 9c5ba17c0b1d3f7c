import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { reportBench } from '../helpers/reportBench.ts';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutputRecord, ReportKind } from '../../shared/domain/report.ts';
import { folderState, readCase, runCustosWithoutWriteAccess } from '../helpers/cli.ts';
import {
  LAPTOP_EVENT,
  NAMES,
  PLAIN_NOTE,
  PRIVILEGED_SENTENCE,
  RECIPIENT,
  WALLET,
  expectNames,
  expectReport,
  inCells,
  readReport,
  sha256Of,
} from '../helpers/reportCase.ts';
import { sha256File } from '../helpers/tempCase.ts';
import { tamper } from '../helpers/tamper.ts';

/**
 * Reports and exports on the command line, as an examiner would make them for counsel, the police
 * and the board: each kind of report read back as text, the case's record of it, checking a copy
 * (and a copy with one byte changed), making it again byte for byte, and the CSV and STIX exports.
 */

const bench = reportBench();
const custos = bench.custos;

/** A copy of the built case in a folder of its own, with an empty folder beside it for outputs. */
function freshCase(): { path: string; out: string } {
  const folder = bench.newFolder('case');
  mkdirSync(join(folder, 'out'));
  return { path: bench.copyInto(folder), out: join(folder, 'out') };
}

type Made = { sha256: string; id: string; head: { seq: number; hash: string }; stdout: string };

/** `custos report`, which must succeed; what it printed about the report. */
async function report(path: string, kind: ReportKind, out: string, ...more: string[]): Promise<Made> {
  const result = await custos('report', path, '--kind', kind, '--out', out, ...more);
  expect(result.stderr, result.stderr).toBe('');
  expect(result.status).toBe(0);
  const [, sha256] = /^SHA-256 ([0-9a-f]{64})$/m.exec(result.stdout)!;
  const [, id, seq, hash] = /^Report id ([0-9a-f-]{36}), made from audit head (\d+):([0-9a-f]{64})$/m.exec(
    result.stdout,
  )!;
  return { sha256: sha256!, id: id!, head: { seq: Number(seq), hash: hash! }, stdout: result.stdout };
}

async function listed(path: string): Promise<OutputRecord[]> {
  const result = await custos('report', 'list', path, '--json');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as OutputRecord[];
}

type Row = Record<string, string | number | null>;
const outputRow = (path: string, id: string) =>
  readCase(path, (db) => db.prepare('SELECT * FROM output_record WHERE id = ?').get(id) as Row | undefined);
const outputCount = (path: string) =>
  readCase(path, (db) => db.prepare('SELECT count(*) FROM output_record').pluck().get() as number);
const auditCount = (path: string) =>
  readCase(path, (db) => db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number);
const entryOf = (path: string, id: string) =>
  readCase(
    path,
    (db) =>
      db.prepare("SELECT seq, action FROM audit_log WHERE entity_type = 'output_record' AND entity_id = ?").all(id) as {
        seq: number;
        action: string;
      }[],
  );

describe('custos report: each kind, read back from the PDF and from the case', () => {
  let path: string;
  let out: string;
  beforeAll(() => ({ path, out } = freshCase()));

  it.each(['counsel', 'law-enforcement', 'executive', 'custody', 'checklist'] as const)(
    '%s: a new PDF that says what the case records about it, on every page',
    async (kind) => {
      const file = join(out, `${kind}.pdf`);
      const made = await report(path, kind, file);
      const pdf = await readReport(file);
      expect(pdf.sha256).toBe(made.sha256);
      const record = (await listed(path)).find((r) => r.id === made.id)!;
      expect(record).toMatchObject({ kind: 'report', subtype: kind, head: made.head, fileName: `${kind}.pdf` });
      expectReport(pdf, record);

      // The row as a third party reads it from the file, and the audit entry that wrote it, right
      // after the head the report was made from.
      const row = outputRow(path, made.id)!;
      expect(row).toMatchObject({
        kind: 'report',
        subtype: kind,
        head_seq: made.head.seq,
        head_hash: made.head.hash,
        verified_ok: 1,
        sha256: pdf.sha256,
        size: pdf.bytes.length,
        pages: pdf.pages.length,
        file_name: `${kind}.pdf`,
        generated_by: 'Dana Whitfield',
        organisation: 'Northwind Security',
        zone: 'Europe/Berlin',
      });
      expect(JSON.parse(row.options as string)).toMatchObject({ kind });
      expect(entryOf(path, made.id)).toEqual([{ seq: made.head.seq + 1, action: 'report.generate' }]);

      if (kind === 'counsel') {
        expectNames(pdf);
        // The counsel report is privileged: the privileged note is in it, as is the plain one.
        expect(pdf.text).toContain(PRIVILEGED_SENTENCE);
        expect(pdf.text).toContain(PLAIN_NOTE);
        // The event in UTC and as entered, in its zone.
        expect(inCells(pdf, LAPTOP_EVENT)).toBe(true);
        expect(pdf.columns).toContain('2026-10-30 22:14 Asia/Seoul +09:00');
        expect(pdf.columns).toContain('2026-10-30 13:14');
        expect(inCells(pdf, 'Outside counsel already engaged')).toBe(true);
        expect(inCells(pdf, RECIPIENT)).toBe(true);
      }
      if (kind === 'law-enforcement') {
        expectNames(pdf);
        expect(pdf.text).not.toContain(PRIVILEGED_SENTENCE);
        expect(pdf.text).not.toContain('payment question stays open');
        expect(pdf.text).not.toContain(PLAIN_NOTE);
        expect(pdf.text).toContain('1 privileged note (not part of this referral)');
        expect(pdf.compact).toContain(WALLET);
        // Every exhibit with its full SHA-256, and its hand-over to the police.
        for (const item of bench.built().ids.files) expect(pdf.columnsCompact).toContain(item.sha256);
        expect(inCells(pdf, RECIPIENT)).toBe(true);
      }
      if (kind === 'executive') {
        // At most two pages in all: no cover or contents page, the sections from page 1 on under a
        // title block, the verification block at the end.
        expect(pdf.pages.length).toBeLessThanOrEqual(2);
        expect(pdf.pages[0]).toMatch(/^1 Status$/m);
        expect(pdf.pages.at(-1)).toMatch(/^\d+ Verification$/m);
        expect(pdf.text).not.toContain(PRIVILEGED_SENTENCE);
      }
      if (kind === 'custody') {
        // One custody form per exhibit, each with the item's SHA-256 and signature lines for the
        // next hand-over; the laptop's hand-over to the police among the events.
        const exhibits = ['E-0001', 'E-0002', 'E-0003', 'E-0004', 'E-0005'];
        for (const exhibit of exhibits) {
          expect(
            pdf.pages.some((p) => new RegExp(`^\\d+ Custody form — ${exhibit}$`, 'm').test(p)),
            exhibit,
          ).toBe(true);
        }
        expect(pdf.text.match(/\bSignature\b/g)?.length).toBe(2 * exhibits.length);
        for (const item of bench.built().ids.files) expect(pdf.text).toContain(`SHA-256 ${item.sha256}`);
        expect(pdf.columns).toContain('PF3X9K2L');
        expect(inCells(pdf, RECIPIENT)).toBe(true);
        expect(pdf.text).not.toContain(PRIVILEGED_SENTENCE);
      }
      if (kind === 'checklist') {
        expect(pdf.text).toContain('Restricted case opened');
        expect(pdf.text).toContain('Removed from the org; 3 PATs and 2 SSH keys revoked');
        expect(pdf.text).toContain('Outside counsel already engaged');
        expect(pdf.text).not.toContain(PRIVILEGED_SENTENCE);
      }
    },
    60_000,
  );

  it('report list shows every report generated, newest first', async () => {
    const records = await listed(path);
    expect(records.map((r) => r.subtype).sort()).toEqual(
      ['checklist', 'counsel', 'custody', 'executive', 'law-enforcement'].sort(),
    );
    const text = await custos('report', 'list', path);
    expect(text.status).toBe(0);
    for (const r of records) expect(text.stdout).toContain(`${r.id}  `);
    expect(text.stdout).toContain('Law-enforcement referral');
  });

  it('a referral without an exhibit the examiner left out says so, and shows nothing of it', async () => {
    const file = join(out, 'referral-without-payroll.pdf');
    const payroll = bench.built().ids.files[2]!;
    await report(path, 'law-enforcement', file, '--exclude', payroll.exhibit, '--country', 'GB');
    const pdf = await readReport(file);
    expect(pdf.columns).not.toContain(payroll.description);
    expect(pdf.columnsCompact).not.toContain(payroll.sha256);
    expect(pdf.columnsCompact).not.toContain(payroll.sha256!.slice(0, 24));
    expect(pdf.text).not.toMatch(new RegExp(`\\b${payroll.exhibit}\\b`));
    expect(pdf.text).toContain('1 exhibit left out by the examiner (Evidence register)');
    expect(pdf.text).toContain('1 privileged note (not part of this referral)');
    // The other exhibits are all there.
    for (const item of bench.built().ids.files.slice(0, 2)) expect(pdf.columnsCompact).toContain(item.sha256);
  }, 60_000);
});

describe('custos report verify', () => {
  let path: string;
  let out: string;
  let made: Made;
  let file: string;
  beforeAll(async () => {
    ({ path, out } = freshCase());
    file = join(out, 'referral.pdf');
    made = await report(path, 'law-enforcement', file);
  }, 60_000);

  it('the file as generated: MATCH, exit 0, with when, by whom and from which head', async () => {
    const before = sha256File(path);
    const result = await custos('report', 'verify', path, file);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^MATCH: this file is a report generated from this case\.\n/);
    expect(result.stdout).toContain(`${made.id}  Law-enforcement referral`);
    expect(result.stdout).toContain('by Dana Whitfield, Northwind Security');
    expect(result.stdout).toContain(`from audit head ${made.head.seq}:${made.head.hash}`);
    expect(result.stdout).toContain(`SHA-256 ${made.sha256}`);
    expect(sha256File(path)).toBe(before);
  });

  it('a copy with one byte changed: exit 1; it claims to be the report, but its bytes differ', async () => {
    const bytes = readFileSync(file);
    // A byte well away from the id in the metadata, so the copy still names the report it claims to be.
    const idAt = bytes.indexOf(`Custos-Report-Id: ${made.id}`, 0, 'latin1');
    expect(idAt).toBeGreaterThan(0);
    const at = Math.abs(idAt - bytes.length / 2) > 200 ? Math.floor(bytes.length / 2) : Math.floor(bytes.length / 4);
    bytes[at] = bytes[at]! ^ 0x01;
    const altered = join(out, 'referral-altered.pdf');
    writeFileSync(altered, bytes);
    const result = await custos('report', 'verify', path, altered);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `^NO MATCH: this file says it is report ${made.id} \\(Law-enforcement referral, generated .* by Dana Whitfield\\), but its bytes differ from what was generated`,
      ),
    );
    expect(result.stdout).toContain(`SHA-256 of the file: ${sha256Of(bytes)}`);
    expect(result.stdout).toContain(`What was generated:\n${made.id}`);
    expect(result.stdout).toContain(`SHA-256 ${made.sha256}`);
  });

  it('an unrelated PDF: exit 1, nothing with these bytes', async () => {
    const unrelated = join(out, 'invoice.pdf');
    writeFileSync(
      unrelated,
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const result = await custos('report', 'verify', path, unrelated);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^NO MATCH: nothing with these bytes was generated from this case\./);
  });

  it('a report generated from another case: exit 1, it names a report this case never generated', async () => {
    const other = freshCase();
    const elsewhere = join(other.out, 'other.pdf');
    const theirs = await report(other.path, 'executive', elsewhere);
    const result = await custos('report', 'verify', path, elsewhere);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`NO MATCH: this file names report ${theirs.id}, which this case never generated`);
    // The same file checks out against the case it came from.
    expect((await custos('report', 'verify', other.path, elsewhere)).status).toBe(0);
  }, 60_000);
});

describe('custos report regenerate', () => {
  it('gives the same bytes, even after another report, and records nothing; after a real change it refuses', async () => {
    const { path, out } = freshCase();
    const first = join(out, 'counsel.pdf');
    const made = await report(path, 'counsel', first);
    // Another report since: recording an output changes nothing the counsel report printed.
    await report(path, 'executive', join(out, 'brief.pdf'));
    const outputs = outputCount(path);
    const entries = auditCount(path);
    const caseBytes = sha256File(path);

    const again = join(out, 'counsel-again.pdf');
    const result = await custos('report', 'regenerate', path, made.id, '--out', again);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      `IDENTICAL: ${again} has the same bytes as report ${made.id} (SHA-256 ${made.sha256})\n`,
    );
    expect(sha256File(again)).toBe(sha256File(first));
    expect(sha256File(again)).toBe(made.sha256);
    // Making it again is reading: nothing recorded, the case unchanged.
    expect(outputCount(path)).toBe(outputs);
    expect(auditCount(path)).toBe(entries);
    expect(sha256File(path)).toBe(caseBytes);

    // Never over a file.
    const taken = await custos('report', 'regenerate', path, made.id, '--out', first);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toMatch(/already exists; Custos never replaces a report/);
    expect(sha256File(first)).toBe(made.sha256);

    // A note added: the case the report printed has changed, and the refusal names the change.
    const note = await custos('note', 'add', path, '--text', 'Payroll provider confirmed the wallet.');
    expect(note.status).toBe(0);
    const changed = join(out, 'counsel-after-note.pdf');
    const refused = await custos('report', 'regenerate', path, made.id, '--out', changed);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      new RegExp(`the case has changed since this report was made at entry ${made.head.seq} .*the first: note\\.add`),
    );
    expect(existsSync(changed)).toBe(false);
  }, 120_000);
});

describe('a case that does not verify', () => {
  it('is still reported on, and the report, the command and the record all say it failed', async () => {
    const { path, out } = freshCase();
    tamper(path, "UPDATE note SET body = 'Nothing to report.' WHERE id = ?", bench.built().ids.plainNote);
    const file = join(out, 'counsel.pdf');
    const result = await custos('report', path, '--kind', 'counsel', '--out', file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('The case did NOT verify as intact; the report says so on its verification page.');
    const [, id] = /^Report id ([0-9a-f-]{36}),/m.exec(result.stdout)!;
    const pdf = await readReport(file);
    expect(pdf.text).toContain('Verification before generating FAILED: the case file did not verify');
    expect(pdf.text).toMatch(/NOT INTACT: \d+ audit entries/);
    // Named by when it was written, never by its text: verification pages go to the police too.
    expect(pdf.text).toMatch(
      /The note written \d{4}-\d\d-\d\d \d\d:\d\d UTC \(its text is not quoted here\) was changed outside Custos/,
    );
    expect(pdf.text).not.toContain('Courier returned laptop');
    expect(outputRow(path, id!)).toMatchObject({ verified_ok: 0, sha256: pdf.sha256 });
  }, 60_000);

  it("a privileged note changed behind Custos's back is not quoted on the referral's verification page", async () => {
    const { path, out } = freshCase();
    tamper(path, "UPDATE note SET body = 'Nothing to report.' WHERE id = ?", bench.built().ids.privilegedNote);
    const file = join(out, 'referral.pdf');
    const result = await custos('report', path, '--kind', 'law-enforcement', '--out', file);
    expect(result.status, result.stderr).toBe(0);
    const pdf = await readReport(file);
    expect(pdf.text).toMatch(
      /The privileged note written .* \(its text is not quoted here\) was changed outside Custos/,
    );
    expect(pdf.text).not.toContain(PRIVILEGED_SENTENCE);
    expect(pdf.text).not.toContain('Nothing to report.');
  }, 60_000);
});

describe('--json', () => {
  it('custos report --json describes the report written, without its bytes', async () => {
    const { path, out } = freshCase();
    const file = join(out, 'brief.pdf');
    const result = await custos('report', path, '--kind', 'executive', '--out', file, '--json');
    expect(result.status).toBe(0);
    const made = JSON.parse(result.stdout) as Record<string, unknown> & { record: OutputRecord };
    expect(Object.keys(made).sort()).toEqual(['fonts', 'pages', 'path', 'record']);
    expect(made.record.sha256).toBe(sha256File(file));
    expect(made.path).toBe(file);
  }, 60_000);
});

describe('refusals', () => {
  it('an existing file is never replaced, and nothing is recorded', async () => {
    const { path, out } = freshCase();
    const file = join(out, 'taken.pdf');
    writeFileSync(file, 'the examiner’s own notes');
    const before = folderState(out);
    const result = await custos('report', path, '--kind', 'executive', '--out', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/taken\.pdf already exists; Custos never replaces a report, so choose another name/);
    expect(folderState(out)).toEqual(before);
    expect(outputCount(path)).toBe(0);
  });

  it('a case that cannot be written: refused, no PDF and nothing changed', async () => {
    const { path, out } = freshCase();
    const folder = join(path, '..');
    const file = join(out, 'brief.pdf');
    const caseBytes = sha256File(path);
    chmodSync(path, 0o444);
    chmodSync(folder, 0o555);
    try {
      const result = runCustosWithoutWriteAccess(bench.dataDir(), [
        'report',
        path,
        '--kind',
        'executive',
        '--out',
        file,
      ]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/case\.custos cannot be written \(read-only media, or no permission\)/);
    } finally {
      chmodSync(folder, 0o755);
      chmodSync(path, 0o644);
    }
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(out)).toEqual([]);
    expect(sha256File(path)).toBe(caseBytes);
  });
});

describe('custos export', () => {
  const CSV = ['custody.csv', 'evidence.csv', 'indicators.csv', 'playbook-steps.csv', 'subjects.csv', 'timeline.csv'];
  type Printed = { sha256: string; name: string; size: number };
  const printedFiles = (stdout: string): Printed[] =>
    [...stdout.matchAll(/^([0-9a-f]{64}) {2}(.+) {2}\(([\d,]+) bytes\)$/gm)].map((m) => ({
      sha256: m[1]!,
      name: m[2]!,
      size: Number(m[3]!.replaceAll(',', '')),
    }));

  it('CSV: the six tables, each as hashed and printed, recorded in the case; a second export is refused', async () => {
    const { path, out } = freshCase();
    const dir = join(out, 'csv');
    const result = await custos('export', path, '--format', 'csv', '--out', dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([...CSV, 'SHA256SUMS-csv'].sort());
    // The SHA256SUMS beside the files is what the case recorded, and sha256sum reads it.
    expect(sha256Of(readFileSync(join(dir, 'SHA256SUMS-csv')))).toBe(
      outputRow(path, /^Recorded as export ([0-9a-f-]{36})/m.exec(result.stdout)![1]!)!.sha256,
    );
    const printed = printedFiles(result.stdout);
    expect(printed.map((f) => f.name).sort()).toEqual(CSV);
    for (const f of printed) {
      const bytes = readFileSync(join(dir, f.name));
      expect(sha256Of(bytes), f.name).toBe(f.sha256);
      expect(bytes.length, f.name).toBe(f.size);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), f.name).toBe(false);
    }
    const [, id, seq, hash] = /^Recorded as export ([0-9a-f-]{36}) from audit head (\d+):([0-9a-f]{64})$/m.exec(
      result.stdout,
    )!;
    const row = outputRow(path, id!)!;
    expect(row).toMatchObject({ kind: 'export', subtype: 'csv', head_seq: Number(seq), head_hash: hash, pages: null });
    // The recorded SHA-256 is that of the file list in SHA256SUMS form, in the order printed.
    expect(row.sha256).toBe(sha256Of(printed.map((f) => `${f.sha256}  ${f.name}\n`).join('')));
    expect(row.size).toBe(printed.reduce((sum, f) => sum + f.size, 0));
    expect(JSON.parse(row.options as string)).toMatchObject({ format: 'csv', bom: false, files: printed });
    expect(entryOf(path, id!)).toEqual([{ seq: Number(seq) + 1, action: 'export.write' }]);

    // What a spreadsheet shows: the names intact in UTF-8, the event with its zone.
    const subjects = readFileSync(join(dir, 'subjects.csv'), 'utf8');
    for (const name of Object.values(NAMES)) expect(subjects).toContain(name);
    const timeline = readFileSync(join(dir, 'timeline.csv'), 'utf8');
    expect(timeline).toContain(LAPTOP_EVENT);
    expect(timeline).toContain('Asia/Seoul');
    expect(readFileSync(join(dir, 'indicators.csv'), 'utf8')).toContain(WALLET);

    // Into the same folder again: refused, nothing overwritten, nothing recorded.
    const before = folderState(dir);
    const outputs = outputCount(path);
    const again = await custos('export', path, '--format', 'csv', '--out', dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists .*Custos never replaces a file, so choose an empty folder/);
    expect(folderState(dir)).toEqual(before);
    expect(outputCount(path)).toBe(outputs);
  }, 60_000);

  it('CSV with --bom: every file starts with the UTF-8 byte order mark', async () => {
    const { path, out } = freshCase();
    const dir = join(out, 'for-excel');
    const result = await custos('export', path, '--format', 'csv', '--bom', '--out', dir);
    expect(result.status).toBe(0);
    for (const name of CSV) {
      expect(readFileSync(join(dir, name)).subarray(0, 3), name).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    }
  });

  it('STIX: one bundle, as hashed and printed, recorded in the case; a second export is refused', async () => {
    const { path, out } = freshCase();
    const dir = join(out, 'stix');
    const result = await custos('export', path, '--format', 'stix', '--out', dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const printed = printedFiles(result.stdout);
    expect(printed).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual([printed[0]!.name, 'SHA256SUMS-stix'].sort());
    expect(printed[0]!.name).toMatch(/\.json$/);
    const bytes = readFileSync(join(dir, printed[0]!.name));
    expect(sha256Of(bytes)).toBe(printed[0]!.sha256);
    const bundle = JSON.parse(bytes.toString('utf8')) as {
      type: string;
      objects: { type: string; pattern?: string }[];
    };
    expect(bundle.type).toBe('bundle');
    const types = new Set(bundle.objects.map((o) => o.type));
    for (const type of [
      'identity',
      'incident',
      'indicator',
      'relationship',
      'email-addr',
      'ipv4-addr',
      'domain-name',
    ]) {
      expect(types, type).toContain(type);
    }
    expect(bundle.objects.some((o) => o.pattern?.includes(WALLET))).toBe(true);
    const [, id] = /^Recorded as export ([0-9a-f-]{36}) from/m.exec(result.stdout)!;
    expect(outputRow(path, id!)).toMatchObject({
      kind: 'export',
      subtype: 'stix',
      sha256: sha256Of(`${printed[0]!.sha256}  ${printed[0]!.name}\n`),
    });

    const before = folderState(dir);
    const again = await custos('export', path, '--format', 'stix', '--out', dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(folderState(dir)).toEqual(before);
  }, 60_000);
});
