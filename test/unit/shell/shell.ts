import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type * as FakeElectron from '../../fakes/electron.ts';
import type { IpcResult } from '../../../shared/ipc/channels.ts';
import { EXAMINER } from '../../helpers/tempCase.ts';
import { contractBreach } from '../../helpers/contract.ts';

export type Electron = typeof FakeElectron;

/** The Electron shell (electron/main) running on the fake, after the app became ready. */
export type Shell = {
  electron: Electron;
  /** The one window the shell opened at start. */
  window: FakeElectron.BrowserWindow;
  /** The page that window loaded: the only sender the shell may trust. */
  rendererUrl: string;
  /** CUSTOS_DATA_DIR for this shell. */
  dataDir: string;
  /** A private temporary folder for case files and evidence. */
  workDir: string;
  /** A renderer's invoke on `channel`, sent from the frame at `from` (default: the Custos page). */
  invoke(channel: string, req?: unknown, from?: string | null): Promise<IpcResult<unknown>>;
  /** As invoke from the Custos page, expecting success: the value. */
  ok<T>(channel: string, req?: unknown): Promise<T>;
  /** Sets the examiner profile, which every change to a case needs. */
  setProfile(): Promise<void>;
  /** Creates a case where the person saves it in the (fake) save dialog, as New case… does. */
  createCase(title: string, fileName?: string): Promise<string>;
  /** Closes every window and quits, then removes the temporary folder. */
  stop(): void;
};

/**
 * Lets every promise callback the shell has queued run. Nothing the shell does on these paths
 * waits on a timer or on I/O (settings are read synchronously), so one macrotask turn is enough:
 * this is not a sleep.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Loads electron/main/index.ts as Electron would, on a fresh fake, and makes the app ready.
 * `devServer` plays electron-vite's dev mode (ELECTRON_RENDERER_URL); without it the window loads
 * the built page from a file: URL, as the packaged app does.
 */
export async function startShell(devServer?: string): Promise<Shell> {
  const workDir = mkdtempSync(join(tmpdir(), 'custos-shell-'));
  const dataDir = join(workDir, 'data');
  vi.stubEnv('CUSTOS_DATA_DIR', dataDir);
  vi.stubEnv('ELECTRON_RENDERER_URL', devServer);
  // The entry keeps its window and handlers in module state and acts on import: each shell is a
  // fresh copy of it, and of the fake it imports as `electron`.
  vi.resetModules();
  const electron = await import('../../fakes/electron.ts');
  await import('../../../electron/main/index.ts');
  await electron.app.becomeReady();
  await settle();

  const windows = electron.BrowserWindow.getAllWindows();
  const [window] = windows;
  if (windows.length !== 1 || !window) throw new Error(`the shell opened ${windows.length} windows, not one`);
  const rendererUrl = window.loadedUrl;
  if (!rendererUrl) throw new Error('the window loaded no page');

  const invoke = async (channel: string, req?: unknown, from: string | null = rendererUrl) => {
    const result = (await electron.ipcMain.invoke(channel, from, req)) as IpcResult<unknown>;
    // What main sends back is held to the contract like every other answer of the handler table.
    const breach = contractBreach(channel, result);
    if (breach) throw new Error(breach);
    return result;
  };
  const ok = async <T>(channel: string, req?: unknown): Promise<T> => {
    const result = await invoke(channel, req);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };

  return {
    electron,
    window,
    rendererUrl,
    dataDir,
    workDir,
    invoke,
    ok,
    async setProfile() {
      await ok('profile:set', EXAMINER);
    },
    async createCase(title, fileName = 'case.custos') {
      electron.dialog.answerSave({ canceled: false, filePath: join(workDir, fileName) });
      const { path } = await ok<{ path: string }>('dialog:chooseNewCasePath', {});
      await ok('case:create', { path, draft: { title } });
      return path;
    },
    stop() {
      try {
        for (const open of electron.BrowserWindow.getAllWindows()) open.close();
        electron.app.emit('before-quit');
      } finally {
        vi.unstubAllEnvs();
        rmSync(workDir, { recursive: true, force: true });
      }
    },
  };
}

/** The application menu's item at a path of labels, e.g. ('File', 'Verify Case'). */
export function menuItem(electron: Electron, ...labels: string[]): FakeElectron.MenuItemOptions {
  let items = electron.Menu.getApplicationMenu()?.items ?? [];
  let found: FakeElectron.MenuItemOptions | undefined;
  for (const label of labels) {
    found = items.find((item) => item.label === label);
    if (!found) throw new Error(`no menu item "${label}" in [${items.map((i) => i.label ?? i.role).join(', ')}]`);
    items = found.submenu ?? [];
  }
  if (!found) throw new Error('name a menu item');
  return found;
}
