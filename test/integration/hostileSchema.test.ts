import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/core/handlers/index.ts';
import { checkedHandlers } from '../helpers/contract.ts';
import { openAppData } from '../../electron/core/appData.ts';
import { openCaseDb } from '../../electron/core/store/db/caseDb.ts';
import { openConnection } from '../../electron/core/store/file/connection.ts';
import { schemaOf } from '../../electron/core/store/format/caseFormat.ts';
import { addTimelineEvent } from '../../electron/core/services/timeline.ts';
import { addFileEvidence } from '../../electron/core/services/evidence/addFile.ts';
import { FileEvidenceDraft } from '../../shared/domain/evidence.ts';
import type { Head } from '../../shared/domain/common.ts';
import { EXAMINER, context, newCase, sha256File, steppingClock, tempDir } from '../helpers/tempCase.ts';
import { tamper } from '../helpers/tamper.ts';
import { readCase, runCustos } from '../helpers/cli.ts';
import { VERIFY_SCRIPT, checkOf, custosVerdict, failuresOf, pythonVerdict } from '../helpers/verdicts.ts';
import type { Outcome } from '../helpers/verdicts.ts';

/**
 * A case file is an SQLite database, and whoever hands it over controls its schema: triggers that
 * run when the examiner writes, extra tables, altered columns. Each test builds such a file the way
 * an attacker would, with plain SQLite, and checks what the examiner sees: verification fails at
 * the object, Custos will not open the file for writing, and the attacker's SQL never runs.
 */
let dir: string;
let cleanup: () => void;
let path: string;
let head: Head;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  const made = newCase(dir);
  path = made.path;
  addTimelineEvent(made.caseDb, made.ctx, {
    at: '2026-10-30T09:15',
    zone: 'Europe/Berlin',
    title: 'VPN login from a new device',
    description: '',
    source: 'VPN',
    category: 'access',
  });
  const file = join(dir, 'demand.eml');
  writeFileSync(file, 'From: x@example.org\n\nPay 40 BTC or we publish the source.\n');
  await addFileEvidence(made.caseDb, made.ctx, file, FileEvidenceDraft.parse({ description: 'Extortion e-mail' }));
  head = custosVerdict(path).head;
  made.caseDb.close();
});
afterEach(() => cleanup());

/** Both verifiers give the same verdict; the schema check fails at `object` and names it. */
function schemaFailsAt(object: string, message: RegExp): Outcome {
  const custos = custosVerdict(path, head);
  const { exitCode, ...python } = pythonVerdict(path, head);
  expect(python).toEqual(custos);
  expect(exitCode).toBe(1);
  expect(custos.ok).toBe(false);
  expect(checkOf(custos, 'schema').location).toEqual({ object });
  const cli = runCustos(join(dir, 'data'), ['verify', path]);
  expect(cli.status).toBe(1);
  expect(cli.stdout).toMatch(/^ {2}FAIL {2}Schema: The schema is not the one Custos writes: /m);
  expect(cli.stdout).toMatch(message);
  return custos;
}

/** A writing command is refused before anything of the file runs: not a byte changes. */
function writingIsRefused(message: RegExp): void {
  const before = sha256File(path);
  const files = readdirSync(dir).sort();
  const result = runCustos(join(dir, 'data'), [
    'timeline',
    'add',
    path,
    '--at',
    '2026-11-01T10:00Z',
    '--title',
    'Laptop returned',
    '--as',
    'Dana Whitfield, IR, Northwind',
  ]);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/was changed outside Custos: its schema is not the one Custos writes/);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toMatch(/will not open it for writing/);
  expect(sha256File(path)).toBe(before);
  expect(readdirSync(dir).sort()).toEqual(files);
}

describe('the schema is part of what is verified', () => {
  it('an untouched case passes the schema check, object for object', () => {
    const outcome = custosVerdict(path, head);
    expect(outcome.ok).toBe(true);
    expect(checkOf(outcome, 'schema').status).toBe('pass');
    // Every object of format 5 is listed once, and SQLite lists nothing else.
    expect(readCase(path, (db) => db.pragma('user_version', { simple: true }))).toBe(5);
    const listed = readCase(path, (db) =>
      db.prepare('SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master ORDER BY name').all(),
    );
    expect(listed).toEqual([...schemaOf(5)].sort((a, b) => (a.name < b.name ? -1 : 1)));
  });

  it('a trigger that rewrites what the examiner enters is found, and never runs', () => {
    tamper(
      path,
      `CREATE TRIGGER timeline_touch AFTER INSERT ON timeline_event BEGIN UPDATE timeline_event SET title = 'Nothing to see' WHERE id = NEW.id; END`,
    );
    const outcome = schemaFailsAt(
      'timeline_touch',
      /extra trigger timeline_touch on timeline_event, which Custos did not create/,
    );
    // Extra objects do not change what the tables hold: the other checks still run, and pass.
    expect(failuresOf(outcome)).toEqual(['schema']);
    writingIsRefused(/extra trigger timeline_touch/);
    expect(
      readCase(path, (db) =>
        db.prepare("SELECT count(*) FROM timeline_event WHERE title = 'Nothing to see'").pluck().get(),
      ),
    ).toBe(0);
  });

  it('a trigger that copies the audit log into a hidden table is found', () => {
    tamper(
      path,
      `CREATE TABLE keep (entry TEXT); CREATE TRIGGER audit_copy AFTER INSERT ON audit_log BEGIN INSERT INTO keep VALUES (NEW.changes); END`,
    );
    // Extra objects are named in name order: the table first, then the trigger.
    schemaFailsAt(
      'audit_copy',
      /extra trigger audit_copy on audit_log, which Custos did not create; extra table keep, which Custos did not create/,
    );
    writingIsRefused(/audit_copy/);
    expect(readCase(path, (db) => db.prepare('SELECT count(*) FROM keep').pluck().get())).toBe(0);
  });

  it('a trigger that changes an exhibit’s recorded SHA-256 is found', () => {
    tamper(
      path,
      `CREATE TRIGGER evidence_swap AFTER UPDATE ON evidence_item BEGIN UPDATE evidence_blob SET sha256 = '${'0'.repeat(64)}'; END`,
    );
    schemaFailsAt('evidence_swap', /extra trigger evidence_swap on evidence_item/);
    const result = runCustos(join(dir, 'data'), ['evidence', 'verify', path, '--as', 'Dana Whitfield, IR, Northwind']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/will not open it for writing/);
  });

  it('a protective trigger replaced by one of the same name that does nothing is found', () => {
    tamper(
      path,
      `DROP TRIGGER audit_log_no_update; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END`,
    );
    schemaFailsAt(
      'audit_log_no_update',
      /trigger audit_log_no_update was altered: its definition is not the one Custos writes/,
    );
    writingIsRefused(/audit_log_no_update was altered/);
  });

  it('a column added to a state table is found; the checks that read that table do not run', () => {
    tamper(path, `ALTER TABLE timeline_event ADD COLUMN memo TEXT; UPDATE timeline_event SET memo = 'hidden note'`);
    const outcome = schemaFailsAt('timeline_event', /table timeline_event was altered \(column memo added\)/);
    expect(outcome.checks.map((c) => c.status)).toEqual(['fail', 'skipped', 'skipped', 'skipped', 'skipped']);
    writingIsRefused(/column memo added/);
  });

  it('a table, view and index Custos did not create, and a missing index, are each named', () => {
    tamper(
      path,
      `CREATE VIEW a_view AS SELECT * FROM note; CREATE INDEX note_by_author ON note (author); DROP INDEX timeline_event_by_time; CREATE TABLE zz_extra (x)`,
    );
    const outcome = schemaFailsAt(
      'timeline_event_by_time',
      /index timeline_event_by_time is missing; extra view a_view, which Custos did not create; extra index note_by_author on note, which Custos did not create; extra table zz_extra/,
    );
    // A missing index changes nothing the checks read.
    expect(failuresOf(outcome)).toEqual(['schema']);
  });

  it('a full-text search index someone added to the file is an extra object like any other', () => {
    // Custos keeps its search index out of the case file; no format lists one, so an FTS table (and
    // the shadow tables SQLite makes for it) is named as extra, and the other checks still pass.
    tamper(
      path,
      `CREATE VIRTUAL TABLE case_search USING fts5(body); INSERT INTO case_search SELECT title FROM timeline_event`,
    );
    const outcome = schemaFailsAt(
      'case_search',
      /extra table case_search, which Custos did not create; extra table case_search_config, which Custos did not create/,
    );
    expect(failuresOf(outcome)).toEqual(['schema']);
    writingIsRefused(/extra table case_search/);
  });

  it('a column added to a format 4 table is found; the checks that read the tables do not run', () => {
    tamper(path, `ALTER TABLE indicator ADD COLUMN hidden TEXT`);
    const outcome = schemaFailsAt('indicator', /table indicator was altered \(column hidden added\)/);
    expect(outcome.checks.map((c) => c.status)).toEqual(['fail', 'skipped', 'skipped', 'skipped', 'skipped']);
    writingIsRefused(/column hidden added/);
  });

  it('a table replaced by a view of the same name is found, and nothing is read through it', () => {
    tamper(path, `ALTER TABLE note RENAME TO note_real; CREATE VIEW note AS SELECT * FROM note_real`);
    const outcome = schemaFailsAt('note', /table note is missing;.* extra view note, which Custos did not create/);
    expect(outcome.checks.slice(1).every((c) => c.status === 'skipped')).toBe(true);
  });

  it('an index with the name of a protective trigger is extra, even beside the trigger', () => {
    tamper(path, `CREATE INDEX audit_log_no_update ON audit_log (seq)`);
    schemaFailsAt('audit_log_no_update', /extra index audit_log_no_update on audit_log, which Custos did not create/);
  });

  it('the app refuses to open such a case, naming the object, and leaves it as it was', async () => {
    tamper(path, `CREATE TRIGGER steal AFTER INSERT ON note BEGIN SELECT 1; END`);
    const before = sha256File(path);
    const handlers = checkedHandlers(
      createHandlers({
        appData: openAppData(join(dir, 'data')),
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
      const chosen = await handlers.invoke('dialog:chooseCaseToOpen', {});
      expect(chosen.ok).toBe(true);
      const result = await handlers.invoke('case:open', { path });
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'SCHEMA_MISMATCH',
          message: expect.stringMatching(/extra trigger steal on note/) as unknown as string,
        },
      });
    } finally {
      handlers.dispose();
    }
    expect(sha256File(path)).toBe(before);
  });

  it('a schema changed while the case is open stops the next write', () => {
    const caseDb = openCaseDb(path);
    try {
      tamper(path, `CREATE TRIGGER late AFTER INSERT ON timeline_event BEGIN DELETE FROM note; END`);
      expect(() =>
        addTimelineEvent(caseDb, context(), {
          at: '2026-11-01T10:00Z',
          zone: 'UTC',
          title: 'x',
          description: '',
          source: '',
          category: 'other',
        }),
      ).toThrow(/changed outside Custos while it was open.*extra trigger late/);
    } finally {
      caseDb.close();
    }
    expect(
      custosVerdict(path)
        .checks.filter((c) => c.status === 'fail')
        .map((c) => c.id),
    ).toEqual(['schema']);
    expect(readCase(path, (db) => db.prepare('SELECT count(*) FROM timeline_event').pluck().get())).toBe(1);
  });
});

describe('every connection distrusts the schema', () => {
  it('runs no function or virtual table that the file’s schema names', () => {
    const hostile = join(dir, 'hostile.db');
    const db = new Database(hostile);
    db.exec(`CREATE TABLE t (x); CREATE VIEW probe AS SELECT name FROM pragma_table_info('t')`);
    // With SQLite's default (trusted schema), the view runs the table-valued function.
    expect(db.prepare('SELECT count(*) FROM probe').pluck().get()).toBe(1);
    db.close();
    for (const readonly of [false, true]) {
      const ours = openConnection(hostile, { readonly });
      try {
        expect(ours.pragma('trusted_schema', { simple: true })).toBe(0);
        expect(() => ours.prepare('SELECT count(*) FROM probe').get()).toThrow(
          /unsafe use of virtual table "pragma_table_info"/,
        );
      } finally {
        ours.close();
      }
    }
  });
});

describe('the exact schema is defined once', () => {
  it('the format document and the independent verifier list the same objects and SQL as the code', () => {
    // The document prints each format's objects; the verifier carries a copy. Both must match the
    // code exactly, or a third party would check against the wrong schema.
    const doc = readFileSync(new URL('../../docs/case-file-format.md', import.meta.url), 'utf8');
    for (const object of schemaOf(5)) {
      if (object.sql) expect(doc, object.name).toContain(`\`\`\`sql\n${object.sql};\n\`\`\``);
      else expect(doc, object.name).toContain(`| \`${object.name}\` | \`${object.tableName}\` |`);
    }
    const python = spawnSync(
      'python3',
      [
        '-c',
        `import json, sys; sys.path.insert(0, ${JSON.stringify(dirname(VERIFY_SCRIPT))}); import verify_case as v; print(json.dumps({k: [list(o) for o in s] for k, s in v.SCHEMAS.items()}))`,
      ],
      { encoding: 'utf8' },
    );
    expect(python.status, python.stderr).toBe(0);
    const schemas = JSON.parse(python.stdout) as Record<string, [string, string, string, string | null][]>;
    expect(Object.keys(schemas)).toEqual(['1', '2', '3', '4', '5']);
    for (const version of [1, 2, 3, 4, 5]) {
      expect(schemas[String(version)]).toEqual(schemaOf(version).map((o) => [o.type, o.name, o.tableName, o.sql]));
    }
  });
});
