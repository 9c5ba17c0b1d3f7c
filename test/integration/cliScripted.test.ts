import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliResult } from '../helpers/cli.ts';
import { readCase, runCustosInProcess } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempCase.ts';
import { pythonVerdict } from '../helpers/verdicts.ts';

/**
 * Everything the app records can be recorded from the command line too, so a case can be scripted
 * end to end: these tests do that, with nothing but `custos` commands, and then read the file.
 */
let dir: string;
let dataDir: string;
let cleanup: () => void;
let path: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  path = join(dir, 'kim.custos');
});
afterEach(() => cleanup());

const custos = (...args: string[]) => runCustosInProcess(dataDir, args);

/** Exit 0, nothing on stderr: the output. */
async function ok(...args: string[]): Promise<string> {
  const result = await custos(...args);
  expect(result.stderr, args.join(' ')).toBe('');
  expect(result.status, args.join(' ')).toBe(0);
  return result.stdout;
}

const json = async <T>(...args: string[]): Promise<T> => JSON.parse(await ok(...args, '--json')) as T;

function refused(result: CliResult, message: RegExp | string): void {
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toMatch(/^custos: [^\n]+\n$/);
  expect(result.stderr).toMatch(message);
}

const actions = () =>
  readCase(path, (db) => db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[]);

describe('a case scripted end to end with custos', () => {
  it('profile, case record, timeline, notes, evidence of every kind, links, holds and disposal: all audited, and the case verifies', async () => {
    // The examiner first: every writing command below records them without --as.
    expect(
      await ok(
        'profile',
        'set',
        '--name',
        'Dana Whitfield',
        '--role',
        'IR lead',
        '--organisation',
        'Acme',
        '--time-zone',
        'Europe/Berlin',
      ),
    ).toMatch(/^Examiner: Dana Whitfield \(IR lead, Acme\); the app also shows times in Europe\/Berlin\n/);
    const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { profile: unknown };
    expect(settings.profile).toEqual({
      name: 'Dana Whitfield',
      role: 'IR lead',
      organisation: 'Acme',
      timeZone: 'Europe/Berlin',
    });
    expect(await ok('profile', 'show')).toBe(
      'Examiner: Dana Whitfield (IR lead, Acme); the app also shows times in Europe/Berlin\n',
    );

    await ok(
      'new',
      path,
      '--title',
      'Contractor J. Kim',
      '--type',
      'both',
      '--reference',
      'IR-2026-014',
      '--severity',
      'critical',
      '--tlp',
      'red',
      '--lead',
      'Dana Whitfield',
    );
    await ok(
      'case',
      'set',
      path,
      '--status',
      'contained',
      '--counsel',
      'R. Alvarez',
      '--aware-at',
      '2026-10-30T08:00',
      '--aware-zone',
      'Europe/Berlin',
    );
    const info = await json<{ case: Record<string, unknown> }>('info', path);
    expect(info.case).toMatchObject({
      title: 'Contractor J. Kim',
      caseType: 'infiltration_and_extortion',
      reference: 'IR-2026-014',
      status: 'contained',
      severity: 'critical',
      tlp: 'RED',
      leadInvestigator: 'Dana Whitfield',
      legalCounsel: 'R. Alvarez',
      awareAt: '2026-10-30T07:00:00.000Z',
      awareZone: 'Europe/Berlin',
    });

    // Timeline: add, list, edit, remove.
    const laptop = (
      await json<{ event: { id: string } }>(
        'timeline',
        'add',
        path,
        '--at',
        '2026-10-30T22:14',
        '--zone',
        'Asia/Seoul',
        '--title',
        'Laptop delivered to facilitator address',
        '--category',
        'device',
      )
    ).event;
    const vpn = (
      await json<{ event: { id: string } }>(
        'timeline',
        'add',
        path,
        '--at',
        '2026-10-29T09:05-05:00',
        '--title',
        'VPN sign-in via residential proxy',
      )
    ).event;
    await ok('timeline', 'edit', path, vpn.id, '--category', 'access', '--source', 'Okta');
    const events = await json<{ id: string; title: string; category: string; source: string; occurredAt: string }[]>(
      'timeline',
      'list',
      path,
    );
    expect(events.map((e) => [e.title, e.category, e.source, e.occurredAt])).toEqual([
      ['VPN sign-in via residential proxy', 'access', 'Okta', '2026-10-29T14:05:00.000Z'],
      ['Laptop delivered to facilitator address', 'device', '', '2026-10-30T13:14:00.000Z'],
    ]);

    // Notes, one privileged; --title becomes the first line.
    const note = (
      await json<{ note: { id: string; body: string; privileged: boolean; author: string } }>(
        'note',
        'add',
        path,
        '--title',
        'Counsel call',
        '--text',
        'Preserve the laptop; no contact with the worker.',
        '--privileged',
      )
    ).note;
    expect(note).toMatchObject({
      body: 'Counsel call\n\nPreserve the laptop; no contact with the worker.',
      privileged: true,
      author: 'Dana Whitfield',
    });
    const draft = (await json<{ note: { id: string } }>('note', 'add', path, '--text', 'Draft, to be removed')).note;
    await ok('note', 'edit', path, draft.id, '--text', 'Draft, edited');
    await ok('note', 'remove', path, draft.id);
    expect(
      (await json<{ id: string; privileged: boolean }[]>('note', 'list', path)).map((n) => [n.id, n.privileged]),
    ).toEqual([[note.id, true]]);
    expect(await ok('note', 'list', path)).toMatch(/PRIVILEGED {2}Dana Whitfield: Counsel call {2}\(id /);

    // Evidence of every kind.
    const file = join(dir, 'ransom-demand.eml');
    writeFileSync(file, 'From: x\n\nPay 3 BTC or the source code goes public.\n');
    await ok('evidence', 'add', path, file, '--md5', '--description', 'Extortion e-mail');
    await ok(
      'evidence',
      'add-physical',
      path,
      '--description',
      'Company laptop back from the farm',
      '--make',
      'Lenovo',
      '--model',
      'T14',
      '--serial',
      'PF-4KX2',
      '--seal',
      'EVB-20931',
    );
    await ok(
      'evidence',
      'add-text',
      path,
      '--text',
      'Telegram: "you have 48 hours"',
      '--method',
      'Read aloud on a call and typed',
      '--description',
      'Threat by phone',
    );
    const items = await json<{ exhibit: string; kind: string; sealNumber: string; sha256: string | null }[]>(
      'evidence',
      'list',
      path,
    );
    expect(items.map((i) => [i.exhibit, i.kind])).toEqual([
      ['E-0001', 'file'],
      ['E-0002', 'physical'],
      ['E-0003', 'text'],
    ]);
    expect(items[1]!.sealNumber).toBe('EVB-20931');

    // Links from an item to an event, a note and another item; one removed again.
    await ok('evidence', 'link', path, 'E-0002', '--to-event', laptop.id, '--relation', 'delivered');
    await ok('evidence', 'link', path, 'E-0001', '--to-note', note.id);
    const itemLink = (await json<{ link: { id: string } }>('evidence', 'link', path, 'E-0003', '--to-item', 'E-0001'))
      .link;
    await ok('evidence', 'unlink', path, itemLink.id);
    const shown = await json<{ links: { relation: string; label: string }[]; custody: { type: string }[] }>(
      'evidence',
      'show',
      path,
      'E-0002',
    );
    expect(shown.links).toEqual([
      expect.objectContaining({ relation: 'delivered', label: 'Laptop delivered to facilitator address' }),
    ]);
    expect(shown.custody.map((c) => c.type)).toEqual(['acquisition']);
    expect(await ok('evidence', 'show', path, 'E-0002')).toMatch(
      /^Exhibit: {5}E-0002 \(physical\)\nDescription: Company laptop back from the farm\nMake\/model: {2}Lenovo T14\nSerial: {6}PF-4KX2\nSeal: {8}EVB-20931\n[\s\S]*Links:\n {2}\S+ {2}delivered → timeline_event Laptop delivered/,
    );

    // A hold on the whole case stops disposal until it is released.
    const hold = (await json<{ hold: { id: string } }>('hold', 'place', path, '--reason', 'Litigation expected')).hold;
    const dispose = [
      'evidence',
      'dispose',
      path,
      'E-0002',
      '--method',
      'Returned to owner',
      '--reason',
      'Case closed',
      '--authorised-by',
      'R. Alvarez',
    ];
    refused(
      await custos(...dispose),
      /E-0002 cannot be disposed of: a legal hold on the whole case .* is in force; release it first/,
    );
    expect(await ok('hold', 'list', path)).toMatch(
      new RegExp(`^${hold.id} {2}IN FORCE +whole case: Litigation expected`),
    );
    await ok('hold', 'release', path, hold.id, '--reason', 'Settled');
    expect(await ok(...dispose)).toBe(`Disposal recorded; the record remains\nAudit head: ${await headOf()}\n`);

    expect(actions()).toEqual([
      'case.create',
      'case.update',
      'timeline.add',
      'timeline.add',
      'timeline.update',
      'note.add',
      'note.add',
      'note.update',
      'note.remove',
      'evidence.add',
      'evidence.add',
      'evidence.add',
      'evidence.link',
      'evidence.link',
      'evidence.link',
      'evidence.unlink',
      'hold.place',
      'hold.release',
      'custody.disposal',
    ]);
    // Every entry names the examiner of the profile.
    expect(
      readCase(path, (db) =>
        db.prepare('SELECT DISTINCT actor_name, actor_role, actor_organisation FROM audit_log').all(),
      ),
    ).toEqual([{ actor_name: 'Dana Whitfield', actor_role: 'IR lead', actor_organisation: 'Acme' }]);
    expect(await ok('verify', path)).toMatch(/^INTACT: /);
    const python = pythonVerdict(path);
    expect(python.exitCode).toBe(0);

    await ok('timeline', 'remove', path, laptop.id);
    expect((await json<unknown[]>('timeline', 'list', path)).length).toBe(1);
  });
});

async function headOf(): Promise<string> {
  return readCase(path, (db) => {
    const row = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      seq: number;
      hash: string;
    };
    return `${row.seq}:${row.hash}`;
  });
}

describe('what the custody record says about a file and the tool that read it', () => {
  it('states only what was done and what the examiner said: no invented tool version, no copy that was not made', async () => {
    await ok('new', path, '--title', 'T', '--as', 'A, B, C');
    const image = join(dir, 'laptop.E01');
    writeFileSync(image, 'disk image stand-in');
    const mail = join(dir, 'demand.eml');
    writeFileSync(mail, 'Pay or we publish');
    await ok('evidence', 'add', path, image, '--by-reference', '--tool', 'FTK Imager', '--as', 'A, B, C');
    await ok('evidence', 'add', path, mail, '--as', 'A, B, C');
    const rows = readCase(
      path,
      (db) =>
        db
          .prepare(
            `SELECT i.exhibit, i.tool, i.tool_version, i.method, c.details FROM evidence_item i
             JOIN custody_event c ON c.item_id = i.id AND c.type = 'acquisition' ORDER BY i.exhibit`,
          )
          .all() as { exhibit: string; tool: string; tool_version: string; method: string; details: string }[],
    );
    expect(rows.map(({ exhibit, tool, tool_version, method }) => ({ exhibit, tool, tool_version, method }))).toEqual([
      // Another tool without --tool-version: no version, never Custos's own.
      {
        exhibit: 'E-0001',
        tool: 'FTK Imager',
        tool_version: '',
        method: 'Hashed where it lies (referenced, not copied)',
      },
      {
        exhibit: 'E-0002',
        tool: 'Custos',
        tool_version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        method: 'Logical copy of the file',
      },
    ]);
    expect(rows[0]!.details).toMatch(
      /^Hashed where it lies \(referenced, not copied\) with FTK Imager; SHA-256 [0-9a-f]{64}$/,
    );
  });
});

describe('a note from the command line', () => {
  it('is shown whole, and its title or its text can be changed without losing the other', async () => {
    await ok('new', path, '--title', 'T', '--as', 'A, B, C');
    const { note } = await json<{ note: { id: string } }>(
      'note',
      'add',
      path,
      '--title',
      'Call with counsel',
      '--text',
      'Do not pay.\nPreserve everything.',
      '--as',
      'A, B, C',
    );
    expect(await ok('note', 'show', path, note.id)).toMatch(
      /^Note [0-9a-f-]{36}\nBy A, \S+\n\nCall with counsel\n\nDo not pay\.\nPreserve everything\.\n$/,
    );
    await ok('note', 'edit', path, note.id, '--title', 'Call with outside counsel', '--as', 'A, B, C');
    const body = async () => (await json<{ body: string }>('note', 'show', path, note.id)).body;
    expect(await body()).toBe('Call with outside counsel\n\nDo not pay.\nPreserve everything.');
    await ok('note', 'edit', path, note.id, '--text', 'Pay nothing.', '--as', 'A, B, C');
    expect(await body()).toBe('Pay nothing.');
    await ok(
      'note',
      'edit',
      path,
      note.id,
      '--title',
      'Decision',
      '--text',
      'Pay nothing.',
      '--privileged',
      '--as',
      'A, B, C',
    );
    expect(await body()).toBe('Decision\n\nPay nothing.');
    expect(await ok('note', 'show', path, note.id)).toMatch(/^Note \S+ {2}PRIVILEGED\nBy A, \S+ \(changed \S+\)\n/);
    refused(await custos('note', 'show', path, 'nope'), 'note nope does not exist in this case');
  });
});

describe('the new commands refuse what they cannot record, and record nothing', () => {
  beforeEach(async () => {
    await ok('new', path, '--title', 'T', '--as', 'A, B, C');
  });

  it('names the option or argument at fault, with the fix', async () => {
    const before = actions();
    refused(
      await custos(
        'profile',
        'set',
        '--name',
        'D',
        '--role',
        'R',
        '--organisation',
        'O',
        '--time-zone',
        'Mars/Olympus',
      ),
      '--time-zone: Mars/Olympus is not a time zone; use a name such as Europe/Berlin or UTC',
    );
    refused(await custos('profile', 'set', '--name', 'D'), /--role: /);
    refused(await custos('case', 'set', path, '--as', 'A, B, C'), 'give at least one field to change');
    refused(
      await custos('case', 'set', path, '--status', 'solved', '--as', 'A, B, C'),
      '--status: status must be one of: open, contained, closed',
    );
    refused(await custos('note', 'add', path, '--as', 'A, B, C'), '--text is required');
    refused(
      await custos('note', 'edit', path, 'x', '--privileged', '--not-privileged', '--as', 'A, B, C'),
      'give --privileged or --not-privileged, not both',
    );
    refused(
      await custos('note', 'edit', path, '00000000-0000-4000-8000-000000000000', '--text', 'x', '--as', 'A, B, C'),
      /note 00000000-0000-4000-8000-000000000000 does not exist in this case/,
    );
    refused(await custos('timeline', 'edit', path, '--as', 'A, B, C'), 'give the event ID after FILE');
    refused(
      await custos('evidence', 'add-text', path, '--method', 'typed', '--description', 'd', '--as', 'A, B, C'),
      '--text: Captured text is required',
    );
    refused(
      await custos('evidence', 'add-physical', path, '--as', 'A, B, C'),
      '--description: Description is required',
    );
    refused(
      await custos('evidence', 'link', path, 'E-0001', '--to-note', 'a', '--to-item', 'b', '--as', 'A, B, C'),
      'give exactly one of --to-event, --to-note or --to-item',
    );
    refused(
      await custos('evidence', 'link', path, 'E-0001', '--to-note', 'a', '--as', 'A, B, C'),
      /no evidence item E-0001 in this case/,
    );
    refused(
      await custos('hold', 'release', path, 'h', '--as', 'A, B, C'),
      '--reason is required: say why the hold is released',
    );
    refused(await custos('hold', 'place', path, '--as', 'A, B, C'), /--reason: Say why the hold is placed/);
    refused(await custos('evidence', 'dispose', path, 'E-0001', '--as', 'A, B, C'), /--method: /);
    refused(
      await custos('note', 'frobnicate', path),
      'unknown note command "frobnicate" (add, list, show, edit, remove)',
    );
    refused(await custos('hold'), 'a hold command is required (place, release, list)');
    expect(actions()).toEqual(before);
  });

  it('--help prints the command’s usage, and help lists every command', async () => {
    expect(await ok('note', 'add', '--help')).toMatch(
      /^Usage: custos note add FILE --text T \[--title T\] \[--privileged\]/,
    );
    expect(await ok('evidence', 'dispose', '-h')).toMatch(/^Usage: custos evidence dispose FILE ID --method M/);
    const help = await ok('help');
    for (const command of [
      'profile set',
      'case set',
      'note add',
      'note edit',
      'timeline edit',
      'evidence add-physical',
      'evidence add-text',
      'evidence show',
      'evidence dispose',
      'evidence link',
      'evidence unlink',
      'hold place',
      'hold release',
      'hold list',
    ]) {
      expect(help).toContain(`custos ${command} `);
    }
  });

  it('each command’s usage names each of its options once', async () => {
    const help = await ok('help');
    // One command's usage runs from its "custos …" line to the next one.
    const list = help.split('\n\n')[1] ?? '';
    const usages = list.split(/\n(?= {2}custos )/);
    expect(usages.length).toBeGreaterThanOrEqual(30);
    for (const usage of usages) {
      // Notes in parentheses mention options again ("--aware-at \"\" clears it"); the syntax does not.
      const syntax = usage.replace(/\([^)]*\)/g, '');
      const flags = [...syntax.matchAll(/(--[a-z-]+)/g)].map((m) => m[1]);
      const repeated = flags.filter((flag, i) => flags.indexOf(flag) !== i);
      expect(repeated, usage.split('\n')[0]).toEqual([]);
    }
  });
});
