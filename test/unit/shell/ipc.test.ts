import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, DROPPED_FILES_CHANNEL, MAX_DROPPED_FILES } from '../../../shared/ipc/channels.ts';
import { FAKE_APP_VERSION } from '../../fakes/electron.ts';
import { startShell } from './shell.ts';
import type { Shell } from './shell.ts';

let shell: Shell;
afterEach(() => shell.stop());

const refused = { ok: false, error: { code: 'UNTRUSTED_SENDER', message: expect.any(String) } };

describe('the IPC surface the shell registers', () => {
  beforeEach(async () => {
    shell = await startShell();
  });

  it('is every channel of the contract, plus the dropped-files channel, and nothing else', () => {
    const registered = [...shell.electron.ipcMain.handlers.keys()].sort();
    expect(registered).toEqual([...CHANNELS, DROPPED_FILES_CHANNEL].sort());
    // No fire-and-forget channels (ipcMain.on) beside the handled ones.
    expect(shell.electron.ipcMain.eventNames()).toEqual([]);
  });

  it('answers the Custos page from the real handler table: app:info gives the version and the data folder', async () => {
    const info = await shell.ok<{ version: string; dataDir: string; profile: unknown }>('app:info', {});
    expect(info.version).toBe(FAKE_APP_VERSION);
    expect(info.dataDir).toBe(shell.dataDir);
    expect(info.profile).toBeNull();
    // CUSTOS_DATA_DIR wins over Electron's userData folder.
    expect(existsSync(shell.electron.app.userData)).toBe(false);
  });

  it('lets the Custos page reach the real checks: a path no dialog returned is refused, bad input too', async () => {
    const stray = join(shell.workDir, 'elsewhere.custos');
    expect(await shell.invoke('case:open', { path: stray })).toEqual({
      ok: false,
      error: { code: 'PATH_NOT_CHOSEN', message: expect.stringContaining('was not chosen by you in Custos') },
    });
    expect(await shell.invoke('case:open', { path: 42 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('trusts the page, not the exact URL: a query or fragment is the same page', async () => {
    for (const from of [`${shell.rendererUrl}#/evidence`, `${shell.rendererUrl}?tab=notes`]) {
      expect(await shell.invoke('app:info', {}, from), from).toMatchObject({ ok: true });
    }
  });
});

describe('a call from anything but the Custos page', () => {
  beforeEach(async () => {
    shell = await startShell();
  });

  const strangers = (rendererUrl: string): [string, string | null][] => [
    ['another origin', 'https://attacker.example/index.html'],
    ['no frame (navigated away or destroyed)', null],
    ['another page of the same file: origin', new URL('other.html', rendererUrl).href],
    ['a file of the same name in another folder', 'file:///tmp/renderer/index.html'],
    ['about:blank', 'about:blank'],
    ['a data: URL', 'data:text/html,<script>1</script>'],
    ['an unparseable URL', 'not a url'],
    ['an empty URL', ''],
  ];

  it('is refused with UNTRUSTED_SENDER on every channel, before its input is even read', async () => {
    for (const [, from] of strangers(shell.rendererUrl)) {
      for (const channel of CHANNELS) {
        // Input no schema accepts: had the call reached the handler table it would say INVALID_INPUT.
        expect(await shell.invoke(channel, 'not a request', from), `${channel} from ${from}`).toEqual(refused);
      }
    }
  });

  it('changes nothing and opens no dialog, even with well-formed requests', async () => {
    for (const [what, from] of strangers(shell.rendererUrl)) {
      expect(await shell.invoke('app:info', {}, from), what).toEqual(refused);
      expect(await shell.invoke('profile:set', { name: 'Mallory', role: 'x', organisation: 'y' }, from), what).toEqual(
        refused,
      );
      expect(await shell.invoke('dialog:chooseCaseToOpen', {}, from), what).toEqual(refused);
      expect(await shell.invoke('dialog:chooseNewCasePath', {}, from), what).toEqual(refused);
    }
    expect(shell.electron.dialog.calls).toEqual([]);
    expect(existsSync(shell.dataDir) ? readdirSync(shell.dataDir) : []).toEqual([]);
    expect(await shell.ok('app:info', {})).toMatchObject({ profile: null });
  });
});

describe('trust in dev mode (electron-vite serves the page)', () => {
  beforeEach(async () => {
    shell = await startShell('http://localhost:5173');
  });

  it('trusts only that server’s index.html', async () => {
    expect(shell.rendererUrl).toBe('http://localhost:5173/index.html');
    expect(await shell.invoke('app:info', {})).toMatchObject({ ok: true });
    for (const from of [
      'http://localhost:5173/other.html',
      'http://localhost:5174/index.html',
      'https://localhost:5173/index.html',
      'http://127.0.0.1:5173/index.html',
      'http://localhost:5173.attacker.example/index.html',
    ]) {
      expect(await shell.invoke('app:info', {}, from), from).toEqual(refused);
    }
  });
});

describe('files dropped on the window', () => {
  beforeEach(async () => {
    shell = await startShell();
  });

  /** Whether evidence:add may use the path: a dropped file is granted, anything else is not. */
  async function granted(path: string): Promise<boolean> {
    const result = await shell.invoke('evidence:add', { paths: [path], draft: {} });
    if (result.ok) throw new Error('no case is open: evidence:add cannot succeed here');
    // With the path granted the next check is for an open case; without it, the path is refused first.
    if (result.error.code === 'NO_CASE_OPEN') return true;
    if (result.error.code === 'PATH_NOT_CHOSEN') return false;
    throw new Error(`unexpected ${result.error.code}: ${result.error.message}`);
  }

  const drop = (raw: unknown, from: string | null = shell.rendererUrl) =>
    shell.electron.ipcMain.invoke(DROPPED_FILES_CHANNEL, from, raw);

  it('grants the dropped paths to the Custos page', async () => {
    const file = join(shell.workDir, 'dropped.bin');
    expect(await granted(file)).toBe(false);
    expect(await drop([file])).toEqual([file]);
    expect(await granted(file)).toBe(true);
  });

  it('gives another origin (or no frame) nothing, and grants nothing', async () => {
    const file = join(shell.workDir, 'dropped.bin');
    expect(await drop([file], 'https://attacker.example/index.html')).toEqual([]);
    expect(await drop([file], null)).toEqual([]);
    expect(await drop([file], new URL('other.html', shell.rendererUrl).href)).toEqual([]);
    expect(await granted(file)).toBe(false);
  });

  it('refuses whatever is not a short list of non-empty paths, granting none of it', async () => {
    const file = join(shell.workDir, 'dropped.bin');
    const cases: [string, unknown][] = [
      ['a string', file],
      ['an array-like object', { 0: file, length: 1 }],
      ['null', null],
      ['nothing', undefined],
      ['a number among the paths', [file, 42]],
      ['an object among the paths', [file, { path: file }]],
      ['an empty path', [file, '']],
      ['a path longer than 4096', [file, `/${'a'.repeat(4096)}`]],
      ['one file more than allowed', Array.from({ length: MAX_DROPPED_FILES + 1 }, (_, i) => `${file}.${i}`)],
    ];
    for (const [what, raw] of cases) expect(await drop(raw), what).toEqual([]);
    expect(await granted(file)).toBe(false);
    expect(await granted(`${file}.0`)).toBe(false);
  });

  it('takes as many files as the preload sends at most', async () => {
    const files = Array.from({ length: MAX_DROPPED_FILES }, (_, i) => join(shell.workDir, `f${i}`));
    expect(await drop(files)).toEqual(files);
    expect(await granted(files[MAX_DROPPED_FILES - 1]!)).toBe(true);
  });
});
