import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCaseDbReadOnly } from '../../electron/core/store/db/caseDb.ts';
import { runReplayCheck, runReplayCheckFast } from '../../electron/core/store/verify/replay.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import { verifyCaseInWorkers } from '../../electron/core/store/verify/workers.ts';
import { addTimelineEvent, editTimelineEvent } from '../../electron/core/services/timeline.ts';
import { openCaseDb } from '../../electron/core/store/db/caseDb.ts';
import { insertNote } from '../../electron/core/store/tables/notes.ts';
import { entryHash } from '../../electron/core/store/format/chain.ts';
import type { AuditRow } from '../../electron/core/store/tables/auditLog.ts';
import type { VerifyReport } from '../../shared/domain/audit.ts';
import type { Head } from '../../shared/domain/common.ts';
import { context, newCase, tempDir } from '../helpers/tempCase.ts';
import { tamper, tamperCovered } from '../helpers/tamper.ts';

let dir: string;
let cleanup: () => void;
let path: string;
let head: Head;
let eventIds: string[];

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  const made = newCase(dir);
  path = made.path;
  eventIds = [];
  for (let i = 1; i <= 5; i++) {
    const event = addTimelineEvent(made.caseDb, made.ctx, {
      at: `2026-10-0${i}T10:00`,
      zone: 'America/Chicago',
      title: `Event ${i}`,
      description: 'Okta sign-in from a residential proxy',
      source: 'Okta',
      category: 'access',
    });
    eventIds.push(event.id);
  }
  insertNote(made.caseDb, made.ctx, '11111111-2222-4333-8444-555555555555', {
    body: 'Counsel asked for a litigation hold.',
    author: 'Dana',
    privileged: true,
  });
  head = verifyCase(made.caseDb).head;
  made.caseDb.close();
});
afterEach(() => cleanup());

async function verifyBoth(expectHead?: Head): Promise<VerifyReport> {
  const caseDb = openCaseDbReadOnly(path, { forVerification: true });
  try {
    const inline = verifyCase(caseDb, expectHead ? { expectHead } : {});
    const parallel = await verifyCaseInWorkers(caseDb, expectHead ? { expectHead } : {});
    // The threaded path must agree with the single-threaded one, check for check, and the fast
    // replay with the full reference replay.
    expect(parallel.checks).toEqual(inline.checks);
    const reference = runReplayCheck(caseDb.db);
    expect(runReplayCheckFast(caseDb.db)).toEqual(reference);
    // 0: prove every table's inserts in SQL, as for a large case.
    expect(runReplayCheckFast(caseDb.db, 0)).toEqual(reference);
    expect(parallel.head).toEqual(inline.head);
    return inline;
  } finally {
    caseDb.close();
  }
}

const check = (report: VerifyReport, id: string) => report.checks.find((c) => c.id === id)!;

describe('verification finds and locates tampering', () => {
  it('passes an untouched case, and against its own head', async () => {
    const report = await verifyBoth(head);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(7);
    expect(report.head).toEqual(head);
    expect(check(report, 'head').status).toBe('pass');
  });

  it('an edited row reverted behind Custos’s back to its first, inserted value', async () => {
    const caseDb = openCaseDb(path);
    editTimelineEvent(caseDb, context(), eventIds[1]!, { title: 'Event 2 (corrected)' });
    caseDb.close();
    expect((await verifyBoth()).ok).toBe(true);
    tamper(path, "UPDATE timeline_event SET title = 'Event 2', updated_at = created_at WHERE id = ?", eventIds[1]);
    expect(check(await verifyBoth(), 'replay')).toMatchObject({
      status: 'fail',
      location: { table: 'timeline_event', rowId: eventIds[1] },
    });
  });

  it('a row whose inserted image is copied to a second row outside Custos', async () => {
    tamper(
      path,
      "INSERT INTO timeline_event SELECT 'copy-' || id, occurred_at, zone, title, description, source, category, created_at, updated_at, removed FROM timeline_event WHERE id = ?",
      eventIds[0],
    );
    // Named as it now stands (the log never saw it), with the technical place beside the name.
    expect(check(await verifyBoth(), 'replay')).toMatchObject({
      message:
        "The timeline event 'Event 1' (2026-10-01 10:00 America/Chicago) is not in the audit log: it was added outside Custos",
      subject: "the timeline event 'Event 1' (2026-10-01 10:00 America/Chicago)",
      location: { table: 'timeline_event', rowId: `copy-${eventIds[0]}` },
    });
  });

  it('an UPDATE to a state row without an audit entry', async () => {
    tamper(path, "UPDATE timeline_event SET title = 'Nothing happened' WHERE id = ?", eventIds[2]);
    const report = await verifyBoth();
    expect(report.ok).toBe(false);
    expect(check(report, 'chain').status).toBe('pass');
    expect(check(report, 'replay')).toMatchObject({
      status: 'fail',
      // Named as the audit log recorded it, not by the title forged into the table.
      message:
        "The timeline event 'Event 3' (2026-10-03 10:00 America/Chicago) was changed outside Custos (its title differs from the audit log)",
      location: { table: 'timeline_event', rowId: eventIds[2] },
    });
  });

  it('a row inserted or deleted outside Custos', async () => {
    tamper(
      path,
      "INSERT INTO note VALUES ('n-forged', 'forged', 'x', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 0)",
    );
    expect(check(await verifyBoth(), 'replay')).toMatchObject({
      // A note is named by when it was written, never by its text (the message reaches reports).
      message:
        'The note written 2026-01-01 00:00 UTC (its text is not quoted here) is not in the audit log: it was added outside Custos',
      location: { table: 'note', rowId: 'n-forged' },
    });
    tamper(path, "DELETE FROM note WHERE id = 'n-forged'");
    tamper(path, 'DELETE FROM timeline_event WHERE id = ?', eventIds[0]);
    expect(check(await verifyBoth(), 'replay').message).toMatch(
      "The timeline event 'Event 1' (2026-10-01 10:00 America/Chicago) is in the audit log but missing from the case",
    );
  });

  it('an edited audit payload (trigger dropped first), named by sequence number', async () => {
    tamper(
      path,
      `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET changes = replace(changes, 'Event 3', 'Event 9') WHERE seq = 4;`,
    );
    const report = await verifyBoth();
    expect(check(report, 'schema')).toMatchObject({ status: 'fail', location: { object: 'audit_log_no_update' } });
    expect(check(report, 'chain')).toMatchObject({
      status: 'fail',
      message: 'Entry 4 was altered: its content no longer matches its hash',
      // What the altered entry now claims, quoted as a claim.
      subject:
        "audit entry 4, which reads “Dana Whitfield added timeline event 'Event 9' (2026-10-03 10:00 America/Chicago)”",
      location: { seq: 4 },
    });
  });

  it('an edited actor or time is caught the same way', async () => {
    tamperCovered(path, `UPDATE audit_log SET actor_name = 'Someone Else' WHERE seq = 2;`);
    expect(check(await verifyBoth(), 'chain').location).toEqual({ seq: 2 });
  });

  it('a deleted middle entry', async () => {
    tamperCovered(path, 'DELETE FROM audit_log WHERE seq = 3;');
    const report = await verifyBoth();
    expect(check(report, 'chain')).toMatchObject({
      status: 'fail',
      message: 'Entry 3 is missing: the log jumps from entry 2 to 4',
      location: { seq: 3 },
    });
    // The state written by the missing entry is now unexplained, too.
    expect(check(report, 'replay').status).toBe('fail');
  });

  it('malformed change data is a finding, not a crash', async () => {
    tamperCovered(path, `UPDATE audit_log SET changes = '[null]' WHERE seq = 2;`);
    const report = await verifyBoth();
    expect(check(report, 'chain').location).toEqual({ seq: 2 });
    expect(check(report, 'replay')).toMatchObject({
      status: 'fail',
      message: 'Entry 2 holds unreadable change data',
      location: { seq: 2 },
    });
  });

  it('a dropped trigger followed by edits, even when the edit is undone', async () => {
    tamper(path, 'DROP TRIGGER audit_log_no_update;');
    tamper(path, "UPDATE audit_log SET action = 'timeline.add' WHERE seq = 5;");
    const report = await verifyBoth();
    expect(check(report, 'schema')).toMatchObject({
      status: 'fail',
      message: 'The schema is not the one Custos writes: trigger audit_log_no_update is missing',
      location: { object: 'audit_log_no_update' },
    });
    // The edit itself changed nothing, so the chain still holds: only the schema shows the step.
    expect(check(report, 'chain').status).toBe('pass');
  });

  it('a truncated tail is caught against the head written down earlier', async () => {
    tamperCovered(
      path,
      "DELETE FROM audit_log WHERE seq >= 6; DELETE FROM note; DELETE FROM timeline_event WHERE title = 'Event 5';",
    );
    const unanchored = await verifyBoth();
    // Without the recorded head the shortened log is self-consistent...
    expect(unanchored.ok).toBe(true);
    const report = await verifyBoth(head);
    expect(report.ok).toBe(false);
    expect(check(report, 'head')).toMatchObject({
      status: 'fail',
      message: 'The recorded head is entry 7, but the log ends at entry 5: entries were cut off the end',
      location: { seq: 7 },
    });
  });

  it('a wholly rewritten chain is caught only by the recorded head', async () => {
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
    db.prepare("UPDATE timeline_event SET title = 'Event X' WHERE title = 'Event 2'").run();
    db.exec(triggerSql);
    db.close();
    const report = await verifyBoth(head);
    expect(check(report, 'chain').status).toBe('pass');
    expect(check(report, 'replay').status).toBe('pass');
    expect(check(report, 'head')).toMatchObject({
      status: 'fail',
      message: 'Entry 7 does not have the recorded hash: the log was rewritten',
    });
  });
});
