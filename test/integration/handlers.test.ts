import {
  closeSync,
  copyFileSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/core/handlers/index.ts';
import { checkedHandlers } from '../helpers/contract.ts';
import type { HandlerSet } from '../../electron/core/handlers/index.ts';
import { openAppData } from '../../electron/core/appData.ts';
import { CHANNELS } from '../../shared/ipc/channels.ts';
import { EXAMINER, sha256File, steppingClock, tempDir } from '../helpers/tempCase.ts';
import { thirdParty } from '../helpers/cacao.ts';
import { cacaoSchemaErrors } from '../../electron/core/playbooks/cacaoSchema.ts';
import type { PlaybookTemplate } from '../../shared/domain/playbook.ts';
import { createHash } from 'node:crypto';

let dir: string;
let cleanup: () => void;
let handlers: HandlerSet;
let casePath: string;
/** What the native file dialogs return next, as the person picks it. */
let evidenceFiles: string[] | null;
let exportFolder: string | null;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  casePath = join(dir, 'case.custos');
  evidenceFiles = null;
  exportFolder = null;
  handlers = checkedHandlers(
    createHandlers({
      appData: openAppData(join(dir, 'data')),
      clock: steppingClock(),
      dialogs: {
        chooseCaseToOpen: async () => casePath,
        chooseNewCasePath: async () => casePath,
        chooseEvidenceFiles: async () => evidenceFiles,
        chooseExportFolder: async () => exportFolder,
        chooseSavePath: async (name: string) => (exportFolder ? join(exportFolder, name) : null),
        chooseReportPath: async () => null,
        chooseReportToVerify: async () => null,
      },
      version: 'test',
      systemTimeZone: 'UTC',
    }),
  );
});
afterEach(() => {
  handlers.dispose();
  cleanup();
});

const ok = async (channel: string, req?: unknown) => {
  const result = await handlers.invoke(channel, req);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
};

/** Creates the case where the save dialog says, as the New case form does. */
async function createCase(title: string, extra: Record<string, unknown> = {}) {
  await ok('dialog:chooseNewCasePath', {});
  return ok('case:create', { path: casePath, draft: { title, ...extra } });
}

/** Picks files in the Add files dialog. */
async function chooseFiles(...paths: string[]) {
  evidenceFiles = paths;
  await ok('dialog:chooseEvidenceFiles', {});
}

describe('the handler table behind every IPC channel', () => {
  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(handlers.table).sort()).toEqual([...CHANNELS].sort());
  });

  it('refuses to write before an examiner profile exists, and says what to do', async () => {
    const result = await handlers.invoke('case:create', { path: casePath, draft: { title: 'x' } });
    expect(result).toEqual({
      ok: false,
      error: { code: 'NO_PROFILE', message: 'Set up your examiner profile (name, role, organisation) first' },
    });
  });

  it('answers invalid requests with { ok: false, error } and writes nothing', async () => {
    await ok('profile:set', { ...EXAMINER, timeZone: '' });
    await createCase('Extortion e-mail');
    await ok('timeline:add', { at: '2026-11-02T10:00Z', title: 'Demand received' });
    const before = (await ok('audit:list', {})).total;
    const hash = () => sha256File(casePath);

    const bad: [string, unknown, RegExp][] = [
      ['timeline:add', { at: '2026-11-02T10:00Z', title: '' }, /title: Title is required/],
      ['timeline:add', { at: 'next tuesday', title: 'x', zone: 'UTC' }, /is not a date and time/],
      ['timeline:add', { at: '2026-11-02T10:00', title: 'x', zone: 'Nowhere/Land' }, /not a time zone/],
      ['case:update', { tlp: 'PURPLE' }, /TLP must be one of/],
      ['case:update', { titel: 'typo' }, /Unrecognized key/],
      ['notes:add', { body: 42 }, /Note text must be text/],
      ['timeline:update', { id: 'no-such-id', patch: { title: 'x' } }, /does not exist in this case/],
      ['timeline:list', { offset: -1 }, /offset/],
      ['audit:verify', { expectHead: '5:abc' }, /SEQ:HASH/],
      ['no:such-channel', {}, /unknown channel/],
      ['case:open', { path: '' }, /a file path is required/],
    ];
    for (const [channel, req, message] of bad) {
      const before = hash();
      const result = await handlers.invoke(channel, req);
      expect(result.ok, channel).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
      expect(hash(), channel).toBe(before);
    }
    expect((await ok('audit:list', {})).total).toBe(before);
  });

  it("keeps the examiner's store limit in settings.json, and files above it are referenced in place", async () => {
    await ok('profile:set', { ...EXAMINER, timeZone: '' });
    expect((await ok('app:info')).storeLimitBytes).toBe(2 * 1024 ** 3);
    for (const bytes of [0, -5, 1.5, '2G']) {
      const refused = await handlers.invoke('settings:setStoreLimit', { bytes });
      expect(refused.ok, String(bytes)).toBe(false);
      if (!refused.ok) expect(refused.error.message).toMatch(/store limit must be|expected number/);
    }
    expect(await handlers.invoke('settings:setStoreLimit', { bytes: 4096 })).toEqual({ ok: true, value: 4096 });
    expect(JSON.parse(readFileSync(join(dir, 'data', 'settings.json'), 'utf8')).storeLimitBytes).toBe(4096);
    expect((await ok('app:info')).storeLimitBytes).toBe(4096);

    await createCase('Extortion e-mail');
    const small = join(dir, 'demand.eml');
    const large = join(dir, 'chat-export.json');
    writeFileSync(small, 'x'.repeat(4096));
    writeFileSync(large, 'y'.repeat(4097));
    await chooseFiles(small, large);
    const added = (await handlers.invoke('evidence:add', { paths: [small, large], draft: {} })) as {
      ok: true;
      value: { added: { storage: string }[] };
    };
    expect(added.value.added.map((i) => i.storage)).toEqual(['embedded', 'reference']);
  });

  it('while evidence is being added, refuses to close or switch the case or read all its bytes, and Cancel stops only the add', async () => {
    await ok('profile:set', { ...EXAMINER, timeZone: '' });
    await createCase('Extortion e-mail');
    const image = join(dir, 'laptop.img');
    const fd = openSync(image, 'w');
    ftruncateSync(fd, 512 * 1024 * 1024);
    closeSync(fd);
    await chooseFiles(image);
    const adding = handlers.invoke('evidence:add', { paths: [image], draft: {} });
    for (const [channel, req, then] of [
      ['case:close', {}, 'close the case'],
      ['case:create', { path: join(dir, 'other.custos'), draft: { title: 'Other' } }, 'create the case'],
      ['audit:verify', {}, 'verify the case'],
      ['evidence:verify', { ids: [] }, 'verify'],
    ] as const) {
      expect(await handlers.invoke(channel, req), channel).toEqual({
        ok: false,
        error: { code: 'BUSY', message: `Evidence is being added; wait for it to finish or cancel it, then ${then}` },
      });
    }
    expect(await handlers.invoke('evidence:cancel', { task: 'export' })).toEqual({ ok: true, value: false });
    expect(await handlers.invoke('evidence:cancel', { task: 'add' })).toEqual({ ok: true, value: true });
    expect(await adding).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await handlers.invoke('case:close', {})).toEqual({ ok: true, value: null });
  });

  it('keeps one case open at a time and reopens it from the recent list', async () => {
    await ok('profile:set', { ...EXAMINER, timeZone: '' });
    await createCase('First', { reference: 'IR-1' });
    expect(await ok('case:current')).toMatchObject({ path: casePath });
    await ok('case:close');
    expect(await handlers.invoke('case:current', {})).toEqual({ ok: true, value: null });
    const recent = (await handlers.invoke('recent:list', {})) as {
      ok: true;
      value: { path: string; title: string; exists: boolean }[];
    };
    expect(recent.value).toEqual([
      expect.objectContaining({ path: casePath, title: 'First', reference: 'IR-1', exists: true }),
    ]);
    const chosen = await ok('dialog:chooseCaseToOpen');
    expect(await ok('case:open', chosen)).toMatchObject({ record: expect.objectContaining({ title: 'First' }) });
    expect(await ok('timeline:add', { at: '2026-11-02T10:00Z', title: 'after reopening' })).toMatchObject({
      title: 'after reopening',
    });
  });

  it('runs calls one at a time, so a verification never sees half a write', async () => {
    await ok('profile:set', { ...EXAMINER, timeZone: '' });
    await createCase('Concurrent');
    const calls = [
      handlers.invoke('audit:verify', {}),
      ...Array.from({ length: 20 }, (_, i) =>
        handlers.invoke('timeline:add', { at: '2026-11-02T10:00Z', title: `event ${i}` }),
      ),
      handlers.invoke('audit:verify', {}),
    ];
    const results = await Promise.all(calls);
    expect(results.every((r) => r.ok)).toBe(true);
    const first = results[0] as { ok: true; value: { ok: boolean; head: { seq: number } } };
    const last = results.at(-1) as { ok: true; value: { ok: boolean; head: { seq: number } } };
    expect([first.value.ok, first.value.head.seq]).toEqual([true, 1]);
    expect([last.value.ok, last.value.head.seq]).toEqual([true, 21]);
  });

  it('acts only on paths the examiner chose in its dialogs or dropped: a page cannot name one', async () => {
    await ok('profile:set', { ...EXAMINER, timeZone: '' });
    const invented = join(dir, 'chosen-by-the-page.custos');
    // Creating and opening cases.
    expect(await handlers.invoke('case:create', { path: invented, draft: { title: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'PATH_NOT_CHOSEN' },
    });
    expect(existsSync(invented)).toBe(false);
    await createCase('Chosen');
    const secret = join(dir, 'elsewhere.custos');
    copyFileSync(casePath, secret);
    await ok('case:close');
    const refusal = await handlers.invoke('case:open', { path: secret });
    expect(refusal).toEqual({
      ok: false,
      error: {
        code: 'PATH_NOT_CHOSEN',
        message: `"${secret}" was not chosen by you in Custos, so it is not used; choose it with Open case… (or from the recent cases)`,
      },
    });
    // A case on the recent list is one Custos opened before: it may be opened again.
    expect(await ok('case:open', { path: casePath })).toMatchObject({
      record: expect.objectContaining({ title: 'Chosen' }),
    });
    // Evidence files: invented paths are refused, with nothing read or written.
    const before = sha256File(casePath);
    for (const path of ['/etc/passwd', join(dir, 'data', 'settings.json'), casePath]) {
      const result = await handlers.invoke('evidence:add', { paths: [path], draft: {} });
      expect(result, path).toMatchObject({ ok: false, error: { code: 'PATH_NOT_CHOSEN' } });
    }
    expect(sha256File(casePath)).toBe(before);
    // Chosen in the dialog, or dropped on the window (the preload hands main the dropped Files' paths).
    const chosen = join(dir, 'demand.eml');
    const dropped = join(dir, 'chat.json');
    writeFileSync(chosen, 'Pay 40 BTC');
    writeFileSync(dropped, '{"messages":[]}');
    await chooseFiles(chosen);
    expect(handlers.grantDropped([dropped])).toEqual([dropped]);
    const added = await ok('evidence:add', { paths: [chosen, dropped], draft: {} });
    expect((added as unknown as { added: { exhibit: string }[] }).added.map((i) => i.exhibit)).toEqual([
      'E-0001',
      'E-0002',
    ]);
    // Export folders likewise.
    const folder = join(dir, 'for-police');
    mkdirSync(folder);
    expect(await handlers.invoke('evidence:export', { ids: [], dir: folder })).toMatchObject({
      ok: false,
      error: { code: 'PATH_NOT_CHOSEN' },
    });
    expect(readdirSync(folder)).toEqual([]);
    exportFolder = folder;
    await ok('dialog:chooseExportFolder', {});
    expect((await ok('evidence:export', { ids: [], dir: folder })).files).toHaveLength(2);
  });

  it('refuses text that is not well-formed (a lone surrogate) on every channel, so a case written through Custos always verifies', async () => {
    const refused = await handlers.invoke('profile:set', { ...EXAMINER, name: 'Dana \ud800Whitfield' });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'name: the text is not well-formed (it holds a lone UTF-16 surrogate); type it again',
      },
    });
    expect(existsSync(join(dir, 'data', 'settings.json'))).toBe(false);
    await ok('profile:set', EXAMINER);
    await createCase('Well-formed');
    expect(
      await handlers.invoke('timeline:add', { at: '2026-11-02T10:00Z', title: 'Half a pair \udc00' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await ok('audit:list', {})).total).toBe(1);
    // A settings file edited by hand to hold one is refused too, before its profile signs anything.
    writeFileSync(
      join(dir, 'data', 'settings.json'),
      JSON.stringify({ version: 1, profile: { ...EXAMINER, name: 'Dana \ud800', timeZone: '' }, recent: [] }).replace(
        '\\\\ud800',
        '\\ud800',
      ),
    );
    expect(await handlers.invoke('timeline:add', { at: '2026-11-02T10:00Z', title: 'x' })).toMatchObject({
      ok: false,
      error: {
        code: 'IO_ERROR',
        message: expect.stringMatching(
          /settings\.json holds text that is not well-formed UTF-16 at profile\.name/,
        ) as unknown as string,
      },
    });
    expect((await ok('audit:verify', {})).ok).toBe(true);
  });
});

describe('the playbook channels', () => {
  it('list the templates, start a run in the open case, record a step with proof, and keep an access inventory', async () => {
    await ok('profile:set', EXAMINER);
    await createCase('Contractor J. Kim');
    const templates = (await ok('playbook:templates', {})) as unknown as { id: string; name: string; origin: string }[];
    expect(templates.map((t) => t.origin)).toEqual(['built-in', 'built-in', 'built-in']);
    const termination = templates.find((t) => t.name.startsWith('Termination'))!;

    const started = (await ok('playbook:start', {
      template: termination.id,
      t0: '2031-03-03T09:00',
      zone: 'Europe/Berlin',
    })) as {
      run: { id: string; anchorAt: string };
      steps: { code: string; state: string; kind: string }[];
    };
    expect(started.run.anchorAt).toBe('2031-03-03T08:00:00.000Z');
    expect(started.steps.filter((s) => s.kind === 'action')).toHaveLength(32);
    const runs = (await ok('playbook:runs', {})) as unknown as { id: string }[];
    expect(runs.map((r) => r.id)).toEqual([started.run.id]);

    const note = await ok('notes:add', { body: 'IdP export shows every session revoked', privileged: false });
    const step = await ok('playbook:step', {
      runId: started.run.id,
      step: 'B1',
      state: 'done',
      at: '2031-03-03T09:02',
      zone: 'Europe/Berlin',
      outcome: 'Sign-in blocked, sessions revoked',
      proof: [note.id],
    });
    expect(step).toMatchObject({ code: 'B1', state: 'done', doneAt: '2031-03-03T08:02:00.000Z', outOfOrder: true });
    expect(step.proof).toEqual([
      expect.objectContaining({ targetType: 'note', label: 'IdP export shows every session revoked' }),
    ]);

    const refused = await handlers.invoke('playbook:step', { runId: started.run.id, step: 'B2', state: 'blocked' });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'a step marked blocked needs a reason' },
    });

    await ok('access:add', { system: 'GitHub', identifier: 'jkim-dev', status: 'revoked' });
    expect(((await ok('access:list', {})) as unknown as { system: string }[]).map((i) => i.system)).toEqual(['GitHub']);
    const detail = (await ok('playbook:detail', { runId: started.run.id })) as {
      steps: { code: string; state: string }[];
    };
    expect(detail.steps.find((s) => s.code === 'B1')?.state).toBe('done');
    // The read after a change: the same run and steps, without the template it never changes.
    const fresh = await ok('playbook:steps', { runId: started.run.id });
    expect(Object.keys(fresh).sort()).toEqual(['run', 'steps']);
    expect(fresh.steps).toEqual(detail.steps);
  });

  it('answer a branch, update and import the inventory, edit and import templates, and export only where the examiner chose', async () => {
    await ok('profile:set', EXAMINER);
    await createCase('Contractor J. Kim');
    const started = (await ok('playbook:start', { template: 'termination', t0: '2031-03-03T09:00', zone: 'UTC' })) as {
      run: { id: string };
    };
    const runId = started.run.id;
    const d4 = await ok('playbook:decide', { runId, step: 'D4', answer: 'Yes' });
    expect(d4).toMatchObject({ kind: 'decision', state: 'done', outcome: 'Yes', doneBy: EXAMINER.name });
    const detail = (await ok('playbook:detail', { runId })) as { steps: { code: string; state: string }[] };
    expect(detail.steps.find((s) => s.code === 'D4b')?.state).toBe('not_applicable');

    // The inventory from a CSV: a preview with a verdict per line writes nothing; one bad line refuses all.
    const csv = 'system,identifier,status\nOkta,jkim@northwind.example,active\nGitHub,jkim-dev,gone\n';
    expect(await ok('access:preview', { csv })).toEqual([
      expect.objectContaining({ line: 2, verdict: 'added' }),
      expect.objectContaining({ line: 3, verdict: 'refused', reason: expect.stringMatching(/status "gone"/) }),
    ]);
    expect(await ok('access:list', {})).toEqual([]);
    const refused = await handlers.invoke('access:import', { csv });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^1 of 2 lines refused/) } });
    expect(await ok('access:import', { csv: 'system,identifier\nOkta,jkim@northwind.example\n' })).toEqual([
      expect.objectContaining({ verdict: 'added', system: 'Okta' }),
    ]);
    const [okta] = (await ok('access:list', {})) as unknown as { id: string }[];
    expect(
      await ok('access:update', { id: okta!.id, status: 'revoked', at: '2031-03-03T09:01', zone: 'UTC' }),
    ).toMatchObject({ status: 'revoked', revokedAt: '2031-03-03T09:01:00.000Z' });

    // A CACAO file the page read and sent as text becomes a template; then it is edited and saved.
    const imported = (await ok('playbook:import', { name: 'theirs.json', text: JSON.stringify(thirdParty()) })) as {
      id: string;
      origin: string;
    };
    expect(imported.origin).toBe('imported');
    const { template } = (await ok('playbook:template', { id: imported.id })) as { template: PlaybookTemplate };
    expect(await ok('playbook:check', { template })).toEqual([]);
    const saved = await ok('playbook:save', { template: { ...template, name: 'Their playbook, adapted' } });
    expect(saved).toMatchObject({ id: imported.id, name: 'Their playbook, adapted' });
    const { template: builtin } = (await ok('playbook:template', { id: 'termination' })) as {
      template: PlaybookTemplate;
    };
    expect(await handlers.invoke('playbook:save', { template: builtin })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/stays read-only/) },
    });
    const copy = await ok('playbook:duplicate', { id: 'termination', name: 'Northwind termination' });
    expect(copy).toMatchObject({ name: 'Northwind termination', origin: 'imported' });

    // Export: only to a path the save dialog returned.
    const invented = await handlers.invoke('playbook:export', { runId, path: join(dir, 'run.json') });
    expect(invented).toMatchObject({ ok: false, error: { code: 'PATH_NOT_CHOSEN' } });
    exportFolder = dir;
    const chosen = (await ok('dialog:chooseSavePath', { suggestedName: 'run.json' })) as { path: string };
    const written = await ok('playbook:export', { runId, path: chosen.path });
    const bytes = readFileSync(chosen.path);
    expect(written).toEqual({
      path: chosen.path,
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(cacaoSchemaErrors(JSON.parse(bytes.toString('utf8')))).toEqual([]);
  });
});
