import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCase } from '../helpers/cli.ts';
import { cliCase } from '../helpers/cliCase.ts';

// The notification deadlines of a case on the command line: counted from when the organisation
// became aware (the case record) and from the events the examiner names; reading changes nothing.

let path: string;
let custos: Awaited<ReturnType<typeof cliCase>>['custos'];
let ok: Awaited<ReturnType<typeof cliCase>>['ok'];
let cleanup: () => void;
beforeEach(async () => {
  ({ path, custos, ok, cleanup } = await cliCase());
});
afterEach(() => cleanup());

type Clock = { id: string; state: string; dueAt?: string; waitingFor?: string; submittedAt?: string };

describe('custos clocks', () => {
  it('counts GDPR, NIS2 and SEC deadlines from the case’s awareness time and the events given', async () => {
    const before = readFileSync(path);
    const silent = await ok('clocks', path);
    expect(silent).toMatch(/^Became aware: not recorded \(custos case set FILE --aware-at TIME --aware-zone Z\)/);
    expect(silent).toMatch(
      /GDPR {5}Personal data breach: notify the supervisory authority\n {8}not started: waits for awareness/,
    );
    await ok('case', 'set', path, '--aware-at', '2026-11-30T09:00', '--aware-zone', 'Europe/Berlin');
    const after = readFileSync(path);
    const clocks = JSON.parse(
      await ok(
        'clocks',
        path,
        '--material',
        '2026-12-01T10:00',
        '--zone',
        'America/New_York',
        '--submitted',
        'nis2-notification=2026-12-02T17:00',
        '--json',
      ),
    ) as Clock[];
    const by = new Map(clocks.map((c) => [c.id, c]));
    expect(by.get('gdpr-33')).toMatchObject({ state: 'running', dueAt: '2026-12-03T08:00:00.000Z' });
    expect(by.get('nis2-notification')).toMatchObject({ state: 'submitted', submittedAt: '2026-12-02T22:00:00.000Z' });
    // Submitted 2 December 17:00 New York (--zone) = 22:00Z: a month on New York's calendar, to the end
    // of 2 January 2027 there, 23:59:59.999 EST = 2027-01-03T04:59:59.999Z (not 2 January 22:00Z).
    expect(by.get('nis2-final-report')).toMatchObject({ state: 'running', dueAt: '2027-01-03T04:59:59.999Z' });
    expect(by.get('sec-8k-105')).toMatchObject({ state: 'running', dueAt: '2026-12-08T04:59:59.999Z' });
    expect(by.get('dora-initial')).toMatchObject({ state: 'not-started', waitingFor: 'classification' });
    // Reading the clocks wrote nothing.
    expect(readFileSync(path).equals(after)).toBe(true);
    expect(after.equals(before)).toBe(false);

    const text = await ok('clocks', path, '--zone', 'Europe/Berlin');
    expect(text).toMatch(/^Became aware: 2026-11-30 09:00:00 \+01:00 Europe\/Berlin\n/);
    expect(text).toMatch(/due 2026-12-03 09:00:00 \+01:00 Europe\/Berlin \(2026-12-03 08:00:00 UTC\)/);
    expect(text).toContain('Regulation (EU) 2016/679 (GDPR), Article 33(1), (4), (5)');

    // Without --zone, the case's awareness zone is the calendar: 2 December 23:30Z is 3 December 00:30
    // in Berlin, so the month runs to the end of 3 January in Berlin, 23:59:59.999 CET = 22:59:59.999Z.
    // HIPAA from a discovery 20 January 23:30 in New York, with --zone: the end of 21 March there (EDT).
    const berlin = JSON.parse(
      await ok('clocks', path, '--submitted', 'nis2-notification=2026-12-02T23:30Z', '--json'),
    ) as Clock[];
    expect(berlin.find((c) => c.id === 'nis2-final-report')).toMatchObject({ dueAt: '2027-01-03T22:59:59.999Z' });
    const hipaa = JSON.parse(
      await ok('clocks', path, '--discovered', '2026-01-20T23:30', '--zone', 'America/New_York', '--json'),
    ) as Clock[];
    expect(hipaa.find((c) => c.id === 'hipaa-individuals')).toMatchObject({ dueAt: '2026-03-22T03:59:59.999Z' });

    const wrong = await custos('clocks', path, '--submitted', 'gdpr-99=2026-12-01T10:00', '--zone', 'UTC');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--submitted names gdpr-99, which is not a clock; the clocks are gdpr-33, /);
    const noTime = await custos('clocks', path, '--material', 'tomorrow');
    expect(noTime.status).not.toBe(0);
    expect(noTime.stderr).toMatch(/--material/);
  });
});

describe('custos clock', () => {
  it('lists the rules shipped, with what starts each and its source', async () => {
    const text = await ok('clock', 'rules');
    expect(text).toMatch(
      /^gdpr-33 {2}GDPR: Personal data breach: notify the supervisory authority\n {4}when: .*\n {4}starts from awareness; runs 72 h\n/,
    );
    expect(text).toContain('dora-initial  DORA: Major ICT-related incident: initial notification');
    expect(text).toContain('starts from classification; runs 4 h; no later than 24 h from awareness');
    expect(text).toContain('starts from the submission of nis2-notification; runs 1 month');
    expect(text).toContain('runs 4 business days (US federal)');
    expect(text).toContain(
      'source: 23 NYCRR 500.17(a) <https://www.law.cornell.edu/regulations/new-york/23-NYCRR-500.17>',
    );
    const rules = JSON.parse(await ok('clock', 'rules', '--json')) as { id: string; sources: unknown[] }[];
    expect(rules).toHaveLength(13);
    expect(rules.every((r) => r.sources.length > 0)).toBe(true);
  });

  it('switches clocks on, sets their triggers, records submissions, and lists each deadline in UTC and the case zone', async () => {
    await ok('case', 'set', path, '--aware-at', '2026-10-24T10:00', '--aware-zone', 'Europe/Berlin');
    expect(await ok('clock', 'list', path)).toMatch(/No clock applies to this case yet: custos clock set FILE RULE/);
    const all = await ok('clock', 'list', path, '--all');
    expect(all.match(/^OFF {12}/gm)).toHaveLength(13);

    // GDPR: aware 10:00 CEST = 08:00Z; + 72 h = 08:00Z on the 27th, 09:00 in Berlin after summer time ended.
    const gdpr = await ok('clock', 'set', path, 'gdpr-33');
    expect(gdpr).toMatch(/^gdpr-33 applies to this case\n(RUNNING|DUE SOON|OVERDUE) +gdpr-33 {2}GDPR: /);
    expect(gdpr).toMatch(
      /\n {8}due 2026-10-27T08:00:00.000Z \(2026-10-27 09:00:00 \+01:00 Europe\/Berlin\); (in|OVERDUE by) \d/,
    );
    expect(gdpr).toMatch(/\nAudit head: \d+:[0-9a-f]{64}\n$/);

    // SEC: Fri 2027-01-15 18:30 New York; Mon 18 is MLK Day; the 4th business day is Fri 22, ending
    // 23:59:59.999 in New York = 04:59:59.999Z on the 23rd = 05:59:59 in Berlin.
    expect(await ok('clock', 'set', path, 'sec-8k-105')).toContain(
      'waits for the materiality determination: custos clock set FILE sec-8k-105 --trigger TIME',
    );
    const sec = await ok(
      'clock',
      'set',
      path,
      'sec-8k-105',
      '--trigger',
      '2027-01-15 18:30',
      '--zone',
      'America/New_York',
      '--notes',
      'Disclosure committee minutes',
    );
    expect(sec).toContain(
      'from the materiality determination set on this clock: 2027-01-15T23:30:00.000Z (2027-01-16 00:30:00 +01:00 Europe/Berlin)',
    );
    expect(sec).toContain('due 2027-01-23T04:59:59.999Z (2027-01-23 05:59:59 +01:00 Europe/Berlin)');
    expect(sec).toContain('notes: Disclosure committee minutes');

    // The NIS2 notification submitted (it was off: recording it switches it on), the final report follows it.
    const noRef = await custos('clock', 'submitted', path, 'nis2-notification', '--at', '2026-10-26T16:00Z');
    expect(noRef.status).toBe(2);
    expect(noRef.stderr).toMatch(/--reference is required/);
    const submitted = await ok(
      'clock',
      'submitted',
      path,
      'nis2-notification',
      '--at',
      '2026-10-26 17:00',
      '--zone',
      'Europe/Berlin',
      '--reference',
      'CERT-Bund 7',
      '--as',
      'Sam Lee, Counsel liaison, Northwind',
    );
    expect(submitted).toMatch(
      /^Recorded the submission of nis2-notification at 2026-10-26 17:00:00 \+01:00 Europe\/Berlin \(2026-10-26T16:00:00.000Z\) to The CSIRT or competent authority, reference CERT-Bund 7; on time \(due 2026-10-27T08:00:00.000Z\)\nnis2-notification now applies to this case\nnis2-final-report runs from it: due 2026-11-26T22:59:59.999Z \(2026-11-26 23:59:59 \+01:00 Europe\/Berlin\), if it applies \(custos clock set FILE nis2-final-report\)\n/,
    );
    const late = await ok(
      'clock',
      'submitted',
      path,
      'gdpr-33',
      '--at',
      '2026-10-27T10:00+01:00',
      '--reference',
      'LfDI 1',
    );
    expect(late).toContain('; LATE: it was due 2026-10-27T08:00:00.000Z');

    const before = readFileSync(path);
    const list = await ok('clock', 'list', path, '--as', 'Sam Lee, Counsel liaison, Northwind');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(list).toMatch(
      /^Became aware: 2026-10-24 10:00:00 \+02:00 Europe\/Berlin \(2026-10-24T08:00:00.000Z\)\nNow: .*; times are UTC and Europe\/Berlin \(the case's zone\)\n/,
    );
    expect(list).toMatch(/\nSUBMITTED LATE +gdpr-33 /);
    expect(list).toMatch(/\nSUBMITTED +nis2-notification /);
    expect(list).toContain(
      'submitted 2026-10-26T16:00:00.000Z (2026-10-26 17:00:00 +01:00 Europe/Berlin) to The CSIRT or competent authority, reference CERT-Bund 7, recorded by Sam Lee',
    );
    expect(list).toMatch(/\n(RUNNING|DUE SOON|OVERDUE) +sec-8k-105 /);
    expect(list).not.toContain('nis2-final-report');
    const json = JSON.parse(await ok('clock', 'list', path, '--json')) as {
      zone: string;
      clocks: { rule: { id: string }; status: string }[];
    };
    expect(json.zone).toBe('Europe/Berlin');
    expect(json.clocks.map((c) => c.rule.id)).toEqual(['gdpr-33', 'nis2-notification', 'sec-8k-105']);
    const every = JSON.parse(await ok('clock', 'list', path, '--all', '--json')) as {
      clocks: { rule: { id: string }; status: string; dueAt: string }[];
    };
    expect(every.clocks).toHaveLength(13);
    expect(every.clocks.find((c) => c.rule.id === 'nis2-final-report')).toMatchObject({
      status: 'off',
      dueAt: '2026-11-26T22:59:59.999Z',
    });

    expect(await ok('clock', 'set', path, 'sec-8k-105', '--off')).toMatch(/^sec-8k-105 switched off\nOFF +sec-8k-105 /);
    const cleared = await ok('clock', 'set', path, 'sec-8k-105', '--trigger', '');
    expect(cleared).toContain('waits for the materiality determination');

    const unknown = await custos('clock', 'set', path, 'gdpr-99');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^custos: gdpr-99 is not a notification clock; the clocks are gdpr-33, gdpr-34, /);
    const zoneAlone = await custos('clock', 'set', path, 'gdpr-33', '--zone', 'Europe/Berlin');
    expect(zoneAlone.status).toBe(2);
    expect(zoneAlone.stderr).toMatch(/give the trigger time together with its zone/);
    const noRule = await custos('clock', 'set', path);
    expect(noRule.status).toBe(2);
    expect(noRule.stderr).toMatch(/give the RULE/);

    const actions = readCase(path, (db) =>
      db.prepare('SELECT action, actor_name FROM audit_log WHERE action LIKE ? ORDER BY seq').all('clock.%'),
    );
    expect(actions).toEqual([
      { action: 'clock.set', actor_name: 'Dana Whitfield' },
      { action: 'clock.set', actor_name: 'Dana Whitfield' },
      { action: 'clock.set', actor_name: 'Dana Whitfield' },
      { action: 'clock.submitted', actor_name: 'Sam Lee' },
      { action: 'clock.submitted', actor_name: 'Dana Whitfield' },
      { action: 'clock.set', actor_name: 'Dana Whitfield' },
      { action: 'clock.set', actor_name: 'Dana Whitfield' },
    ]);
    expect((await custos('verify', path)).status).toBe(0);
  });

  it('writes nothing when a clock already stands so, and labels a later submission an update, not late', async () => {
    await ok('case', 'set', path, '--aware-at', '2026-10-24T10:00', '--aware-zone', 'Europe/Berlin');
    const first = await ok('clock', 'set', path, 'gdpr-33');
    expect(first).toMatch(/^gdpr-33 applies to this case\n/);
    const again = await ok('clock', 'set', path, 'gdpr-33');
    expect(again).toMatch(/^gdpr-33 already stands so \(applies to this case\); nothing changed\n/);
    expect(JSON.parse(await ok('clock', 'set', path, 'gdpr-33', '--json'))).toMatchObject({ changed: false });
    const sets = () =>
      readCase(path, (db) => db.prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get('clock.set'));
    expect(sets()).toBe(1);

    // GDPR was due 27 October 08:00Z. Reported in time, then updated after the deadline: the update is not late.
    await ok('clock', 'submitted', path, 'gdpr-33', '--at', '2026-10-26T12:00Z', '--reference', 'LfDI 1');
    const update = await ok(
      'clock',
      'submitted',
      path,
      'gdpr-33',
      '--at',
      '2026-10-29T12:00Z',
      '--reference',
      'LfDI 1b',
    );
    expect(update).toMatch(/reference LfDI 1b; an update \(the first was submitted 2026-10-26T12:00:00.000Z\)\n/);
    expect(update).not.toMatch(/LATE/);
    const list = await ok('clock', 'list', path);
    expect(list).toMatch(/\nSUBMITTED +gdpr-33 /);
    expect(list).toMatch(/submitted 2026-10-29T12:00:00.000Z \(2026-10-29 12:00:00 UTC\) \(update\) to /);
    expect(list).not.toContain('after the deadline');

    // NIS2's final report stays with the first notification; DORA's final report follows the latest update.
    await ok('clock', 'submitted', path, 'nis2-notification', '--at', '2026-10-26T16:00Z', '--reference', 'N1');
    const nis2Update = await ok(
      'clock',
      'submitted',
      path,
      'nis2-notification',
      '--at',
      '2026-10-28T09:00Z',
      '--reference',
      'N2',
    );
    expect(nis2Update).toContain(
      'nis2-final-report still runs from the first submission (2026-10-26T16:00:00.000Z): due 2026-11-26T23:59:59.999Z',
    );
    await ok('clock', 'submitted', path, 'dora-intermediate', '--at', '2026-10-27T09:00Z', '--reference', 'D1');
    const doraUpdate = await ok(
      'clock',
      'submitted',
      path,
      'dora-intermediate',
      '--at',
      '2026-11-09T15:00Z',
      '--reference',
      'D2',
    );
    // Updated 9 November 15:00Z, entered in UTC: a month on the UTC calendar, to the end of 9 December there.
    expect(doraUpdate).toContain('dora-final runs from it: due 2026-12-09T23:59:59.999Z');

    // A report before the clock started is refused with both times, and nothing is written.
    const audit = () => readCase(path, (db) => db.prepare('SELECT count(*) FROM audit_log').pluck().get());
    const count = audit();
    const early = await custos(
      'clock',
      'submitted',
      path,
      'nis2-early-warning',
      '--at',
      '2026-10-24T09:00',
      '--zone',
      'Europe/Berlin',
      '--reference',
      'X',
    );
    expect(early.status).toBe(2);
    expect(early.stderr).toContain(
      'Submitted at: 2026-10-24 09:00:00 +02:00 Europe/Berlin is before the nis2-early-warning clock started, at 2026-10-24 10:00:00 +02:00 Europe/Berlin',
    );
    expect(audit()).toBe(count);
    expect((await custos('verify', path)).status).toBe(0);
  });
});

describe('custos indicator check', () => {
  it('gives the one form a wallet, account or address is recorded in, or refuses a typo with the reason', async () => {
    expect(await ok('indicator', 'check', 'eth', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBe(
      'eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed  (written without its checksum case; not checked)\n',
    );
    expect(await ok('indicator', 'check', 'iban', 'GB82 WEST 1234 5698 7654 32')).toBe('iban GB82WEST12345698765432\n');
    const typo = await custos('indicator', 'check', 'btc', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb');
    expect(typo.status).toBe(1);
    expect(typo.stderr).toBe(
      'custos: btc 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb fails its checksum: a character is wrong or two are swapped\n',
    );
    // "wallet" is a type (a chain Custos has no checksum for); a name that is none is a usage error.
    const unknown = await custos('indicator', 'check', 'purse', 'x');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/"purse" is not an indicator type; the types are email, phone, /);
  });
});
