import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/core/handlers/index.ts';
import { checkedHandlers } from '../helpers/contract.ts';
import { openAppData } from '../../electron/core/appData.ts';
import { openCaseDb, openCaseDbReadOnly } from '../../electron/core/store/db/caseDb.ts';
import { addTimelineEvent } from '../../electron/core/services/timeline.ts';
import { addFileEvidence } from '../../electron/core/services/evidence/addFile.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import { insertOutput } from '../../electron/core/store/tables/outputs.ts';
import { FileEvidenceDraft } from '../../shared/domain/evidence.ts';
import { EXAMINER, newCase, steppingClock, tempDir } from '../helpers/tempCase.ts';
import {
  folderState,
  readCase,
  runCustos,
  runCustosOnReadOnlyMedia,
  runCustosWithoutWriteAccess,
} from '../helpers/cli.ts';
import type { CliResult } from '../helpers/cli.ts';
import { killed, startUntil } from '../helpers/child.ts';

const WRITER = new URL('../fixtures/writeAndHold.ts', import.meta.url).pathname;
const HOT_CHILD = new URL('../fixtures/hotJournalChild.ts', import.meta.url).pathname;
const APP_CHILD = new URL('../fixtures/readOnlyAppChild.ts', import.meta.url).pathname;
const AS = ['--as', 'Dana Whitfield, Incident responder, Northwind Security'];

let root: string;
let cleanup: () => void;
/** The folder the case lies in, and nothing else: every file in it is compared before and after. */
let dir: string;
let dataDir: string;
let path: string;

beforeEach(async () => {
  ({ dir: root, cleanup } = tempDir());
  dir = join(root, 'cases');
  dataDir = join(root, 'data');
  mkdirSync(dir);
  mkdirSync(dataDir);
  const made = newCase(dir, {}, 'kim.custos');
  path = made.path;
  addTimelineEvent(made.caseDb, made.ctx, {
    at: '2026-10-30T09:15',
    zone: 'Europe/Berlin',
    title: 'VPN login from a new device',
    description: '',
    source: 'VPN',
    category: 'access',
  });
  const file = join(root, 'demand.eml');
  writeFileSync(file, 'Pay 40 BTC or we publish the source.\n');
  await addFileEvidence(made.caseDb, made.ctx, file, FileEvidenceDraft.parse({ description: 'Extortion e-mail' }));
  made.caseDb.close();
});
afterEach(() => {
  chmodSync(dir, 0o755);
  cleanup();
});

const custos = (...args: string[]) => runCustos(dataDir, args);
const READERS = [['info'], ['audit'], ['verify'], ['evidence', 'list']] as const;

/** Each reading command succeeds and leaves every file in the case's folder as it was. */
function readersChangeNothing(run: (args: string[]) => CliResult = (args) => custos(...args)): CliResult[] {
  const before = folderState(dir);
  const results = READERS.map((command) => {
    const result = run([...command, path]);
    expect(result.status, `${command.join(' ')}: ${result.stderr}`).toBe(0);
    expect(folderState(dir), command.join(' ')).toEqual(before);
    return result;
  });
  return results;
}

/** A Custos killed after writing: the case in WAL mode, with commits only in its -wal. */
async function leaveWal(...titles: string[]): Promise<void> {
  const writer = await startUntil(WRITER, [path, ...titles], 'READY');
  await killed(writer);
  expect(existsSync(`${path}-wal`)).toBe(true);
}

describe('reading never changes a byte', () => {
  it('info, audit, verify and evidence list leave a case at rest as it was, creating nothing beside it', () => {
    expect(Object.keys(folderState(dir))).toEqual(['kim.custos']);
    const [info] = readersChangeNothing();
    expect(info!.stdout).toMatch(/1 timeline event/);
  });

  it('opening the case in the app to look at it, and closing it, leaves it as it was', async () => {
    const before = folderState(dir);
    const handlers = checkedHandlers(
      createHandlers({
        appData: openAppData(dataDir),
        clock: steppingClock(),
        dialogs: {
          chooseCaseToOpen: async () => path,
          chooseNewCasePath: async () => null,
          chooseEvidenceFiles: async () => null,
          chooseExportFolder: async () => null,
          chooseSavePath: async () => null,
          chooseReportPath: async () => null,
          chooseReportToVerify: async () => null,
        },
        version: 'test',
        systemTimeZone: 'UTC',
      }),
    );
    try {
      await handlers.invoke('profile:set', EXAMINER);
      await handlers.invoke('dialog:chooseCaseToOpen', {});
      for (const [channel, req] of [
        ['case:open', { path }],
        ['timeline:list', {}],
        ['notes:list', {}],
        ['evidence:list', {}],
        ['hold:list', {}],
        ['audit:list', {}],
        ['audit:verify', {}],
        ['case:close', {}],
      ] as const) {
        const result = await handlers.invoke(channel, req);
        expect(result.ok, `${channel}: ${JSON.stringify(result)}`).toBe(true);
      }
    } finally {
      handlers.dispose();
    }
    expect(folderState(dir)).toEqual(before);
  });

  it('with a -wal left by a Custos that was killed: the commands show its commits and change none of the case, -wal or -shm', async () => {
    await leaveWal('Laptop returned by courier');
    expect(existsSync(`${path}-shm`)).toBe(true);
    const [info, audit, verify] = readersChangeNothing();
    expect(info!.stdout).toMatch(/2 timeline events/);
    expect(info!.stderr).toMatch(
      /^custos: note: .*kim\.custos-wal holds \d+ page images written after the case was last folded together/m,
    );
    expect(audit!.stdout).toMatch(/Laptop returned by courier/);
    expect(verify!.stdout).toMatch(/^INTACT: /);
    expect(verify!.stdout).toMatch(/^ {2}NOTE {2}.*kim\.custos-wal holds/m);
    // Opening the case for writing folds them in, and it is one file again when closed.
    openCaseDb(path).close();
    expect(Object.keys(folderState(dir))).toEqual(['kim.custos']);
    expect(
      readCase(path, (db) =>
        db.prepare("SELECT count(*) FROM timeline_event WHERE title = 'Laptop returned by courier'").pluck().get(),
      ),
    ).toBe(1);
  });

  it('a -wal copied without its -shm is read the same way, and nothing is created beside it', async () => {
    await leaveWal('Laptop returned by courier');
    rmSync(`${path}-shm`);
    const [info] = readersChangeNothing();
    expect(info!.stdout).toMatch(/2 timeline events/);
    // (The -lock file of the killed writer stays until the next writer; it is no part of the case.)
    expect(Object.keys(folderState(dir))).toEqual(['kim.custos', 'kim.custos-lock', 'kim.custos-wal']);
  });
});

describe('a -wal that does not belong to the case is never folded in', () => {
  /** Another case's -wal, left by its own killed writer, copied beside this one. */
  async function foreignWal(): Promise<void> {
    const other = newCase(dir, { title: 'Another matter' }, 'other.custos');
    other.caseDb.close();
    const writer = await startUntil(WRITER, [other.path, 'Event of the other case'], 'READY');
    await killed(writer);
    copyFileSync(`${other.path}-wal`, `${path}-wal`);
    copyFileSync(`${other.path}-shm`, `${path}-shm`);
    rmSync(other.path);
    rmSync(`${other.path}-wal`);
    rmSync(`${other.path}-shm`);
  }

  it('is refused for writing and for reading with the fix; verify says what the case is without it; nothing changes', async () => {
    await foreignWal();
    const before = folderState(dir);
    const write = custos('timeline', 'add', path, '--at', '2026-11-02T10:00Z', '--title', 'x', ...AS);
    expect(write.status).toBe(2);
    expect(write.stderr).toMatch(
      /kim\.custos-wal does not belong to .*kim\.custos or is damaged \(with it (the case record is that of another case|audit entry 3, the last one in the case, is gone or different)\), so Custos will not fold it into the case\. Move it aside \(for example rename it to kim\.custos-wal\.suspect\)/,
    );
    expect(() => openCaseDb(path)).toThrow(/does not belong/);
    const info = custos('info', path);
    expect(info.status).toBe(2);
    expect(info.stderr).toMatch(/will not read it with the case/);
    const verify = custos('verify', path);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toMatch(/^INTEGRITY FAILURE: /);
    // The case itself, as last folded together, is intact; the note says what is wrong and what to do.
    expect(verify.stdout).not.toMatch(/^ {2}FAIL/m);
    expect(verify.stdout).toMatch(/^ {2}NOTE {2}.*kim\.custos-wal does not belong/m);
    expect(folderState(dir)).toEqual(before);
    // The fix works: moved aside, the case opens with its own events only.
    renameSync(`${path}-wal`, `${path}-wal.suspect`);
    rmSync(`${path}-shm`);
    const reopened = openCaseDb(path);
    expect(reopened.db.prepare('SELECT title FROM timeline_event').pluck().all()).toEqual([
      'VPN login from a new device',
    ]);
    expect(verifyCase(reopened).ok).toBe(true);
    reopened.close();
  });

  it('is refused too when the case itself was left in WAL mode by a Custos that stopped', async () => {
    // This case's own writer killed (header in WAL mode, its -wal left), then the -wal swapped.
    await leaveWal('Own event, never folded in');
    await foreignWal();
    const before = folderState(dir);
    expect(() => openCaseDb(path)).toThrow(
      /kim\.custos-wal does not belong to .*so Custos will not fold it into the case/,
    );
    expect(custos('info', path).status).toBe(2);
    expect(folderState(dir)).toEqual(before);
  });

  it('a refusal for another reason (a trigger added through the -wal) folds nothing in either', async () => {
    await leaveWal('Own event, never folded in');
    // Someone adds a trigger with SQLite and stops before it is folded in: it sits in the -wal.
    const sqlite = new URL('../../node_modules/better-sqlite3/lib/index.js', import.meta.url).pathname;
    const script = `const D = require(${JSON.stringify(sqlite)}); const d = new D(${JSON.stringify(path)}); d.exec('CREATE TRIGGER steal AFTER INSERT ON note BEGIN SELECT 1; END'); process.kill(process.pid, 'SIGKILL');`;
    spawnSync(process.execPath, ['-e', script]);
    const before = folderState(dir);
    expect(() => openCaseDb(path)).toThrow(/steal/);
    expect(custos('timeline', 'add', path, '--at', '2026-11-02T10:00Z', '--title', 'x', ...AS).status).toBe(2);
    expect(folderState(dir)).toEqual(before);
    // Verification names it.
    const verify = custos('verify', path);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toMatch(/steal/);
    expect(folderState(dir)).toEqual(before);
  });

  it('a -wal of this case whose committed frames are damaged is refused too (SQLite would drop them quietly)', async () => {
    await leaveWal('First after the last fold', 'Second after the last fold');
    // Flip a byte inside the first frame: the commits from there on no longer check out.
    const fd = openSync(`${path}-wal`, 'r+');
    writeSync(fd, Buffer.from([0xff ^ readFileSync(`${path}-wal`)[32 + 24 + 500]!]), 0, 1, 32 + 24 + 500);
    closeSync(fd);
    const before = folderState(dir);
    expect(() => openCaseDb(path)).toThrow(
      /frame 1 is damaged \(its checksum does not match\), so the commits from there on would be lost without a word/,
    );
    expect(custos('info', path).status).toBe(2);
    expect(folderState(dir)).toEqual(before);
  });
});

describe('checking a report against the case reads only', () => {
  it('report verify (a match and a mismatch) and report list leave the case byte-identical, on read-only media too', () => {
    // A report recorded in the case, as generating one records it; only its bytes' hash matters here.
    const pdf = join(root, 'referral.pdf');
    const bytes = Buffer.from('%PDF-1.7\n% Custos-Report-Id: 6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b\n%%EOF\n');
    writeFileSync(pdf, bytes);
    const other = join(root, 'other.pdf');
    writeFileSync(other, '%PDF-1.7\n%%EOF\n');
    const caseDb = openCaseDb(path);
    const head = verifyCase(caseDb).head;
    insertOutput(
      caseDb,
      { actor: EXAMINER, clock: steppingClock('2026-11-03T10:00:00.000Z') },
      {
        id: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
        kind: 'report',
        subtype: 'law-enforcement',
        options: { kind: 'law-enforcement', exclude: [], countries: [], checklistMode: 'done' },
        head,
        verifiedOk: true,
        verifySummary: 'Intact',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        pages: 1,
        fileName: 'referral.pdf',
        generatedBy: EXAMINER.name,
        organisation: EXAMINER.organisation,
        generatedAt: '2026-11-03T10:00:00.000Z',
        zone: 'Europe/Berlin',
      },
    );
    caseDb.close();
    const commands: [string[], number, RegExp][] = [
      [['report', 'verify', path, pdf], 0, /^MATCH: /],
      [['report', 'verify', path, other], 1, /^NO MATCH: nothing with these bytes/],
      [['report', 'list', path], 0, /^6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b {2}Law-enforcement referral/],
    ];
    for (const run of [
      (args: string[]) => custos(...args),
      (args: string[]) => runCustosOnReadOnlyMedia(dataDir, dir, args),
    ]) {
      const before = folderState(dir);
      expect(Object.keys(before)).toEqual(['kim.custos']);
      for (const [args, status, printed] of commands) {
        const result = run(args);
        expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(status);
        expect(result.stdout, args.join(' ')).toMatch(printed);
        expect(folderState(dir), args.join(' ')).toEqual(before);
      }
    }
  });
});

describe('on write-protected media', () => {
  it('an evidence drive mounted read-only: the commands read a case at rest, one with a -wal, and one left in WAL mode', async () => {
    const readOnly = (args: string[]) => runCustosOnReadOnlyMedia(dataDir, dir, args);
    readersChangeNothing(readOnly);
    // Writing is refused with the reason and what to do.
    const write = readOnly(['timeline', 'add', path, '--at', '2026-11-02T10:00Z', '--title', 'x', ...AS]);
    expect(write.status).toBe(2);
    expect(write.stderr).toMatch(
      /cannot be written \(read-only media, or no permission\); Custos can still show and verify it/,
    );
    // A case copied with its -wal and -shm.
    await leaveWal('Laptop returned by courier');
    const [info] = readersChangeNothing(readOnly);
    expect(info!.stdout).toMatch(/2 timeline events/);
    // A case left in WAL mode with no -wal beside it (SQLite would need to create one to read it).
    openCaseDb(path).close();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.close();
    expect(Object.keys(folderState(dir))).toEqual(['kim.custos']);
    readersChangeNothing(readOnly);
  });

  it('a case file without write permission: read by every command, writing refused', () => {
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    const results = readersChangeNothing((args) => runCustosWithoutWriteAccess(dataDir, args));
    expect(results[0]!.stdout).toMatch(/1 timeline event/);
    const write = runCustosWithoutWriteAccess(dataDir, [
      'timeline',
      'add',
      path,
      '--at',
      '2026-11-02T10:00Z',
      '--title',
      'x',
      ...AS,
    ]);
    expect(write.status).toBe(2);
    expect(write.stderr).toMatch(/kim\.custos cannot be written \(read-only media, or no permission\)/);
  });
});

describe('the app and a case it may not write to', () => {
  it('opens it read-only: it can be looked through and verified, every change is refused with the reason', () => {
    const settings = join(root, 'app-data');
    mkdirSync(settings);
    writeFileSync(
      join(settings, 'settings.json'),
      JSON.stringify({ version: 1, profile: { ...EXAMINER, timeZone: '' }, recent: [] }),
    );
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    const before = folderState(dir);
    const asRoot = process.getuid?.() === 0;
    const child = spawnSync(
      asRoot ? 'setpriv' : process.execPath,
      [
        ...(asRoot ? ['--bounding-set=-dac_override,-dac_read_search,-fowner', process.execPath] : []),
        APP_CHILD,
        path,
        settings,
      ],
      { encoding: 'utf8' },
    );
    expect(child.status, child.stderr).toBe(0);
    const results = JSON.parse(child.stdout) as Record<
      string,
      { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }
    >;
    expect(results.open).toMatchObject({ ok: true, value: { readOnly: true } });
    expect(results.timeline).toMatchObject({ ok: true, value: { total: 1 } });
    expect(results.verify).toMatchObject({ ok: true, value: { ok: true } });
    for (const name of ['add', 'note']) {
      expect(results[name], name).toMatchObject({
        ok: false,
        error: {
          code: 'READ_ONLY',
          message: expect.stringMatching(
            /kim\.custos is open only for reading .*nothing was changed; to work on it, copy it/,
          ) as unknown as string,
        },
      });
    }
    expect(folderState(dir)).toEqual(before);
  });
});

describe('an interrupted write', () => {
  it('a hot journal is never rolled back by reading: the commands say so and how to fix it, and change nothing', async () => {
    const child = await startUntil(HOT_CHILD, [path], 'READY');
    await killed(child);
    const before = folderState(dir);
    expect(Object.keys(before)).toContain('kim.custos-journal');
    const info = custos('info', path);
    expect(info.status).toBe(2);
    expect(info.stderr).toMatch(/kim\.custos-journal holds a write that was interrupted.*open the case once in Custos/);
    expect(folderState(dir)).toEqual(before);
    expect(() => openCaseDbReadOnly(path)).toThrow(/interrupted/);
    // Opening for writing rolls it back; the case verifies.
    openCaseDb(path).close();
    expect(custos('verify', path).status).toBe(0);
  });
});
