import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCaseDb, openCaseDbReadOnly } from '../../electron/core/store/db/caseDb.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import { addTimelineEvent, editTimelineEvent } from '../../electron/core/services/timeline.ts';
import { removeTimelineEvent } from '../../electron/core/store/tables/timelineEvents.ts';
import { insertNote } from '../../electron/core/store/tables/notes.ts';
import { mutate } from '../../electron/core/store/db/mutate.ts';
import { stateTablesOf } from '../../electron/core/store/format/stateTables.ts';
import { insertOutput } from '../../electron/core/store/tables/outputs.ts';
import type { OutputRecord } from '../../shared/domain/report.ts';
import type { RowValues, StateTable } from '../../electron/core/store/format/stateTables.ts';
import { addFileEvidence } from '../../electron/core/services/evidence/addFile.ts';
import { FileEvidenceDraft } from '../../shared/domain/evidence.ts';
import type { EvidenceItem } from '../../shared/domain/evidence.ts';
import { entryHash } from '../../electron/core/store/format/chain.ts';
import type { AuditRow } from '../../electron/core/store/tables/auditLog.ts';
import type { Head } from '../../shared/domain/common.ts';
import { context, newCase, sha256File, tempDir } from '../helpers/tempCase.ts';
import { rebuildChain, tamper, tamperCovered } from '../helpers/tamper.ts';
import { verifyEvidenceItems, verifyEvidenceItemsOffThread } from '../../electron/core/services/evidence/custody.ts';
import { readCase } from '../helpers/cli.ts';
import {
  VERIFY_SCRIPT,
  checkOf,
  custosVerdict as verdictOfCustos,
  failuresOf,
  pythonVerdict as verdictOfPython,
  runPython,
} from '../helpers/verdicts.ts';
import type { Outcome } from '../helpers/verdicts.ts';

/**
 * docs/verify_case.py is a verifier written from docs/case-file-format.md alone. These tests hold
 * it and Custos's own verifier to the same verdict, check for check, on valid and tampered cases.
 */
/** Text that exercises every escaping rule of the canonical form. */
const AWKWARD = [
  {
    title: 'He said "stop" \\ and left',
    description: 'line one\nline two\r\n\ttabbed, \u0001 control, \u001f, DEL \u007f',
    source: 'Okta',
  },
  {
    title: '김민준 signed in from Łódź 😀',
    description: 'U+2028 \u2028 U+2029 \u2029 </script> \u00e9 vs e\u0301',
    source: 'Słack',
  },
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
  insertNote(made.caseDb, made.ctx, '11111111-2222-4333-8444-555555555555', {
    body: 'Counsel: «hold» \n\u0001 김민준',
    author: 'Dana',
    privileged: true,
  });
  head = verifyCase(made.caseDb).head;
  made.caseDb.close();
});
afterEach(() => cleanup());

const custosVerdict = (expectHead?: Head, file = path): Outcome => verdictOfCustos(file, expectHead);
const pythonVerdict = (expectHead?: Head, file = path) => verdictOfPython(file, expectHead);

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

const check = checkOf;
const failures = failuresOf;

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
    tamper(
      path,
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET changes = replace(changes, 'Event 3', 'Event 9') WHERE seq = 4;",
    );
    const outcome = bothAgree();
    // The trigger left dropped is a finding of the schema check; the tables are intact, so the
    // other checks still run and name the altered entry.
    expect(failures(outcome)).toEqual(['schema', 'chain', 'replay']);
    expect(check(outcome, 'schema').location).toEqual({ object: 'audit_log_no_update' });
    expect(check(outcome, 'chain').location).toEqual({ seq: 4 });
    expect(check(outcome, 'replay').location).toEqual({ table: 'timeline_event', rowId: eventIds[2] });
  });

  it('(c2) an edited actor with awkward text, the trigger recreated afterwards', () => {
    tamperCovered(path, `UPDATE audit_log SET actor_name = 'Someone "Else" 김' WHERE seq = 7`);
    const outcome = bothAgree(head);
    expect(failures(outcome)).toEqual(['chain']);
    expect(check(outcome, 'chain').location).toEqual({ seq: 7 });
  });

  it('(d) a deleted middle entry', () => {
    tamperCovered(path, 'DELETE FROM audit_log WHERE seq = 3;');
    const outcome = bothAgree(head);
    expect(failures(outcome)).toEqual(['chain', 'replay']);
    expect(check(outcome, 'chain').location).toEqual({ seq: 3 });
    // The row entry 3 created is now unexplained.
    expect(check(outcome, 'replay').location).toEqual({ table: 'timeline_event', rowId: eventIds[1] });
  });

  it('(e) a truncated tail, caught only against the head written down earlier', () => {
    // Cut entries 8 (removal of event 5) and 9 (the note), undo their effects, restore the trigger.
    tamperCovered(
      path,
      `DELETE FROM audit_log WHERE seq >= 8; DELETE FROM note;
       UPDATE timeline_event SET removed = 0, updated_at = created_at WHERE id = '${eventIds[4]}';`,
    );
    const unanchored = bothAgree();
    expect(unanchored.ok).toBe(true);
    expect(unanchored.head.seq).toBe(7);
    const anchored = bothAgree(head);
    expect(failures(anchored)).toEqual(['head']);
    expect(check(anchored, 'head').location).toEqual({ seq: 9 });
  });

  it('rows added and deleted outside Custos', () => {
    tamper(
      path,
      "INSERT INTO note VALUES ('n-forged', 'forged', 'x', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 0)",
    );
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
    expect(failures(outcome)).toEqual(['schema']);
    expect(check(outcome, 'schema').location).toEqual({ object: 'audit_log_no_update' });
  });

  it('a wholly rewritten chain is caught only by the recorded head', () => {
    const db = new Database(path);
    const triggerSql = db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'")
      .pluck()
      .get() as string;
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
      db.prepare('UPDATE audit_log SET changes = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
        changes,
        prev,
        hash,
        row.seq,
      );
      prev = hash;
    }
    db.prepare("UPDATE timeline_event SET title = replace(title, 'Event 2', 'Event X')").run();
    db.exec(triggerSql);
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

describe('docs/verify_case.py reads both case formats', () => {
  const userVersion = (file: string) => {
    const caseDb = openCaseDbReadOnly(file);
    try {
      return caseDb.db.pragma('user_version', { simple: true }) as number;
    } finally {
      caseDb.close();
    }
  };

  it('a format 1 file (no evidence tables, only the audit_log triggers) gets the verdict Custos gives it once upgraded', () => {
    // A format 5 case without evidence, playbook runs, format 4 rows or outputs, taken back to format
    // 1: what 0002, 0003, 0004 and 0005 added goes.
    const v1 = join(dir, 'format1.custos');
    copyFileSync(path, v1);
    tamper(
      v1,
      'DROP TABLE output_record; DROP TABLE clock_submission; DROP TABLE notification_clock; DROP TABLE extortion_decision; DROP TABLE claim_validation; DROP TABLE extortion_demand; DROP TABLE extortion_message; DROP TABLE indicator; DROP TABLE subject_link; DROP TABLE subject; DROP TABLE access_item; DROP TABLE playbook_proof; DROP TABLE playbook_step; DROP TABLE playbook_run; DROP TABLE evidence_link; DROP TABLE legal_hold; DROP TABLE custody_event; DROP TABLE evidence_item; DROP TABLE evidence_chunk; DROP TABLE evidence_blob; PRAGMA user_version = 1;',
    );
    expect(() => openCaseDbReadOnly(v1)).toThrow(/older case format/);
    const upgradedVerdict = (): Outcome => {
      const upgraded = join(dir, 'upgraded.custos');
      rmSync(upgraded, { force: true });
      copyFileSync(v1, upgraded);
      openCaseDb(upgraded).close();
      expect(userVersion(upgraded)).toBe(5);
      return custosVerdict(head, upgraded);
    };

    const intact = pythonVerdict(head, v1);
    expect(intact.exitCode).toBe(0);
    expect({ ok: intact.ok, head: intact.head, checks: intact.checks }).toEqual(upgradedVerdict());
    expect(intact.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'skipped', 'pass']);

    tamper(v1, "UPDATE timeline_event SET title = 'Nothing happened' WHERE id = ?", eventIds[2]);
    const tampered = pythonVerdict(head, v1);
    expect(tampered.exitCode).toBe(1);
    expect({ ok: tampered.ok, head: tampered.head, checks: tampered.checks }).toEqual(upgradedVerdict());
    expect(check(tampered, 'replay').location).toEqual({ table: 'timeline_event', rowId: eventIds[2] });

    // In format 1 the two audit_log triggers are still required, and the evidence tables absent.
    tamper(v1, 'DROP TRIGGER audit_log_no_delete;');
    expect(failures(pythonVerdict(head, v1))).toEqual(['schema', 'replay']);
    expect(check(pythonVerdict(head, v1), 'schema').location).toEqual({ object: 'audit_log_no_delete' });
  });

  it('a format 3 file (no format 4 tables) gets the verdict Custos gives it once upgraded to format 5', () => {
    // A format 5 case without format 4 rows or outputs, taken back to format 3: what 0004 and 0005 added goes.
    const v3 = join(dir, 'format3.custos');
    copyFileSync(path, v3);
    tamper(
      v3,
      'DROP TABLE output_record; DROP TABLE clock_submission; DROP TABLE notification_clock; DROP TABLE extortion_decision; DROP TABLE claim_validation; DROP TABLE extortion_demand; DROP TABLE extortion_message; DROP TABLE indicator; DROP TABLE subject_link; DROP TABLE subject; PRAGMA user_version = 3;',
    );
    expect(() => openCaseDbReadOnly(v3)).toThrow(/older case format/);
    const upgradedVerdict = (): Outcome => {
      const upgraded = join(dir, 'upgraded.custos');
      rmSync(upgraded, { force: true });
      copyFileSync(v3, upgraded);
      openCaseDb(upgraded).close();
      expect(userVersion(upgraded)).toBe(5);
      return custosVerdict(head, upgraded);
    };

    const intact = pythonVerdict(head, v3);
    expect(intact.exitCode).toBe(0);
    expect({ ok: intact.ok, head: intact.head, checks: intact.checks }).toEqual(upgradedVerdict());
    expect(intact.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'skipped', 'pass']);
    // It is checked as format 3 (not against format 4, which it is not).
    const report = JSON.parse(runPython(v3, head).stdout) as { checks: { id: string; message: string }[] };
    expect(report.checks[0]).toMatchObject({ id: 'schema', message: '42 objects are exactly those of case format 3' });

    tamper(v3, "UPDATE timeline_event SET title = 'Nothing happened' WHERE id = ?", eventIds[2]);
    const tampered = pythonVerdict(head, v3);
    expect(tampered.exitCode).toBe(1);
    expect({ ok: tampered.ok, head: tampered.head, checks: tampered.checks }).toEqual(upgradedVerdict());
    expect(check(tampered, 'replay').location).toEqual({ table: 'timeline_event', rowId: eventIds[2] });

    // A format 3 file holds no format 4 table: one left in it (with its indexes) is extra, as any
    // object not listed, and named first in name order.
    const extra = join(dir, 'format3-extra.custos');
    copyFileSync(path, extra);
    tamper(
      extra,
      'DROP TABLE output_record; DROP TABLE clock_submission; DROP TABLE notification_clock; DROP TABLE extortion_decision; DROP TABLE claim_validation; DROP TABLE extortion_demand; DROP TABLE extortion_message; DROP TABLE subject_link; DROP TABLE subject; PRAGMA user_version = 3;',
    );
    const outcome = pythonVerdict(head, extra);
    expect(failures(outcome)).toEqual(['schema']);
    expect(check(outcome, 'schema').location).toEqual({ object: 'indicator' });
    expect(outcome).toEqual({ exitCode: 1, ...custosVerdict(head, extra) });
  });

  it('a format 4 file (no output_record) gets the verdict Custos gives it once upgraded to format 5', () => {
    // A format 5 case without outputs, taken back to format 4: what 0005 added goes.
    const v4 = join(dir, 'format4.custos');
    copyFileSync(path, v4);
    tamper(v4, 'DROP TABLE output_record; PRAGMA user_version = 4;');
    expect(() => openCaseDbReadOnly(v4)).toThrow(/older case format/);
    const upgradedVerdict = (): Outcome => {
      const upgraded = join(dir, 'upgraded.custos');
      rmSync(upgraded, { force: true });
      copyFileSync(v4, upgraded);
      openCaseDb(upgraded).close();
      expect(userVersion(upgraded)).toBe(5);
      return custosVerdict(head, upgraded);
    };

    const intact = pythonVerdict(head, v4);
    expect(intact.exitCode).toBe(0);
    expect({ ok: intact.ok, head: intact.head, checks: intact.checks }).toEqual(upgradedVerdict());
    // It is checked as format 4 (not against format 5, which it is not).
    const report = JSON.parse(runPython(v4, head).stdout) as { checks: { id: string; message: string }[] };
    expect(report.checks[0]).toMatchObject({ id: 'schema', message: '65 objects are exactly those of case format 4' });

    tamper(v4, "UPDATE note SET body = 'Nothing to report'");
    const tampered = pythonVerdict(head, v4);
    expect(tampered.exitCode).toBe(1);
    expect({ ok: tampered.ok, head: tampered.head, checks: tampered.checks }).toEqual(upgradedVerdict());
    expect(check(tampered, 'replay').location).toEqual({
      table: 'note',
      rowId: '11111111-2222-4333-8444-555555555555',
    });

    // A format 4 file holds no output_record: one left in it is extra.
    const extra = join(dir, 'format4-extra.custos');
    copyFileSync(path, extra);
    tamper(extra, 'PRAGMA user_version = 4;');
    const outcome = pythonVerdict(head, extra);
    expect(failures(outcome)).toEqual(['schema']);
    expect(check(outcome, 'schema').location).toEqual({ object: 'output_record' });
    expect(outcome).toEqual({ exitCode: 1, ...custosVerdict(head, extra) });
  });

  it('a format 5 case without evidence reports check 3 as skipped', () => {
    expect(userVersion(path)).toBe(5);
    const outcome = bothAgree(head);
    expect(check(outcome, 'evidence').status).toBe('skipped');
  });

  it('refuses, with exit code 2, a format it does not know', () => {
    const v6 = join(dir, 'format6.custos');
    copyFileSync(path, v6);
    tamper(v6, 'PRAGMA user_version = 6;');
    const result = runPython(v6);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/case format 6; this verifier reads formats 1, 2, 3, 4 and 5 only/);
  });
});

describe('the format 4 state tables: docs/verify_case.py replays them as Custos does', () => {
  const T = '2026-11-03T08:00:00.000Z';
  const id = (n: number) => `a0000000-0000-4000-8000-00000000000${n}`;
  /** One row of each format 4 table, in the order the replay check visits them, with awkward text. */
  const ROWS: Record<string, RowValues & { id: string }> = {
    subject: {
      id: id(1),
      kind: 'person',
      role: 'worker',
      name: 'J. Kim',
      aliases: '["jkim-dev","김민준"]',
      claimed_name: 'Jin "JK" Kim',
      claimed_nationality: 'US',
      claimed_location: 'Austin, TX',
      claimed_documents: 'US passport (scan)\nDriver licence',
      verified_name: '',
      verified_nationality: '',
      verified_location: 'Laptop farm, Phoenix',
      findings: 'Passport photo reused from a stock site',
      identity_verdict: 'false',
      hired_on: '2026-03-14',
      started_on: '2026-03-21',
      terminated_on: null,
      manager: 'R. Osei',
      notes: '',
      tlp: 'AMBER',
      created_at: T,
      updated_at: T,
      removed: 0,
    },
    subject_link: {
      id: id(2),
      subject_id: id(1),
      target_type: 'indicator',
      target_id: id(3),
      relation: 'paid to',
      confidence: '',
      created_at: T,
      removed: 0,
    },
    indicator: {
      id: id(3),
      type: 'tron',
      value: ' TXyz ',
      normalised: 'TXyz',
      platform: '',
      first_seen: T,
      last_seen: null,
      source_item_id: null,
      confidence: 'high',
      tlp: 'AMBER',
      notes: 'USDT-TRC20 — from the demand',
      created_at: T,
      updated_at: T,
      removed: 0,
    },
    extortion_message: {
      id: id(4),
      received_at: T,
      zone: 'Asia/Seoul',
      channel: 'telegram',
      sender: '@leakbot',
      sender_indicator_id: null,
      summary: 'Pay or we publish',
      body: 'Line one\r\n\tLine two \u0001',
      evidence_item_id: null,
      created_at: T,
      updated_at: T,
      removed: 0,
    },
    extortion_demand: {
      id: id(5),
      message_id: id(4),
      amount: '1.5',
      asset: 'BTC',
      pay_to: 'TXyz',
      pay_to_indicator_id: id(3),
      deadline_at: '2026-11-05T08:00:00.000Z',
      deadline_zone: 'UTC',
      threat: 'Publish the source code',
      offered_proof: 'Three file listings',
      status: 'open',
      created_at: T,
      updated_at: T,
      removed: 0,
    },
    claim_validation: {
      id: id(6),
      demand_id: id(5),
      samples: 'listing-1.txt',
      compared_against: 'Git history',
      result: 'pending',
      validated_by: 'Dana',
      validated_at: null,
      evidence_item_id: null,
      notes: '',
      created_at: T,
      updated_at: T,
      removed: 0,
    },
    extortion_decision: {
      id: id(7),
      demand_id: id(5),
      decision: 'do-not-pay',
      reasons: 'Sanctions risk; claims not confirmed',
      decided_by: 'Incident board',
      decided_at: T,
      decided_zone: 'UTC',
      counsel: 'M. Okafor',
      counsel_signed_at: null,
      sanctions_shown: 1,
      created_at: T,
      updated_at: T,
      removed: 0,
    },
    notification_clock: {
      id: id(8),
      rule_id: 'gdpr-art33',
      applies: 1,
      trigger_at: null,
      trigger_zone: null,
      notes: '',
      created_at: T,
      updated_at: T,
    },
    clock_submission: {
      id: id(9),
      rule_id: 'gdpr-art33',
      submitted_at: T,
      zone: 'Europe/Berlin',
      recipient: 'Supervisory authority',
      reference: 'DPA-2026-0042',
      proof_item_id: null,
      notes: '',
      recorded_by: 'Dana',
      created_at: T,
      removed: 0,
    },
  };
  let head4: Head;

  beforeEach(() => {
    const caseDb = openCaseDb(path);
    const ctx = context();
    const tables = Object.keys(ROWS) as StateTable[];
    expect(tables).toEqual(stateTablesOf(4).filter((t) => !stateTablesOf(3).includes(t)));
    // Entry 10 inserts a row into each table; entry 11 updates two of them.
    mutate(caseDb, ctx, {
      action: 'test.format4',
      entity: { type: 'subject', id: id(1) },
      writes: tables.map((table) => ({ op: 'insert' as const, table, values: ROWS[table]! })),
    });
    mutate(caseDb, ctx, {
      action: 'test.format4.update',
      entity: { type: 'extortion_demand', id: id(5) },
      writes: [
        { op: 'update', table: 'extortion_demand', id: id(5), values: { status: 'deadline-passed' } },
        { op: 'update', table: 'claim_validation', id: id(6), values: { result: 'not-confirmed', validated_at: T } },
      ],
    });
    head4 = verifyCase(caseDb).head;
    caseDb.close();
  });

  it('an intact case with a row in every format 4 table passes both, every row replayed', () => {
    expect(head4.seq).toBe(11);
    const outcome = bothAgree(head4);
    expect(outcome.ok).toBe(true);
    expect(outcome.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'skipped', 'pass']);
    const report = JSON.parse(runPython(path, head4).stdout) as { checks: { id: string; message: string }[] };
    expect(report.checks.find((c) => c.id === 'schema')!.message).toBe('67 objects are exactly those of case format 5');
    // 1 case, 5 events, 1 note, and the 9 rows.
    expect(report.checks.find((c) => c.id === 'replay')!.message).toBe('16 rows match their last audited state');
  });

  it('a row of any format 4 table changed outside Custos is found by both, at that row', () => {
    const pristine = join(dir, 'pristine.custos');
    copyFileSync(path, pristine);
    for (const table of Object.keys(ROWS)) {
      copyFileSync(pristine, path);
      tamper(path, `UPDATE ${table} SET created_at = '2000-01-01T00:00:00.000Z'`);
      const outcome = bothAgree(head4);
      expect(failures(outcome), table).toEqual(['replay']);
      expect(check(outcome, 'replay').location, table).toEqual({ table, rowId: ROWS[table]!.id });
    }
    // Changed everywhere at once: the first table of format 4 in the replay order is named.
    copyFileSync(pristine, path);
    for (const table of Object.keys(ROWS)) tamper(path, `UPDATE ${table} SET created_at = '2000-01-01T00:00:00.000Z'`);
    expect(check(bothAgree(head4), 'replay').location).toEqual({ table: 'subject', rowId: id(1) });
  });

  it('a format 4 row added or deleted outside Custos is found by both, at that row', () => {
    tamper(
      path,
      `INSERT INTO indicator VALUES ('forged', 'btc', 'x', 'x', '', NULL, NULL, NULL, NULL, 'low', 'AMBER', '', '${T}', '${T}', 0)`,
    );
    expect(check(bothAgree(head4), 'replay').location).toEqual({ table: 'indicator', rowId: 'forged' });
    tamper(path, `DELETE FROM indicator WHERE id = 'forged'; DELETE FROM clock_submission`);
    expect(check(bothAgree(head4), 'replay').location).toEqual({ table: 'clock_submission', rowId: id(9) });
  });
});

describe('the format 5 table output_record: docs/verify_case.py replays it as Custos does', () => {
  /** A report as the services record one; made up here, since only its row matters to verification. */
  const output = (n: number, head5: Head): OutputRecord => ({
    id: `b0000000-0000-4000-8000-00000000000${n}`,
    kind: n === 1 ? 'report' : 'export',
    subtype: n === 1 ? 'law-enforcement' : 'csv',
    options:
      n === 1
        ? { kind: 'law-enforcement', exclude: [], countries: ['DE', 'US'], summary: 'Jürgen «Müller» — 김정호\n' }
        : { format: 'csv', bom: true },
    head: head5,
    verifiedOk: true,
    verifySummary: 'Intact: 9 audit entries\nSchema: pass',
    sha256: createHash('sha256').update(`output ${n}`).digest('hex'),
    size: 48_213 * n,
    pages: n === 1 ? 7 : null,
    fileName: n === 1 ? 'referral "Müller".pdf' : 'timeline.csv, evidence.csv',
    generatedBy: 'Dana Whitfield',
    organisation: 'Northwind',
    generatedAt: `2026-11-04T10:0${n}:00.000Z`,
    zone: 'Europe/Berlin',
  });
  const firstId = 'b0000000-0000-4000-8000-000000000001';
  let head5: Head;

  beforeEach(() => {
    const caseDb = openCaseDb(path);
    const ctx = context();
    // Entries 10 and 11: a report and an export recorded through the table module, as the services do.
    insertOutput(caseDb, ctx, output(1, head));
    insertOutput(caseDb, ctx, output(2, verifyCase(caseDb).head));
    head5 = verifyCase(caseDb).head;
    caseDb.close();
  });

  it('an intact case with recorded outputs passes both, every output_record row replayed', () => {
    expect(head5.seq).toBe(11);
    const outcome = bothAgree(head5);
    expect(outcome.ok).toBe(true);
    const report = JSON.parse(runPython(path, head5).stdout) as { checks: { id: string; message: string }[] };
    // 1 case, 5 events, 1 note, and the 2 outputs.
    expect(report.checks.find((c) => c.id === 'replay')!.message).toBe('9 rows match their last audited state');
    const actions = readCase(path, (db) =>
      db.prepare('SELECT action FROM audit_log WHERE seq > 9 ORDER BY seq').pluck().all(),
    );
    expect(actions).toEqual(['report.generate', 'export.write']);
  });

  it('a recorded report whose SHA-256 was changed outside Custos makes both say NOT intact, at that row', () => {
    // Someone makes the case vouch for an altered PDF: the row no longer matches its audit image.
    tamper(path, `UPDATE output_record SET sha256 = '${'ab'.repeat(32)}' WHERE id = '${firstId}'`);
    const outcome = bothAgree(head5);
    expect(outcome.ok).toBe(false);
    expect(failures(outcome)).toEqual(['replay']);
    expect(check(outcome, 'replay').location).toEqual({ table: 'output_record', rowId: firstId });
    const python = runPython(path, head5);
    expect(python.status).toBe(1);
    const text = spawnSync('python3', [VERIFY_SCRIPT, path], { encoding: 'utf8' });
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^INTEGRITY FAILURE: /);
    expect(text.stdout).toMatch(
      /output_record row b0000000-0000-4000-8000-000000000001 was changed outside Custos \(differs from the audit log in: sha256\)/,
    );
  });

  it('an output_record row added or deleted outside Custos is found by both, at that row', () => {
    tamper(
      path,
      `INSERT INTO output_record VALUES ('forged', 'report', 'counsel', '{}', 1, '${'0'.repeat(64)}', 1, '', '${'cd'.repeat(32)}', 10, 1, 'x.pdf', 'Mallory', 'X', '2026-11-05T00:00:00.000Z', 'UTC')`,
    );
    expect(check(bothAgree(head5), 'replay').location).toEqual({ table: 'output_record', rowId: 'forged' });
    tamper(path, `DELETE FROM output_record`);
    expect(check(bothAgree(head5), 'replay').location).toEqual({ table: 'output_record', rowId: firstId });
  });
});

const CHUNK = 4096;

describe('check 3 (evidence bytes): docs/verify_case.py agrees with Custos', () => {
  let acquired: string;
  let pristine: string;
  let referencedFile: string;
  let referencedBytes: Buffer;
  let chunkedFile: string;
  /** E-0001, referenced in place: logged first, so it precedes the stored items in evidence_item. */
  let referenced: EvidenceItem;
  /** E-0002, stored, 0 bytes: a blob with no chunks. */
  let empty: EvidenceItem;
  /** E-0003, stored in five full chunks of 4096 bytes and a last one of 1000. */
  let chunked: EvidenceItem;
  let evidenceHead: Head;

  const draft = (description: string, extra: Record<string, unknown> = {}) =>
    FileEvidenceDraft.parse({ description, source: 'Laptop LT-0412 "J. Kim" — 김민준', custodian: 'Dana', ...extra });

  /** Reads the case with Custos's read-only connection (which leaves no -wal/-shm behind). */
  function read<T>(fn: (db: Database.Database) => T): T {
    const caseDb = openCaseDbReadOnly(path, { forVerification: true });
    try {
      return fn(caseDb.db);
    } finally {
      caseDb.close();
    }
  }
  const blobIdOf = (item: EvidenceItem) =>
    read((db) => db.prepare('SELECT blob_id FROM evidence_item WHERE id = ?').pluck().get(item.id) as string);
  const evidenceAt = (item: EvidenceItem) => ({ table: 'evidence_item', rowId: item.id });
  const restore = () => copyFileSync(pristine, path);
  /** Tampering with chunk bytes: the trigger that forbids it is dropped and re-created around the SQL. */
  const rewriteChunk = (item: EvidenceItem, idx: number, data: Buffer) =>
    tamperCovered(path, 'UPDATE evidence_chunk SET data = ? WHERE blob_id = ? AND idx = ?', data, blobIdOf(item), idx);
  /** Only check 3 fails, at the item given. */
  const evidenceFailsAt = (item: EvidenceItem) => {
    const outcome = bothAgree(evidenceHead);
    expect(outcome.ok).toBe(false);
    expect(failures(outcome)).toEqual(['evidence']);
    expect(check(outcome, 'evidence').location).toEqual(evidenceAt(item));
    return outcome;
  };

  beforeEach(async () => {
    acquired = join(dir, 'acquired');
    mkdirSync(acquired);
    referencedFile = join(acquired, 'memory.raw');
    referencedBytes = randomBytes(3 * CHUNK + 17);
    writeFileSync(referencedFile, referencedBytes);
    const emptyFile = join(acquired, 'empty.log');
    writeFileSync(emptyFile, '');
    chunkedFile = join(acquired, 'mailbox.pst');
    writeFileSync(chunkedFile, randomBytes(5 * CHUNK + 1000));
    const caseDb = openCaseDb(path);
    const ctx = context();
    try {
      referenced = await addFileEvidence(
        caseDb,
        ctx,
        referencedFile,
        draft('Memory image, left in place', { byReference: true }),
        { chunkSize: CHUNK },
      );
      empty = await addFileEvidence(caseDb, ctx, emptyFile, draft('Empty log file'), { chunkSize: CHUNK });
      chunked = await addFileEvidence(caseDb, ctx, chunkedFile, draft('Mailbox "export" \u0001 with control text'), {
        chunkSize: CHUNK,
      });
    } finally {
      caseDb.close();
    }
    evidenceHead = custosVerdict().head;
    pristine = join(dir, 'pristine.custos');
    copyFileSync(path, pristine);
  });

  it('(a) two stored files (one empty, one of six chunks) and one referenced file: both pass', () => {
    expect([referenced.exhibit, empty.exhibit, chunked.exhibit]).toEqual(['E-0001', 'E-0002', 'E-0003']);
    expect(evidenceHead.seq).toBe(head.seq + 3);
    for (const expectHead of [undefined, head, evidenceHead]) {
      const outcome = bothAgree(expectHead);
      expect(outcome.ok).toBe(true);
      expect(outcome.checks.map((c) => c.status)).toEqual([
        'pass',
        'pass',
        'pass',
        'pass',
        expectHead ? 'pass' : 'skipped',
      ]);
    }
    // The layout section 2 of the format document describes.
    read((db) => {
      const blobs = db.prepare('SELECT id, size, chunk_size, chunk_count FROM evidence_blob ORDER BY rowid').all();
      expect(blobs).toEqual([
        { id: blobIdOf(empty), size: 0, chunk_size: CHUNK, chunk_count: 0 },
        { id: blobIdOf(chunked), size: 5 * CHUNK + 1000, chunk_size: CHUNK, chunk_count: 6 },
      ]);
      const chunks = db
        .prepare('SELECT blob_id, idx, length(data) AS n FROM evidence_chunk ORDER BY blob_id, idx')
        .all();
      expect(chunks).toEqual(
        [0, 1, 2, 3, 4, 5].map((idx) => ({ blob_id: blobIdOf(chunked), idx, n: idx < 5 ? CHUNK : 1000 })),
      );
      const ref = db
        .prepare('SELECT storage, blob_id, reference_path, size, sha256 FROM evidence_item WHERE id = ?')
        .get(referenced.id);
      expect(ref).toEqual({
        storage: 'reference',
        blob_id: null,
        reference_path: referencedFile,
        size: referencedBytes.length,
        sha256: createHash('sha256').update(referencedBytes).digest('hex'),
      });
      // One audit entry per item: blob (when stored), item and acquisition custody event together.
      const tables = (
        db.prepare("SELECT changes FROM audit_log WHERE action = 'evidence.add' ORDER BY seq").pluck().all() as string[]
      ).map((c) => (JSON.parse(c) as { table: string }[]).map((change) => change.table));
      expect(tables).toEqual([
        ['evidence_item', 'custody_event'],
        ['evidence_blob', 'evidence_item', 'custody_event'],
        ['evidence_blob', 'evidence_item', 'custody_event'],
      ]);
    });
  });

  it('(b) a chunk whose bytes were altered fails check 3 at its item, by every rule', () => {
    // Same length, other bytes: only the SHA-256 shows it.
    rewriteChunk(chunked, 2, randomBytes(CHUNK));
    evidenceFailsAt(chunked);
    restore();
    // A middle chunk shorter than chunk_size.
    rewriteChunk(chunked, 1, randomBytes(CHUNK - 1));
    evidenceFailsAt(chunked);
    restore();
    // The last chunk longer: the sizes no longer add up to the blob's size.
    rewriteChunk(chunked, 5, randomBytes(1001));
    evidenceFailsAt(chunked);
    restore();
    // The trigger left dropped is a finding of the schema check as well.
    tamper(path, 'DROP TRIGGER evidence_chunk_no_update');
    tamper(
      path,
      'UPDATE evidence_chunk SET data = ? WHERE blob_id = ? AND idx = 0',
      randomBytes(CHUNK),
      blobIdOf(chunked),
    );
    const outcome = bothAgree(evidenceHead);
    expect(failures(outcome)).toEqual(['schema', 'evidence']);
    expect(check(outcome, 'schema').location).toEqual({ object: 'evidence_chunk_no_update' });
    expect(check(outcome, 'evidence').location).toEqual(evidenceAt(chunked));
  });

  it('(c) a chunk deleted, or one too many, fails check 3 at its item', () => {
    // evidence_chunk has no delete trigger: plain DELETEs work.
    for (const where of ['idx = 3', 'idx = 5', 'idx = 0', '1 = 1']) {
      tamper(path, `DELETE FROM evidence_chunk WHERE blob_id = ? AND ${where}`, blobIdOf(chunked));
      evidenceFailsAt(chunked);
      restore();
    }
    // An extra chunk after the last.
    tamper(
      path,
      'INSERT INTO evidence_chunk (blob_id, idx, data) VALUES (?, 6, ?)',
      blobIdOf(chunked),
      randomBytes(10),
    );
    evidenceFailsAt(chunked);
    restore();
    // A chunk given to the empty file, whose blob records no chunks.
    tamper(path, 'INSERT INTO evidence_chunk (blob_id, idx, data) VALUES (?, 0, ?)', blobIdOf(empty), Buffer.alloc(0));
    evidenceFailsAt(empty);
    // Both: blobs are checked in evidence_blob rowid order, so the empty file's blob is named first.
    tamper(path, 'DELETE FROM evidence_chunk WHERE blob_id = ? AND idx = 4', blobIdOf(chunked));
    evidenceFailsAt(empty);
  });

  it('(d) the referenced file modified on disk, or deleted, fails check 3 at its item', () => {
    const variants: [string, () => void][] = [
      [
        'same size, other bytes',
        () =>
          writeFileSync(
            referencedFile,
            Buffer.concat([referencedBytes.subarray(0, 100), Buffer.from('X'), referencedBytes.subarray(101)]),
          ),
      ],
      ['one byte appended', () => writeFileSync(referencedFile, Buffer.concat([referencedBytes, Buffer.from('\n')]))],
      ['truncated to nothing', () => writeFileSync(referencedFile, '')],
      ['deleted', () => rmSync(referencedFile)],
      ['replaced by a folder', () => (rmSync(referencedFile), mkdirSync(referencedFile))],
    ];
    for (const [what, change] of variants) {
      change();
      const outcome = evidenceFailsAt(referenced);
      expect(
        outcome.checks.map((c) => c.status),
        what,
      ).toEqual(['pass', 'pass', 'pass', 'fail', 'pass']);
      rmSync(referencedFile, { recursive: true, force: true });
      writeFileSync(referencedFile, referencedBytes);
    }
    expect(bothAgree(evidenceHead).ok).toBe(true);
    // Stored blobs are checked before referenced files, though the referenced item came first.
    rmSync(referencedFile);
    rewriteChunk(chunked, 0, randomBytes(CHUNK));
    evidenceFailsAt(chunked);
  });

  it('(e) the stray chunks of an unfinished ingest (no evidence_blob row) are ignored', () => {
    tamper(
      path,
      "INSERT INTO evidence_chunk (blob_id, idx, data) VALUES ('unfinished-ingest', 0, randomblob(4096)), ('unfinished-ingest', 2, x'')",
    );
    const outcome = bothAgree(evidenceHead);
    expect(outcome.ok).toBe(true);
    expect(check(outcome, 'evidence').status).toBe('pass');
    // Custos removes them when it next opens the case for writing; nothing in the log changes.
    openCaseDb(path).close();
    expect(
      read((db) => db.prepare("SELECT count(*) FROM evidence_chunk WHERE blob_id = 'unfinished-ingest'").pluck().get()),
    ).toBe(0);
    expect(bothAgree(evidenceHead).ok).toBe(true);
  });

  it('the evidence state tables are replayed, and their triggers required', () => {
    // An item's recorded hash changed: check 2 names the row, and check 3 no longer matches the file.
    tamper(path, 'UPDATE evidence_item SET sha256 = ? WHERE id = ?', '0'.repeat(64), referenced.id);
    let outcome = bothAgree(evidenceHead);
    expect(failures(outcome)).toEqual(['replay', 'evidence']);
    expect(check(outcome, 'replay').location).toEqual(evidenceAt(referenced));
    expect(check(outcome, 'evidence').location).toEqual(evidenceAt(referenced));
    restore();
    // A blob's recorded hash changed to fit altered bytes: check 2 catches what check 3 cannot.
    const forged = Buffer.concat([Buffer.alloc(5 * CHUNK), Buffer.alloc(1000, 1)]);
    for (let idx = 0; idx < 6; idx++) {
      rewriteChunk(chunked, idx, forged.subarray(idx * CHUNK, Math.min((idx + 1) * CHUNK, forged.length)));
    }
    tamper(
      path,
      'UPDATE evidence_blob SET sha256 = ? WHERE id = ?',
      createHash('sha256').update(forged).digest('hex'),
      blobIdOf(chunked),
    );
    outcome = bothAgree(evidenceHead);
    // Check 3 holds the bytes against the item's own record too, which was left as it was.
    expect(failures(outcome)).toEqual(['replay', 'evidence']);
    expect(check(outcome, 'replay').location).toEqual({ table: 'evidence_blob', rowId: blobIdOf(chunked) });
    expect(check(outcome, 'evidence').location).toEqual(evidenceAt(chunked));
    restore();
    // Custody history edited behind the trigger's back (re-created afterwards).
    tamperCovered(path, `UPDATE custody_event SET received_by = 'Someone else' WHERE item_id = '${chunked.id}'`);
    outcome = bothAgree(evidenceHead);
    expect(failures(outcome)).toEqual(['replay']);
    expect(check(outcome, 'replay').location).toMatchObject({ table: 'custody_event' });
    restore();
    // Each of the three evidence triggers is required by the schema check.
    for (const trigger of ['custody_event_no_update', 'custody_event_no_delete', 'evidence_chunk_no_update']) {
      tamper(path, `DROP TRIGGER ${trigger}`);
      outcome = bothAgree(evidenceHead);
      expect(failures(outcome), trigger).toEqual(['schema']);
      expect(check(outcome, 'schema').location).toEqual({ object: trigger });
      restore();
    }
  });

  it('an item’s recorded SHA-256 rewritten in its row and in a rebuilt log is still found, by check 3 and by re-verification', async () => {
    const forged = 'f'.repeat(64);
    const original = chunked.sha256!;
    // The item's image only (its size is followed by its source; the blob's image ends with size).
    const itemImage = (hash: string) => `"sha256":"${hash}","size":${chunked.size},"source"`;
    rebuildChain(
      path,
      (_seq, changes) => changes.replace(itemImage(original), itemImage(forged)),
      `UPDATE evidence_item SET sha256 = '${forged}' WHERE id = '${chunked.id}'`,
    );
    // Checks 1 and 2 see a consistent log (only the recorded head could show the rewrite) ...
    const outcome = bothAgree();
    expect(failures(outcome)).toEqual(['evidence']);
    // ... but the bytes re-computed are not what the item records.
    expect(check(outcome, 'evidence').location).toEqual(evidenceAt(chunked));
    const report = custosVerdict();
    expect(report.ok).toBe(false);
    const caseDb = openCaseDbReadOnly(path, { forVerification: true });
    const message = verifyCase(caseDb).checks.find((c) => c.id === 'evidence')!.message;
    caseDb.close();
    expect(message).toBe(
      `${chunked.exhibit}: its stored bytes hash to SHA-256 ${original}, not the ${forged} the item records`,
    );
    // Re-verification says MISMATCH, and the hash it prints is the one it computed.
    const writer = openCaseDb(path);
    try {
      const [inline] = verifyEvidenceItems(writer, context(), [chunked.exhibit]);
      const [offThread] = await verifyEvidenceItemsOffThread(writer, context(), [chunked.exhibit]);
      for (const outcome of [inline!, offThread!]) {
        expect(outcome.check).toEqual({
          result: 'mismatch',
          detail: `its stored bytes hash to SHA-256 ${original}, not the ${forged} the item records`,
        });
        expect(outcome.item.flagged).toBe(true);
      }
    } finally {
      writer.close();
    }
  });

  /**
   * A blob shared by two items where the later item (higher exhibit number) has the lower id, so
   * naming by min(id) and naming by first exhibit differ. Ids are random: each try logs a new file
   * and a linked copy, and half the tries invert (waiting for one copy to sort below a fixed item
   * could need hundreds of tries when that item's id happens to be low).
   */
  async function linkedPair(): Promise<{ first: EvidenceItem; linked: EvidenceItem }> {
    const caseDb = openCaseDb(path);
    try {
      for (let i = 0; i < 40; i++) {
        const file = join(dirname(chunkedFile), `mailbox-copy-${i}.pst`);
        writeFileSync(file, randomBytes(5 * CHUNK + 1000));
        const first = await addFileEvidence(caseDb, context(), file, draft('Second mailbox'), { chunkSize: CHUNK });
        const linked = await addFileEvidence(
          caseDb,
          context(),
          file,
          draft('Same mailbox, second copy', { onDuplicate: 'link' }),
          { chunkSize: CHUNK },
        );
        if (linked.id < first.id) return { first, linked };
      }
      throw new Error('no linked item with a lower id in 40 tries');
    } finally {
      caseDb.close();
    }
  }

  it('a blob shared by several items (onDuplicate: link) is named by its lowest exhibit number', async () => {
    const { first, linked } = await linkedPair();
    expect(blobIdOf(linked)).toBe(blobIdOf(first));
    rewriteChunk(first, 3, randomBytes(CHUNK));
    const python = pythonVerdict();
    expect(python.exitCode).toBe(1);
    expect(check(python, 'evidence').location).toEqual(evidenceAt(first));
    const caseDb = openCaseDbReadOnly(path, { forVerification: true });
    const report = verifyCase(caseDb);
    caseDb.close();
    expect(report.checks.find((c) => c.id === 'evidence')!.message).toMatch(new RegExp(`^${first.exhibit}: `));
  });

  it('a blob shared by several items is named, in message and location, by its first item', async () => {
    const { first } = await linkedPair();
    rewriteChunk(first, 3, randomBytes(CHUNK));
    const custos = custosVerdict();
    expect(check(custos, 'evidence').location).toEqual(evidenceAt(first));
  });
});
