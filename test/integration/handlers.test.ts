import { closeSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/core/handlers.ts';
import type { HandlerSet } from '../../electron/core/handlers.ts';
import { openAppData } from '../../electron/core/appData.ts';
import { CHANNELS } from '../../shared/ipc/channels.ts';
import { EXAMINER, sha256File, steppingClock, tempDir } from '../helpers/tempCase.ts';

let dir: string;
let cleanup: () => void;
let handlers: HandlerSet;
let casePath: string;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  casePath = join(dir, 'case.custos');
  handlers = createHandlers({
    appData: openAppData(join(dir, 'data')),
    clock: steppingClock(),
    dialogs: { chooseCaseToOpen: async () => casePath, chooseNewCasePath: async () => casePath, chooseEvidenceFiles: async () => null, chooseExportFolder: async () => null },
    version: 'test',
    systemTimeZone: 'UTC',
  });
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

describe('the handler table behind every IPC channel', () => {
  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(handlers.table).sort()).toEqual([...CHANNELS].sort());
  });

  it('refuses to write before an examiner profile exists, and says what to do', async () => {
    const result = await handlers.invoke('case:create', { path: casePath, draft: { title: 'x' } });
    expect(result).toEqual({ ok: false, error: { code: 'NO_PROFILE', message: 'Set up your examiner profile (name, role, organisation) first' } });
  });

  it('answers invalid requests with { ok: false, error } and writes nothing', async () => {
    await ok('profile:set', { ...EXAMINER, timeZone: '' });
    await ok('case:create', { path: casePath, draft: { title: 'Extortion e-mail' } });
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

  it('keeps the examiner\'s store limit in settings.json, and files above it are referenced in place', async () => {
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

    await ok('case:create', { path: casePath, draft: { title: 'Extortion e-mail' } });
    const small = join(dir, 'demand.eml');
    const large = join(dir, 'chat-export.json');
    writeFileSync(small, 'x'.repeat(4096));
    writeFileSync(large, 'y'.repeat(4097));
    const added = (await handlers.invoke('evidence:add', { paths: [small, large], draft: {} })) as { ok: true; value: { storage: string }[] };
    expect(added.value.map((i) => i.storage)).toEqual(['embedded', 'reference']);
  });

  it('while evidence is being added, refuses to close or switch the case or read all its bytes, and Cancel stops only the add', async () => {
    await ok('profile:set', { ...EXAMINER, timeZone: '' });
    await ok('case:create', { path: casePath, draft: { title: 'Extortion e-mail' } });
    const image = join(dir, 'laptop.img');
    const fd = openSync(image, 'w');
    ftruncateSync(fd, 512 * 1024 * 1024);
    closeSync(fd);
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
    await ok('case:create', { path: casePath, draft: { title: 'First', reference: 'IR-1' } });
    expect(await ok('case:current')).toMatchObject({ path: casePath });
    await ok('case:close');
    expect(await handlers.invoke('case:current', {})).toEqual({ ok: true, value: null });
    const recent = (await handlers.invoke('recent:list', {})) as { ok: true; value: { path: string; title: string; exists: boolean }[] };
    expect(recent.value).toEqual([expect.objectContaining({ path: casePath, title: 'First', reference: 'IR-1', exists: true })]);
    const chosen = await ok('dialog:chooseCaseToOpen');
    expect(await ok('case:open', chosen)).toMatchObject({ record: expect.objectContaining({ title: 'First' }) });
    expect(await ok('timeline:add', { at: '2026-11-02T10:00Z', title: 'after reopening' })).toMatchObject({ title: 'after reopening' });
  });

  it('runs calls one at a time, so a verification never sees half a write', async () => {
    await ok('profile:set', { ...EXAMINER, timeZone: '' });
    await ok('case:create', { path: casePath, draft: { title: 'Concurrent' } });
    const calls = [
      handlers.invoke('audit:verify', {}),
      ...Array.from({ length: 20 }, (_, i) => handlers.invoke('timeline:add', { at: '2026-11-02T10:00Z', title: `event ${i}` })),
      handlers.invoke('audit:verify', {}),
    ];
    const results = await Promise.all(calls);
    expect(results.every((r) => r.ok)).toBe(true);
    const first = results[0] as { ok: true; value: { ok: boolean; head: { seq: number } } };
    const last = results.at(-1) as { ok: true; value: { ok: boolean; head: { seq: number } } };
    expect([first.value.ok, first.value.head.seq]).toEqual([true, 1]);
    expect([last.value.ok, last.value.head.seq]).toEqual([true, 21]);
  });
});
