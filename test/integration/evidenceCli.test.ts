import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileEvidenceDraft } from '../../shared/domain/evidence.ts';
import type { EvidenceItem } from '../../shared/domain/evidence.ts';
import { addFileEvidence } from '../../electron/core/services/evidence/addFile.ts';
import { openCaseDb } from '../../electron/core/store/db/caseDb.ts';
import type { CheckResult } from '../../shared/domain/audit.ts';
import { newCase, sha256File, tempDir } from '../helpers/tempCase.ts';
import { readCase, rowCount, runCustosInProcess, sidecarsOf } from '../helpers/cli.ts';
import type { CliResult } from '../helpers/cli.ts';
import { MiB, digest, evidenceCounts, flipChunkByte, randomFile } from '../helpers/evidence.ts';

const AS = ['--as', 'Name, Role, Org'];
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

let dir: string;
let dataDir: string;
let cleanup: () => void;
let path: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  // No examiner profile here: writing commands need --as.
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const made = newCase(dir);
  path = made.path;
  made.caseDb.close();
});
afterEach(() => cleanup());

const custos = (...args: string[]) => runCustosInProcess(dataDir, args);

/** Exit 2 and exactly one line on stderr, "custos: …", matching `message`. */
function expectUsageError(result: CliResult, message: RegExp | string): void {
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toMatch(/^custos: [^\n]+\n$/);
  expect(result.stderr).toMatch(message);
}

/** Exit 1 and one "custos: integrity failure: …" line on stderr per item in `messages`. */
function expectIntegrityFailure(result: CliResult, messages: RegExp[]): void {
  expect(result.status, result.stderr).toBe(1);
  const lines = result.stderr.split('\n').slice(0, -1);
  expect(lines).toHaveLength(messages.length);
  lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^custos: integrity failure: ${messages[i]!.source}`)));
}

const counts = () => readCase(path, evidenceCounts);
const items = () =>
  readCase(
    path,
    (db) =>
      db.prepare('SELECT * FROM evidence_item ORDER BY exhibit').all() as Record<string, string | number | null>[],
  );
const head = () =>
  readCase(
    path,
    (db) =>
      db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string },
  );

/** Adds files through the CLI and expects success. */
async function added(...args: string[]): Promise<CliResult> {
  const result = await custos('evidence', 'add', path, ...args, ...AS);
  expect(result.status, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  return result;
}

/** Adds a file in-process, for tests about the other commands (quicker than spawning custos). */
async function logged(file: string, draft: FileEvidenceDraft = {}): Promise<void> {
  const caseDb = openCaseDb(path);
  try {
    await addFileEvidence(
      caseDb,
      { actor: { name: 'Name', role: 'Role', organisation: 'Org' }, clock: () => new Date() },
      file,
      FileEvidenceDraft.parse(draft),
    );
  } finally {
    caseDb.close();
  }
}

function sample(name: string, size: number): { file: string; data: Buffer } {
  const file = join(dir, name);
  return { file, data: randomFile(file, size) };
}

describe('custos evidence add', () => {
  it('stores files with the hashes asked for, prints each item with its hashes, and the audit head', async () => {
    const email = sample('ransom-demand.eml', 1500);
    const image = sample('usb.img', 2 * MiB + 10);
    const result = await added(
      email.file,
      image.file,
      '--md5',
      '--sha1',
      '--description',
      'Sent to the CFO',
      '--source',
      'CFO mailbox',
    );
    const last = head();
    expect(result.stdout).toBe(
      [
        `E-0001  ransom-demand.eml  1.5 KiB (1,500 bytes)  stored in the case`,
        `  Description  Sent to the CFO`,
        `  SHA-256      ${digest('sha256', email.data)}`,
        `  MD5          ${digest('md5', email.data)}`,
        `  SHA-1        ${digest('sha1', email.data)}`,
        `E-0002  usb.img  2.0 MiB (${(2 * MiB + 10).toLocaleString('en-GB')} bytes)  stored in the case`,
        `  Description  Sent to the CFO`,
        `  SHA-256      ${digest('sha256', image.data)}`,
        `  MD5          ${digest('md5', image.data)}`,
        `  SHA-1        ${digest('sha1', image.data)}`,
        `Audit head: ${last.seq}:${last.hash}`,
        '',
      ].join('\n'),
    );
    expect(
      items().map((i) => ({
        exhibit: i.exhibit,
        md5: i.md5,
        sha1: i.sha1,
        description: i.description,
        source: i.source,
        acquired_by: i.acquired_by,
      })),
    ).toEqual(
      [email, image].map(({ data }, k) => ({
        exhibit: `E-000${k + 1}`,
        md5: digest('md5', data),
        sha1: digest('sha1', data),
        description: 'Sent to the CFO',
        source: 'CFO mailbox',
        acquired_by: 'Name',
      })),
    );
    expect(
      readCase(path, (db) => db.prepare('SELECT chunk_size, chunk_count FROM evidence_blob ORDER BY rowid').all()),
    ).toEqual([
      { chunk_size: MiB, chunk_count: 1 },
      { chunk_size: MiB, chunk_count: 3 },
    ]);
    const audit = readCase(path, (db) =>
      db
        .prepare(
          "SELECT action, actor_name, actor_role, actor_organisation FROM audit_log WHERE action = 'evidence.add'",
        )
        .all(),
    );
    expect(audit).toEqual(
      [0, 1].map(() => ({ action: 'evidence.add', actor_name: 'Name', actor_role: 'Role', actor_organisation: 'Org' })),
    );
    expect(sidecarsOf(path)).toEqual([]);
  });

  it('--by-reference with --json reports the items, why they were referenced, and the head', async () => {
    const log = sample('firewall.log', 5000);
    const result = await added(log.file, '--by-reference', '--json');
    const out = JSON.parse(result.stdout) as { items: EvidenceItem[]; head: { seq: number; hash: string } };
    expect(out.items).toHaveLength(1);
    expect(out.items[0]).toMatchObject({
      exhibit: 'E-0001',
      storage: 'reference',
      referencePath: log.file,
      size: 5000,
      sha256: digest('sha256', log.data),
      referencedBecause: 'referenced in place, as asked',
    });
    expect(out.head).toEqual(head());
    expect(counts()).toMatchObject({ items: 1, blobs: 0, chunks: 0 });
  });

  it('refuses the same bytes twice, naming the item that holds them, unless --link is given', async () => {
    const first = sample('chat.json', 700);
    await logged(first.file);
    const copy = join(dir, 'chat (copy).json');
    writeFileSync(copy, first.data);
    const before = counts();
    expectUsageError(
      await custos('evidence', 'add', path, copy, ...AS),
      /^custos: chat \(copy\)\.json has the same bytes \(SHA-256 [0-9a-f]{16}…\) as E-0001; .*custos evidence add --link\)\n$/,
    );
    expect(counts()).toEqual(before);

    await added(copy, '--link');
    const [one, two] = items();
    expect(two).toMatchObject({ exhibit: 'E-0002', blob_id: one!.blob_id, original_name: 'chat (copy).json' });
    expect(counts()).toEqual({ ...before, items: 2, custody: 2, audit: before.audit + 1 });
  });

  it('records a derived copy against its original, and refuses an unknown original before reading', async () => {
    const image = sample('mailbox.pst', 3000);
    await added(image.file);
    const extract = sample('ransom-demand.eml', 400);
    await added(extract.file, '--derived-from', 'E-0001');
    const [original, derived] = items();
    expect(derived!.parent_id).toBe(original!.id);
    const orphan = sample('other.eml', 10);
    expectUsageError(
      await custos('evidence', 'add', path, orphan.file, '--derived-from', 'E-0099', ...AS),
      /no evidence item E-0099 in this case/,
    );
    expect(items()).toHaveLength(2);
  });

  it('gives each file its own description with --description once per file, in the order of the files', async () => {
    const email = sample('demand.eml', 300);
    const chat = sample('chat.json', 200);
    const shot = sample('screenshot.png', 100);
    const result = await added(
      email.file,
      chat.file,
      shot.file,
      '--description',
      'The extortion e-mail to the CFO',
      '--description',
      'Telegram export of the chat with the contractor',
      '--description',
      'Screenshot of the leak-site countdown',
    );
    expect(items().map((i) => [i.exhibit, i.description])).toEqual([
      ['E-0001', 'The extortion e-mail to the CFO'],
      ['E-0002', 'Telegram export of the chat with the contractor'],
      ['E-0003', 'Screenshot of the leak-site countdown'],
    ]);
    expect(result.stdout).toContain(
      'E-0002  chat.json  200 B (200 bytes)  stored in the case\n  Description  Telegram export',
    );
    // One --description for three files is everyone's; two for three would land on the wrong exhibits.
    const before = counts();
    expectUsageError(
      await custos(
        'evidence',
        'add',
        path,
        email.file,
        chat.file,
        shot.file,
        '--description',
        'a',
        '--description',
        'b',
        ...AS,
      ),
      'custos: 2 --description options for 3 files: give one for all the files, or one per file in the order of the files',
    );
    expect(counts()).toEqual(before);
    // Each file's own description is held to the same limit as one for all of them.
    const tooLong = await custos(
      'evidence',
      'add',
      path,
      email.file,
      chat.file,
      '--description',
      'a',
      '--description',
      'x'.repeat(2001),
      ...AS,
    );
    expect(tooLong.status).not.toBe(0);
    expect(tooLong.stderr).toMatch(/at most 2000 characters.*\(the description of file 2\)/);
    expect(counts()).toEqual(before);
  });

  it('says why a file over the store limit was referenced, and records it in the acquisition', async () => {
    const big = sample('disk.img', 2 * MiB);
    const result = await added(big.file, '--store-limit', '1M');
    expect(result.stdout).toContain(
      `E-0001  disk.img  2.0 MiB (2,097,152 bytes)  referenced in place\n  SHA-256      ${digest('sha256', big.data)}\n  Referenced   at ${big.file}: 2.0 MiB is over the store limit of 1.0 MiB, so it was referenced in place\n`,
    );
    const [details] = readCase(path, (db) =>
      db.prepare("SELECT details FROM custody_event WHERE type = 'acquisition'").pluck().all(),
    ) as string[];
    expect(details).toMatch(/; 2\.0 MiB is over the store limit of 1\.0 MiB, so it was referenced in place$/);
  });

  it('checks a tool-reported hash against its own', async () => {
    const file = sample('memory.raw', 3000);
    const matched = await added(file.file, '--tool-hash', `sha256:${digest('sha256', file.data).toUpperCase()}`);
    expect(matched.stdout).toContain(
      `  Tool hash    SHA-256 ${digest('sha256', file.data)}: matches what Custos computed\n`,
    );
    expect(items()[0]).toMatchObject({
      tool_hash: digest('sha256', file.data),
      tool_hash_algorithm: 'sha256',
      tool_hash_match: 1,
      integrity: 'verified',
      flagged: 0,
    });
    const other = sample('pagefile.sys', 3000);
    // A mismatch is logged and flagged, and said: exit 1 with one integrity line on stderr.
    const mismatch = await custos('evidence', 'add', path, other.file, '--tool-hash', `md5:${'0'.repeat(32)}`, ...AS);
    expect(mismatch.status).toBe(1);
    expect(mismatch.stderr).toMatch(
      /^custos: integrity failure: E-0002: the MD5 the acquisition tool reported does not match the file's \(the item is logged and flagged\)\n$/,
    );
    expect(mismatch.stdout).toContain(
      `  MD5          ${digest('md5', other.data)}\n  Tool hash    MD5 ${'0'.repeat(32)}: DOES NOT MATCH what Custos computed (the item is flagged)\n`,
    );
    expect(items()[1]).toMatchObject({
      md5: digest('md5', other.data),
      tool_hash_match: 0,
      integrity: 'mismatch',
      flagged: 1,
    });
  });

  it('refusals and usage errors: one line on stderr, exit 2, nothing recorded', async () => {
    const file = sample('a.txt', 10).file;
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const before = counts();
    expectUsageError(
      await custos('evidence', 'add', path, join(dir, 'missing.txt'), ...AS),
      `custos: ${join(dir, 'missing.txt')} does not exist; check the path`,
    );
    expectUsageError(
      await custos('evidence', 'add', path, folder, ...AS),
      `custos: ${folder} is a folder, not a file; add the files inside it`,
    );
    expectUsageError(await custos('evidence', 'add', path, ...AS), 'custos: give at least one PATH to add after FILE');
    expectUsageError(await custos('evidence', 'add', ...AS), 'custos: a case FILE is required');
    expectUsageError(
      await custos('evidence', 'add', path, file, '--tool-hash', 'crc32:1234', ...AS),
      /--tool-hash must be ALGORITHM:HEX/,
    );
    expectUsageError(await custos('evidence', 'add', path, file, '--bogus', ...AS), /--bogus/);
    expectUsageError(await custos('evidence', 'add', path, file), /--as/);
    expectUsageError(
      await custos('evidence', 'add', join(dir, 'no-case.custos'), file, ...AS),
      /does not exist|not found/i,
    );
    expectUsageError(await custos('evidence', 'frobnicate', path), /unknown evidence command "frobnicate"/);
    expect(counts()).toEqual(before);
    expect(sidecarsOf(path)).toEqual([]);
  });

  it('shows a hostile file name escaped in add and list, and intact in --json', async () => {
    const name = 'ev\u001b]0;owned\u0007il\n.txt';
    const { data } = sample(name, 64);
    const result = await added(join(dir, name));
    expect(result.stdout).toMatch(
      /^E-0001 {2}ev\\x1b\]0;owned\\x07il\\n\.txt {2}64 B \(64 bytes\) {2}stored in the case\n {2}SHA-256 {6}[0-9a-f]{64}\nAudit head: /,
    );
    expect(result.stdout).not.toMatch(CONTROL);
    expect(result.stdout.split('\n')).toHaveLength(4);
    expect(items()[0]!.original_name).toBe(name);

    const list = await custos('evidence', 'list', path);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('ev\\x1b]0;owned\\x07il\\n.txt');
    expect(list.stdout).not.toMatch(CONTROL);
    expect(list.stdout.split('\n')).toHaveLength(2);
    const json = JSON.parse((await custos('evidence', 'list', path, '--json')).stdout) as EvidenceItem[];
    expect(json[0]).toMatchObject({ originalName: name, sha256: digest('sha256', data) });

    // Its duplicate's refusal is one escaped line too.
    const copy = join(dir, 'copy\u001b[2J.txt');
    writeFileSync(copy, data);
    expectUsageError(
      await custos('evidence', 'add', path, copy, ...AS),
      /^custos: copy\\x1b\[2J\.txt has the same bytes/,
    );
  });
});

describe('custos evidence list', () => {
  it('says when there is no evidence, and lists items with integrity, size, name and hash', async () => {
    expect((await custos('evidence', 'list', path)).stdout).toBe(
      'No evidence in this case yet (custos evidence add FILE PATH…)\n',
    );
    const file = sample('ransom.eml', 321);
    await logged(file.file);
    const list = await custos('evidence', 'list', path);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(
        `^E-0001 {2}file {5}verified {6,}321 B {2}ransom\\.eml {2}SHA-256 ${digest('sha256', file.data)} {2}\\(held by Name since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)\\n$`,
      ),
    );
  });
});

describe('custos evidence verify', () => {
  it('re-hashes every item (or those named), exits 1 on a mismatch, and the item stays flagged', async () => {
    const stored = sample('stored.bin', 2 * MiB + 1);
    const referenced = sample('referenced.bin', 1000);
    await logged(stored.file);
    await logged(referenced.file, { byReference: true });
    const ok = await custos('evidence', 'verify', path, ...AS);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe(
      `E-0001  MATCH     SHA-256 ${digest('sha256', stored.data)} re-computed from the stored bytes\n` +
        `E-0002  MATCH     SHA-256 ${digest('sha256', referenced.data)} re-computed from ${referenced.file}\n`,
    );

    flipChunkByte(path, items()[0]!.blob_id as string, 1, 5);
    const bad = await custos('evidence', 'verify', path, ...AS);
    expectIntegrityFailure(bad, [/E-0001: its stored bytes no longer match their recorded SHA-256$/]);
    expect(bad.stdout).toMatch(
      /^E-0001 {2}MISMATCH {2}its stored bytes no longer match their recorded SHA-256\nE-0002 {2}MATCH /,
    );

    const json = await custos('evidence', 'verify', path, '--json', ...AS);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as {
      ok: boolean;
      items: { exhibit: string; id: string; result: string; flagged: boolean }[];
    };
    expect(report.ok).toBe(false);
    expect(report.items.map((i) => [i.exhibit, i.id, i.result, i.flagged])).toEqual([
      ['E-0001', items()[0]!.id, 'mismatch', true],
      ['E-0002', items()[1]!.id, 'match', false],
    ]);

    // Only the item named: E-0002 is fine.
    const one = await custos('evidence', 'verify', path, 'E-0002', ...AS);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/^E-0002 {2}MATCH [^\n]+\n$/);
    expect((await custos('evidence', 'list', path)).stdout).toMatch(
      /^E-0001 .* mismatch .*⚠ FLAGGED\nE-0002 .* verified /,
    );
    // custos info counts the exhibits and names the failed one first thing.
    const info = (await custos('info', path)).stdout;
    expect(info).toMatch(/^Content: +\d+ timeline events?, \d+ notes?, 2 exhibits, /m);
    expect(info).toMatch(/^FLAGGED: +1 exhibit flagged \(a failed verification, or a tool's hash that disagreed\)/m);
    expect(
      readCase(path, (db) =>
        db.prepare("SELECT count(*) FROM custody_event WHERE type = 'verification'").pluck().get(),
      ),
    ).toBe(7);

    expectUsageError(
      await custos('evidence', 'verify', path, 'E-0099', ...AS),
      /^custos: no evidence item E-0099 in this case/,
    );
  });

  it('a referenced file deleted is reported missing', async () => {
    const referenced = sample('gone.bin', 100);
    await logged(referenced.file, { byReference: true });
    rmSync(referenced.file);
    const result = await custos('evidence', 'verify', path, ...AS);
    expectIntegrityFailure(result, [new RegExp(`E-0001: its referenced file is missing: ${referenced.file}$`)]);
    expect(result.stdout).toMatch(/^E-0001 {2}MISSING /);
  });
});

describe('custos verify with evidence', () => {
  type VerifyJson = {
    ok: boolean;
    checks: CheckResult[];
    failed: { check: string; message: string; location: unknown } | null;
  };

  it('--json reports check "evidence" failing, with the item, after a chunk is altered', async () => {
    const stored = sample('stored.bin', 3000);
    await logged(stored.file);
    const intact = await custos('verify', path, '--json');
    expect(intact.status, intact.stderr).toBe(0);
    expect((JSON.parse(intact.stdout) as VerifyJson).checks.find((c) => c.id === 'evidence')).toMatchObject({
      status: 'pass',
    });

    flipChunkByte(path, items()[0]!.blob_id as string, 0);
    const result = await custos('verify', path, '--json');
    expectIntegrityFailure(result, [/E-0001: its stored bytes no longer match their recorded SHA-256$/]);
    const report = JSON.parse(result.stdout) as VerifyJson;
    expect(report.ok).toBe(false);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['schema', 'pass'],
      ['chain', 'pass'],
      ['replay', 'pass'],
      ['evidence', 'fail'],
      ['head', 'skipped'],
    ]);
    expect(report.failed).toEqual({
      check: 'evidence',
      message: 'E-0001: its stored bytes no longer match their recorded SHA-256',
      // The exhibit as a person knows it, beside the technical place.
      subject: "the exhibit E-0001 'stored.bin'",
      location: { table: 'evidence_item', rowId: items()[0]!.id },
    });
    // Verification only reads: the case is left as it was.
    expect(sidecarsOf(path)).toEqual([]);
  });

  it('a missing referenced file: the text report shows its name escaped', async () => {
    const name = 'ev\u001bil\n.txt';
    const { file } = sample(name, 10);
    await logged(file, { byReference: true });
    rmSync(file);
    const result = await custos('verify', path);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `FAIL  Evidence bytes: E-0001: its referenced file is missing: ${dir}/ev\\x1bil\\n.txt`,
    );
    expect(result.stdout).not.toMatch(CONTROL);
    const json = JSON.parse((await custos('verify', path, '--json')).stdout) as VerifyJson;
    expect(json.failed).toMatchObject({
      check: 'evidence',
      message: `E-0001: its referenced file is missing: ${file}`,
    });
  });

  it('a missing referenced file: the stderr line shows its name escaped', async () => {
    const { file } = sample('ev\u001bil\n.txt', 10);
    await logged(file, { byReference: true });
    rmSync(file);
    expectIntegrityFailure(await custos('verify', path), [
      /E-0001: its referenced file is missing: .*ev\\x1bil\\n\.txt$/,
    ]);
  });
});

describe('custos evidence add --store-limit', () => {
  it('references files above the limit given, and refuses a limit that is not a size', async () => {
    const small = sample('demand.eml', 1024);
    const large = sample('mailbox.pst', 1025);
    const result = await custos('evidence', 'add', path, small.file, large.file, '--store-limit', '1K', ...AS);
    expect(result.status, result.stderr).toBe(0);
    expect(items().map((i) => [i.exhibit, i.storage])).toEqual([
      ['E-0001', 'embedded'],
      ['E-0002', 'reference'],
    ]);
    for (const bad of ['0', 'lots', '2X', '1.5.2G']) {
      expectUsageError(
        await custos('evidence', 'add', path, small.file, '--store-limit', bad, ...AS),
        /--store-limit must be a size such as 500M, 4G or 1048576/,
      );
    }
  });
});

describe('custos custody transfer', () => {
  it('records a sealed hand-over with a hash check', async () => {
    const file = sample('laptop.img', 5000);
    await logged(file.file);
    const result = await custos(
      'custody',
      'transfer',
      path,
      'E-0001',
      '--from',
      'Name',
      '--to',
      'K. Osei (evidence officer)',
      '--purpose',
      'Storage in locker 3',
      '--seal-before',
      'NW-117',
      '--seal-after',
      'NW-118',
      '--to-location',
      'Locker 3',
      '--check-hash',
      ...AS,
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const last = head();
    expect(result.stdout).toBe(
      `E-0001: Name → K. Osei (evidence officer) (Storage in locker 3), hash match\nAudit head: ${last.seq}:${last.hash}\n`,
    );
    const event = readCase(path, (db) => db.prepare("SELECT * FROM custody_event WHERE type = 'transfer'").get());
    expect(event).toMatchObject({
      released_by: 'Name',
      received_by: 'K. Osei (evidence officer)',
      purpose: 'Storage in locker 3',
      seal_before: 'NW-117',
      seal_after: 'NW-118',
      to_location: 'Locker 3',
      hash_result: 'match',
      recorded_by: 'Name',
    });
    expect(items()[0]).toMatchObject({ seal_number: 'NW-118', storage_location: 'Locker 3' });
    expect(
      readCase(path, (db) => db.prepare('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get()),
    ).toBe('custody.transfer');
  });

  it('custody return records the item going back to its owner, as a return', async () => {
    const file = sample('laptop.img', 5000);
    await logged(file.file);
    const result = await custos(
      'custody',
      'return',
      path,
      'E-0001',
      '--from',
      'Name',
      '--to',
      'R. Alvarez (employee counsel)',
      '--purpose',
      'Device returned after imaging',
      '--seal-before',
      'NW-118',
      ...AS,
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^E-0001: Name → R\. Alvarez \(employee counsel\) \(Device returned after imaging\)\nAudit head: /,
    );
    const event = readCase(path, (db) =>
      db.prepare("SELECT type, received_by, seal_before FROM custody_event WHERE type = 'return'").get(),
    );
    expect(event).toEqual({ type: 'return', received_by: 'R. Alvarez (employee counsel)', seal_before: 'NW-118' });
    expect(
      readCase(path, (db) => db.prepare('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get()),
    ).toBe('custody.return');
    expectUsageError(
      await custos('custody', 'return', path, 'E-0001', 'E-0002', '--from', 'A', '--to', 'B', '--purpose', 'P', ...AS),
      /give exactly one item \(id or exhibit number\) to return/,
    );
  });

  it('a hash check that fails exits 1', async () => {
    const file = sample('laptop.img', 5000);
    await logged(file.file);
    flipChunkByte(path, items()[0]!.blob_id as string, 0);
    const result = await custos(
      'custody',
      'transfer',
      path,
      'E-0001',
      '--from',
      'A',
      '--to',
      'B',
      '--purpose',
      'Lab',
      '--check-hash',
      ...AS,
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^E-0001: A → B \(Lab\), hash mismatch\n/);
    expect(result.stderr).toMatch(/^custos: integrity failure: E-0001: hash check at transfer: [^\n]+\n$/);
    expect(items()[0]).toMatchObject({ integrity: 'mismatch', flagged: 1 });
  });

  it('usage errors: missing --from, --to or --purpose, no item or two, an unknown item; nothing recorded', async () => {
    await logged(sample('a.bin', 10).file);
    const before = counts();
    const transfer = (...args: string[]) => custos('custody', 'transfer', path, ...args, ...AS);
    expectUsageError(
      await transfer('E-0001', '--to', 'B', '--purpose', 'P'),
      'custos: --from: From (who releases the item) is required',
    );
    expectUsageError(
      await transfer('E-0001', '--from', 'A', '--purpose', 'P'),
      'custos: --to: To (who receives the item) is required',
    );
    expectUsageError(await transfer('E-0001', '--from', 'A', '--to', 'B'), 'custos: --purpose: Purpose is required');
    expectUsageError(
      await transfer('E-0001', '--from', ' ', '--to', 'B', '--purpose', 'P'),
      /--from: From .* is required/,
    );
    expectUsageError(
      await transfer('--from', 'A', '--to', 'B', '--purpose', 'P'),
      'custos: give the item (id or exhibit number) to transfer after FILE',
    );
    expectUsageError(
      await transfer('E-0001', 'E-0002', '--from', 'A', '--to', 'B', '--purpose', 'P'),
      'give exactly one item',
    );
    expectUsageError(
      await transfer('E-0042', '--from', 'A', '--to', 'B', '--purpose', 'P'),
      /^custos: no evidence item E-0042 in this case/,
    );
    expectUsageError(await custos('custody', 'handover', path), /unknown custody command "handover"/);
    expectUsageError(
      await custos('custody', 'transfer', path, 'E-0001', '--from', 'A', '--to', 'B', '--purpose', 'P'),
      /--as/,
    );
    expect(counts()).toEqual(before);
  });
});

describe('custos evidence export', () => {
  it('--all and by id: hash-checked copies, manifests, one export custody event each', async () => {
    const a = sample('ransom.eml', 1234);
    const b = sample('disk.img', MiB + 3);
    await logged(a.file, { md5: true });
    await logged(b.file, { byReference: true });
    const out = join(dir, 'out');
    mkdirSync(out);
    const all = await custos('evidence', 'export', path, '--all', out, ...AS);
    expect(all.status, all.stderr).toBe(0);
    expect(all.stderr).toBe('');
    expect(all.stdout).toBe(
      [
        `E-0001  ${out}/E-0001 ransom.eml  SHA-256 ${digest('sha256', a.data)} (read back and matched)`,
        `E-0002  ${out}/E-0002 disk.img  SHA-256 ${digest('sha256', b.data)} (read back and matched)`,
        `Manifest: ${out}/manifest.json, ${out}/manifest.csv`,
        '',
      ].join('\n'),
    );
    expect(readdirSync(out).sort()).toEqual(['E-0001 ransom.eml', 'E-0002 disk.img', 'manifest.csv', 'manifest.json']);
    expect(sha256File(join(out, 'E-0001 ransom.eml'))).toBe(digest('sha256', a.data));
    expect(sha256File(join(out, 'E-0002 disk.img'))).toBe(digest('sha256', b.data));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      files: { exhibit: string; file: string; md5: string | null }[];
    };
    expect(manifest.files.map((f) => [f.exhibit, f.file, f.md5])).toEqual([
      ['E-0001', 'E-0001 ransom.eml', digest('md5', a.data)],
      ['E-0002', 'E-0002 disk.img', null],
    ]);

    const single = join(dir, 'single');
    mkdirSync(single);
    const one = await custos('evidence', 'export', path, 'e-0002', single, ...AS);
    expect(one.status, one.stderr).toBe(0);
    expect(readdirSync(single).sort()).toEqual(['E-0002 disk.img', 'manifest.csv', 'manifest.json']);
    expect(
      readCase(path, (db) =>
        db
          .prepare(
            "SELECT i.exhibit, c.to_location FROM custody_event c JOIN evidence_item i ON i.id = c.item_id WHERE c.type = 'export' ORDER BY c.rowid",
          )
          .all(),
      ),
    ).toEqual([
      { exhibit: 'E-0001', to_location: join(out, 'E-0001 ransom.eml') },
      { exhibit: 'E-0002', to_location: join(out, 'E-0002 disk.img') },
      { exhibit: 'E-0002', to_location: join(single, 'E-0002 disk.img') },
    ]);

    // Again into the same folder: nothing is overwritten.
    const again = await custos('evidence', 'export', path, '--all', out, ...AS);
    expect(again.status, again.stderr).toBe(0);
    expect(readdirSync(out)).toHaveLength(8);
    expect(again.stdout).toContain(`${out}/E-0001 ransom (2).eml`);
  });

  it('usage errors and refusals', async () => {
    await logged(sample('a.bin', 10).file);
    const out = join(dir, 'out');
    mkdirSync(out);
    const before = counts();
    expectUsageError(
      await custos('evidence', 'export', path, '--all', 'E-0001', out, ...AS),
      'custos: give either --all or item ids, not both',
    );
    expectUsageError(await custos('evidence', 'export', path, out, ...AS), /name the items to export .* or give --all/);
    // A folder that does not exist is made only when the folder it goes in exists: a typing
    // mistake further up is refused, and nothing is made.
    expectUsageError(
      await custos('evidence', 'export', path, '--all', join(dir, 'nowhere', 'police'), ...AS),
      `custos: ${join(dir, 'nowhere')} does not exist, so the export folder ${join(dir, 'nowhere', 'police')} was not made; check the path or create it first`,
    );
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    // A refused export does not leave the folder it made behind.
    expectUsageError(
      await custos('evidence', 'export', path, 'E-0007', join(dir, 'fresh'), ...AS),
      /no evidence item E-0007/,
    );
    expect(existsSync(join(dir, 'fresh'))).toBe(false);
    expectUsageError(await custos('evidence', 'export', path, 'E-0007', out, ...AS), /no evidence item E-0007/);
    expect(readdirSync(out)).toEqual([]);
    expect(counts()).toEqual(before);
    expect(rowCount(path, 'custody_event')).toBe(1);
  });
});

it('list, verify, export and transfer show a hostile name without raw control characters', async () => {
  // A summary guard over the commands above for one hostile name.
  const { file, data } = sample('x\u001b[31mred\u001b[0m.txt', 20);
  await logged(file);
  const outputs = [await custos('evidence', 'list', path), await custos('evidence', 'verify', path, ...AS)];
  const out = join(dir, 'out');
  mkdirSync(out);
  outputs.push(await custos('evidence', 'export', path, '--all', out, ...AS));
  outputs.push(
    await custos('custody', 'transfer', path, 'E-0001', '--from', 'A', '--to', 'B', '--purpose', 'P', ...AS),
  );
  for (const result of outputs) {
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(CONTROL);
  }
  expect(outputs[0]!.stdout).toContain(`SHA-256 ${digest('sha256', data)}`);
  expect(outputs[0]!.stdout).toContain('x\\x1b[31mred\\x1b[0m.txt');
  expect(readdirSync(out)).toContain('E-0001 x_[31mred_[0m.txt');
});
