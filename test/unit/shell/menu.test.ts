import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MENU_EVENT_CHANNEL } from '../../../shared/ipc/channels.ts';
import type { MenuCommand } from '../../../shared/ipc/channels.ts';
import { FAKE_APP_VERSION } from '../../fakes/electron.ts';
import { menuItem, settle, startShell } from './shell.ts';
import type { Shell } from './shell.ts';

let shell: Shell;
beforeEach(async () => {
  shell = await startShell();
  await shell.setProfile();
});
afterEach(() => shell.stop());

const item = (...labels: string[]) => menuItem(shell.electron, ...labels);

/** Clicks a menu item as the person would (Electron does not run a disabled item) and returns what reached the page. */
function click(...labels: string[]): MenuCommand[] {
  const target = item(...labels);
  if (target.enabled === false) throw new Error(`${labels.join(' › ')} is disabled`);
  const before = shell.window.webContents.sent.length;
  target.click?.();
  return shell.window.webContents.sent
    .slice(before)
    .filter((m) => m.channel === MENU_EVENT_CHANNEL)
    .map((m) => m.args[0] as MenuCommand);
}

describe('the application menu', () => {
  it('has File, Edit and Help', () => {
    const top = shell.electron.Menu.getApplicationMenu()?.items.map((i) => i.label ?? i.role);
    expect(top).toEqual(['File', 'editMenu', 'Help']);
  });

  it('sends New Case and Open Case to the page, which runs them as its own buttons do', () => {
    expect(click('File', 'New Case…')).toEqual([{ command: 'newCase' }]);
    expect(click('File', 'Open Case…')).toEqual([{ command: 'openCase' }]);
  });

  it('disables Verify Case and Close Case while no case is open, enables them once one is', async () => {
    expect(item('File', 'Verify Case').enabled).toBe(false);
    expect(item('File', 'Close Case').enabled).toBe(false);

    await shell.createCase('Contractor infiltration');
    await settle();
    expect(item('File', 'Verify Case').enabled).toBe(true);
    expect(item('File', 'Close Case').enabled).toBe(true);
    expect(click('File', 'Verify Case')).toEqual([{ command: 'verify' }]);
    expect(click('File', 'Close Case')).toEqual([{ command: 'closeCase' }]);

    await shell.ok('case:close', {});
    await settle();
    expect(item('File', 'Verify Case').enabled).toBe(false);
    expect(item('File', 'Close Case').enabled).toBe(false);
  });

  it('lists recent cases: a click opens one, a missing one is marked and disabled', async () => {
    expect(item('File', 'Open Recent').submenu).toEqual([{ label: 'No recent cases', enabled: false }]);

    const alpha = await shell.createCase('Alpha', 'alpha.custos');
    await shell.ok('case:close', {});
    rmSync(alpha);
    const bravo = await shell.createCase('Bravo', 'bravo.custos');
    await settle();

    const recent = item('File', 'Open Recent').submenu ?? [];
    expect(recent.map(({ label, sublabel, enabled }) => ({ label, sublabel, enabled }))).toEqual([
      { label: 'Bravo', sublabel: bravo, enabled: true },
      { label: 'Alpha (missing)', sublabel: alpha, enabled: false },
    ]);
    expect(click('File', 'Open Recent', 'Bravo')).toEqual([{ command: 'openRecent', path: bravo }]);
  });

  it('shows the version in About Custos, over the window', () => {
    item('Help', 'About Custos').click?.();
    const [about] = shell.electron.dialog.calls;
    expect(about?.kind).toBe('message');
    expect(about?.parent).toBe(shell.window);
    expect(about?.options.message).toBe(`Custos ${FAKE_APP_VERSION}`);
  });
});

describe('the menu on macOS, where the app stays up with no window', () => {
  beforeEach(() => {
    vi.spyOn(process, 'platform', 'get').mockReturnValue('darwin');
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('keeps the app running when the window closes, and disables the case items', async () => {
    await shell.createCase('Contractor infiltration');
    await settle();
    shell.window.close();
    await settle();
    expect(shell.electron.app.quitCount).toBe(0);
    expect(item('File', 'Verify Case').enabled).toBe(false);
    expect(item('File', 'Close Case').enabled).toBe(false);
  });

  it('File › New Case… with no window open opens one and delivers the command once its page has loaded', async () => {
    shell.window.close();
    expect(() => item('File', 'New Case…').click?.()).not.toThrow();
    const [reopened, ...more] = shell.electron.BrowserWindow.getAllWindows();
    expect(more).toEqual([]);
    if (!reopened) throw new Error('no window was opened');
    expect(reopened).not.toBe(shell.window);
    expect(reopened.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    // Not before the page can hear it: a command sent into a loading page is lost.
    expect(reopened.webContents.sent).toEqual([]);
    await settle();
    expect(reopened.webContents.sent.filter((m) => m.channel === MENU_EVENT_CHANNEL)).toEqual([
      { channel: MENU_EVENT_CHANNEL, args: [{ command: 'newCase' }] },
    ]);
    // A second click goes to that window; no third window appears.
    item('File', 'Open Case…').click?.();
    expect(shell.electron.BrowserWindow.getAllWindows()).toEqual([reopened]);
    expect(reopened.webContents.sent.at(-1)).toEqual({ channel: MENU_EVENT_CHANNEL, args: [{ command: 'openCase' }] });
  });

  it('shows About Custos with no window open, on its own', () => {
    shell.window.close();
    item('Help', 'About Custos').click?.();
    const [about] = shell.electron.dialog.calls;
    expect(about?.kind).toBe('message');
    expect(about?.parent ?? null).toBeNull();
    expect(openWindows()).toBe(0);
  });
});

function openWindows(): number {
  return shell.electron.BrowserWindow.getAllWindows().length;
}
