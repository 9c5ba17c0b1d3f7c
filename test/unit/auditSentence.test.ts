import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CasePatch } from '../../shared/domain/case.ts';
import type { AuditEntry, RowChange } from '../../shared/domain/audit.ts';
import { HoldDraft } from '../../shared/domain/evidence.ts';
import { NotePatch } from '../../shared/domain/note.ts';
import { DESCRIBED_ACTIONS, changedFields, describeAuditEntry } from '../../shared/logic/auditSentence.ts';
import { describeRecord } from '../../shared/logic/recordNames.ts';
import { allAuditEntries } from '../../electron/core/services/audit.ts';
import { editCase } from '../../electron/core/services/cases.ts';
import { verifyEvidenceItems } from '../../electron/core/services/evidence/custody.ts';
import { placeLegalHold, releaseLegalHold } from '../../electron/core/services/evidence/hold.ts';
import { editNote, removeNote } from '../../electron/core/services/notes.ts';
import { editTimelineEvent, removeTimelineEvent } from '../../electron/core/services/timeline.ts';
import { openCaseDb } from '../../electron/core/store/db/caseDb.ts';
import { STATE_TABLES } from '../../electron/core/store/format/stateTables.ts';
import { listTimeline } from '../../electron/core/store/tables/timelineEvents.ts';
import { LAPTOP_EVENT, RECIPIENT, buildReportCase } from '../helpers/reportCase.ts';
import { EXAMINER, steppingClock, tempDir } from '../helpers/tempCase.ts';

/**
 * The audit log in sentences, on entries Custos wrote through its services (the report case: a
 * timeline, notes, exhibits handed to the police, subjects, indicators, extortion, clocks and a
 * playbook run) and on what a person then does to it.
 */
let entries: AuditEntry[];
let cleanup: () => void;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

beforeAll(async () => {
  const made = tempDir();
  cleanup = made.cleanup;
  const built = await buildReportCase(made.dir);
  const caseDb = openCaseDb(built.path);
  const ctx = { actor: EXAMINER, clock: steppingClock('2026-11-05T09:00:00.000Z') };
  try {
    editNote(caseDb, ctx, built.ids.plainNote, NotePatch.parse({ privileged: true }));
    editCase(caseDb, ctx, CasePatch.parse({ status: 'contained' }));
    const laptopEvent = listTimeline(caseDb, 0, 100).find((e) => e.title === LAPTOP_EVENT)!;
    editTimelineEvent(caseDb, ctx, laptopEvent.id, { title: `${LAPTOP_EVENT} (confirmed)` });
    removeTimelineEvent(caseDb, ctx, laptopEvent.id);
    verifyEvidenceItems(caseDb, ctx, [built.ids.files[1]!.id]);
    const hold = placeLegalHold(
      caseDb,
      ctx,
      HoldDraft.parse({ item: built.ids.files[2]!.id, reason: 'Litigation expected' }),
    );
    releaseLegalHold(caseDb, ctx, hold.id, 'Matter settled');
    removeNote(caseDb, ctx, built.ids.privilegedNote);
    editCase(caseDb, ctx, CasePatch.parse({ awareAt: '2026-11-02T09:30', awareZone: 'Europe/London' }));
    entries = allAuditEntries(caseDb);
  } finally {
    caseDb.close();
  }
}, 60_000);
afterAll(() => cleanup());

const sentenceOf = (action: string, nth = 0) => describeAuditEntry(entries.filter((e) => e.action === action)[nth]!);

describe('every entry reads as a sentence', () => {
  it('names records as a person knows them, never by a bare id or a raw flag', () => {
    for (const entry of entries) {
      const sentence = describeAuditEntry(entry);
      expect(sentence, entry.action).toMatch(/^Dana Whitfield [a-z]/);
      expect(sentence, entry.action).not.toMatch(UUID);
      expect(sentence, entry.action).not.toMatch(/undefined|null|\bremoved 0\b|NaN|\[object/);
      expect(DESCRIBED_ACTIONS, entry.action).toContain(entry.action);
    }
  });

  it('the case, timeline and notes', () => {
    expect(sentenceOf('case.create')).toBe(
      "Dana Whitfield created the case record 'Contractor “J. Kim” — DPRK IT worker and extortion' (IR-2026-031)",
    );
    expect(sentenceOf('case.update')).toBe('Dana Whitfield changed the case status from open to contained');
    // The instant and its zone are one fact, said in that zone.
    const updates = entries.filter((e) => e.action === 'case.update');
    expect(describeAuditEntry(updates.at(-1)!)).toMatch(
      /^Dana Whitfield (set when the organisation became aware: |changed when the organisation became aware from .+ to )2026-11-02 09:30 Europe\/London$/,
    );
    expect(sentenceOf('timeline.add', 1)).toBe(
      "Dana Whitfield added timeline event 'Laptop delivered to facilitator address' (2026-10-30 22:14 Asia/Seoul)",
    );
    // Renamed: the old name (as the earlier entries show it) and the new one.
    expect(sentenceOf('timeline.update')).toBe(
      "Dana Whitfield renamed timeline event 'Laptop delivered to facilitator address' (2026-10-30 22:14 Asia/Seoul) to 'Laptop delivered to facilitator address (confirmed)'",
    );
    expect(sentenceOf('timeline.remove')).toMatch(
      /^Dana Whitfield removed timeline event 'Laptop delivered .* from the timeline$/,
    );
    expect(sentenceOf('note.add', 1)).toBe(
      "Dana Whitfield added note 'Courier returned laptop LT-0412 with seal 00417 intact.'",
    );
    expect(sentenceOf('note.update')).toBe(
      "Dana Whitfield marked note 'Courier returned laptop LT-0412 with seal 00417 intact.' privileged",
    );
    expect(sentenceOf('note.remove')).toMatch(/^Dana Whitfield removed privileged note 'Counsel advises/);
  });

  it('exhibits and their custody', () => {
    expect(sentenceOf('evidence.add')).toBe(
      "Dana Whitfield added exhibit E-0001 'Extortion e-mail' ('demand.eml', 76 B), stored in the case",
    );
    expect(sentenceOf('evidence.add', 3)).toBe(
      "Dana Whitfield logged physical exhibit E-0004 'Laptop LT-0412 returned from the facilitator address'",
    );
    expect(sentenceOf('custody.transfer')).toBe(
      `Dana Whitfield transferred exhibit E-0004 'Laptop LT-0412 returned from the facilitator address' to ${RECIPIENT} (2026-11-03 15:00 Europe/London)`,
    );
    expect(sentenceOf('custody.verification')).toBe("Dana Whitfield verified exhibit E-0002 'VPN log extract': match");
    expect(sentenceOf('hold.place')).toBe(
      "Dana Whitfield placed a legal hold on exhibit E-0003 'Payroll export' ('Litigation expected')",
    );
    expect(sentenceOf('hold.release')).toBe(
      "Dana Whitfield released the legal hold on exhibit E-0003 'Payroll export' ('Litigation expected'): 'Matter settled'",
    );
  });

  it('subjects, indicators, extortion, clocks and playbooks', () => {
    expect(sentenceOf('subject.link')).toBe(
      "Dana Whitfield linked subject 'João Gonçalves' to subject '김정호' ('received the laptop for')",
    );
    expect(sentenceOf('indicator.add', 1)).toBe(
      "Dana Whitfield added indicator Bitcoin wallet 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', linked to 1 subject",
    );
    expect(sentenceOf('extortion.demand.add')).toBe(
      'Dana Whitfield recorded the extortion demand of 2.5 BTC (deadline 2026-11-06 18:00 Europe/Lisbon)',
    );
    expect(sentenceOf('clock.set')).toMatch(/^Dana Whitfield switched on the notification clock 'Personal data breach/);
    expect(sentenceOf('playbook.start')).toMatch(
      /^Dana Whitfield started playbook run 'Termination .*' \(\d+ steps\)$/,
    );
    expect(sentenceOf('playbook.step')).toBe(
      "Dana Whitfield marked playbook step 'Open a restricted case and keep the worker unaware' done: 'Restricted case opened'",
    );
    expect(sentenceOf('playbook.step', 2)).toMatch(/ skipped: 'Outside counsel already engaged'$/);
  });
});

/** A row of `table` with every column the format defines, empty unless given. */
function row(table: keyof typeof STATE_TABLES, values: Record<string, string | number | null>) {
  const image: Record<string, string | number | null> = {};
  for (const column of STATE_TABLES[table]) image[column] = '';
  return { ...image, ...values };
}
function entry(action: string, changes: RowChange[], names?: Record<string, string>): AuditEntry {
  return {
    seq: 9,
    at: '2026-11-05T10:00:00.000Z',
    actor: EXAMINER,
    action,
    entity: { type: changes[0]?.table ?? 'case', id: changes[0]?.id ?? 'x' },
    changes,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    ...(names ? { names } : {}),
  };
}
const ID = '0b7c5a52-65f4-4a4a-9d55-0b1f0d6f1c11';
const ITEM = '6c7b0a22-1f00-4b55-8b77-2a2a2a2a2a2a';

describe('actions the report case does not hold, on rows of the format', () => {
  it('a return, a disposal and an export name the exhibit from the names the list gives', () => {
    const names = { [ITEM]: "exhibit E-0004 'Laptop LT-0412'" };
    const event = (type: string, extra: Record<string, string | null> = {}) =>
      row('custody_event', {
        id: ID,
        item_id: ITEM,
        type,
        at: '2026-11-04T10:00:00.000Z',
        zone: 'Europe/London',
        ...extra,
      });
    expect(
      describeAuditEntry(
        entry(
          'custody.return',
          [{ table: 'custody_event', id: ID, before: null, after: event('return', { received_by: 'J. Owner' }) }],
          names,
        ),
      ),
    ).toBe("Dana Whitfield returned exhibit E-0004 'Laptop LT-0412' to J. Owner (2026-11-04 10:00 Europe/London)");
    expect(
      describeAuditEntry(
        entry(
          'custody.export',
          [{ table: 'custody_event', id: ID, before: null, after: event('export', { to_location: '/media/usb' }) }],
          names,
        ),
      ),
    ).toBe("Dana Whitfield exported a copy of exhibit E-0004 'Laptop LT-0412' to /media/usb");
    expect(
      describeAuditEntry(
        entry('custody.disposal', [{ table: 'custody_event', id: ID, before: null, after: event('disposal') }], names),
      ),
    ).toBe("Dana Whitfield disposed of exhibit E-0004 'Laptop LT-0412' (2026-11-04 10:00 Europe/London)");
  });

  it('extortion decisions, removals, sign-offs, submissions and outputs', () => {
    const decision = row('extortion_decision', { id: ID, decision: 'do-not-pay', counsel: 'A. Smith', removed: 0 });
    expect(
      describeAuditEntry(
        entry('extortion.decision.add', [{ table: 'extortion_decision', id: ID, before: null, after: decision }]),
      ),
    ).toBe("Dana Whitfield recorded the extortion decision 'Do not pay'");
    expect(
      describeAuditEntry(
        entry('extortion.decision.signoff', [
          {
            table: 'extortion_decision',
            id: ID,
            before: decision,
            after: { ...decision, counsel_signed_at: '2026-11-05T10:00:00.000Z' },
          },
        ]),
      ),
    ).toBe("Dana Whitfield recorded counsel's sign-off by A. Smith of the extortion decision 'Do not pay'");
    const message = row('extortion_message', {
      id: ID,
      summary: 'Pay or else',
      received_at: '2026-11-01T10:30:00.000Z',
      zone: 'Europe/Lisbon',
      removed: 0,
    });
    expect(
      describeAuditEntry(
        entry('extortion.message.remove', [
          { table: 'extortion_message', id: ID, before: message, after: { ...message, removed: 1 } },
        ]),
      ),
    ).toBe("Dana Whitfield removed the extortion message 'Pay or else' (received 2026-11-01 10:30 Europe/Lisbon)");
    const submission = row('clock_submission', { id: ID, rule_id: 'gdpr-33', recipient: 'BlnBDI', removed: 0 });
    expect(
      describeAuditEntry(
        entry(
          'clock.submission.remove',
          [{ table: 'clock_submission', id: ID, before: submission, after: { ...submission, removed: 1 } }],
          { 'gdpr-33': 'GDPR Art. 33' },
        ),
      ),
    ).toBe("Dana Whitfield marked the notification to 'BlnBDI' under 'GDPR Art. 33' removed");
    const output = row('output_record', {
      id: ID,
      kind: 'report',
      subtype: 'counsel',
      file_name: 'IR-2026-031 counsel.pdf',
      head_seq: 41,
    });
    expect(
      describeAuditEntry(entry('report.generate', [{ table: 'output_record', id: ID, before: null, after: output }])),
    ).toBe("Dana Whitfield generated the report 'IR-2026-031 counsel.pdf' (counsel) at audit entry 41");
  });

  it('subjects and indicators edited and removed, access entries, a run closed', () => {
    const subject = row('subject', { id: ID, name: 'Jin Kim', role: 'worker', removed: 0 });
    expect(
      describeAuditEntry(
        entry('subject.update', [
          { table: 'subject', id: ID, before: subject, after: { ...subject, verified_location: 'Shenyang' } },
        ]),
      ),
    ).toBe("Dana Whitfield edited subject 'Jin Kim': verified location from — to Shenyang");
    expect(
      describeAuditEntry(
        entry('subject.remove', [{ table: 'subject', id: ID, before: subject, after: { ...subject, removed: 1 } }]),
      ),
    ).toBe("Dana Whitfield removed subject 'Jin Kim' from the case");
    const indicator = row('indicator', { id: ID, type: 'ip', value: '175.45.176.3', removed: 0 });
    expect(
      describeAuditEntry(
        entry('indicator.remove', [
          { table: 'indicator', id: ID, before: indicator, after: { ...indicator, removed: 1 } },
        ]),
      ),
    ).toBe("Dana Whitfield removed indicator IP address '175.45.176.3'");
    const access = row('access_item', {
      id: ID,
      system: 'GitHub',
      identifier: 'jkim-dev',
      status: 'active',
      removed: 0,
    });
    expect(
      describeAuditEntry(
        entry('access.update', [
          { table: 'access_item', id: ID, before: access, after: { ...access, status: 'revoked' } },
        ]),
      ),
    ).toBe("Dana Whitfield marked access to 'GitHub' (jkim-dev) revoked");
    const run = row('playbook_run', { id: ID, title: 'Termination', status: 'open' });
    expect(
      describeAuditEntry(
        entry('playbook.close', [{ table: 'playbook_run', id: ID, before: run, after: { ...run, status: 'closed' } }]),
      ),
    ).toBe("Dana Whitfield closed playbook run 'Termination'");
  });

  it('an action it does not know, and damaged change data, still read as sentences', () => {
    const note = row('note', { id: ID, body: 'Call with counsel', privileged: 0, removed: 0 });
    expect(
      describeAuditEntry(
        entry('note.archive', [{ table: 'note', id: ID, before: note, after: { ...note, removed: 1 } }]),
      ),
    ).toBe("Dana Whitfield recorded 'note archive', changing note 'Call with counsel'");
    expect(describeAuditEntry({ ...entry('timeline.add', []), damaged: 'it is not JSON' })).toMatch(
      /^Dana Whitfield recorded 'timeline.add' \(entry 9\), whose change data cannot be read/,
    );
    // Hostile values: numbers where text belongs, a zone no one has heard of.
    const odd = {
      ...row('timeline_event', { id: ID }),
      title: 42,
      occurred_at: '2026-10-30T13:14:00.000Z',
      zone: 'Mars/Olympus',
    };
    expect(
      describeAuditEntry(entry('timeline.add', [{ table: 'timeline_event', id: ID, before: null, after: odd }])),
    ).toBe("Dana Whitfield added timeline event '42' (2026-10-30 13:14 UTC)");
  });
});

describe('the details: changed fields with human labels', () => {
  it('labels columns and shows values as a person reads them', () => {
    const before = row('evidence_item', {
      id: ITEM,
      exhibit: 'E-0001',
      size: 1536 * 1024 * 1024,
      flagged: 0,
      storage_location: '',
    });
    const fields = changedFields({
      table: 'evidence_item',
      id: ITEM,
      before,
      after: { ...before, flagged: 1, storage_location: 'Evidence safe 2' },
    });
    expect(fields).toEqual([
      { column: 'storage_location', label: 'storage location', before: '—', after: 'Evidence safe 2' },
      { column: 'flagged', label: 'flagged', before: 'no', after: 'yes' },
    ]);
    expect(
      describeRecord('evidence_blob', row('evidence_blob', { size: 1536 * 1024 * 1024, sha256: 'ab'.repeat(32) })),
    ).toBe('stored evidence bytes (1.5 GiB, SHA-256 abababababababab…)');
  });
});
