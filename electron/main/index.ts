import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CHANNELS,
  DROPPED_FILES_CHANNEL,
  MAX_DROPPED_FILES,
  MENU_EVENT_CHANNEL,
  PROGRESS_EVENT_CHANNEL,
} from '../../shared/ipc/channels.ts';
import { createHandlers } from '../core/handlers/index.ts';
import type { Dialogs, HandlerSet } from '../core/handlers/index.ts';
import { openAppData, resolveDataDir } from '../core/appData.ts';
import { CASE_EXTENSION } from '../core/services/cases.ts';
import type { MenuCommand } from '../../shared/ipc/channels.ts';
import { denyPermissions, hardenApp, isTrustedSender } from './security.ts';
import { buildMenu } from './menu.ts';

app.setName('Custos');
hardenApp();

const rendererUrl = process.env.ELECTRON_RENDERER_URL
  ? `${process.env.ELECTRON_RENDERER_URL}/index.html`
  : pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;

let mainWindow: BrowserWindow | null = null;
let handlers: HandlerSet | null = null;

function dialogsFor(getWindow: () => BrowserWindow | null): Dialogs {
  return {
    async chooseCaseToOpen() {
      const window = getWindow();
      const options = {
        title: 'Open case',
        properties: ['openFile' as const],
        filters: [{ name: 'Custos case', extensions: ['custos'] }],
      };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseEvidenceFiles() {
      const window = getWindow();
      const options = { title: 'Add evidence files', properties: ['openFile' as const, 'multiSelections' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : result.filePaths;
    },
    async chooseExportFolder() {
      const window = getWindow();
      const options = {
        title: 'Export evidence to folder',
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(suggestedName) {
      const window = getWindow();
      const options = {
        title: 'Export as',
        defaultPath: suggestedName,
        filters: [{ name: 'CACAO 2.0 playbook (JSON)', extensions: ['json'] }],
      };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      // The path exactly as chosen: the dialog asked before replacing that file, and no other.
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseReportPath(suggestedName) {
      const window = getWindow();
      const options = {
        title: 'Save report as',
        defaultPath: suggestedName,
        filters: [{ name: 'PDF report', extensions: ['pdf'] }],
      };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseReportToVerify() {
      const window = getWindow();
      const options = {
        title: 'Verify a report',
        properties: ['openFile' as const],
        filters: [{ name: 'PDF report', extensions: ['pdf'] }],
      };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseNewCasePath(suggestedName) {
      const window = getWindow();
      const options = {
        title: 'Save new case as',
        defaultPath: suggestedName,
        filters: [{ name: 'Custos case', extensions: ['custos'] }],
      };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      // Some desktops do not add the extension from the filter; the case must carry it.
      return result.filePath.toLowerCase().endsWith(CASE_EXTENSION)
        ? result.filePath
        : `${result.filePath}${CASE_EXTENSION}`;
    },
  };
}

/**
 * Delivers a menu command to the page. On macOS the menu stays when the last window is closed; a
 * click then opens a new window and delivers the command once its page has loaded, as the person
 * expects (File › New Case with no window open starts a new case).
 */
function sendMenuCommand(command: MenuCommand): void {
  if (mainWindow) {
    mainWindow.webContents.send(MENU_EVENT_CHANNEL, command);
    return;
  }
  const window = createWindow();
  window.webContents.once('did-finish-load', () => {
    if (!window.isDestroyed()) window.webContents.send(MENU_EVENT_CHANNEL, command);
  });
}

function refreshMenu(): void {
  if (!handlers) return;
  void Promise.resolve(handlers.table['recent:list']({})).then((recent) => {
    buildMenu({ send: sendMenuCommand, window: () => mainWindow }, recent, currentCase !== null);
  });
}

let currentCase: { path: string; title: string } | null = null;

function registerHandlers(): void {
  const appData = openAppData(resolveDataDir(app.getPath('userData')));
  handlers = createHandlers({
    appData,
    clock: () => new Date(),
    dialogs: dialogsFor(() => mainWindow),
    version: app.getVersion(),
    systemTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    emitProgress(progress) {
      mainWindow?.webContents.send(PROGRESS_EVENT_CHANNEL, progress);
    },
    onCaseChanged(info) {
      currentCase = info;
      mainWindow?.setTitle(info ? `${info.title} — Custos` : 'Custos');
      refreshMenu();
    },
  });
  const set = handlers;
  // Only the preload sends on this channel, with paths it read from dropped File objects.
  ipcMain.handle(DROPPED_FILES_CHANNEL, (event, raw: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url, rendererUrl)) return [];
    if (
      !Array.isArray(raw) ||
      raw.length > MAX_DROPPED_FILES ||
      !raw.every((p) => typeof p === 'string' && p.length > 0 && p.length <= 4096)
    ) {
      return [];
    }
    return set.grantDropped(raw as string[]);
  });
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, raw: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url, rendererUrl)) {
        return {
          ok: false,
          error: { code: 'UNTRUSTED_SENDER', message: 'Request refused: it did not come from the Custos window' },
        };
      }
      return set.invoke(channel, raw);
    });
  }
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    title: 'Custos',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click would open links in new windows; there are no links to follow.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    // Electron destroys the window before 'closed': forget it first, or closing the case (which
    // retitles the window) throws "Object has been destroyed" in the main process.
    if (mainWindow === window) mainWindow = null;
    handlers?.dispose();
  });
  void window.loadURL(rendererUrl);
  refreshMenu();
  return window;
}

void app.whenReady().then(() => {
  denyPermissions();
  registerHandlers();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  handlers?.dispose();
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => handlers?.dispose());
