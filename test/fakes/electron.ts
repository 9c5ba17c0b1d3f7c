/**
 * A stand-in for the few Electron main-process APIs that electron/main uses. Electron's binary
 * cannot be downloaded on the machines that run these tests, so vitest aliases `electron` to this
 * module for the unit project and the shell is imported unchanged.
 *
 * It records what the shell does (ipc handlers, window options, menus, listeners) and lets a test
 * play the parts Electron and the person play: the app becoming ready, a page navigating, a
 * renderer calling a channel from some URL, a dialog's answer, the window closing. Where the shell
 * depends on a detail of Electron's behaviour, the fake copies it and says so; a fake that were
 * kinder than Electron would let real bugs through.
 *
 * Each test gets a fresh copy (the shell's entry has module-level state), see test/unit/shell/shell.ts.
 */
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What app.getVersion() answers; package.json's version in the real app. */
export const FAKE_APP_VERSION = '0.0.0-fake';

/** An event a listener may cancel, as Electron passes to will-navigate and its kin. */
export type PreventableEvent = { preventDefault(): void; readonly defaultPrevented: boolean };

function preventableEvent(): PreventableEvent {
  let prevented = false;
  return {
    preventDefault() {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

/** What Electron throws when a destroyed window or web contents is used. */
function destroyed(): TypeError {
  return new TypeError('Object has been destroyed');
}

export type WindowOpenDetails = { url: string; frameName: string; features: string; disposition: string };
export type WindowOpenHandler = (details: WindowOpenDetails) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  /** Every message sent to the page, in order. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  private gone = false;

  send(channel: string, ...args: unknown[]): void {
    if (this.gone) throw destroyed();
    // Messages cross a process boundary: only what structured clone carries arrives.
    this.sent.push({ channel, args: structuredClone(args) });
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.gone;
  }

  destroy(): void {
    this.gone = true;
  }

  /** Emits a cancellable event (will-navigate, will-redirect…); true when a listener cancelled it. */
  emitPreventable(name: string, ...args: unknown[]): boolean {
    const event = preventableEvent();
    this.emit(name, event, ...args);
    return event.defaultPrevented;
  }
}

let readyFlag = false;
let resolveReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  resolveReady = resolve;
});

class FakeApp extends EventEmitter {
  name = 'Electron';
  quitCount = 0;
  /** Where app data would go without CUSTOS_DATA_DIR; the tests expect it unused. */
  readonly userData = join(tmpdir(), `custos-fake-userData-${process.pid}`);

  setName(name: string): void {
    this.name = name;
  }

  getName(): string {
    return this.name;
  }

  getVersion(): string {
    return FAKE_APP_VERSION;
  }

  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`the fake app knows only the userData path, not ${name}`);
    return this.userData;
  }

  isReady(): boolean {
    return readyFlag;
  }

  whenReady(): Promise<void> {
    return ready;
  }

  quit(): void {
    this.quitCount += 1;
  }

  /** Electron has started: 'ready' is emitted and whenReady() resolves. */
  becomeReady(): Promise<void> {
    readyFlag = true;
    this.emit('ready', preventableEvent(), {});
    resolveReady();
    return ready;
  }
}

export const app = new FakeApp();

export type WebPreferences = Readonly<Record<string, unknown>>;
export type WindowOptions = Readonly<Record<string, unknown>> & { webPreferences?: WebPreferences };

const windows: BrowserWindow[] = [];

export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return windows.filter((w) => !w.isDestroyed());
  }

  /** The options the window was made with, as the shell passed them. */
  readonly options: WindowOptions;
  /** The URL the window was told to load; null until loadURL. */
  loadedUrl: string | null = null;
  private title: string;
  private visible: boolean;
  private gone = false;
  private readonly contents = new FakeWebContents();

  constructor(options: WindowOptions = {}) {
    super();
    this.options = options;
    this.title = typeof options.title === 'string' ? options.title : 'Electron';
    this.visible = options.show !== false;
    windows.push(this);
    // Electron announces a window's web contents on the app before any page loads in it: the hook
    // the shell's hardening hangs on.
    app.emit('web-contents-created', preventableEvent(), this.contents);
  }

  get webContents(): FakeWebContents {
    if (this.gone) throw destroyed();
    return this.contents;
  }

  loadURL(url: string): Promise<void> {
    if (this.gone) throw destroyed();
    this.loadedUrl = url;
    // The page finishes loading later, as in Electron: never inside loadURL's own call.
    queueMicrotask(() => {
      if (!this.gone) this.contents.emit('did-finish-load');
    });
    return Promise.resolve();
  }

  setTitle(title: string): void {
    if (this.gone) throw destroyed();
    this.title = title;
  }

  getTitle(): string {
    if (this.gone) throw destroyed();
    return this.title;
  }

  show(): void {
    if (this.gone) throw destroyed();
    this.visible = true;
  }

  isVisible(): boolean {
    if (this.gone) throw destroyed();
    return this.visible;
  }

  isDestroyed(): boolean {
    return this.gone;
  }

  /**
   * The person closes the window. As in Electron, the window is already destroyed when 'closed' is
   * emitted (a listener that touches it throws), and the app hears 'window-all-closed' after the last.
   */
  close(): void {
    if (this.gone) return;
    const event = preventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.gone = true;
    this.contents.destroy();
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed', preventableEvent());
  }
}

/** The renderer's side of an invoke: the frame that sent it (null when the frame is gone). */
export type IpcInvokeEvent = { senderFrame: { url: string } | null };
type InvokeHandler = (event: IpcInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    // As Electron: a channel has one handler.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** A page calls ipcRenderer.invoke(channel, ...args) from a frame at frameUrl (null: no frame). */
  async invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
    const event: IpcInvokeEvent = { senderFrame: frameUrl === null ? null : { url: frameUrl } };
    return structuredClone(await handler(event, ...structuredClone(args)));
  }
}

export const ipcMain = new FakeIpcMain();

export type OpenDialogResult = { canceled: boolean; filePaths: string[] };
export type SaveDialogResult = { canceled: boolean; filePath: string };
export type DialogOptions = Readonly<Record<string, unknown>>;
export type DialogCall = { kind: 'open' | 'save' | 'message'; parent: BrowserWindow | null; options: DialogOptions };

type DialogArgs = [BrowserWindow, DialogOptions] | [DialogOptions];

function splitDialogArgs(args: DialogArgs): { parent: BrowserWindow | null; options: DialogOptions } {
  return args.length === 2 ? { parent: args[0], options: args[1] } : { parent: null, options: args[0] };
}

class FakeDialog {
  /** Every dialog shown, in order. */
  readonly calls: DialogCall[] = [];
  private readonly openAnswers: OpenDialogResult[] = [];
  private readonly saveAnswers: SaveDialogResult[] = [];

  /** What the person does in the next open dialog. */
  answerOpen(result: OpenDialogResult): void {
    this.openAnswers.push(result);
  }

  /** What the person does in the next save dialog. */
  answerSave(result: SaveDialogResult): void {
    this.saveAnswers.push(result);
  }

  showOpenDialog(...args: DialogArgs): Promise<OpenDialogResult> {
    this.calls.push({ kind: 'open', ...splitDialogArgs(args) });
    const answer = this.openAnswers.shift();
    return answer ? Promise.resolve(answer) : Promise.reject(new Error('the test did not say what to pick'));
  }

  showSaveDialog(...args: DialogArgs): Promise<SaveDialogResult> {
    this.calls.push({ kind: 'save', ...splitDialogArgs(args) });
    const answer = this.saveAnswers.shift();
    return answer ? Promise.resolve(answer) : Promise.reject(new Error('the test did not say where to save'));
  }

  showMessageBox(...args: DialogArgs): Promise<{ response: number; checkboxChecked: boolean }> {
    this.calls.push({ kind: 'message', ...splitDialogArgs(args) });
    return Promise.resolve({ response: 0, checkboxChecked: false });
  }
}

export const dialog = new FakeDialog();

type PermissionRequestHandler = (
  contents: FakeWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: Readonly<Record<string, unknown>>,
) => void;
type PermissionCheckHandler = (
  contents: FakeWebContents | null,
  permission: string,
  requestingOrigin: string,
  details: Readonly<Record<string, unknown>>,
) => boolean;
type DevicePermissionHandler = (details: { deviceType: string; origin: string }) => boolean;

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: DevicePermissionHandler | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: DevicePermissionHandler | null): void {
    this.devicePermissionHandler = handler;
  }
}

const defaultSession = new FakeSession();

export const session = {
  get defaultSession(): FakeSession {
    // As Electron: there is no session before the app is ready.
    if (!readyFlag) throw new Error('Session can only be received when app is ready');
    return defaultSession;
  },
};

export type MenuItemOptions = {
  label?: string;
  sublabel?: string;
  accelerator?: string;
  enabled?: boolean;
  type?: string;
  role?: string;
  submenu?: MenuItemOptions[];
  click?: () => void;
};

let applicationMenu: Menu | null = null;

export class Menu {
  static buildFromTemplate(template: MenuItemOptions[]): Menu {
    return new Menu(template);
  }

  static setApplicationMenu(menu: Menu | null): void {
    applicationMenu = menu;
  }

  static getApplicationMenu(): Menu | null {
    return applicationMenu;
  }

  readonly items: readonly MenuItemOptions[];

  constructor(items: MenuItemOptions[] = []) {
    this.items = items;
  }
}
