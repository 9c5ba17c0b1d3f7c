import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCaseDb } from '../../electron/core/store/db/caseDb.ts';
import { addTimelineEvent } from '../../electron/core/services/timeline.ts';
import { editCase } from '../../electron/core/services/cases.ts';
import { auditHead } from '../../electron/core/store/tables/auditLog.ts';
import type { Head } from '../../shared/domain/common.ts';
import { EXAMINER, context, newCase, sha256File, tempDir } from '../helpers/tempCase.ts';
import { tamper, tamperCovered } from '../helpers/tamper.ts';
import { killed, startUntil } from '../helpers/child.ts';
import { readCase, rowCount, runCustos, runCustosInProcess, sidecarsOf } from '../helpers/cli.ts';
import type { CliResult } from '../helpers/cli.ts';

const HOLDER = new URL('../fixtures/holdCase.ts', import.meta.url).pathname;
const AS = ['--as', 'Name, Role, Org'];
const HASH = /^[0-9a-f]{64}$/;

let dir: string;
let dataDir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  // Empty unless a test writes settings.json: no examiner profile, and never the real one.
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
});
afterEach(() => cleanup());

const custos = (...args: string[]) => runCustosInProcess(dataDir, args);

/** Exit 2 and exactly one line on stderr, "custos: …", matching `message`. */
function expectUsageError(result: CliResult, message: RegExp | string): void {
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toMatch(/^custos: [^\n]+\n$/);
  expect(result.stderr).toMatch(message);
}

/** A case made through the core (not the CLI), closed, with one timeline event: audit entries 1 and 2. */
function existingCase(draft: Parameters<typeof newCase>[1] = {}): { path: string; eventId: string; head: Head } {
  const { path, ctx, caseDb } = newCase(dir, draft);
  const event = addTimelineEvent(caseDb, ctx, {
    at: '2026-10-30T09:15',
    zone: 'Europe/Berlin',
    title: 'VPN login from new device',
    description: '',
    source: 'VPN',
    category: 'access',
  });
  const head = auditHead(caseDb);
  caseDb.close();
  return { path, eventId: event.id, head };
}

function lastAuditRow(path: string): { seq: number; hash: string } {
  return readCase(
    path,
    (db) =>
      db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string },
  );
}

describe('custos new', () => {
  it('creates the case file with its type, reference and the examiner given with --as', async () => {
    const path = join(dir, 'new.custos');
    const result = await custos(
      'new',
      path,
      '--title',
      'Contractor infiltration',
      '--type',
      'both',
      '--reference',
      'IR-7',
      ...AS,
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(existsSync(path)).toBe(true);
    expect(result.stdout).toContain(`Created ${path}`);
    expect(result.stdout).toMatch(/Audit head: 1:[0-9a-f]{64}/);
    const meta = readCase(path, (db) => db.prepare('SELECT title, reference, case_type FROM case_meta').all());
    expect(meta).toEqual([
      { title: 'Contractor infiltration', reference: 'IR-7', case_type: 'infiltration_and_extortion' },
    ]);
    const first = readCase(path, (db) => db.prepare('SELECT * FROM audit_log WHERE seq = 1').get()) as Record<
      string,
      string
    >;
    expect(first).toMatchObject({
      action: 'case.create',
      actor_name: 'Name',
      actor_role: 'Role',
      actor_organisation: 'Org',
    });
  });

  it('--json reports the path, the case id and the first audit head', async () => {
    const path = join(dir, 'new.custos');
    const result = await custos('new', path, '--title', 'T', '--json', ...AS);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { path: string; id: string; head: Head };
    expect(out.path).toBe(path);
    expect(out.head.seq).toBe(1);
    expect(out.head.hash).toMatch(HASH);
    expect(out).toEqual({
      path,
      id: readCase(path, (db) => db.prepare('SELECT id FROM case_meta').pluck().get()),
      head: lastAuditRow(path),
    });
  });

  it('records the examiner from the Custos profile when --as is not given', async () => {
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({
        version: 1,
        profile: {
          name: 'Dana Whitfield',
          role: 'Incident responder',
          organisation: 'Northwind Security',
          timeZone: '',
        },
        recent: [],
      }),
    );
    const path = join(dir, 'new.custos');
    const result = await custos('new', path, '--title', 'T');
    expect(result.status, result.stderr).toBe(0);
    const actor = readCase(path, (db) =>
      db.prepare('SELECT actor_name, actor_role, actor_organisation FROM audit_log WHERE seq = 1').get(),
    );
    expect(actor).toEqual({
      actor_name: 'Dana Whitfield',
      actor_role: 'Incident responder',
      actor_organisation: 'Northwind Security',
    });
  });

  it('without a profile or --as refuses with a hint to pass --as, and creates nothing', async () => {
    const path = join(dir, 'new.custos');
    expectUsageError(await custos('new', path, '--title', 'T'), '--as');
    expect(readdirSync(dir)).toEqual(['data']);
  });

  it('refuses an --as that lacks a role and organisation', async () => {
    const path = join(dir, 'new.custos');
    expectUsageError(
      await custos('new', path, '--title', 'T', '--as', 'Just A Name'),
      /--as must be "Name, Role, Organisation"/,
    );
    expect(existsSync(path)).toBe(false);
  });

  it('never overwrites an existing case', async () => {
    const { path } = existingCase();
    const before = sha256File(path);
    expectUsageError(await custos('new', path, '--title', 'Replacement', ...AS), /already exists/);
    expect(sha256File(path)).toBe(before);
  });

  it('resolves a relative FILE against the current folder', async () => {
    const result = runCustos(dataDir, ['new', 'relative.custos', '--title', 'T', ...AS], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'relative.custos'))).toBe(true);
  });
});

describe('custos timeline add', () => {
  it('reads a wall time in the given zone and stores it as UTC plus the zone', async () => {
    const { path } = existingCase();
    const result = await custos(
      'timeline',
      'add',
      path,
      '--at',
      '2026-11-02T14:30',
      '--zone',
      'Asia/Seoul',
      '--title',
      'Laptop shipped to Seoul',
      ...AS,
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Added event [0-9a-f]{8,}: Laptop shipped to Seoul\n {2}at 2026-11-02 14:30:00 \+09:00 Asia\/Seoul \(as entered\)\n {5}2026-11-02 05:30:00 UTC\nAudit head: 3:[0-9a-f]{64}\n$/,
    );
    const row = readCase(path, (db) =>
      db.prepare("SELECT occurred_at, zone FROM timeline_event WHERE title = 'Laptop shipped to Seoul'").get(),
    );
    expect(row).toEqual({ occurred_at: '2026-11-02T05:30:00.000Z', zone: 'Asia/Seoul' });
    expect(readCase(path, (db) => db.prepare('SELECT actor_name FROM audit_log WHERE seq = 3').pluck().get())).toBe(
      'Name',
    );
  });

  it('prints a short id that timeline edit and remove take back, and refuses one that is not unique', async () => {
    const { path } = existingCase();
    const added = await custos('timeline', 'add', path, '--at', '2026-11-02T14:30Z', '--title', 'Short id', ...AS);
    expect(added.status, added.stderr).toBe(0);
    const short = /^Added event ([0-9a-f]{8,}): Short id\n/.exec(added.stdout)![1]!;
    const id = readCase(path, (db) =>
      db.prepare("SELECT id FROM timeline_event WHERE title = 'Short id'").pluck().get(),
    ) as string;
    expect(id.startsWith(short)).toBe(true);
    expect((await custos('timeline', 'list', path)).stdout).toContain(`Short id  (id ${short})`);

    const edited = await custos('timeline', 'edit', path, short, '--title', 'Short id, edited', ...AS);
    expect(edited.status, edited.stderr).toBe(0);
    expect(edited.stdout).toMatch(new RegExp(`^Updated event ${short}: Short id, edited\n`));
    expect(readCase(path, (db) => db.prepare('SELECT title FROM timeline_event WHERE id = ?').pluck().get(id))).toBe(
      'Short id, edited',
    );

    const unknown = await custos('timeline', 'remove', path, 'ffffffff', ...AS);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('No timeline event has an id starting with ffffffff');
    const tooShort = await custos('timeline', 'remove', path, '', ...AS);
    expect(tooShort.status).not.toBe(0);

    const removed = await custos('timeline', 'remove', path, short, ...AS);
    expect(removed.status, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`Removed event ${short}: Short id, edited (the audit log keeps it)`);
  });

  it('takes the zone from an offset in --at when no --zone is given', async () => {
    const { path } = existingCase();
    const result = await custos(
      'timeline',
      'add',
      path,
      '--at',
      '2026-11-02T14:30+09:00',
      '--title',
      'Offset only',
      ...AS,
    );
    expect(result.status, result.stderr).toBe(0);
    const row = readCase(path, (db) =>
      db.prepare("SELECT occurred_at, zone FROM timeline_event WHERE title = 'Offset only'").get(),
    );
    expect(row).toEqual({ occurred_at: '2026-11-02T05:30:00.000Z', zone: '+09:00' });
  });

  it('refuses a time without offset or zone, asking for the zone, and writes nothing', async () => {
    const { path } = existingCase();
    const counts = [rowCount(path, 'timeline_event'), rowCount(path, 'audit_log')];
    expectUsageError(
      await custos('timeline', 'add', path, '--at', '2026-11-02T14:30', '--title', 'T', ...AS),
      /has no offset; give the time zone/,
    );
    expect([rowCount(path, 'timeline_event'), rowCount(path, 'audit_log')]).toEqual(counts);
    expect(sidecarsOf(path)).toEqual([]);
  });

  it('refuses an unknown time zone and writes nothing', async () => {
    const { path } = existingCase();
    const counts = [rowCount(path, 'timeline_event'), rowCount(path, 'audit_log')];
    expectUsageError(
      await custos(
        'timeline',
        'add',
        path,
        '--at',
        '2026-11-02T14:30',
        '--zone',
        'Mars/Olympus',
        '--title',
        'T',
        ...AS,
      ),
      /"Mars\/Olympus" is not a time zone/,
    );
    expect([rowCount(path, 'timeline_event'), rowCount(path, 'audit_log')]).toEqual(counts);
  });
});

describe('custos info', () => {
  it('--json gives the case, the counts and the head, which is the last audit entry', async () => {
    const { path } = existingCase({ title: 'Payroll extortion' });
    const result = await custos('info', path, '--json');
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { path: string; case: { title: string }; counts: unknown; head: Head };
    expect(out.path).toBe(path);
    expect(out.case.title).toBe('Payroll extortion');
    expect(out.counts).toEqual({ timeline: 1, notes: 0, evidence: 0, flagged: 0, audit: 2 });
    expect(out.head).toEqual(lastAuditRow(path));
  });

  it('shows the title, the counts and the audit head for a person', async () => {
    const { path, head } = existingCase({ title: 'Payroll extortion' });
    const result = await custos('info', path);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Title: +Payroll extortion$/m);
    expect(result.stdout).toContain('1 timeline event, 0 notes, 0 exhibits, 2 audit entries');
    expect(result.stdout).toMatch(new RegExp(`^Audit head: +${head.seq}:${head.hash}$`, 'm'));
  });

  it('shows control characters in case text escaped, never raw', async () => {
    const { path } = existingCase({ title: 'Badge \u001b[31mRED\u001b[0m alert\u0007' });
    const result = await custos('info', path);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Badge \\x1b[31mRED\\x1b[0m alert\\x07');
    // eslint-disable-next-line no-control-regex
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('leaves a case it only read byte-identical, as one file', async () => {
    const { path } = existingCase();
    const before = sha256File(path);
    expect((await custos('info', path)).status).toBe(0);
    expect((await custos('audit', path)).status).toBe(0);
    expect((await custos('verify', path)).status).toBe(0);
    expect(sha256File(path)).toBe(before);
    expect(sidecarsOf(path)).toEqual([]);
  });
});

describe('custos audit', () => {
  it('shows each change as old → new', async () => {
    const { path } = existingCase({ title: 'Old title' });
    const caseDb = openCaseDb(path);
    editCase(caseDb, context(), { title: 'New title' });
    caseDb.close();
    const result = await custos('audit', path);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^#3 .* Dana Whitfield \(Incident responder, Northwind Security\) .*case\.update case /m,
    );
    expect(result.stdout).toContain('title: Old title → New title');
    expect(result.stdout).toContain(`hash ${lastAuditRow(path).hash}`);
  });

  it('--json is the list of entries in sequence order', async () => {
    const { path } = existingCase();
    const result = await custos('audit', path, '--json');
    expect(result.status, result.stderr).toBe(0);
    const entries = JSON.parse(result.stdout) as {
      seq: number;
      action: string;
      actor: unknown;
      prevHash: string;
      hash: string;
    }[];
    expect(entries.map((e) => [e.seq, e.action])).toEqual([
      [1, 'case.create'],
      [2, 'timeline.add'],
    ]);
    expect(entries[0]!.actor).toEqual(EXAMINER);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[1]!.hash).toBe(lastAuditRow(path).hash);
  });
});

describe('custos verify', () => {
  type VerifyJson = {
    ok: boolean;
    head: Head;
    checks: { id: string; status: string }[];
    failed: { check: string; message: string; location: Record<string, unknown> | null } | null;
  };
  const verifyJson = (result: CliResult) => JSON.parse(result.stdout) as VerifyJson;

  it('says INTACT and exits 0 for an untouched case', async () => {
    const { path, head } = existingCase();
    const result = await custos('verify', path);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`^INTACT: ${path}\n`));
    expect(result.stdout).toContain(`Head: ${head.seq}:${head.hash}`);
  });

  it('--json reports ok, the head, all four checks and no failure', async () => {
    const { path, head } = existingCase();
    const result = await custos('verify', path, '--json');
    expect(result.status, result.stderr).toBe(0);
    const report = verifyJson(result);
    expect(report.ok).toBe(true);
    expect(report.head).toEqual(head);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['schema', 'pass'],
      ['chain', 'pass'],
      ['replay', 'pass'],
      ['evidence', 'skipped'],
      ['head', 'skipped'],
    ]);
    expect(report.failed).toBeNull();
  });

  it('--expect-head passes against the current head, and against an earlier one with later entries', async () => {
    const { path, head } = existingCase();
    const current = await custos('verify', path, '--json', '--expect-head', `${head.seq}:${head.hash}`);
    expect(current.status, current.stderr).toBe(0);
    expect(verifyJson(current).checks.find((c) => c.id === 'head')!.status).toBe('pass');
    expect((await custos('timeline', 'add', path, '--at', '2026-11-02T10:00Z', '--title', 'Later', ...AS)).status).toBe(
      0,
    );
    const earlier = await custos('verify', path, '--expect-head', `${head.seq}:${head.hash}`);
    expect(earlier.status, earlier.stderr).toBe(0);
    expect(earlier.stdout).toContain('1 later entry follows');
  });

  it('exits 1 and names the row when a timeline event was edited behind Custos’s back', async () => {
    const { path, eventId, head } = existingCase();
    tamper(path, "UPDATE timeline_event SET title = 'Nothing happened' WHERE id = ?", eventId);
    const result = await custos('verify', path, '--json', '--expect-head', `${head.seq}:${head.hash}`);
    expect(result.status).toBe(1);
    const report = verifyJson(result);
    expect(report.ok).toBe(false);
    expect(report.failed).toEqual({
      check: 'replay',
      // Named as the audit log recorded it, with the technical place beside the name.
      message: expect.stringMatching(
        /^The timeline event '.+' \(.+\) was changed outside Custos \(its title differs from the audit log\)$/,
      ),
      subject: expect.stringMatching(/^the timeline event '/),
      location: { table: 'timeline_event', rowId: eventId },
    });
    expect(result.stderr).toBe(`custos: integrity failure: ${report.failed!.message}\n`);
  });

  it('says INTEGRITY FAILURE for a person, with one line on stderr', async () => {
    const { path, eventId } = existingCase();
    tamper(path, "UPDATE timeline_event SET title = 'Nothing happened' WHERE id = ?", eventId);
    const result = await custos('verify', path);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^INTEGRITY FAILURE: ${path}\n`));
    expect(result.stdout).toMatch(/^ {2}FAIL {2}State matches the audit log: /m);
    // The record in words first, then where it is in the file.
    expect(result.stdout).toMatch(
      new RegExp(
        `^ {2}FAIL {2}State matches the audit log: The timeline event .*\n {8}where: table timeline_event, row ${eventId}$`,
        'm',
      ),
    );
    expect(result.stderr).toMatch(/^custos: integrity failure: [^\n]+\n$/);
  });

  it('catches a cut-off tail only against the head written down earlier', async () => {
    const { path, head } = existingCase();
    tamperCovered(path, 'DELETE FROM audit_log WHERE seq = 2; DELETE FROM timeline_event;');
    // On its own the shortened log is self-consistent...
    expect((await custos('verify', path)).status).toBe(0);
    // ...but not against the head recorded before the cut.
    const result = await custos('verify', path, '--json', '--expect-head', `${head.seq}:${head.hash}`);
    expect(result.status).toBe(1);
    expect(verifyJson(result).failed).toEqual({
      check: 'head',
      message: 'The recorded head is entry 2, but the log ends at entry 1: entries were cut off the end',
      location: { seq: 2 },
    });
    expect(result.stderr).toMatch(/^custos: integrity failure: [^\n]+\n$/);
  });
});

describe('usage errors exit 2 with one line on stderr', () => {
  it('no command says so and prints the usage', async () => {
    const result = await custos();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^custos: a command is required\n/);
    expect(result.stderr).toContain('Usage: custos <command> [options]');
  });

  it('shows a hostile option name escaped, never raw', async () => {
    const { path } = existingCase();
    const result = await custos('info', path, '--\u001b[2Jx');
    expectUsageError(result, "Unknown option '--\\x1b[2Jx'");
    expect(result.stderr).not.toContain('\u001b');
  });

  it('shows a case path with control characters escaped in new and verify', async () => {
    const path = join(dir, 'a\u001b[2J.custos');
    const created = await custos('new', path, '--title', 'T', '--as', 'N, R, O');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('a\\x1b[2J.custos');
    const verified = await custos('verify', path);
    expect(verified.stdout).toContain('INTACT: ');
    expect(verified.stdout + created.stdout).not.toContain('\u001b');
  });

  it('help and --version succeed', async () => {
    const help = await custos('help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('custos verify FILE [--json] [--expect-head SEQ:HASH]');
    const version = await custos('--version');
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('an unknown command', async () => {
    expectUsageError(await custos('frobnicate'), 'custos: unknown command "frobnicate"; run custos help');
  });

  it('an unknown option, and nothing is created', async () => {
    const path = join(dir, 'typo.custos');
    expectUsageError(await custos('new', path, '--titel', 'T', ...AS), /Unknown option '--titel'/);
    expect(existsSync(path)).toBe(false);
  });

  it('a missing FILE', async () => {
    expectUsageError(await custos('info'), 'custos: a case FILE is required');
    expectUsageError(await custos('verify', '--json'), 'custos: a case FILE is required');
  });

  it('an extra argument', async () => {
    const { path } = existingCase();
    expectUsageError(await custos('info', path, 'other.custos'), 'unexpected argument "other.custos"');
  });

  it('an --expect-head that is not SEQ:HASH', async () => {
    const { path } = existingCase();
    expectUsageError(await custos('verify', path, '--expect-head', 'nonsense'), /--expect-head must be SEQ:HASH/);
    // Entry 0 is the empty log; no head that was written down can be it.
    expectUsageError(await custos('verify', path, '--expect-head', `0:${'0'.repeat(64)}`), /SEQ 1 or more/);
  });

  it('an unknown timeline subcommand', async () => {
    expectUsageError(
      await custos('timeline', 'frobnicate'),
      'unknown timeline command "frobnicate" (add, list, edit, remove)',
    );
  });

  it('a missing --title', async () => {
    const path = join(dir, 'untitled.custos');
    expectUsageError(await custos('new', path, ...AS), /Title is required/);
    expect(existsSync(path)).toBe(false);
  });
});

describe('files that are not readable cases are refused, untouched', () => {
  const COMMANDS: ((path: string) => string[])[] = [
    (path) => ['info', path],
    (path) => ['audit', path],
    (path) => ['verify', path, '--json'],
    (path) => ['timeline', 'add', path, '--at', '2026-11-02T14:30Z', '--title', 'T', ...AS],
  ];

  async function expectRefusedUntouched(path: string, message: RegExp, fingerprint: () => unknown): Promise<void> {
    const before = fingerprint();
    for (const args of COMMANDS) {
      const result = await custos(...args(path));
      expectUsageError(result, message);
      expect(result.stdout).toBe('');
      expect(fingerprint()).toEqual(before);
      expect(sidecarsOf(path)).toEqual([]);
    }
  }

  it('a text file named .custos', async () => {
    const path = join(dir, 'x.custos');
    writeFileSync(path, 'not a case\n');
    await expectRefusedUntouched(path, /is not a Custos case file \(it is not an SQLite database\)/, () =>
      sha256File(path),
    );
  });

  it('an SQLite database that is not a case', async () => {
    const path = join(dir, 'other.custos');
    const db = new Database(path);
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('keep me');");
    db.close();
    await expectRefusedUntouched(path, /is an SQLite database but not a Custos case/, () => sha256File(path));
  });

  it('a path that does not exist', async () => {
    const path = join(dir, 'missing.custos');
    await expectRefusedUntouched(path, /missing\.custos does not exist/, () => existsSync(path));
  });

  it('a folder', async () => {
    const path = join(dir, 'folder.custos');
    mkdirSync(path);
    await expectRefusedUntouched(path, /is not a file \(it is a folder or a device\)/, () => readdirSync(path));
  });
});

describe('while another process writes to the case', () => {
  it('a writing command is refused with "open elsewhere"; info and verify still work', async () => {
    const { path } = existingCase();
    const holder = await startUntil(HOLDER, [path], 'READY');
    try {
      const counts = [rowCount(path, 'timeline_event'), rowCount(path, 'audit_log')];
      expectUsageError(
        await custos('timeline', 'add', path, '--at', '2026-11-02T14:30Z', '--title', 'T', ...AS),
        /is open elsewhere/,
      );
      expect([rowCount(path, 'timeline_event'), rowCount(path, 'audit_log')]).toEqual(counts);

      const info = await custos('info', path, '--json');
      expect(info.status, info.stderr).toBe(0);
      expect((JSON.parse(info.stdout) as { counts: { audit: number } }).counts.audit).toBe(2);
      const verify = await custos('verify', path);
      expect(verify.status, verify.stderr).toBe(0);
      expect(verify.stdout).toMatch(/^INTACT: /);
    } finally {
      await killed(holder);
    }
    expect((await custos('timeline', 'add', path, '--at', '2026-11-02T14:30Z', '--title', 'After', ...AS)).status).toBe(
      0,
    );
  });
});

describe('the command as a process (bin/custos.js)', () => {
  it('exits 0 when intact, 1 on an integrity failure and 2 on a usage error, with output on the right stream', () => {
    const path = join(dir, 'process.custos');
    const created = runCustos(dataDir, ['new', path, '--title', 'T', ...AS]);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^Created .*process\.custos\nAudit head: 1:[0-9a-f]{64}\n$/);
    const intact = runCustos(dataDir, ['verify', path]);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/^INTACT: /);
    tamperCovered(path, "UPDATE case_meta SET title = 'Changed'");
    const failed = runCustos(dataDir, ['verify', path]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/^INTEGRITY FAILURE: /);
    expect(failed.stderr).toMatch(/^custos: integrity failure: /);
    const usage = runCustos(dataDir, ['frobnicate']);
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toBe('custos: unknown command "frobnicate"; run custos help\n');
  });
});
