import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCase } from '../helpers/cliCase.ts';
import { custosVerdict, pythonVerdict } from '../helpers/verdicts.ts';

// Issue 10's "done means", on the command line as a responder would type it: a worker persona, two
// facilitators, their indicators (some pasted in bulk, some refused), an extortion message with a
// demand and a deadline, the do-not-pay decision with counsel's sign-off, GDPR and NIS2 clocks
// from the awareness time with a submission recorded; search finds each of them; Custos and the
// independent verifier agree on the result.

let c: Awaited<ReturnType<typeof cliCase>>;
const json = async <T>(...args: string[]) => JSON.parse(await c.ok(...args, '--json')) as T;
type Hit = { kind: string; id: string; title: { text: string; match: boolean }[]; because?: string };
type Results = { total: number; groups: { kind: string; hits: Hit[] }[] };
const hitsOf = (r: Results, kind: string) => r.groups.find((g) => g.kind === kind)?.hits ?? [];
const text = (hit: Hit) => hit.title.map((p) => p.text).join('');

beforeAll(async () => {
  c = await cliCase('DPRK IT worker — J. Park');
  const { ok, path } = c;
  await ok('case', 'set', path, '--aware-at', '2026-11-30T09:00', '--aware-zone', 'Europe/Berlin');
  await ok(
    ...['subject', 'add', path, '--name', 'Jin-ho Park', '--role', 'worker', '--alias', '김정호', '--alias', 'Ярослав'],
    ...['--claimed-name', 'Jin-ho Park', '--claimed-nationality', 'South Korean', '--claimed-location', 'Seoul'],
    ...['--verified-location', 'Shenyang (VPN exit analysis)', '--findings', 'Passport scan forged: MRZ check digit'],
    ...['--verdict', 'false', '--hired', '2026-03-02', '--terminated', '2026-11-28', '--manager', 'R. Osei'],
  );
  await ok('subject', 'add', path, '--name', 'João Gonçalves', '--role', 'facilitator', '--claimed-location', 'Lisbon');
  await ok('subject', 'add', path, '--name', 'Klaus Müller', '--role', 'laptop-farm-host');
  await ok('subject', 'link', path, 'João Gonçalves', '--to', 'Jin-ho Park', '--relation', 'received the laptop for');
  await ok(
    ...['subject', 'link', path, 'Klaus Müller', '--to', 'João Gonçalves', '--relation', 'same person as?'],
    ...['--confidence', 'low'],
  );
  await ok('indicator', 'add', path, 'email', 'J.Park.Dev@Proton.me', '--subject', 'Jin-ho Park');
}, 120_000);
afterAll(() => c.cleanup());

describe('a case built as a new user would, on the command line', () => {
  it('takes indicators in bulk: good lines added, a typo refused with the reason, exit 1', async () => {
    const list = join(c.dir, 'pasted.txt');
    writeFileSync(
      list,
      [
        '# wallets from the payroll export',
        'btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
        'eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
        'ipv6:2001:0db8:0000:0000:0000:0000:0000:0001',
        'email:j.park.dev@proton.me',
        'iban:GB82 WEST 1234 5698 7654 33',
        'btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx',
      ].join('\n'),
    );
    const result = await c.custos('indicator', 'import', c.path, list, '--subject', 'João Gonçalves');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/line 2 +added +btc bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq/);
    expect(result.stdout).toMatch(/line 5 +already present +email j\.park\.dev@proton\.me/);
    expect(result.stdout).toMatch(/line 6 +refused +iban .*check digits/);
    expect(result.stdout).toMatch(/line 7 +refused +btc /);
    const listed = await json<{ type: string; normalised: string }[]>('indicator', 'list', c.path);
    expect(listed.map((i) => `${i.type} ${i.normalised}`).sort()).toEqual([
      'btc bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      'email j.park.dev@proton.me',
      'eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      'ip 2001:db8::1',
    ]);
  });

  it('records the extortion, the decision and its sign-off, and the clocks with a submission', async () => {
    const { ok, path } = c;
    await ok(
      ...['message', 'add', path, '--at', '2026-11-30T14:05', '--zone', 'Europe/Berlin', '--channel', 'telegram'],
      ...['--sender', '@jpark_ops', '--summary', 'Pay 0.5 BTC in 72 hours or the source code is published'],
    );
    const demandOut = await ok(
      ...['demand', 'add', path, '--threat', 'Publish the payments-service source code', '--amount', '0.5'],
      ...['--asset', 'BTC', '--pay-to', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
      ...['--deadline', '2026-12-03T14:05', '--zone', 'Europe/Berlin'],
    );
    expect(demandOut).toContain('OFAC');
    const record = await json<{ demands: { id: string; payToIndicatorId: string | null; deadlineAt: string }[] }>(
      'demand',
      'list',
      path,
    );
    const demand = record.demands[0]!;
    expect(demand.payToIndicatorId).not.toBeNull();
    expect(demand.deadlineAt).toBe('2026-12-03T13:05:00.000Z');
    const decided = await json<{ decision: { id: string } }>(
      ...['demand', 'decide', path, demand.id, '--decision', 'do-not-pay', '--reasons', 'Sanctions; no assurance'],
      ...['--decided-by', 'Maria Keller, CEO', '--at', '2026-12-01T10:00', '--zone', 'Europe/Berlin'],
      ...['--counsel', 'A. Smith, Hollis & Rowe'],
    );
    const signed = await json<{ decision: { counselSignedAt: string; counselSignedZone: string } }>(
      ...['demand', 'sign-off', path, decided.decision.id, '--counsel', 'A. Smith, Hollis & Rowe'],
      ...['--at', '2026-12-01T11:30', '--zone', 'Europe/Berlin'],
    );
    expect(signed.decision).toMatchObject({
      counselSignedAt: '2026-12-01T10:30:00.000Z',
      counselSignedZone: 'Europe/Berlin',
    });
    const again = await c.custos(
      ...['demand', 'sign-off', path, decided.decision.id, '--counsel', 'B', '--at'],
      '2026-12-01T12:00Z',
    );
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('not replaced');

    for (const rule of ['gdpr-33', 'nis2-early-warning', 'nis2-notification', 'nis2-final-report']) {
      await ok('clock', 'set', path, rule);
    }
    type Clocks = { clocks: { rule: { id: string }; status: string; dueAt: string | null }[] };
    const before = await json<Clocks>('clock', 'list', path);
    const due = (state: Clocks, id: string) => state.clocks.find((k) => k.rule.id === id)!;
    expect(due(before, 'gdpr-33').dueAt).toBe('2026-12-03T08:00:00.000Z');
    expect(due(before, 'nis2-early-warning').dueAt).toBe('2026-12-01T08:00:00.000Z');
    expect(due(before, 'nis2-final-report')).toMatchObject({ status: 'not-started', dueAt: null });
    await ok(
      ...['clock', 'submitted', path, 'nis2-notification', '--at', '2026-12-02T16:00', '--zone', 'Europe/Berlin'],
      ...['--reference', 'CSIRT-2026-4411'],
    );
    const after = await json<Clocks>('clock', 'list', path);
    expect(due(after, 'nis2-notification').status).toBe('submitted');
    // One month after the submission (2 Dec 16:00 Berlin): the end of 2 January in Berlin (Reg. 1182/71).
    expect(due(after, 'nis2-final-report').dueAt).toBe('2027-01-02T22:59:59.999Z');
  });

  it('finds each of them with one search, case and accents ignored, an indicator in another form', async () => {
    const search = (q: string) => json<Results>('search', c.path, q);
    expect(hitsOf(await search('goncalves'), 'subject').map(text)).toContain('João Gonçalves');
    expect(hitsOf(await search('MULLER'), 'subject').map(text)).toContain('Klaus Müller');
    expect(hitsOf(await search('정호'), 'subject').map(text)).toContain('Jin-ho Park');
    expect(hitsOf(await search('ярослав'), 'subject').map(text)).toContain('Jin-ho Park');
    const ip = hitsOf(await search('2001:db8:0:0:0:0:0:1'), 'indicator');
    expect(ip.length).toBe(1);
    expect(hitsOf(await search('0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED'), 'indicator').length).toBe(1);
    expect(hitsOf(await search('source code published'), 'message').length).toBe(1);
    expect(hitsOf(await search('payments-service'), 'demand').length).toBe(1);
  });

  it('verifies intact, and the independent verifier agrees', async () => {
    const ours = custosVerdict(c.path);
    const theirs = pythonVerdict(c.path);
    expect(ours.ok).toBe(true);
    expect(theirs.ok).toBe(true);
    expect(theirs.head).toEqual(ours.head);
    expect(theirs.checks.map((k) => [k.id, k.status])).toEqual(ours.checks.map((k) => [k.id, k.status]));
    expect(await c.ok('verify', c.path)).toMatch(/^INTACT/m);
  });
});
