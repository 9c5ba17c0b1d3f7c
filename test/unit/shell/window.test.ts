import { existsSync } from 'node:fs';
import { dirname, basename, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCaseDb } from '../../../electron/core/store/db/caseDb.ts';
import { FakeWebContents } from '../../fakes/electron.ts';
import { startShell } from './shell.ts';
import type { Shell } from './shell.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

let shell: Shell;
beforeEach(async () => {
  shell = await startShell();
});
afterEach(() => shell.stop());

describe('the window', () => {
  it('loads the renderer page beside the main bundle (../renderer/index.html) from a file: URL', () => {
    expect(shell.rendererUrl).toBe(pathToFileURL(join(ROOT, 'electron/renderer/index.html')).href);
  });

  it('keeps the renderer sandboxed and isolated', () => {
    const prefs = shell.window.options.webPreferences ?? {};
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    // Switches that would reopen what the ones above close must stay off (absent means Electron's off).
    for (const risky of [
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'webviewTag',
      'allowRunningInsecureContent',
      'experimentalFeatures',
      'enableBlinkFeatures',
    ]) {
      expect(prefs[risky] ?? false, risky).toBe(false);
    }
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('uses the sandboxed CommonJS preload beside the main bundle (out/preload/index.cjs)', () => {
    const preload = shell.window.options.webPreferences?.preload;
    expect(typeof preload).toBe('string');
    const path = preload as string;
    expect(isAbsolute(path)).toBe(true);
    expect(basename(path)).toBe('index.cjs');
    // The shell sits in <out>/main and the preload in <out>/preload, whatever <out> is.
    expect(dirname(path)).toBe(join(ROOT, 'electron/preload'));
  });

  it('is shown only when its page is ready to paint', () => {
    expect(shell.window.options.show).toBe(false);
    expect(shell.window.isVisible()).toBe(false);
    shell.window.emit('ready-to-show');
    expect(shell.window.isVisible()).toBe(true);
  });
});

describe('navigation and new windows', () => {
  const elsewhere = ['https://attacker.example/', 'file:///etc/passwd', 'http://localhost:5173/index.html'];

  it('are refused in the Custos window', () => {
    const contents = shell.window.webContents;
    for (const url of elsewhere) {
      expect(contents.emitPreventable('will-navigate', url), `navigate to ${url}`).toBe(true);
      expect(contents.emitPreventable('will-redirect', url), `redirect to ${url}`).toBe(true);
      expect(contents.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window' })).toEqual({
        action: 'deny',
      });
    }
    expect(
      contents.emitPreventable('will-attach-webview', { preload: '/tmp/evil.js' }, { src: elsewhere[0] }),
      'attach a webview',
    ).toBe(true);
  });

  it('are refused in any web contents created later (devtools, a popup that slipped through)', () => {
    const later = new FakeWebContents();
    shell.electron.app.emit('web-contents-created', {}, later);
    expect(later.emitPreventable('will-navigate', elsewhere[0])).toBe(true);
    expect(later.emitPreventable('will-redirect', elsewhere[0])).toBe(true);
    expect(later.emitPreventable('will-attach-webview', {}, {})).toBe(true);
    expect(
      later.windowOpenHandler?.({ url: elsewhere[0]!, frameName: '', features: '', disposition: 'new-window' }),
    ).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'unknown'];

  it('are denied when a page asks', () => {
    const { permissionRequestHandler } = shell.electron.session.defaultSession;
    expect(permissionRequestHandler).not.toBeNull();
    for (const permission of permissions) {
      const answers: boolean[] = [];
      permissionRequestHandler?.(shell.window.webContents, permission, (granted) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
    }
  });

  it('are reported as not granted when a page checks, and no device is granted', () => {
    const { permissionCheckHandler, devicePermissionHandler } = shell.electron.session.defaultSession;
    for (const permission of permissions) {
      expect(permissionCheckHandler?.(shell.window.webContents, permission, 'file://', {}), permission).toBe(false);
      expect(permissionCheckHandler?.(null, permission, 'https://attacker.example', {}), permission).toBe(false);
    }
    for (const deviceType of ['hid', 'serial', 'usb']) {
      expect(devicePermissionHandler?.({ deviceType, origin: 'file://' }), deviceType).toBe(false);
    }
  });
});

describe('the window and the open case', () => {
  beforeEach(() => shell.setProfile());

  it('shows the open case in the title, and plain "Custos" when none is open', async () => {
    expect(shell.window.getTitle()).toBe('Custos');
    await shell.createCase('Contractor infiltration');
    expect(shell.window.getTitle()).toBe('Contractor infiltration — Custos');
    await shell.ok('case:update', { title: 'Laptop farm' });
    expect(shell.window.getTitle()).toBe('Laptop farm — Custos');
    await shell.ok('case:close', {});
    expect(shell.window.getTitle()).toBe('Custos');
  });

  it('closes the case when the window closes, so another writer can open it', async () => {
    const path = await shell.createCase('Contractor infiltration');
    // While the window is open the shell holds the case for writing.
    expect(() => openCaseDb(path)).toThrow(/open elsewhere/);

    expect(() => shell.window.close()).not.toThrow();
    expect(existsSync(`${path}-lock`)).toBe(false);
    const other = openCaseDb(path);
    other.close();
    // Not macOS: the last window closing quits the app.
    expect(shell.electron.app.quitCount).toBe(1);
  });

  it('opens a new, equally hardened window on activate (macOS) with no case open in it', async () => {
    await shell.createCase('Contractor infiltration');
    shell.window.close();
    shell.electron.app.emit('activate');
    const [again, ...more] = shell.electron.BrowserWindow.getAllWindows();
    expect(more).toEqual([]);
    expect(again).toBeDefined();
    expect(again).not.toBe(shell.window);
    expect(again?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(again?.webContents.emitPreventable('will-navigate', 'https://attacker.example/')).toBe(true);
    expect(again?.loadedUrl).toBe(shell.rendererUrl);
    expect(await shell.ok('case:current', {})).toBeNull();
    expect(again?.getTitle()).toBe('Custos');
  });

  it('does not open a second window on activate while one is open', () => {
    shell.electron.app.emit('activate');
    expect(shell.electron.BrowserWindow.getAllWindows()).toEqual([shell.window]);
  });
});
