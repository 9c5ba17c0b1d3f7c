import Database from 'better-sqlite3';
import { existsSync, readdirSync, truncateSync, writeFileSync, statSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustosError } from '../../electron/core/errors.ts';
import { openCaseDb } from '../../electron/core/store/db/caseDb.ts';
import { CUSTOS_APPLICATION_ID } from '../../electron/core/store/file/header.ts';
import { SCHEMA_VERSION } from '../../electron/core/store/format/migrations/index.ts';
import { getCase } from '../../electron/core/store/tables/caseRecord.ts';
import { listAudit } from '../../electron/core/store/tables/auditLog.ts';
import { addTimelineEvent } from '../../electron/core/services/timeline.ts';
import { editCase, createCase } from '../../electron/core/services/cases.ts';
import { listTimeline } from '../../electron/core/store/tables/timelineEvents.ts';
import { CaseDraft } from '../../shared/domain/case.ts';
import { newCase, sha256File, tempDir, context } from '../helpers/tempCase.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function refusal(fn: () => unknown): CustosError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CustosError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('case file', () => {
  it('is an SQLite file at rest in rollback-journal mode, with the Custos application id, schema version and STRICT tables', () => {
    const { path, caseDb } = newCase(dir);
    caseDb.close();
    // A cleanly closed case is one file: no -wal, -shm or -lock left beside it.
    expect(readdirSync(dir)).toEqual(['case.custos']);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(CUSTOS_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    // At rest a case needs no side file to be read (read-only media included); WAL mode is for
    // the time it is written.
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    expect(tables.map((t) => t.name).sort()).toEqual([
      'access_item',
      'audit_log',
      'case_meta',
      'claim_validation',
      'clock_submission',
      'custody_event',
      'evidence_blob',
      'evidence_chunk',
      'evidence_item',
      'evidence_link',
      'extortion_decision',
      'extortion_demand',
      'extortion_message',
      'indicator',
      'legal_hold',
      'note',
      'notification_clock',
      'output_record',
      'playbook_proof',
      'playbook_run',
      'playbook_step',
      'subject',
      'subject_link',
      'timeline_event',
    ]);
    for (const t of tables) expect(t.sql).toMatch(/\) STRICT$/);
    db.close();
  });

  it('keeps what was written across close and reopen, with the creation in the audit log', () => {
    const { path, ctx, caseDb } = newCase(dir, { legalCounsel: 'M. Okafor (outside counsel)' });
    addTimelineEvent(caseDb, ctx, {
      at: '2026-10-30T22:14',
      zone: 'Asia/Seoul',
      title: 'Laptop ships to facilitator address',
      description: '',
      source: 'FedEx',
      category: 'device',
    });
    caseDb.close();
    const reopened = openCaseDb(path);
    expect(getCase(reopened)).toMatchObject({
      title: 'Contractor "J. Kim" infiltration',
      reference: 'IR-2026-014',
      legalCounsel: 'M. Okafor (outside counsel)',
    });
    expect(listTimeline(reopened, 0, 10).map((e) => [e.title, e.occurredAt, e.zone])).toEqual([
      ['Laptop ships to facilitator address', '2026-10-30T13:14:00.000Z', 'Asia/Seoul'],
    ]);
    const audit = listAudit(reopened, 0, 10, 'asc');
    expect(audit.map((e) => e.action)).toEqual(['case.create', 'timeline.add']);
    expect(audit[0]!.actor).toEqual(ctx.actor);
    expect(audit[0]!.prevHash).toBe('0'.repeat(64));
    expect(audit[1]!.prevHash).toBe(audit[0]!.hash);
    reopened.close();
  });

  it('records old and new values of an edit, and writes nothing for an edit that changes nothing', () => {
    const { caseDb, ctx } = newCase(dir);
    editCase(caseDb, ctx, { status: 'contained', severity: 'critical' });
    editCase(caseDb, ctx, { status: 'contained' });
    const entries = listAudit(caseDb, 0, 10, 'asc');
    expect(entries.map((e) => e.action)).toEqual(['case.create', 'case.update']);
    const change = entries[1]!.changes[0]!;
    expect(change.before).toMatchObject({ status: 'open', severity: 'high' });
    expect(change.after).toMatchObject({ status: 'contained', severity: 'critical' });
    expect(entries[1]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    caseDb.close();
  });

  it('refuses to change or delete audit entries (append-only triggers)', () => {
    const { caseDb } = newCase(dir);
    expect(() => caseDb.db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => caseDb.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    caseDb.close();
  });

  it('never overwrites: creating over an existing file is refused and the file is untouched', () => {
    const { path, caseDb } = newCase(dir);
    caseDb.close();
    const before = sha256File(path);
    const error = refusal(() => createCase(path, CaseDraft.parse({ title: 'Second' }), context()));
    expect(error.code).toBe('ALREADY_EXISTS');
    expect(sha256File(path)).toBe(before);
    expect(refusal(() => createCase(join(dir, 'noext'), CaseDraft.parse({ title: 'x' }), context())).message).toMatch(
      /end in \.custos/,
    );
    expect(readdirSync(dir)).toEqual(['case.custos']);
  });

  it('leaves nothing behind when creation fails half-way', () => {
    const bad = CaseDraft.parse({ title: 'x', awareAt: '2026-13-40T99:00', awareZone: 'UTC' });
    expect(refusal(() => createCase(join(dir, 'half.custos'), bad, context())).code).toBe('INVALID_INPUT');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('refusing files that are not usable cases, leaving them byte-identical', () => {
  function expectRefusedUntouched(path: string, code: string, message: RegExp) {
    const hash = sha256File(path);
    const entriesBefore = readdirSync(dir).sort();
    const error = refusal(() => openCaseDb(path));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(sha256File(path)).toBe(hash);
    expect(readdirSync(dir).sort()).toEqual(entriesBefore);
  }

  it('a file that is not SQLite', () => {
    const path = join(dir, 'invoice.custos');
    writeFileSync(path, '%PDF-1.7\nnot a database at all\n'.repeat(100));
    expectRefusedUntouched(path, 'NOT_SQLITE', /not a Custos case file \(it is not an SQLite database\)/);
  });

  it('an SQLite database that is not a case', () => {
    const path = join(dir, 'other.custos');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.close();
    expectRefusedUntouched(path, 'NOT_A_CASE', /SQLite database but not a Custos case/);
  });

  it('a truncated case', () => {
    const { path, ctx, caseDb } = newCase(dir);
    for (let i = 0; i < 200; i++) {
      addTimelineEvent(caseDb, ctx, {
        at: '2026-01-01T00:00Z',
        title: `event ${i} ${'x'.repeat(200)}`,
        description: '',
        source: '',
        category: 'other',
      });
    }
    caseDb.close();
    truncateSync(path, Math.floor(statSync(path).size / 2) + 100);
    expectRefusedUntouched(path, 'TRUNCATED', /truncated/);
    truncateSync(path, 50);
    expectRefusedUntouched(path, 'TRUNCATED', /shorter than its own header/);
  });

  it('a case from a newer Custos', () => {
    const { path, caseDb } = newCase(dir);
    caseDb.close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expectRefusedUntouched(path, 'NEWER_SCHEMA', /newer Custos .*update Custos/);
  });

  it('a folder or a missing path', () => {
    expect(refusal(() => openCaseDb(dir)).code).toBe('NOT_A_FILE');
    expect(refusal(() => openCaseDb(join(dir, 'nope.custos'))).code).toBe('NOT_FOUND');
  });

  it('still opens a copy made while the case was open (WAL folded in on close)', () => {
    const { path, caseDb } = newCase(dir);
    caseDb.close();
    copyFileSync(path, join(dir, 'copy.custos'));
    const copy = openCaseDb(join(dir, 'copy.custos'));
    expect(getCase(copy).title).toMatch(/J\. Kim/);
    copy.close();
    expect(existsSync(join(dir, 'copy.custos-lock'))).toBe(false);
  });
});
