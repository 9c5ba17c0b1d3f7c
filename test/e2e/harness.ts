import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { createHandlers } from '../../electron/core/handlers/index.ts';
import type { HandlerSet } from '../../electron/core/handlers/index.ts';
import { checkedHandlers } from '../helpers/contract.ts';
import { openAppData } from '../../electron/core/appData.ts';
import { CHANNELS } from '../../shared/ipc/channels.ts';
import type { Channel, MenuCommand } from '../../shared/ipc/channels.ts';
import { checkAccessibility } from './axe.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'out/renderer');
/** The wide window every screenshot is also taken in. */
const WIDE = { width: 1920 };

export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
export const AXE_REPORTS = join(ROOT, 'test-results/axe');

/**
 * The Chromium the E2E tests drive: CUSTOS_CHROMIUM if set; else Debian's; else the one
 * `npx playwright-core install chromium` downloads for the pinned playwright-core.
 */
export function chromiumPath(): string {
  const chosen = process.env.CUSTOS_CHROMIUM;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`No Chromium at CUSTOS_CHROMIUM=${chosen}; check the path.`);
    return chosen;
  }
  const found = ['/usr/bin/chromium', chromium.executablePath()].find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      "No Chromium found. Install Debian's (apt-get install chromium) or Playwright's (npx playwright-core install chromium), or set CUSTOS_CHROMIUM to a Chromium or Chrome binary.",
    );
  }
  return found;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function serveRenderer(): Promise<{ server: Server; url: string }> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first');
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    const file = join(RENDERER, path || 'index.html');
    if (!file.startsWith(RENDERER) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      done({ server, url: `http://127.0.0.1:${address.port}/index.html` });
    }),
  );
}

export type Harness = {
  page: Page;
  handlers: HandlerSet;
  /** Calls a channel of the real handler table and returns its value, or throws its error. */
  ok<T = unknown>(channel: string, req: unknown): Promise<T>;
  dataDir: string;
  workDir: string;
  /** The path the next native "open" / "save" dialog returns (null = the user cancelled). */
  nextOpenPath: (path: string | null) => void;
  nextSavePath: (path: string | null) => void;
  /** What the Export as… dialog (dialog:chooseSavePath) returns next. */
  nextExportPath: (path: string | null) => void;
  nextEvidenceFiles: (paths: string[] | null) => void;
  nextExportFolder: (path: string | null) => void;
  /** What Generate report… (dialog:chooseReportPath) and Verify a report… return next. */
  nextReportPath: (path: string | null) => void;
  nextReportToVerify: (path: string | null) => void;
  /**
   * Holds the next call on `channel` until `release` is called, so a test can look at the screen
   * while that answer is still on its way; `arrived` settles once the page has made the call.
   */
  holdBack: (channel: Channel) => { arrived: Promise<void>; release: () => void };
  /** As the application menu: main sends the command to the page (e.g. Open Recent with a case open). */
  menuCommand: (command: MenuCommand) => Promise<void>;
  /**
   * Captures the screen as it is now, then checks it with axe-core (see axe.ts): a serious or
   * critical violation of a WCAG 2.0/2.1 A or AA rule fails the test. Every screen a test shows
   * goes through here, so each new one is checked without anyone having to remember.
   */
  screenshot: (name: string) => Promise<string>;
  consoleErrors: string[];
  close: () => Promise<void>;
};

/**
 * The built renderer in Debian's Chromium, with window.api bridged to the very handler table the
 * Electron main process registers with ipcMain.handle: same parsing, same core, real case files.
 */
export async function startHarness(timeZone = 'Europe/Berlin'): Promise<Harness> {
  const workDir = mkdtempSync(join(tmpdir(), 'custos-e2e-'));
  const dataDir = join(workDir, 'data');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dialogs = {
    open: [] as (string | null)[],
    save: [] as (string | null)[],
    files: [] as (string[] | null)[],
    folder: [] as (string | null)[],
    saveFile: [] as (string | null)[],
    report: [] as (string | null)[],
    reportToVerify: [] as (string | null)[],
  };
  const target: { page?: Page } = {};
  const heldBack = new Map<string, { arrive: () => void; released: Promise<void> }>();
  // Every answer is held to the contract; a breach fails the test at close() as well as the call.
  const contractBreaches: string[] = [];
  const handlers = checkedHandlers(
    createHandlers({
      appData: openAppData(dataDir),
      clock: () => new Date(),
      dialogs: {
        chooseCaseToOpen: async () => dialogs.open.shift() ?? null,
        chooseNewCasePath: async () => dialogs.save.shift() ?? null,
        chooseEvidenceFiles: async () => dialogs.files.shift() ?? null,
        chooseExportFolder: async () => dialogs.folder.shift() ?? null,
        chooseSavePath: async () => dialogs.saveFile.shift() ?? null,
        chooseReportPath: async () => dialogs.report.shift() ?? null,
        chooseReportToVerify: async () => dialogs.reportToVerify.shift() ?? null,
      },
      // As main's webContents.send: the page's progress listeners get each event.
      emitProgress: (progress) =>
        void target.page
          ?.evaluate(
            (p) => (globalThis as unknown as { __custosProgress?: (p: unknown) => void }).__custosProgress?.(p),
            progress,
          )
          .catch(() => undefined),
      version: '0.1.0-e2e',
      systemTimeZone: timeZone,
    }),
    contractBreaches,
  );
  const { server, url } = await serveRenderer();
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({
    timezoneId: timeZone,
    locale: 'en-GB',
    // The narrow window the issue names; screenshot() adds the wide one.
    viewport: { width: 1280, height: 900 },
    // No fades: a confirmation caught half-faded by a screenshot fails axe's contrast check for a
    // state no one reads. The app honours this setting as a person who asks for it would see it.
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  target.page = page;
  const consoleErrors: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(`${msg.text()} @ ${msg.location().url}`));
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.exposeBinding('__custosInvoke', async (_source, channel: string, req: unknown) => {
    const held = heldBack.get(channel);
    if (held) {
      heldBack.delete(channel);
      held.arrive();
      await held.released;
    }
    // As JSON text: Playwright's own serialisation of a large answer (a 500-step run is ~450 KB)
    // takes most of a second, which Electron's IPC does not; a string crosses in milliseconds.
    return JSON.stringify(await handlers.invoke(channel, req));
  });
  await page.exposeBinding('__custosDropped', (_source, paths: string[]) => handlers.grantDropped(paths));
  // Stands in for the preload: one function per channel, nothing else.
  await page.addInitScript((channels: readonly string[]) => {
    const binding = (globalThis as unknown as { __custosInvoke: (c: string, r: unknown) => Promise<string> })
      .__custosInvoke;
    const invoke = async (channel: string, req: unknown) => JSON.parse(await binding(channel, req)) as unknown;
    const api: Record<string, Record<string, (req?: unknown) => Promise<unknown>>> = {};
    for (const channel of channels) {
      const [domain, verb] = channel.split(':') as [string, string];
      (api[domain] ??= {})[verb] = (req?: unknown) => invoke(channel, req ?? {});
    }
    const progressListeners = new Set<(p: unknown) => void>();
    (globalThis as unknown as { __custosProgress: (p: unknown) => void }).__custosProgress = (p) =>
      progressListeners.forEach((l) => l(p));
    const menuListeners = new Set<(c: unknown) => void>();
    (globalThis as unknown as { __custosMenu: (c: unknown) => void }).__custosMenu = (c) =>
      menuListeners.forEach((l) => l(c));
    (globalThis as unknown as { api: unknown }).api = {
      ...api,
      // As webUtils.getPathForFile: the test registers the real path of each file it drops.
      // As the preload: the path of each dropped File (the test registers the real path of each
      // file it drops, standing in for webUtils.getPathForFile), handed to main as dropped.
      files: {
        dropped: async (files: File[]) => {
          const paths = Array.from(files).map(
            (file) =>
              (globalThis as unknown as { __custosDropPaths?: Record<string, string> }).__custosDropPaths?.[
                file.name
              ] ?? '',
          );
          if (paths.some((p) => !p)) return [];
          return (globalThis as unknown as { __custosDropped: (p: string[]) => Promise<string[]> }).__custosDropped(
            paths,
          );
        },
      },
      events: {
        onMenuCommand: (listener: (c: unknown) => void) => {
          menuListeners.add(listener);
          return () => menuListeners.delete(listener);
        },
        onEvidenceProgress: (listener: (p: unknown) => void) => {
          progressListeners.add(listener);
          return () => progressListeners.delete(listener);
        },
      },
    };
  }, CHANNELS);
  await page.goto(url);
  return {
    page,
    handlers,
    async ok<T = unknown>(channel: string, req: unknown): Promise<T> {
      const result = await handlers.invoke(channel, req);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as T;
    },
    dataDir,
    workDir,
    nextOpenPath: (path) => dialogs.open.push(path),
    nextSavePath: (path) => dialogs.save.push(path),
    nextExportPath: (path) => dialogs.saveFile.push(path),
    nextEvidenceFiles: (paths) => dialogs.files.push(paths),
    nextExportFolder: (path) => dialogs.folder.push(path),
    nextReportPath: (path) => dialogs.report.push(path),
    nextReportToVerify: (path) => dialogs.reportToVerify.push(path),
    holdBack(channel) {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((done) => (arrive = done));
      const released = new Promise<void>((done) => (release = done));
      heldBack.set(channel, { arrive, released });
      return { arrived, release };
    },
    async menuCommand(command) {
      await page.evaluate(
        (c) => (globalThis as unknown as { __custosMenu: (c: unknown) => void }).__custosMenu(c),
        command,
      );
    },
    async screenshot(name) {
      const file = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      // After the capture, so a failing screen's picture is there to look at.
      await checkAccessibility(page, name, AXE_REPORTS);
      // Every screen is also seen in a wide window (the "narrow and wide"), then put back
      // as it was, so the test goes on where it stood.
      const size = page.viewportSize();
      if (size && size.width < WIDE.width) {
        await page.setViewportSize({ width: WIDE.width, height: size.height });
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        await page.screenshot({ path: join(SCREENSHOTS, `${name}@wide.png`), fullPage: true });
        await checkAccessibility(page, `${name}@wide`, AXE_REPORTS);
        await page.setViewportSize(size);
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      }
      return file;
    },
    consoleErrors,
    async close() {
      handlers.dispose();
      await browser.close();
      await new Promise((done) => server.close(done));
      rmSync(workDir, { recursive: true, force: true });
      if (contractBreaches.length > 0) {
        throw new Error(`the handler table broke the IPC contract:\n${contractBreaches.join('\n')}`);
      }
    },
  };
}
