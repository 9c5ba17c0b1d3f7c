import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndicatorRow } from '../../shared/domain/indicator.ts';
import type { Subject, SubjectDetail } from '../../shared/domain/subject.ts';
import { readCase } from '../helpers/cli.ts';
import { cliCase } from '../helpers/cliCase.ts';

// Subjects and indicators as an examiner records them on the command line: the worker "Jin-ho Park"
// and the people around him, named the way they are in the chat logs, and the list of wallets,
// accounts and hosts pulled from the investigation notes.

let dir: string;
let path: string;
let custos: Awaited<ReturnType<typeof cliCase>>['custos'];
let ok: Awaited<ReturnType<typeof cliCase>>['ok'];
let cleanup: () => void;
beforeEach(async () => {
  ({ dir, path, custos, ok, cleanup } = await cliCase('Contractor Jin-ho Park'));
});
afterEach(() => cleanup());

const addSubject = async (...args: string[]) =>
  (JSON.parse(await ok('subject', 'add', path, ...args, '--json')) as { subject: Subject }).subject;
const auditActions = () =>
  readCase(path, (db) => db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[]);

describe('custos subject', () => {
  it('adds the worker and the people around him, links them by name, alias, exhibit and indicator value', async () => {
    const worker = await addSubject(
      ...['--name', 'Jin-ho Park', '--role', 'worker', '--alias', '김정호', '--alias', 'Ярослав'],
      ...['--claimed-nationality', 'South Korean', '--verified-location', 'Shenyang, China', '--verdict', 'false'],
      ...['--hired', '2026-01-05', '--terminated', '2026-03-02'],
    );
    expect(worker).toMatchObject({ aliases: ['김정호', 'Ярослав'], identityVerdict: 'false', hiredOn: '2026-01-05' });
    await addSubject('--name', 'Mark Ellison', '--role', 'laptop-farm-host');
    await addSubject('--name', 'Dana Kowalczyk', '--role', 'facilitator');

    expect(
      await ok(
        'subject',
        'link',
        path,
        'mark ellison',
        '--to',
        'ЯРОСЛАВ',
        '--relation',
        'received the laptop for',
        '--as',
        'Lee Moreau, Analyst, Northwind',
      ),
    ).toMatch(/^Linked Mark Ellison received the laptop for → Jin-ho Park; link [0-9a-f-]{36}\nAudit head: /);
    await ok('subject', 'link', path, 'Dana Kowalczyk', '--to', '김정호', '--relation', 'received the laptop for');
    await ok(
      ...['subject', 'link', path, 'Dana Kowalczyk', '--to', 'Mark Ellison'],
      ...['--relation', 'same person as?', '--confidence', 'Low'],
    );

    // An exhibit by its number, an indicator by its value as typed (lower case; stored checksummed).
    await ok(
      'evidence',
      'add-text',
      path,
      '--text',
      'Payroll: pay to 0x5aAeb6…',
      '--method',
      'Copied',
      '--description',
      'Payroll export',
    );
    await ok('indicator', 'add', path, 'eth', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed');
    await ok('subject', 'link', path, 'Jin-ho Park', '--to', 'E-0001', '--relation', 'paid to');
    expect(
      await ok(
        'subject',
        'link',
        path,
        'Jin-ho Park',
        '--to',
        '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
        '--relation',
        'paid to',
      ),
    ).toMatch(/→ eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed;/);

    const shown = await ok('subject', 'show', path, 'jin-ho park');
    expect(shown).toMatch(/^Jin-ho Park {2}\(worker, person\) {2}TLP:AMBER\nAliases: {3}김정호, Ярослав\n/);
    expect(shown).toMatch(/Nationality {2}South Korean {20}—\nLocation {5}— {31}Shenyang, China\n/);
    expect(shown).toContain('  paid to → E-0001 — Payroll export  (evidence item;');
    expect(shown).toContain('Linked from:\n  Mark Ellison: received the laptop for  (link ');
    const detail = JSON.parse(await ok('subject', 'show', path, worker.id, '--json')) as SubjectDetail;
    expect(detail.linkedFrom.map((l) => l.label)).toEqual(['Mark Ellison', 'Dana Kowalczyk']);
    expect(detail.links.map((l) => l.targetType)).toEqual(['evidence_item', 'indicator']);

    // Refusals a person can act on, each changing nothing.
    const before = auditActions().length;
    const twice = await custos(
      'subject',
      'link',
      path,
      'Mark Ellison',
      '--to',
      'Jin-ho Park',
      '--relation',
      'received the laptop for',
    );
    expect([twice.status, twice.stderr]).toEqual([
      2,
      'custos: "Mark Ellison" is already linked to "Jin-ho Park" as "received the laptop for"; remove that link first to change it\n',
    ]);
    await addSubject('--name', 'mark ellison', '--role', 'reference');
    const ambiguous = await custos('subject', 'show', path, 'Mark Ellison');
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toMatch(
      /2 subjects are called "Mark Ellison": "Mark Ellison" \(laptop-farm-host\) [0-9a-f-]{36}, "mark ellison" \(reference\) [0-9a-f-]{36}; give the id/,
    );
    const nothing = await custos('subject', 'link', path, 'Jin-ho Park', '--to', 'E-0099', '--relation', 'x');
    expect(nothing.stderr).toMatch(/nothing in this case is called "E-0099"/);
    expect(auditActions()).toHaveLength(before + 1);

    const list = await ok('subject', 'list', path);
    expect(list).toContain('Jin-ho Park  worker, identity false, aka 김정호, Ярослав  (id ');
    const actions = auditActions();
    expect(actions.filter((a) => a === 'subject.add')).toHaveLength(4);
    expect(actions.filter((a) => a === 'subject.link')).toHaveLength(5);
    const by = readCase(path, (db) =>
      db.prepare("SELECT actor_name FROM audit_log WHERE action = 'subject.link' ORDER BY seq LIMIT 1").pluck().get(),
    );
    expect(by).toBe('Lee Moreau');

    const verify = await custos('verify', path);
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
  });
});

describe('custos indicator import', () => {
  const LIST = [
    '# wallets, accounts and hosts from the investigation notes',
    'btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5',
    'eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    'tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    'ipv6:2001:0DB8:0000:0000:0000:0000:0000:0001',
    'payoneer:Jin.Park@Example.COM',
    'username/github:@JinhoPark-dev',
    '',
    'iban:GB82 WEST 1234 5698 7654 33',
    'domain:münchen-jobs.de',
    'remote-tool/anydesk:123 456 789',
    'hostname:LAPTOP-7F3K.',
  ].join('\n');

  it('adds the good lines, reports the refused ones and exits 1; again, finds them all present', async () => {
    await addSubject('--name', 'Jin-ho Park', '--role', 'worker');
    const listFile = join(dir, 'indicators.txt');
    writeFileSync(listFile, LIST);
    const first = await custos('indicator', 'import', path, listFile, '--subject', 'jin-ho park');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1);
    const lines = first.stdout.split('\n');
    expect(lines.slice(0, 10)).toEqual([
      'line 2   refused          btc bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5 fails its checksum: a character is wrong or two are swapped',
      'line 3   added            eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed  (written without its checksum case; not checked)',
      'line 4   added            tron TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      'line 5   added            ip 2001:db8::1',
      'line 6   added            payment-account jin.park@example.com (payoneer)',
      'line 7   added            username jinhopark-dev (github)',
      'line 9   refused          iban GB82 WEST 1234 5698 7654 33 fails its check digits: a character is wrong or two are swapped',
      'line 10  added            domain xn--mnchen-jobs-thb.de  (written münchen-jobs.de)',
      'line 11  added            remote-tool 123456789 (anydesk)',
      'line 12  added            hostname laptop-7f3k',
    ]);
    expect(lines[10]).toMatch(/^8 added, 0 already present, 2 refused \(not imported: mend those lines/);
    expect(lines[11]).toMatch(/^Audit head: /);
    const rows = JSON.parse(await ok('indicator', 'list', path, '--json')) as IndicatorRow[];
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.subjects.map((s) => s.name).join() === 'Jin-ho Park')).toBe(true);
    expect(auditActions().filter((a) => a === 'indicator.import')).toHaveLength(1);

    const again = await custos('indicator', 'import', path, listFile, '--json');
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, present: 8, refused: 2, written: true });
    expect(auditActions().filter((a) => a.startsWith('indicator.'))).toEqual(['indicator.import']);

    const listed = await ok('indicator', 'list', path, '--type', 'payoneer');
    expect(listed).toMatch(
      /^payment-account {2}jin\.park@example\.com \(payoneer\) {2}confidence medium {2}TLP:AMBER {2}subjects: Jin-ho Park {2}\(id /,
    );
    const verify = await custos('verify', path);
    expect(verify.status).toBe(0);
  });

  it('refuses a folder, a file over 4 MiB and bytes that are not UTF-8, naming the problem', async () => {
    const folder = join(dir, 'lists');
    mkdirSync(folder);
    const big = join(dir, 'big.txt');
    writeFileSync(big, Buffer.alloc(4 * 1024 * 1024 + 1, 'a'));
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from('type,value\npostal-address,M\xfcnchen\n', 'latin1'));
    for (const [file, problem] of [
      [folder, /is a folder; give the file that holds the list/],
      [big, /is 4\.0 MiB; at most 4 MiB is read at once: split it/],
      [latin1, /is not UTF-8 text; save it as UTF-8/],
    ] as const) {
      const result = await custos('indicator', 'import', path, file);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(problem);
    }
    expect(auditActions().some((a) => a.startsWith('indicator.'))).toBe(false);
  });

  it('adds one indicator with its platform and times, and lists the types', async () => {
    const added = await ok(
      ...['indicator', 'add', path, 'payoneer', 'JIN.PARK@example.com', '--first-seen', '2026-02-03T09:00+09:00'],
      ...['--confidence', 'high'],
    );
    expect(added).toMatch(/^Added payment-account jin\.park@example\.com \(payoneer\); id /);
    const refused = await custos('indicator', 'add', path, 'username', 'octocat');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/username needs its platform: the site or app it is on, such as github/);
    const types = await ok('indicator', 'types');
    expect(types).toMatch(/^username {9}User name on a platform \(needs a platform\); also user, handle, account$/m);
    expect(await ok('indicator', 'list', path)).toMatch(/seen 2026-02-03 09:00:00 \+09:00 – \?/);
  });

  it('imports a column of values under the type and platform --type names', async () => {
    const accounts = join(dir, 'accounts.txt');
    writeFileSync(accounts, 'Jin.Park@Example.COM\nP-1234 5678\n');
    const payoneer = await custos('indicator', 'import', path, accounts, '--type', 'payoneer');
    expect(payoneer.stderr).toBe('');
    expect(payoneer.status).toBe(0);
    expect(payoneer.stdout.split('\n').slice(0, 2)).toEqual([
      'line 1  added            payment-account jin.park@example.com (payoneer)',
      'line 2  added            payment-account P12345678 (payoneer)',
    ]);
    const wallets = join(dir, 'wallets.txt');
    const xmr = '4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge';
    writeFileSync(wallets, `${xmr}\nwallet:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n`);
    const monero = await custos('indicator', 'import', path, wallets, '--type', 'wallet/XMR', '--json');
    expect(monero.status).toBe(0);
    expect(JSON.parse(monero.stdout)).toMatchObject({
      added: 2,
      lines: [
        { type: 'wallet', normalised: xmr },
        {
          type: 'btc',
          normalised: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
          reason: 'stored as btc; the platform xmr is not kept',
        },
      ],
    });
    const names = join(dir, 'names.txt');
    writeFileSync(names, '@JinhoPark\n');
    expect(await ok('indicator', 'import', path, names, '--type', 'username/telegram')).toMatch(
      /^line 1 {2}added {12}username jinhopark \(telegram\)$/m,
    );
    const rows = JSON.parse(await ok('indicator', 'list', path, '--json')) as IndicatorRow[];
    expect(rows.map((r) => `${r.type}/${r.platform}`)).toEqual([
      'btc/',
      'payment-account/payoneer',
      'payment-account/payoneer',
      'username/telegram',
      'wallet/xmr',
    ]);
    const twice = await custos('indicator', 'import', path, names, '--type', 'payoneer/wise');
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/--type "payoneer\/wise" names two platforms; give one, as payment-account\/PLATFORM/);
    // One indicator at a time takes TYPE/PLATFORM too.
    expect(await ok('indicator', 'add', path, 'username/github', 'octocat')).toMatch(
      /^Added username octocat \(github\); id /,
    );
  });
});

describe('removing on the command line', () => {
  it('unlinks, removes a subject and an indicator (by a value in another form); rows stay, marked removed', async () => {
    const worker = await addSubject('--name', 'Jin-ho Park', '--role', 'worker');
    await addSubject('--name', 'Dana Kowalczyk', '--role', 'facilitator');
    await ok('subject', 'link', path, 'Dana Kowalczyk', '--to', 'Jin-ho Park', '--relation', 'referred');
    await ok('indicator', 'add', path, 'ip', '2001:db8::1', '--subject', 'Jin-ho Park');
    const shown = JSON.parse(await ok('subject', 'show', path, 'Dana Kowalczyk', '--json')) as {
      links: { id: string }[];
    };
    const linkId = shown.links[0]!.id;

    expect(await ok('subject', 'unlink', path, linkId)).toContain(`Unlinked ${linkId}`);
    const after = JSON.parse(await ok('subject', 'show', path, 'Dana Kowalczyk', '--json')) as { links: unknown[] };
    expect(after.links).toEqual([]);

    // The long form of the address finds the indicator stored compressed.
    expect(await ok('indicator', 'remove', path, '2001:0db8:0000:0000:0000:0000:0000:0001')).toContain(
      'Removed indicator',
    );
    const listed = JSON.parse(await ok('indicator', 'list', path, '--json')) as IndicatorRow[];
    expect(listed).toEqual([]);

    expect(await ok('subject', 'remove', path, 'Jin-ho Park')).toContain(`Removed subject Jin-ho Park (${worker.id})`);
    const subjects = JSON.parse(await ok('subject', 'list', path, '--json')) as Subject[];
    expect(subjects.map((s) => s.name)).toEqual(['Dana Kowalczyk']);

    // Nothing is deleted: the link unlinked is there, marked removed (a removed subject keeps its links,
    // as its record), and each removal is one audit entry.
    expect(
      readCase(path, (db) => db.prepare('SELECT count(*) FROM subject_link WHERE removed = 1').pluck().get()),
    ).toBe(1);
    expect(readCase(path, (db) => db.prepare('SELECT removed FROM subject WHERE id = ?').pluck().get(worker.id))).toBe(
      1,
    );
    expect(auditActions().slice(-3)).toEqual(['subject.unlink', 'indicator.remove', 'subject.remove']);

    const wrong = await custos('indicator', 'remove', path, 'Dana Kowalczyk');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('is not an indicator of this case');
  });
});
