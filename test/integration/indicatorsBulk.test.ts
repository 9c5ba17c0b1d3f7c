import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerSet } from '../../electron/core/handlers/index.ts';
import type { AuditEntry } from '../../shared/domain/audit.ts';
import type {
  IndicatorBulkResult,
  IndicatorCheckResult,
  IndicatorLineVerdict,
  IndicatorRow,
} from '../../shared/domain/indicator.ts';
import type { Subject } from '../../shared/domain/subject.ts';
import { runCustosInProcess } from '../helpers/cli.ts';
import { handlerCase } from '../helpers/handlerCase.ts';
import type { HandlerCase } from '../helpers/handlerCase.ts';
import { EXAMINER } from '../helpers/tempCase.ts';

// Indicators as the window adds them: one at a time in whatever form the examiner has at hand, and
// a pasted list that is either imported whole or not at all.

let dataDir: string;
let casePath: string;
let handlers: HandlerSet;
let ok: HandlerCase['ok'];
let cleanup: () => void;
let refusedWith: HandlerCase['refused'];
const refused = async (channel: string, req: unknown) => (await refusedWith(channel, req)).message;

beforeEach(async () => {
  ({
    dataDir,
    casePath,
    handlers,
    ok,
    refused: refusedWith,
    cleanup,
  } = await handlerCase({
    title: 'Contractor "Jin-ho Park"',
    fileName: 'park.custos',
  }));
});
afterEach(() => cleanup());
type Added = { indicator: IndicatorRow; verdict: IndicatorLineVerdict };
const add = (draft: Record<string, unknown>) => ok<Added>('indicator:add', draft);
const audit = async () =>
  (await ok<{ items: AuditEntry[] }>('audit:list', { offset: 0, limit: 1000 })).items.slice().reverse();
const head = async () => (await ok<{ head: { seq: number } }>('audit:list', { offset: 0, limit: 1 })).head.seq;

describe('one indicator at a time', () => {
  it('recognises the same wallet, domain and address entered again in another form', async () => {
    const worker = await ok<Subject>('subject:add', { name: 'Jin-ho Park', role: 'worker' });
    const eth = await add({ type: 'eth', value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' });
    expect(eth.verdict).toMatchObject({ verdict: 'added', reason: 'written without its checksum case; not checked' });
    expect(eth.indicator).toMatchObject({
      value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
      normalised: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      subjects: [],
    });
    // Again, checksummed, for the worker: no second row, but now it is his.
    const again = await add({
      type: 'eth',
      value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      subjectIds: [worker.id],
    });
    expect(again.verdict).toMatchObject({ verdict: 'already present' });
    expect(again.indicator).toMatchObject({ id: eth.indicator.id, subjects: [{ id: worker.id, name: 'Jin-ho Park' }] });

    const idn = await add({ type: 'domain', value: 'münchen-jobs.de' });
    expect((await add({ type: 'domain', value: 'XN--MNCHEN-JOBS-THB.DE.' })).indicator.id).toBe(idn.indicator.id);
    const ip = await add({ type: 'ip', value: '2001:0DB8:0000:0000:0000:ff00:0042:8329' });
    expect(ip.indicator.normalised).toBe('2001:db8::ff00:42:8329');
    expect((await add({ type: 'ip', value: '2001:db8::ff00:42:8329' })).verdict.verdict).toBe('already present');
    expect(await ok<IndicatorRow[]>('indicator:list', {})).toHaveLength(3);

    const check = await ok<IndicatorCheckResult>('indicator:check', {
      type: 'eth',
      value: '0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED',
    });
    expect(check).toMatchObject({ ok: true, existingId: eth.indicator.id });

    const actions = (await audit()).map((e) => e.action).filter((a) => a.startsWith('indicator.'));
    expect(actions).toEqual(['indicator.add', 'indicator.link', 'indicator.add', 'indicator.add']);
    const link = (await audit()).find((e) => e.action === 'indicator.link')!;
    expect(link.changes).toEqual([
      expect.objectContaining({
        table: 'subject_link',
        before: null,
        after: expect.objectContaining({
          subject_id: worker.id,
          target_type: 'indicator',
          target_id: eth.indicator.id,
        }),
      }),
    ]);
  });

  it('asks for the platform where it matters, reads seen times in the examiner’s zone, brings a removed one back', async () => {
    expect(await refused('indicator:add', { type: 'username', value: '@Octocat' })).toMatch(
      /^username "?@Octocat"?: username needs its platform: the site or app it is on, such as github/,
    );
    expect(await refused('indicator:add', { type: 'ip', value: '203.0.113.7', platform: 'aws' })).toMatch(
      /ip takes no platform/,
    );
    // A profile link names its platform; it must not contradict the one given.
    const user = await add({ type: 'username', value: 'https://github.com/octocat' });
    expect(user.indicator).toMatchObject({ platform: 'github', normalised: 'octocat' });
    expect((await add({ type: 'username', value: '@Octocat', platform: ' GitHub ' })).verdict.verdict).toBe(
      'already present',
    );
    expect(
      await refused('indicator:add', { type: 'username', value: 'github.com/octocat', platform: 'linkedin' }),
    ).toMatch(/is a github profile link, but the platform given is linkedin/);

    // Without a zone in the profile a wall time needs its offset; with one, it is read in that zone.
    expect(
      await refused('indicator:add', {
        type: 'remote-tool',
        value: '123 456 789',
        platform: 'AnyDesk',
        firstSeen: '2026-02-01 10:00',
      }),
    ).toMatch(/First seen: "2026-02-01 10:00" has no offset/);
    await ok('profile:set', { ...EXAMINER, timeZone: 'Asia/Seoul' });
    const evidence = await ok<{ id: string; exhibit: string }>('evidence:addText', {
      description: 'AnyDesk connection log',
      capturedText: 'Incoming session from 123 456 789',
      method: 'Copied from ad.trace',
    });
    const tool = await add({
      type: 'remote-tool',
      value: '123 456 789',
      platform: 'AnyDesk',
      firstSeen: '2026-02-01 10:00',
      lastSeen: '2026-02-20T18:00:00+09:00',
      source: evidence.exhibit,
      confidence: 'high',
    });
    expect(tool.indicator).toMatchObject({
      normalised: '123456789',
      platform: 'anydesk',
      firstSeen: '2026-02-01T01:00:00.000Z',
      lastSeen: '2026-02-20T09:00:00.000Z',
      seenZone: 'Asia/Seoul',
      sourceItemId: evidence.id,
      sourceExhibit: evidence.exhibit,
    });
    expect(
      await refused('indicator:update', { id: tool.indicator.id, patch: { lastSeen: '2026-01-01T00:00:00Z' } }),
    ).toMatch(/last seen \(2026-01-01T00:00:00.000Z\) would be before first seen/);
    const updated = await ok<IndicatorRow>('indicator:update', {
      id: tool.indicator.id,
      patch: { confidence: 'confirmed' },
    });
    expect(updated.confidence).toBe('confirmed');
    const change = (await audit()).find((e) => e.action === 'indicator.update')!.changes[0]!;
    expect([change.before?.confidence, change.after?.confidence]).toEqual(['high', 'confirmed']);

    await ok('indicator:remove', { id: tool.indicator.id });
    expect((await ok<IndicatorRow[]>('indicator:list', {})).map((i) => i.type)).toEqual(['username']);
    const back = await add({ type: 'remote-tool', value: '123-456-789', platform: 'anydesk' });
    expect(back.verdict).toMatchObject({ verdict: 'added', reason: 'brought back: it had been removed' });
    expect(back.indicator).toMatchObject({ id: tool.indicator.id, removed: false, value: '123 456 789' });
    const actions = (await audit()).map((e) => e.action).filter((a) => a.startsWith('indicator.'));
    expect(actions).toEqual([
      'indicator.add',
      'indicator.add',
      'indicator.update',
      'indicator.remove',
      'indicator.restore',
    ]);
  });
});

describe('a pasted list', () => {
  const LIST = [
    '# from the chat export and the payroll file',
    'btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5',
    'eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    'ipv6:2001:0DB8:0000:0000:0000:0000:0000:0001',
    'url:https://Jobs.Example.COM:443/apply?id=7',
    'payoneer:Jin.Park@Example.COM',
    'username/telegram:@JinhoPark',
    '',
    'iban:GB82 WEST 1234 5698 7654 33',
    'domain:münchen-jobs.de',
    'ip:2001:db8::1',
    'hostname:LAPTOP-7F3K.',
  ].join('\n');

  it('is previewed line by line, and imported whole or not at all', async () => {
    const worker = await ok<Subject>('subject:add', { name: 'Jin-ho Park', role: 'worker' });
    await add({ type: 'eth', value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' });
    const before = await head();

    const preview = await ok<IndicatorBulkResult>('indicator:preview', { text: LIST, subjectIds: [worker.id] });
    expect(preview).toMatchObject({ added: 6, present: 2, refused: 2, written: false });
    expect(preview.lines.map((l) => [l.line, l.verdict])).toEqual([
      [2, 'refused'],
      [3, 'already present'],
      [4, 'added'],
      [5, 'added'],
      [6, 'added'],
      [7, 'added'],
      [9, 'refused'],
      [10, 'added'],
      [11, 'already present'],
      [12, 'added'],
    ]);
    expect(preview.lines[0]!.reason).toBe(
      'btc bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5 fails its checksum: a character is wrong or two are swapped',
    );
    expect(preview.lines[6]!.reason).toMatch(/^iban GB82 WEST 1234 5698 7654 33 fails its check digits/);
    expect(preview.lines[8]).toMatchObject({ normalised: '2001:db8::1', reason: 'same as line 4' });
    expect(preview.lines[1]).toMatchObject({ reason: 'already in the case' });

    // Two lines refused: nothing is written, not even the good ones.
    const refusedImport = await ok<IndicatorBulkResult>('indicator:import', { text: LIST, subjectIds: [worker.id] });
    expect(refusedImport).toMatchObject({ added: 6, refused: 2, written: false });
    expect(await head()).toBe(before);
    expect(await ok<IndicatorRow[]>('indicator:list', {})).toHaveLength(1);

    // Mended, the list goes in as one audited write, with each indicator (and the one already there) his.
    const mended = LIST.replace('8f3t5', '8f3t4').replace('7654 33', '7654 32');
    const done = await ok<IndicatorBulkResult>('indicator:import', { text: mended, subjectIds: [worker.id] });
    expect(done).toMatchObject({ added: 8, present: 2, refused: 0, written: true });
    expect(await head()).toBe(before + 1);
    const rows = await ok<IndicatorRow[]>('indicator:list', {});
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.subjects.length === 1 && r.subjects[0]!.id === worker.id)).toBe(true);
    expect(rows.find((r) => r.type === 'payment-account')).toMatchObject({
      platform: 'payoneer',
      normalised: 'jin.park@example.com',
    });
    const entry = (await audit()).at(-1)!;
    expect(entry.action).toBe('indicator.import');
    expect(entry.changes.filter((c) => c.table === 'indicator' && c.before === null)).toHaveLength(8);
    expect(entry.changes.filter((c) => c.table === 'subject_link')).toHaveLength(9);

    // Importing it again adds nothing and writes nothing.
    const repeat = await ok<IndicatorBulkResult>('indicator:import', { text: mended, subjectIds: [worker.id] });
    expect(repeat).toMatchObject({ added: 0, present: 10, refused: 0 });
    expect(await head()).toBe(before + 1);

    handlers.dispose();
    const verify = await runCustosInProcess(dataDir, ['verify', casePath]);
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
  });

  it('refuses a whole request it cannot read, and lines that name no type, with the fix', async () => {
    const csv = await refused('indicator:preview', { text: 'type,value,colour\nbtc,bc1q,red\n' });
    expect(csv).toMatch(/"colour" is not a column Custos knows; the columns are type, value, platform/);
    const bare = await ok<IndicatorBulkResult>('indicator:preview', {
      text: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4\n',
    });
    expect(bare.lines[0]).toMatchObject({
      verdict: 'refused',
      reason: expect.stringMatching(/^name the type: TYPE:VALUE/),
    });
    const typed = await ok<IndicatorBulkResult>('indicator:preview', {
      text: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4\n',
      defaultType: 'btc',
    });
    expect(typed.lines[0]).toMatchObject({ verdict: 'added', type: 'btc' });
    expect(await refused('indicator:preview', { text: 'ip:203.0.113.7\n'.repeat(50_001) })).toMatch(
      /50001 lines; at most 50000 are read at once: split it/,
    );
  });
});

describe('one account, one wallet: however it was entered', () => {
  const BTC = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';
  const TRON = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
  const ETH = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

  it('stores a Bitcoin, Ethereum or TRON wallet entered as a wallet as that chain, its checksum checked', async () => {
    const btc = await add({ type: 'btc', value: BTC });
    const asWallet = await add({ type: 'wallet', value: BTC, platform: 'Bitcoin' });
    expect(asWallet.verdict).toMatchObject({ verdict: 'already present', type: 'btc' });
    expect(asWallet.indicator.id).toBe(btc.indicator.id);

    const usdt = await add({ type: 'wallet', value: TRON, platform: 'usdt' });
    expect(usdt.indicator).toMatchObject({ type: 'tron', platform: '', normalised: TRON });
    expect(usdt.verdict).toMatchObject({ verdict: 'added', reason: 'stored as tron' });
    // A value that passes a chain's checks is that chain's, whatever platform it was filed under.
    const bsc = await add({ type: 'wallet', value: ETH.toLowerCase(), platform: 'bsc' });
    expect(bsc.indicator).toMatchObject({ type: 'eth', platform: '', normalised: ETH });
    expect(bsc.verdict.reason).toBe(
      'stored as eth; the platform bsc is not kept; written without its checksum case; not checked',
    );
    expect((await add({ type: 'eth', value: ETH })).indicator.id).toBe(bsc.indicator.id);

    // A typo is refused with the chain's reason, not let in as a wallet "with no checksum known".
    expect(await refused('indicator:add', { type: 'wallet', value: `${BTC.slice(0, -1)}b`, platform: 'btc' })).toBe(
      `wallet ${BTC.slice(0, -1)}b is checked as btc and fails its checksum: a character is wrong or two are swapped`,
    );
    expect(
      await refused('indicator:add', { type: 'wallet', value: `${TRON.slice(0, -1)}u`, platform: 'USDT' }),
    ).toMatch(/is checked as tron and fails its checksum/);
    const list = await ok<IndicatorBulkResult>('indicator:preview', {
      text: `wallet/btc:${BTC}\nwallet/usdt:${TRON}\nwallet/xmr:4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge\n`,
    });
    expect(list.lines.map((l) => [l.verdict, l.type])).toEqual([
      ['already present', 'btc'],
      ['already present', 'tron'],
      ['added', 'wallet'],
    ]);
    expect((await ok<IndicatorRow[]>('indicator:list', {})).map((i) => i.type)).toEqual(['btc', 'eth', 'tron']);
  });

  it('stores one name for a platform people call two things (twitter is x, tg is telegram)', async () => {
    const x = await add({ type: 'username', value: '@JinhoPark', platform: 'Twitter' });
    expect(x.indicator.platform).toBe('x');
    expect((await add({ type: 'username', value: 'jinhopark', platform: 'x' })).verdict.verdict).toBe(
      'already present',
    );
    expect((await add({ type: 'username', value: 'https://x.com/JinhoPark' })).indicator.id).toBe(x.indicator.id);
    const tg = await add({ type: 'username', value: 'jinhopark', platform: 'TG' });
    expect(tg.indicator.platform).toBe('telegram');
    const linkedIn = await add({ type: 'username', value: 'jin-ho-park', platform: 'Linked In' });
    expect(linkedIn.indicator.platform).toBe('linkedin');
    expect((await add({ type: 'username', value: 'linkedin.com/in/jin-ho-park' })).indicator.id).toBe(
      linkedIn.indicator.id,
    );
    // Moved to "Twitter", the Telegram name would be the X one already there.
    expect(await refused('indicator:update', { id: tg.indicator.id, patch: { platform: 'Twitter' } })).toMatch(
      /^username jinhopark on x is already in the case/,
    );
  });
});

describe('what the window sends without a type or a change', () => {
  it('imports a pasted column of accounts or names under the platform chosen for the list', async () => {
    const payoneer = await ok<IndicatorBulkResult>('indicator:import', {
      text: 'Jin.Park@Example.COM\nP-1234 5678\nwise:jane@example.com\n',
      defaultType: 'payment-account',
      defaultPlatform: 'Payoneer',
    });
    expect(payoneer).toMatchObject({ added: 3, refused: 0, written: true });
    const telegram = await ok<IndicatorBulkResult>('indicator:import', {
      text: '@JinhoPark\nusername:@DanaK\nusername/github:octocat\n',
      defaultType: 'username',
      defaultPlatform: 'tg',
    });
    expect(telegram).toMatchObject({ added: 3, refused: 0, written: true });
    const rows = await ok<IndicatorRow[]>('indicator:list', {});
    expect(rows.map((r) => [r.type, r.normalised, r.platform])).toEqual([
      ['payment-account', 'P12345678', 'payoneer'],
      ['payment-account', 'jane@example.com', 'wise'],
      ['payment-account', 'jin.park@example.com', 'payoneer'],
      ['username', 'danak', 'telegram'],
      ['username', 'jinhopark', 'telegram'],
      ['username', 'octocat', 'github'],
    ]);
    expect(
      await refused('indicator:preview', { text: '203.0.113.7\n', defaultType: 'ip', defaultPlatform: 'aws' }),
    ).toMatch(/^ip takes no platform .*leave the default platform empty$/);
    expect(await refused('indicator:preview', { text: 'payoneer:a@b.example\n', defaultPlatform: 'wise' })).toMatch(
      /applies to the lines without a type; choose their type too$/,
    );
  });

  it('writes nothing, and no audit entry, when an update changes nothing', async () => {
    const worker = await ok<Subject>('subject:add', { name: 'Jin-ho Park', role: 'worker' });
    const tool = await add({
      type: 'remote-tool',
      value: '123 456 789',
      platform: 'anydesk',
      firstSeen: '2026-02-01T10:00:00+09:00',
      confidence: 'high',
      notes: 'from ad.trace',
      subjectIds: [worker.id],
    });
    const before = await head();
    const same = await ok<IndicatorRow>('indicator:update', {
      id: tool.indicator.id,
      patch: {
        platform: 'AnyDesk',
        firstSeen: '2026-02-01T10:00:00+09:00',
        confidence: 'high',
        tlp: 'AMBER',
        notes: ' from ad.trace ',
        source: null,
      },
    });
    expect(same).toEqual(tool.indicator);
    expect(await head()).toBe(before);
    // One field changed: one entry, holding that change alone.
    await ok('indicator:update', { id: tool.indicator.id, patch: { confidence: 'confirmed', tlp: 'AMBER' } });
    expect(await head()).toBe(before + 1);
    const entry = (await audit()).at(-1)!;
    expect(entry.action).toBe('indicator.update');
    expect(
      Object.keys(entry.changes[0]!.after!)
        .filter((k) => entry.changes[0]!.before![k] !== entry.changes[0]!.after![k])
        .sort(),
    ).toEqual(['confidence', 'updated_at']);
  });

  it('checks for the indicator already in the case on the platform given', async () => {
    const github = await add({ type: 'username', value: 'octocat', platform: 'github' });
    const check = (req: Record<string, unknown>) => ok<IndicatorCheckResult>('indicator:check', req);
    expect(await check({ type: 'username', value: '@Octocat', platform: 'telegram' })).toMatchObject({
      ok: true,
      existingId: null,
    });
    expect(await check({ type: 'username', value: '@Octocat', platform: 'GitHub' })).toMatchObject({
      existingId: github.indicator.id,
    });
    expect(await check({ type: 'username', value: 'https://t.me/octocat' })).toMatchObject({ existingId: null });
    // No platform yet (the form has only the value): any platform's is worth a look.
    expect(await check({ type: 'username', value: 'octocat' })).toMatchObject({ existingId: github.indicator.id });
    const btc = await add({ type: 'btc', value: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' });
    expect(
      await check({ type: 'wallet', value: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', platform: 'bitcoin' }),
    ).toMatchObject({ ok: true, note: 'stored as btc', existingId: btc.indicator.id });
  });
});
