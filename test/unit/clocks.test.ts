import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockStates, loadClockRules } from '../../electron/core/clocks/rules.ts';
import { deadlineFrom, isUsBusinessDay, usFederalHolidays } from '../../shared/logic/deadlines.ts';

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

  it('calendar hours run through the weekend; a month ends on the same day, or the last of a shorter month', () => {
    expect(deadlineFrom('2026-12-04T16:00:00Z', { hours: 72 })).toBe('2026-12-07T16:00:00.000Z');
    expect(deadlineFrom('2027-01-31T10:00:00Z', { months: 1 })).toBe('2027-02-28T10:00:00.000Z');
    expect(deadlineFrom('2028-01-31T10:00:00Z', { months: 1 })).toBe('2028-02-29T10:00:00.000Z');
    expect(deadlineFrom('2026-12-01T00:00:00Z', { days: 60 })).toBe('2027-01-30T00:00:00.000Z');
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
    });
    expect(later.get('nis2-final-report')).toMatchObject({ state: 'running', dueAt: '2027-01-03T17:00:00.000Z' });
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
  });
});
