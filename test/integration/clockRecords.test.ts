import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClockView, ClocksState } from '../../shared/domain/clock.ts';
import { readCase } from '../helpers/cli.ts';
import { handlerCase } from '../helpers/handlerCase.ts';
import type { HandlerCase } from '../helpers/handlerCase.ts';
import { EXAMINER, sha256File } from '../helpers/tempCase.ts';

// The notification clocks of a case as the app keeps them: rules switched on, trigger times set in
// the zone they were read in, submissions recorded with their proof, and each deadline counted
// again on every read, so a submission recorded or removed moves the clocks that follow it.

let dir: string;
let cleanup: () => void;
let casePath: string;
let ok: HandlerCase['ok'];
let refused: HandlerCase['refused'];
/** The session's clock: set by each test to the moment it looks at the clocks. */
let now: number;

beforeEach(async () => {
  now = Date.parse('2026-10-24T09:00:00.000Z');
  // Became aware Saturday 2026-10-24 10:00 in Berlin (CEST) = 08:00Z, the day before summer time ends.
  ({ dir, casePath, ok, refused, cleanup } = await handlerCase({
    title: 'Extortion after termination',
    record: { awareAt: '2026-10-24T10:00', awareZone: 'Europe/Berlin' },
    clock: () => new Date(now),
    profile: { ...EXAMINER, timeZone: '' },
    evidenceFiles: (folder) => [join(folder, 'receipt.pdf')],
  }));
});
afterEach(() => cleanup());

const clock = (state: ClocksState, id: string): ClockView => state.clocks.find((c) => c.rule.id === id)!;
const list = () => ok<ClocksState>('clock:list', {});
const at = (iso: string) => {
  now = Date.parse(iso);
};

function auditEntries(): { action: string; entity_type: string; changes: string; actor_name: string }[] {
  return readCase(casePath, (db) =>
    db.prepare('SELECT action, entity_type, changes, actor_name FROM audit_log ORDER BY seq').all(),
  ) as { action: string; entity_type: string; changes: string; actor_name: string }[];
}

describe('notification clocks of a case', () => {
  it('lists every rule, off until switched on, in the case’s zone; reading writes nothing', async () => {
    const before = sha256File(casePath);
    const state = await list();
    expect(sha256File(casePath)).toBe(before);
    expect(state).toMatchObject({ zone: 'Europe/Berlin', awareAt: '2026-10-24T08:00:00.000Z' });
    expect(state.clocks.map((c) => c.rule.id)).toContain('hipaa-individuals');
    expect(state.clocks.every((c) => c.status === 'off' && !c.applies)).toBe(true);
    // Off, yet the examiner sees what it would be before switching it on.
    expect(clock(state, 'gdpr-33')).toMatchObject({
      startsFrom: 'awareness (case record)',
      startedAt: '2026-10-24T08:00:00.000Z',
      dueAt: '2026-10-27T08:00:00.000Z',
    });
    expect(clock(state, 'gdpr-33').rule).toMatchObject({ deadline: '72 h', trigger: { event: 'awareness' } });
    expect(clock(state, 'dora-initial').rule.noLaterThan).toBe('24 h from awareness');

    const unknown = await refused('clock:set', { ruleId: 'gdpr-99' });
    expect(unknown.code).toBe('INVALID_INPUT');
    expect(unknown.message).toMatch(/^gdpr-99 is not a notification clock; the clocks are gdpr-33, gdpr-34, /);
    expect((await refused('clock:submit', { ruleId: 'nope', at: '2026-10-25T10:00Z' })).message).toMatch(
      /the clocks are gdpr-33/,
    );
    expect(sha256File(casePath)).toBe(before);
  });

  it('GDPR 72 h across the end of summer time: running, due soon, overdue, submitted late', async () => {
    // 08:00Z Saturday + 72 h = 08:00Z Tuesday 27 October; summer time ended on Sunday at 03:00,
    // so in Berlin it is due at 09:00 (CET, +01:00), not 10:00.
    const on = await ok<ClocksState>('clock:set', { ruleId: 'gdpr-33' });
    expect(clock(on, 'gdpr-33')).toMatchObject({ applies: true, status: 'running', dueAt: '2026-10-27T08:00:00.000Z' });
    at('2026-10-26T08:00:01.000Z'); // 23 h 59 min 59 s left: due soon (under 24 h)
    expect(clock(await list(), 'gdpr-33').status).toBe('due-soon');
    at('2026-10-27T08:00:00.000Z'); // the last instant still counts as in time
    expect(clock(await list(), 'gdpr-33').status).toBe('due-soon');
    at('2026-10-27T08:00:01.000Z');
    expect(clock(await list(), 'gdpr-33').status).toBe('overdue');
    const late = await ok<ClocksState>('clock:submit', {
      ruleId: 'gdpr-33',
      at: '2026-10-27T09:30',
      zone: 'Europe/Berlin',
      reference: 'LfDI-2026-4411',
    });
    expect(clock(late, 'gdpr-33')).toMatchObject({ status: 'submitted-late' });
    expect(clock(late, 'gdpr-33').submissions).toEqual([
      expect.objectContaining({
        submittedAt: '2026-10-27T08:30:00.000Z',
        zone: 'Europe/Berlin',
        recipient: 'The lead or competent supervisory authority',
        reference: 'LfDI-2026-4411',
        recordedBy: EXAMINER.name,
        proofItemId: null,
      }),
    ]);
  });

  it('NIS2: 24 h and 72 h from awareness; the final report a month after the notification, moving with it', async () => {
    await ok('clock:set', { ruleId: 'nis2-early-warning' });
    await ok('clock:set', { ruleId: 'nis2-final-report' });
    const first = await list();
    // 08:00Z Saturday + 24 h = 08:00Z Sunday (10:00 → 09:00 in Berlin, after the change).
    expect(clock(first, 'nis2-early-warning').dueAt).toBe('2026-10-25T08:00:00.000Z');
    expect(clock(first, 'nis2-notification')).toMatchObject({ status: 'off', dueAt: '2026-10-27T08:00:00.000Z' });
    expect(clock(first, 'nis2-final-report')).toMatchObject({
      status: 'not-started',
      startedAt: null,
      dueAt: null,
      waitingFor:
        'the submission of nis2-notification: custos clock submitted FILE nis2-notification --at TIME --reference REF',
    });

    // The proof of the submission is an exhibit of the case.
    writeFileSync(join(dir, 'receipt.pdf'), 'CSIRT receipt');
    await ok('dialog:chooseEvidenceFiles', {});
    await ok('evidence:add', { paths: [join(dir, 'receipt.pdf')], draft: {} });
    const auditBefore = auditEntries().length;
    // Submitted Monday 26 October 17:00 Berlin (CET) = 16:00Z: the month runs from 26 October and ends
    // with the last hour of 26 November in Berlin, 23:59:59.999 CET = 22:59:59.999Z (Reg. 1182/71 Art. 3(2)(c)).
    const submitted = await ok<ClocksState>('clock:submit', {
      ruleId: 'nis2-notification',
      at: '2026-10-26T17:00',
      zone: 'Europe/Berlin',
      reference: 'CERT-Bund #20261026-7',
      proof: 'E-0001',
    });
    expect(clock(submitted, 'nis2-notification')).toMatchObject({ applies: true, status: 'submitted' });
    expect(clock(submitted, 'nis2-notification').submissions[0]!.proofItemId).toEqual(expect.any(String));
    expect(clock(submitted, 'nis2-final-report')).toMatchObject({
      status: 'running',
      startsFrom: 'submission of nis2-notification',
      startedAt: '2026-10-26T16:00:00.000Z',
      dueAt: '2026-11-26T22:59:59.999Z',
      waitingFor: null,
    });
    // The submission and the rule switched on are one audit entry.
    const entries = auditEntries();
    expect(entries.length).toBe(auditBefore + 1);
    const entry = entries.at(-1)!;
    expect(entry).toMatchObject({ action: 'clock.submitted', entity_type: 'clock_submission' });
    expect((JSON.parse(entry.changes) as { table: string }[]).map((c) => c.table)).toEqual([
      'clock_submission',
      'notification_clock',
    ]);

    // An update sent two days later: the final report still counts from the first submission.
    const update = await ok<ClocksState>('clock:submit', {
      ruleId: 'nis2-notification',
      at: '2026-10-28T11:00:00+01:00',
      reference: 'CERT-Bund #20261026-7 update',
    });
    expect(clock(update, 'nis2-final-report').dueAt).toBe('2026-11-26T22:59:59.999Z');
    const [firstSubmission, secondSubmission] = clock(update, 'nis2-notification').submissions;

    // The first one was recorded by mistake: removed, the final report counts from the update, made
    // 28 October 11:00 at +01:00 (the zone it was entered in): to the end of 28 November there = 22:59:59.999Z…
    const moved = await ok<ClocksState>('clock:removeSubmission', { id: firstSubmission!.id });
    expect(clock(moved, 'nis2-final-report').dueAt).toBe('2026-11-28T22:59:59.999Z');
    expect(clock(moved, 'nis2-notification').submissions.map((s) => s.id)).toEqual([secondSubmission!.id]);
    // …and with none left it waits again.
    const back = await ok<ClocksState>('clock:removeSubmission', { id: secondSubmission!.id });
    expect(clock(back, 'nis2-final-report')).toMatchObject({ status: 'not-started', dueAt: null });
    expect(clock(back, 'nis2-notification').status).toBe('running');
    // Removed, not deleted.
    expect(readCase(casePath, (db) => db.prepare('SELECT removed FROM clock_submission').pluck().all())).toEqual([
      1, 1,
    ]);
    expect(auditEntries().filter((e) => e.action === 'clock.submission.remove')).toHaveLength(2);
    expect((await refused('clock:removeSubmission', { id: firstSubmission!.id })).message).toMatch(/already removed/);
  });

  it('DORA: 4 h from the classification set on the clock, no later than 24 h from awareness', async () => {
    const waiting = await ok<ClocksState>('clock:set', { ruleId: 'dora-initial' });
    expect(clock(waiting, 'dora-initial')).toMatchObject({
      status: 'not-started',
      waitingFor: 'the classification as major: custos clock set FILE dora-initial --trigger TIME',
    });
    // Classified 12:00 Berlin (CEST) = 10:00Z: + 4 h = 14:00Z, inside awareness + 24 h (08:00Z Sunday).
    const early = await ok<ClocksState>('clock:set', {
      ruleId: 'dora-initial',
      trigger: '2026-10-24T12:00',
      zone: 'Europe/Berlin',
    });
    expect(clock(early, 'dora-initial')).toMatchObject({
      startsFrom: 'the classification as major set on this clock',
      triggerAt: '2026-10-24T10:00:00.000Z',
      triggerZone: 'Europe/Berlin',
      dueAt: '2026-10-24T14:00:00.000Z',
      status: 'due-soon',
    });
    // Classified Sunday 08:00 Berlin (now CET) = 07:00Z: + 4 h = 11:00Z, but awareness + 24 h = 08:00Z.
    const close = await ok<ClocksState>('clock:set', {
      ruleId: 'dora-initial',
      trigger: '2026-10-25T08:00',
      zone: 'Europe/Berlin',
    });
    expect(clock(close, 'dora-initial').dueAt).toBe('2026-10-25T08:00:00.000Z');
    // Classified on Monday, more than 24 h after awareness: 4 h from the classification.
    const late = await ok<ClocksState>('clock:set', { ruleId: 'dora-initial', trigger: '2026-10-26T10:00:00Z' });
    expect(clock(late, 'dora-initial')).toMatchObject({ dueAt: '2026-10-26T14:00:00.000Z', triggerZone: 'UTC' });
    // The initial notification made: the intermediate report runs 72 h from it.
    at('2026-10-26T13:00:00.000Z');
    const sent = await ok<ClocksState>('clock:submit', { ruleId: 'dora-initial', at: '2026-10-26T12:45:00Z' });
    expect(clock(sent, 'dora-initial').status).toBe('submitted');
    expect(clock(sent, 'dora-intermediate')).toMatchObject({ status: 'off', dueAt: '2026-10-29T12:45:00.000Z' });

    // Switched off: listed as off, its trigger kept; a trigger of null puts it back to waiting.
    const off = await ok<ClocksState>('clock:set', { ruleId: 'dora-initial', applies: false });
    expect(clock(off, 'dora-initial')).toMatchObject({
      applies: false,
      status: 'off',
      triggerAt: '2026-10-26T10:00:00.000Z',
    });
    const cleared = await ok<ClocksState>('clock:set', { ruleId: 'dora-initial', trigger: null });
    expect(clock(cleared, 'dora-initial')).toMatchObject({ applies: true, triggerAt: null, triggerZone: null });
    expect((await refused('clock:set', { ruleId: 'dora-initial', zone: 'Europe/Berlin' })).message).toMatch(
      /give the trigger time together with its zone/,
    );
    expect(auditEntries().filter((e) => e.action === 'clock.set')).toHaveLength(6);
  });

  it('SEC 8-K from a Friday-evening determination before MLK Day', async () => {
    const waiting = await ok<ClocksState>('clock:set', { ruleId: 'sec-8k-105' });
    expect(clock(waiting, 'sec-8k-105').waitingFor).toBe(
      'the materiality determination: custos clock set FILE sec-8k-105 --trigger TIME',
    );
    // Fri 2027-01-15 18:30 New York (EST) = 23:30Z. Business days after it: Sat 16 and Sun 17 are the
    // weekend, Mon 18 is Martin Luther King Jr. Day; Tue 19 (1), Wed 20 (2), Thu 21 (3), Fri 22 (4).
    // Due at the end of Fri 22 in New York: 23:59:59.999 EST = 2027-01-23T04:59:59.999Z.
    at('2027-01-16T12:00:00.000Z');
    const set = await ok<ClocksState>('clock:set', {
      ruleId: 'sec-8k-105',
      trigger: '2027-01-15T18:30',
      zone: 'America/New_York',
      notes: 'Materiality determined by the disclosure committee',
    });
    expect(clock(set, 'sec-8k-105')).toMatchObject({
      startedAt: '2027-01-15T23:30:00.000Z',
      dueAt: '2027-01-23T04:59:59.999Z',
      status: 'running',
      notes: 'Materiality determined by the disclosure committee',
    });
    // Filed on Friday 22 at 16:00 New York: in time.
    const filed = await ok<ClocksState>('clock:submit', {
      ruleId: 'sec-8k-105',
      at: '2027-01-22T16:00',
      zone: 'America/New_York',
      reference: '0001193125-27-012345',
    });
    expect(clock(filed, 'sec-8k-105')).toMatchObject({ status: 'submitted' });
    expect(clock(filed, 'sec-8k-105').submissions[0]!.recipient).toBe(
      'The US Securities and Exchange Commission (EDGAR)',
    );
  });

  it('NYDFS: 72 h after the determination, 24 h after an extortion payment; a late notice is flagged', async () => {
    // Determined Monday 2026-11-02 09:00 New York (EST) = 14:00Z; + 72 h = Thursday 14:00Z.
    await ok('clock:set', { ruleId: 'nydfs-500-17', trigger: '2026-11-02T09:00', zone: 'America/New_York' });
    // Paid Tuesday 2026-11-03 16:00 New York = 21:00Z; + 24 h = Wednesday 21:00Z (16:00 New York).
    await ok('clock:set', { ruleId: 'nydfs-500-17-payment', trigger: '2026-11-03T16:00', zone: 'America/New_York' });
    at('2026-11-04T20:00:00.000Z');
    const state = await list();
    expect(clock(state, 'nydfs-500-17')).toMatchObject({ dueAt: '2026-11-05T14:00:00.000Z', status: 'due-soon' });
    expect(clock(state, 'nydfs-500-17-payment')).toMatchObject({
      startsFrom: 'the extortion payment set on this clock',
      dueAt: '2026-11-04T21:00:00.000Z',
      status: 'due-soon',
    });
    // The payment notice went out at 17:30 New York, 90 minutes late.
    const late = await ok<ClocksState>('clock:submit', {
      ruleId: 'nydfs-500-17-payment',
      at: '2026-11-04T17:30',
      zone: 'America/New_York',
      recipient: 'NYDFS portal',
      reference: 'DFS-2026-88',
      notes: 'Written description due within 30 days',
    });
    expect(clock(late, 'nydfs-500-17-payment').status).toBe('submitted-late');
    expect(clock(late, 'nydfs-500-17-payment').submissions[0]).toMatchObject({
      recipient: 'NYDFS portal',
      notes: 'Written description due within 30 days',
    });
    // The determination notice in time.
    const inTime = await ok<ClocksState>('clock:submit', {
      ruleId: 'nydfs-500-17',
      at: '2026-11-05T08:00',
      zone: 'America/New_York',
      reference: 'DFS-2026-87',
    });
    expect(clock(inTime, 'nydfs-500-17').status).toBe('submitted');
  });

  it('DORA: the final report counts from the latest intermediate report, and moves back when it is removed', async () => {
    await ok('clock:set', { ruleId: 'dora-final' });
    at('2026-10-27T12:00:00.000Z');
    // Intermediate report Tuesday 27 October 10:00 Berlin (CET) = 09:00Z: a month to the end of
    // 27 November in Berlin, 23:59:59.999 CET = 22:59:59.999Z.
    await ok('clock:submit', { ruleId: 'dora-intermediate', at: '2026-10-27T10:00', zone: 'Europe/Berlin' });
    expect(clock(await list(), 'dora-final')).toMatchObject({
      startsFrom: 'latest submission of dora-intermediate',
      startedAt: '2026-10-27T09:00:00.000Z',
      dueAt: '2026-11-27T22:59:59.999Z',
    });
    expect(clock(await list(), 'dora-final').rule.trigger).toEqual({
      event: 'submission',
      of: 'dora-intermediate',
      use: 'latest',
    });
    // Updated Monday 9 November 16:00 Berlin = 15:00Z: the final report now runs to the end of 9 December.
    const updated = await ok<ClocksState>('clock:submit', {
      ruleId: 'dora-intermediate',
      at: '2026-11-09T16:00',
      zone: 'Europe/Berlin',
      reference: 'update 1',
    });
    expect(clock(updated, 'dora-final')).toMatchObject({
      startedAt: '2026-11-09T15:00:00.000Z',
      dueAt: '2026-12-09T22:59:59.999Z',
    });
    // The first intermediate report still decides whether it was on time.
    expect(clock(updated, 'dora-intermediate').submissions.map((s) => s.reference)).toEqual(['', 'update 1']);
    // The update was a mistake: removed, the final report counts from the first report again.
    const removed = await ok<ClocksState>('clock:removeSubmission', {
      id: clock(updated, 'dora-intermediate').submissions[1]!.id,
    });
    expect(clock(removed, 'dora-final').dueAt).toBe('2026-11-27T22:59:59.999Z');
  });

  it('HIPAA: 60 calendar days on the calendar of the zone the discovery was entered in', async () => {
    // Discovered Tuesday 2026-01-20 23:30 New York (EST) = 04:30Z on the 21st. The 60th day after
    // 20 January is 21 March (11 + 28 + 21); it ends 23:59:59.999 EDT = 2026-03-22T03:59:59.999Z.
    at('2026-01-21T12:00:00.000Z');
    const set = await ok<ClocksState>('clock:set', {
      ruleId: 'hipaa-individuals',
      trigger: '2026-01-20T23:30',
      zone: 'America/New_York',
    });
    expect(clock(set, 'hipaa-individuals')).toMatchObject({
      startedAt: '2026-01-21T04:30:00.000Z',
      dueAt: '2026-03-22T03:59:59.999Z',
      status: 'running',
    });
  });

  it('refuses a submission dated before its clock started, naming both times, and writes nothing', async () => {
    await ok('clock:set', { ruleId: 'gdpr-33' });
    const before = auditEntries().length;
    // Aware 10:00 Berlin; a report at 09:00 the same morning cannot answer it.
    const early = await refused('clock:submit', {
      ruleId: 'gdpr-33',
      at: '2026-10-24T09:00',
      zone: 'Europe/Berlin',
      reference: 'LfDI-1',
    });
    expect(early.code).toBe('INVALID_INPUT');
    expect(early.message).toBe(
      'Submitted at: 2026-10-24 09:00:00 +02:00 Europe/Berlin is before the gdpr-33 clock started, at 2026-10-24 10:00:00 +02:00 Europe/Berlin from awareness (case record); check the date of the submission, or the time the clock starts from',
    );
    // The final report cannot be made before the notification it follows.
    await ok('clock:submit', { ruleId: 'nis2-notification', at: '2026-10-26T16:00:00Z' });
    expect(
      (await refused('clock:submit', { ruleId: 'nis2-final-report', at: '2026-10-26T15:59:00Z' })).message,
    ).toMatch(
      /^Submitted at: 2026-10-26 15:59:00 UTC is before the nis2-final-report clock started, at 2026-10-26 16:00:00 UTC from submission of nis2-notification;/,
    );
    // A clock that has not started (no classification given) takes a report at any time; at the start is in time.
    await ok('clock:submit', { ruleId: 'dora-initial', at: '2026-10-20T10:00:00Z' });
    await ok('clock:submit', { ruleId: 'gdpr-33', at: '2026-10-24T08:00:00Z' });
    expect(auditEntries().length).toBe(before + 3);
  });

  it('setting a clock as it already stands writes nothing: three times the same, one audit entry', async () => {
    const before = auditEntries().length;
    for (let i = 0; i < 3; i++) {
      const state = await ok<ClocksState>('clock:set', { ruleId: 'nis2-early-warning', notes: 'CSIRT portal' });
      expect(clock(state, 'nis2-early-warning')).toMatchObject({ applies: true, notes: 'CSIRT portal' });
    }
    // The same trigger given again, in another form of the same instant, changes nothing either.
    await ok('clock:set', { ruleId: 'dora-initial', trigger: '2026-10-24T12:00', zone: 'Europe/Berlin' });
    await ok('clock:set', { ruleId: 'dora-initial', trigger: '2026-10-24T12:00', zone: 'Europe/Berlin' });
    // Switching off a rule that was never on changes nothing.
    const sha = sha256File(casePath);
    await ok('clock:set', { ruleId: 'hipaa-individuals', applies: false });
    expect(sha256File(casePath)).toBe(sha);
    expect(
      auditEntries()
        .slice(before)
        .map((e) => e.action),
    ).toEqual(['clock.set', 'clock.set']);
  });
});
