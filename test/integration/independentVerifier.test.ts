import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCaseDb, openCaseDbReadOnly } from '../../electron/core/store/caseDb.ts';
import { verifyCase } from '../../electron/core/store/verify.ts';
import { addTimelineEvent, editTimelineEvent } from '../../electron/core/services/caseService.ts';
import { removeTimelineEvent } from '../../electron/core/store/timeline.ts';
import { insertNote } from '../../electron/core/store/notes.ts';
import { entryHash } from '../../electron/core/store/chain.ts';
import type { AuditRow } from '../../electron/core/store/audit.ts';
import type { Head } from '../../shared/domain/common.ts';
import { context, newCase, sha256File, tempDir } from '../helpers/tempCase.ts';
import { tamper } from '../helpers/tamper.ts';

/**
 * docs/verify_case.py is a verifier written from docs/case-file-format.md alone. These tests hold
 * it and Custos's own verifier to the same verdict, check for check, on valid and tampered cases.
 */
const SCRIPT = fileURLToPath(new URL('../../docs/verify_case.py', import.meta.url));

/** Text that exercises every escaping rule of the canonical form. */
const AWKWARD = [
  { title: 'He said "stop" \\ and left', description: 'line one\nline two\r\n\ttabbed, \u0001 control, \u001f, DEL \u007f', source: 'Okta' },
  { title: '김민준 signed in from Łódź 😀', description: 'U+2028 \u2028 U+2029 \u2029 </script> \u00e9 vs e\u0301', source: 'Słack' },
  { title: 'Backslash-u literal \\u0041, slash /', description: '', source: '' },
  { title: 'Tab\there', description: '\b\f form feed and backspace', source: 'Email' },
  { title: 'Plain', description: 'Okta sign-in from a residential proxy', source: 'Okta' },
];

let dir: string;
let cleanup: () => void;
let path: string;
let head: Head;
let eventIds: string[];

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  const made = newCase(dir, { summary: 'Summary with "quotes", \\ and 김민준 — Łódź 🔒' });
  path = made.path;
  eventIds = AWKWARD.map((text, i) => {
    const event = addTimelineEvent(made.caseDb, made.ctx, {
      at: `2026-10-0${i + 1}T10:00`,
      zone: 'Asia/Seoul',
      title: `Event ${i + 1}: ${text.title}`,
      description: text.description,
      source: text.source,
      category: 'access',
    });
    return event.id;
  });
  // Entries 2–6 add the events; 7 edits one (a change with a before-image); 8 removes one; 9 adds a note.
  editTimelineEvent(made.caseDb, made.ctx, eventIds[0]!, { title: 'Event 1 (edited): "quoted" \\ \u0001 😀' });
  removeTimelineEvent(made.caseDb, made.ctx, eventIds[4]!);
  insertNote(made.caseDb, made.ctx, '11111111-2222-4333-8444-555555555555', { body: 'Counsel: «hold» \n\u0001 김민준', author: 'Dana', privileged: true });
  head = verifyCase(made.caseDb).head;
  made.caseDb.close();
});
afterEach(() => cleanup());

type Outcome = { ok: boolean; head: Head; checks: { id: string; status: string; location: unknown }[] };

function custosVerdict(expectHead?: Head): Outcome {
  const caseDb = openCaseDbReadOnly(path);
  try {
    const report = verifyCase(caseDb, expectHead ? { expectHead } : {});
    return {
      ok: report.ok,
      head: report.head,
      checks: report.checks.map((c) => ({ id: c.id, status: c.status, location: c.location ?? null })),
    };
  } finally {
    caseDb.close();
  }
}

function runPython(file: string, expectHead?: Head) {
  const args = [SCRIPT, file, '--json'];
  if (expectHead) args.push('--expect-head', `${expectHead.seq}:${expectHead.hash}`);
  const result = spawnSync('python3', args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

function pythonVerdict(expectHead?: Head): Outcome & { exitCode: number | null } {
  const result = runPython(path, expectHead);
  if (result.status !== 0 && result.status !== 1) throw new Error(`verify_case.py exited ${result.status}: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as Outcome & { checks: { id: string; status: string; location: unknown }[] };
  return {
    exitCode: result.status,
    ok: report.ok,
    head: report.head,
    checks: report.checks.map((c) => ({ id: c.id, status: c.status, location: c.location })),
  };
}

/** Runs both verifiers and requires the same verdict; returns it for scenario-specific checks. */
function bothAgree(expectHead?: Head): Outcome {
  const custos = custosVerdict(expectHead);
  const bytes = sha256File(path);
  const { exitCode, ...python } = pythonVerdict(expectHead);
  expect(python).toEqual(custos);
  expect(exitCode).toBe(custos.ok ? 0 : 1);
  // The independent verifier reads only: the file is unchanged and no -wal/-shm is left behind.
  expect(sha256File(path)).toBe(bytes);
  expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
  return custos;
}

const check = (outcome: Outcome, id: string) => outcome.checks.find((c) => c.id === id)!;
const failures = (outcome: Outcome) => outcome.checks.filter((c) => c.status === 'fail').map((c) => c.id);

describe('docs/verify_case.py agrees with Custos', () => {
  it('(a) a valid case, with and without the recorded head', () => {
    const plain = bothAgree();
    expect(plain.ok).toBe(true);
    expect(plain.head).toEqual(head);
    expect(head.seq).toBe(9);
    expect(check(plain, 'head').status).toBe('skipped');
    const anchored = bothAgree(head);
    expect(anchored.ok).toBe(true);
    expect(check(anchored, 'head').status).toBe('pass');
    // A head written down earlier is still in the log, with later entries after it.
    const caseDb = openCaseDbReadOnly(path);
    const fifth = caseDb.db.prepare('SELECT hash FROM audit_log WHERE seq = 5').pluck().get() as string;
    caseDb.close();
    const early = bothAgree({ seq: 5, hash: fifth });
    expect(early.ok).toBe(true);
    expect(check(early, 'head').status).toBe('pass');
  });

  it('(b) an UPDATE to a state row without an audit entry', () => {
    tamper(path, "UPDATE timeline_event SET title = 'Nothing happened' WHERE id = ?", eventIds[2]);
    const outcome = bothAgree(head);
    expect(outcome.ok).toBe(false);
    expect(failures(outcome)).toEqual(['replay']);
    expect(check(outcome, 'replay').location).toEqual({ table: 'timeline_event', rowId: eventIds[2] });
  });

  it('(c) an edited audit payload, after dropping the trigger', () => {
    tamper(path, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET changes = replace(changes, 'Event 3', 'Event 9') WHERE seq = 4;");
    const outcome = bothAgree();
    expect(failures(outcome)).toEqual(['chain', 'replay']);
    expect(check(outcome, 'chain').location).toEqual({ seq: 4 });
    expect(check(outcome, 'replay').location).toEqual({ table: 'timeline_event', rowId: eventIds[2] });
  });

  it('(c2) an edited actor with awkward text, the trigger recreated afterwards', () => {
    tamper(
      path,
      `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_name = 'Someone "Else" 김' WHERE seq = 7;
       CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`,
    );
    const outcome = bothAgree(head);
    expect(failures(outcome)).toEqual(['chain']);
    expect(check(outcome, 'chain').location).toEqual({ seq: 7 });
  });

  it('(d) a deleted middle entry', () => {
    tamper(path, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3;');
    const outcome = bothAgree(head);
    expect(failures(outcome)).toEqual(['chain', 'replay']);
    expect(check(outcome, 'chain').location).toEqual({ seq: 3 });
    // The row entry 3 created is now unexplained.
    expect(check(outcome, 'replay').location).toEqual({ table: 'timeline_event', rowId: eventIds[1] });
  });

  it('(e) a truncated tail, caught only against the head written down earlier', () => {
    // Cut entries 8 (removal of event 5) and 9 (the note), undo their effects, restore the trigger.
    tamper(
      path,
      `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= 8; DELETE FROM note;
       UPDATE timeline_event SET removed = 0, updated_at = created_at WHERE id = '${eventIds[4]}';
       CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`,
    );
    const unanchored = bothAgree();
    expect(unanchored.ok).toBe(true);
    expect(unanchored.head.seq).toBe(7);
    const anchored = bothAgree(head);
    expect(failures(anchored)).toEqual(['head']);
    expect(check(anchored, 'head').location).toEqual({ seq: 9 });
  });

  it('rows added and deleted outside Custos', () => {
    tamper(path, "INSERT INTO note VALUES ('n-forged', 'forged', 'x', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 0)");
    expect(check(bothAgree(), 'replay').location).toEqual({ table: 'note', rowId: 'n-forged' });
    tamper(path, "DELETE FROM note WHERE id = 'n-forged'");
    tamper(path, 'DELETE FROM timeline_event WHERE id = ?', eventIds[3]);
    expect(check(bothAgree(), 'replay').location).toEqual({ table: 'timeline_event', rowId: eventIds[3] });
  });

  it('a row edited outside Custos and then edited through Custos (before-image mismatch)', () => {
    tamper(path, "UPDATE timeline_event SET source = 'forged' WHERE id = ?", eventIds[1]);
    const caseDb = openCaseDb(path);
    editTimelineEvent(caseDb, context(), eventIds[1]!, { title: 'Event 2, edited later' });
    caseDb.close();
    const outcome = bothAgree(head);
    expect(failures(outcome)).toEqual(['replay']);
    expect(check(outcome, 'replay').location).toEqual({ seq: 10, table: 'timeline_event', rowId: eventIds[1] });
    expect(check(outcome, 'head').status).toBe('pass');
  });

  it('a dropped trigger with nothing else changed', () => {
    tamper(path, 'DROP TRIGGER audit_log_no_update;');
    const outcome = bothAgree(head);
    expect(failures(outcome)).toEqual(['chain']);
    expect(check(outcome, 'chain').location).toBeNull();
  });

  it('a wholly rewritten chain is caught only by the recorded head', () => {
    const db = new Database(path);
    db.exec('DROP TRIGGER audit_log_no_update;');
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
    let prev = '0'.repeat(64);
    for (const row of rows) {
      const changes = row.seq === 3 ? row.changes.replaceAll('Event 2', 'Event X') : row.changes;
      const hash = entryHash({
        seq: row.seq,
        at: row.at,
        actor: { name: row.actor_name, role: row.actor_role, organisation: row.actor_organisation },
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        changesJson: changes,
        prevHash: prev,
      });
      db.prepare('UPDATE audit_log SET changes = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(changes, prev, hash, row.seq);
      prev = hash;
    }
    db.prepare("UPDATE timeline_event SET title = replace(title, 'Event 2', 'Event X')").run();
    db.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
    db.close();
    expect(bothAgree().ok).toBe(true);
    const anchored = bothAgree(head);
    expect(failures(anchored)).toEqual(['head']);
    expect(check(anchored, 'head').location).toEqual({ seq: 9 });
    // A head that names an entry still present but with another hash is a rewrite, too.
    const middle = bothAgree({ seq: 2, hash: 'f'.repeat(64) });
    expect(check(middle, 'head').location).toEqual({ seq: 2 });
  });

  it('refuses, with exit code 2, a file that is not a Custos case', () => {
    const plain = join(dir, 'plain.custos');
    const db = new Database(plain);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => openCaseDbReadOnly(plain)).toThrow(/not a Custos case/);
    const result = runPython(plain);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/not a Custos case/);
  });
});
