import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockStates, dueAtOf, loadClockRules } from '../../electron/core/clocks/rules.ts';
import {
  deadlineFrom,
  describeSpan,
  isUsBusinessDay,
  timeLeft,
  usFederalHolidays,
} from '../../shared/logic/deadlines.ts';
import { formatZoned, resolveTime } from '../../shared/logic/time.ts';

// Notification clocks as a responder and counsel count them: calendar hours through the weekend,
// a month to the same day, SEC business days skipping weekends and US federal holidays, and the
// NIS2 final report counted from when the notification was actually submitted.

const sec = { businessDays: 4, calendar: 'us-federal' } as const;

describe('deadlines', () => {
  it('US federal holidays as observed: a Saturday holiday on the Friday, a Sunday one on the Monday', () => {
    expect([...usFederalHolidays(2026)].filter((d) => d.startsWith('2026')).sort()).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
    // New Year's Day 2028 is a Saturday: observed on Friday 31 December 2027.
    expect(isUsBusinessDay('2027-12-31')).toBe(false);
    // Juneteenth 2027 is a Saturday: observed on Friday 18 June.
    expect(isUsBusinessDay('2027-06-18')).toBe(false);
    expect(isUsBusinessDay('2026-11-27')).toBe(true);
  });

  it('SEC 8-K: four business days after the determination, ending that day in New York', () => {
    // Monday 10:00 New York: due Friday, end of day New York (05:00 UTC Saturday, EST).
    expect(deadlineFrom('2026-12-07T15:00:00Z', sec)).toBe('2026-12-12T04:59:59.999Z');
    // The day before Thanksgiving: Friday, Monday, Tuesday, Wednesday.
    expect(deadlineFrom('2026-11-25T15:00:00Z', sec)).toBe('2026-12-03T04:59:59.999Z');
    // A Saturday: the count starts on, and includes, Monday (Form 8-K General Instruction B.1).
    expect(deadlineFrom('2026-12-05T15:00:00Z', sec)).toBe('2026-12-11T04:59:59.999Z');
    // Christmas Day: Monday to Thursday of the next week.
    expect(deadlineFrom('2026-12-25T15:00:00Z', sec)).toBe('2027-01-01T04:59:59.999Z');
    // Friday 23:30 in New York is already Saturday in UTC: the day that counts is New York's.
    expect(deadlineFrom('2026-12-05T04:30:00Z', sec)).toBe('2026-12-11T04:59:59.999Z');
  });

  it('calendar hours run through the weekend; days and months end with the last day, or the last of a shorter month', () => {
    // 16:00Z Friday + 72 × 3600 s = 16:00Z Monday: hours are absolute, whatever the zone.
    expect(deadlineFrom('2026-12-04T16:00:00Z', { hours: 72 })).toBe('2026-12-07T16:00:00.000Z');
    expect(deadlineFrom('2026-12-04T16:00:00Z', { hours: 72 }, 'Europe/Berlin')).toBe('2026-12-07T16:00:00.000Z');
    // 31 January + 1 month: there is no 31 February, so the last day of February, to its end (UTC here).
    expect(deadlineFrom('2027-01-31T10:00:00Z', { months: 1 })).toBe('2027-02-28T23:59:59.999Z');
    expect(deadlineFrom('2028-01-31T10:00:00Z', { months: 1 })).toBe('2028-02-29T23:59:59.999Z');
    // 1 December + 60 days: 30 in December (2..31), 30 in January: the 60th day is 30 January, to its end.
    expect(deadlineFrom('2026-12-01T00:00:00Z', { days: 60 })).toBe('2027-01-30T23:59:59.999Z');
  });

  it('counts months and days on the calendar of the zone the trigger was entered in, to the end of the last day', () => {
    // NIS2 incident notification submitted Sunday 2026-03-01 00:30 Berlin (CET) = 2026-02-28T23:30Z.
    // The day the period runs from is 1 March in Berlin (28 February in UTC); one month later is
    // 1 April, and the period ends with the last hour of that day: 23:59:59.999 CEST (+02:00, summer
    // time began 29 March) = 2026-04-01T21:59:59.999Z. Counted on the UTC date it was 29 March 00:30.
    const nis2 = resolveTime('2026-03-01T00:30', 'Europe/Berlin').utc;
    expect(nis2).toBe('2026-02-28T23:30:00.000Z');
    expect(deadlineFrom(nis2, { months: 1 }, 'Europe/Berlin')).toBe('2026-04-01T21:59:59.999Z');
    // DORA intermediate report submitted Saturday 2026-01-31 00:30 Berlin (CET) = 2026-01-30T23:30Z.
    // 31 January + 1 month: February 2026 has 28 days, so the end of 28 February, 23:59:59.999 CET
    // = 2026-02-28T22:59:59.999Z (counted on the UTC date, 30 January, it ran to 1 March 00:30 Berlin).
    const dora = resolveTime('2026-01-31T00:30', 'Europe/Berlin').utc;
    expect(deadlineFrom(dora, { months: 1 }, 'Europe/Berlin')).toBe('2026-02-28T22:59:59.999Z');
    // HIPAA: discovered Tuesday 2026-01-20 23:30 New York (EST) = 2026-01-21T04:30Z. 60 calendar days
    // after 20 January: 11 in January (21..31) + 28 in February = 39, + 21 in March = 60: the 60th day
    // is 21 March, ending 23:59:59.999 EDT (-04:00, summer time began 8 March) = 2026-03-22T03:59:59.999Z.
    // As 60 × 86,400 s from the UTC instant it ran to 22 March 00:30 EDT, a day too late.
    const hipaa = resolveTime('2026-01-20T23:30', 'America/New_York').utc;
    expect(deadlineFrom(hipaa, { days: 60 }, 'America/New_York')).toBe('2026-03-22T03:59:59.999Z');
    expect(formatZoned(deadlineFrom(hipaa, { days: 60 }, 'America/New_York'), 'America/New_York')).toBe(
      '2026-03-21 23:59:59 -04:00',
    );
    // A fixed offset is a calendar too: 2026-10-28 11:00 +01:00, a month later is the end of 28 November there.
    expect(deadlineFrom('2026-10-28T10:00:00.000Z', { months: 1 }, '+01:00')).toBe('2026-11-28T22:59:59.999Z');
  });
});

describe('the clock rules shipped with Custos', () => {
  const rules = loadClockRules();

  it('each cites its legal source and says what starts it, how long it runs and who is told', () => {
    expect(rules.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'gdpr-33',
        'gdpr-34',
        'uk-gdpr-33',
        'nis2-early-warning',
        'nis2-notification',
        'nis2-final-report',
        'dora-initial',
        'dora-intermediate',
        'dora-final',
        'sec-8k-105',
        'nydfs-500-17',
        'nydfs-500-17-payment',
        'hipaa-individuals',
      ]),
    );
    for (const rule of rules) {
      expect(rule.sources.length, rule.id).toBeGreaterThan(0);
      expect(rule.recipient, rule.id).not.toBe('');
    }
  });

  it('runs each clock from its own trigger: NIS2’s final report from the submission, DORA by the earlier limit', () => {
    const aware = '2026-12-01T08:00:00Z';
    const states = (facts: Parameters<typeof clockStates>[1]) =>
      new Map(clockStates(rules, facts).map((s) => [s.rule.id, s]));
    const first = states({ events: { awareness: aware }, submitted: {} });
    expect(first.get('gdpr-33')).toMatchObject({ state: 'running', dueAt: '2026-12-04T08:00:00.000Z' });
    expect(first.get('nis2-early-warning')).toMatchObject({ dueAt: '2026-12-02T08:00:00.000Z' });
    expect(first.get('gdpr-34')).toMatchObject({ state: 'no-fixed-time' });
    expect(first.get('nis2-final-report')).toMatchObject({
      state: 'not-started',
      waitingFor: 'the submission of nis2-notification',
    });
    expect(first.get('sec-8k-105')).toMatchObject({ state: 'not-started', waitingFor: 'materiality-determination' });

    const later = states({
      events: { awareness: aware, classification: '2026-12-01T20:00:00Z' },
      submitted: { 'nis2-notification': '2026-12-03T17:00:00Z' },
      zones: { submitted: { 'nis2-notification': 'Europe/Berlin' } },
    });
    // Submitted 3 December 18:00 Berlin: a month later, the end of 3 January 2027 in Berlin (CET) = 22:59:59.999Z.
    expect(later.get('nis2-final-report')).toMatchObject({ state: 'running', dueAt: '2027-01-03T22:59:59.999Z' });
    expect(later.get('nis2-notification')).toMatchObject({ state: 'submitted', submittedAt: '2026-12-03T17:00:00Z' });
    // Classified 12 h after awareness: 4 h from classification comes first.
    expect(later.get('dora-initial')).toMatchObject({ dueAt: '2026-12-02T00:00:00.000Z' });
    // Classified 22 h after: 24 h from awareness comes first.
    const close = states({ events: { awareness: aware, classification: '2026-12-02T06:00:00Z' }, submitted: {} });
    expect(close.get('dora-initial')).toMatchObject({ dueAt: '2026-12-02T08:00:00.000Z' });
    // Classified two days after: still 4 h from the classification.
    const late = states({ events: { awareness: aware, classification: '2026-12-03T08:00:00Z' }, submitted: {} });
    expect(late.get('dora-initial')).toMatchObject({ dueAt: '2026-12-03T12:00:00.000Z' });
  });

  it('a damaged rule file is refused with where and the fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-clocks-'));
    const file = join(dir, 'clocks.json');
    writeFileSync(file, JSON.stringify({ version: '1', description: '', rules: [{ ...rules[0], sources: [] }] }));
    expect(() => loadClockRules(file)).toThrow(/\$\.rules\.0\.sources: .*reinstall Custos/);
    writeFileSync(file, JSON.stringify({ version: '1', description: '', rules: [rules[5]] }));
    expect(() => loadClockRules(file)).toThrow(/counts from nis2-notification, which is not a rule/);
    // Which submission a clock counts from is said only of a clock started by a submission.
    const gdpr = rules.find((r) => r.id === 'gdpr-33')!;
    const withUse = { ...gdpr, trigger: { event: 'awareness', use: 'latest' } };
    writeFileSync(file, JSON.stringify({ version: '1', description: '', rules: [withUse] }));
    expect(() => loadClockRules(file)).toThrow(/\$\.rules\.0.*trigger\.use/);
    const badUse = {
      ...rules.find((r) => r.id === 'dora-final')!,
      trigger: { event: 'submission', of: 'gdpr-33', use: 'last' },
    };
    writeFileSync(file, JSON.stringify({ version: '1', description: '', rules: [gdpr, badUse] }));
    expect(() => loadClockRules(file)).toThrow(/\$\.rules\.1\.trigger\.use: /);
  });
});

describe('deadlines worked by hand', () => {
  const rules = loadClockRules();
  const rule = (id: string) => rules.find((r) => r.id === id)!;

  it('GDPR 72 hours across the end of summer time: the hour given back is counted once', () => {
    // Aware Saturday 2026-10-24 10:00 Europe/Berlin (CEST, +02:00) = 08:00Z. Summer time ends
    // Sunday 25 October at 03:00 CEST (01:00Z). 72 calendar hours: 08:00Z + 72 h = Tuesday
    // 2026-10-27 08:00Z, which is 09:00 in Berlin (CET, +01:00): the wall clock shows 71 hours.
    const aware = resolveTime('2026-10-24T10:00', 'Europe/Berlin').utc;
    expect(aware).toBe('2026-10-24T08:00:00.000Z');
    const due = dueAtOf(rule('gdpr-33'), aware, { events: { awareness: aware }, submitted: {} })!;
    expect(due).toBe('2026-10-27T08:00:00.000Z');
    expect(formatZoned(due, 'Europe/Berlin')).toBe('2026-10-27 09:00:00 +01:00');
  });

  it('SEC 8-K from a Friday-evening determination before Martin Luther King Jr. Day', () => {
    // Determined Friday 2027-01-15 18:30 America/New_York (EST, -05:00) = 23:30Z. Friday is a business
    // day, so the count starts the next day: Sat 16, Sun 17 (weekend), Mon 18 (MLK Day, the third
    // Monday of January 2027: Mondays 4, 11, 18) do not count; Tue 19 = 1, Wed 20 = 2, Thu 21 = 3,
    // Fri 22 = 4. Due at the end of Friday 22 in New York: 23:59:59.999 EST = 2027-01-23 04:59:59.999Z.
    expect(isUsBusinessDay('2027-01-18')).toBe(false);
    const determined = resolveTime('2027-01-15T18:30', 'America/New_York').utc;
    expect(determined).toBe('2027-01-15T23:30:00.000Z');
    expect(deadlineFrom(determined, sec)).toBe('2027-01-23T04:59:59.999Z');
  });

  it('NYDFS: 72 hours from the determination, 24 hours from an extortion payment', () => {
    // Determined Monday 2026-11-02 09:00 New York (EST since 1 November) = 14:00Z; + 72 h = Thursday 14:00Z.
    const facts = { events: {}, submitted: {} };
    expect(dueAtOf(rule('nydfs-500-17'), '2026-11-02T14:00:00.000Z', facts)).toBe('2026-11-05T14:00:00.000Z');
    // Paid Tuesday 2026-11-03 16:00 New York = 21:00Z; + 24 h = Wednesday 21:00Z (16:00 New York).
    expect(dueAtOf(rule('nydfs-500-17-payment'), '2026-11-03T21:00:00.000Z', facts)).toBe('2026-11-04T21:00:00.000Z');
  });

  it('DORA: 4 hours from the classification, and no later than 24 hours from awareness', () => {
    const aware = '2026-10-24T08:00:00.000Z';
    const facts = { events: { awareness: aware }, submitted: {} };
    // Classified 2 h after awareness: 10:00Z + 4 h = 14:00Z, well inside the 24 h (08:00Z next day).
    expect(dueAtOf(rule('dora-initial'), '2026-10-24T10:00:00.000Z', facts)).toBe('2026-10-24T14:00:00.000Z');
    // Classified 23 h after: 07:00Z + 4 h = 11:00Z, but awareness + 24 h = 08:00Z comes first.
    expect(dueAtOf(rule('dora-initial'), '2026-10-25T07:00:00.000Z', facts)).toBe('2026-10-25T08:00:00.000Z');
    // Classified 50 h after: the 24 h have passed; 4 h from the classification (Art. 5(2)).
    expect(dueAtOf(rule('dora-initial'), '2026-10-26T10:00:00.000Z', facts)).toBe('2026-10-26T14:00:00.000Z');
  });

  it('NIS2 final report: one month after the notification was submitted, to the end of that day in its zone', () => {
    // Submitted 2026-10-26 17:00 Berlin (CET) = 16:00Z. The period runs from 26 October; the same date a
    // month later is 26 November, and the period ends with its last hour: 23:59:59.999 CET = 22:59:59.999Z.
    const facts = { events: {}, submitted: {} };
    expect(dueAtOf(rule('nis2-final-report'), '2026-10-26T16:00:00.000Z', facts, 'Europe/Berlin')).toBe(
      '2026-11-26T22:59:59.999Z',
    );
    // The same instant entered in Seoul (27 October 01:00 KST): 27 November ends 23:59:59.999 KST = 14:59:59.999Z.
    expect(dueAtOf(rule('nis2-final-report'), '2026-10-26T16:00:00.000Z', facts, 'Asia/Seoul')).toBe(
      '2026-11-27T14:59:59.999Z',
    );
  });

  it('HIPAA: the end of the 60th calendar day after discovery, in the zone of the discovery', () => {
    // Discovered 2026-01-20 23:30 New York = 2026-01-21T04:30Z; the 60th day after 20 January is 21 March.
    const discovered = resolveTime('2026-01-20T23:30', 'America/New_York').utc;
    const states = clockStates(rules, {
      events: { discovery: discovered },
      submitted: {},
      zones: { events: { discovery: 'America/New_York' } },
    });
    expect(states.find((s) => s.rule.id === 'hipaa-individuals')).toMatchObject({
      state: 'running',
      dueAt: '2026-03-22T03:59:59.999Z',
    });
  });

  it('DORA: the final report counts from the latest intermediate report, the NIS2 final report from the first notification', () => {
    expect(rule('dora-final').trigger).toEqual({ event: 'submission', of: 'dora-intermediate', use: 'latest' });
    expect(rule('nis2-final-report').trigger.use).toBeUndefined();
  });

  it('says spans and time left the way a responder reads them', () => {
    expect(describeSpan({ hours: 72 })).toBe('72 h');
    expect(describeSpan({ months: 1 })).toBe('1 month');
    expect(describeSpan({ days: 60 })).toBe('60 days');
    expect(describeSpan(sec)).toBe('4 business days (US federal)');
    const now = new Date('2026-10-25T08:00:00.000Z');
    expect(timeLeft('2026-10-27T08:00:00.000Z', now)).toBe('in 2 d');
    expect(timeLeft('2026-10-27T01:00:00.000Z', now)).toBe('in 41 h');
    expect(timeLeft('2026-10-25T09:30:00.000Z', now)).toBe('in 1 h 30 min');
    expect(timeLeft('2026-10-22T08:00:00.000Z', now)).toBe('OVERDUE by 3 d');
    // Two and a half days is 2 d 12 h, not "3 d": the larger unit floored, the remainder shown.
    expect(timeLeft('2026-10-27T20:00:00.000Z', now)).toBe('in 2 d 12 h');
    expect(timeLeft('2026-10-22T20:00:00.000Z', now)).toBe('OVERDUE by 2 d 12 h');
    // 41 h 30 min is not "42 h"; 2 d 23 h 59 min 59 s is not "3 d".
    expect(timeLeft('2026-10-27T01:30:00.000Z', now)).toBe('in 41 h 30 min');
    expect(timeLeft('2026-10-28T07:59:59.000Z', now)).toBe('in 2 d 23 h');
    // Half a minute after the deadline is overdue, not "in 0 min".
    expect(timeLeft('2026-10-25T07:59:30.000Z', now)).toBe('OVERDUE by 0 min');
  });
});
