import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    expect(by.get('nis2-final-report')).toMatchObject({ state: 'running', dueAt: '2027-01-02T22:00:00.000Z' });
    expect(by.get('sec-8k-105')).toMatchObject({ state: 'running', dueAt: '2026-12-08T04:59:59.999Z' });
    expect(by.get('dora-initial')).toMatchObject({ state: 'not-started', waitingFor: 'classification' });
    // Reading the clocks wrote nothing.
    expect(readFileSync(path).equals(after)).toBe(true);
    expect(after.equals(before)).toBe(false);

    const text = await ok('clocks', path, '--zone', 'Europe/Berlin');
    expect(text).toMatch(/^Became aware: 2026-11-30 09:00:00 \+01:00 Europe\/Berlin\n/);
    expect(text).toMatch(/due 2026-12-03 09:00:00 \+01:00 Europe\/Berlin \(2026-12-03 08:00:00 UTC\)/);
    expect(text).toContain('Regulation (EU) 2016/679 (GDPR), Article 33(1), (4), (5)');

    const wrong = await custos('clocks', path, '--submitted', 'gdpr-99=2026-12-01T10:00', '--zone', 'UTC');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--submitted names gdpr-99, which is not a clock; the clocks are gdpr-33, /);
    const noTime = await custos('clocks', path, '--material', 'tomorrow');
    expect(noTime.status).not.toBe(0);
    expect(noTime.stderr).toMatch(/--material/);
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
    const unknown = await custos('indicator', 'check', 'wallet', 'x');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/"wallet" is not an indicator type; the types are email, phone, /);
  });
});
