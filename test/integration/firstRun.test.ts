import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheRoot, cachedArchivePath, isInstalled, runtime } from '../../scripts/electronRuntime.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const rt = runtime();

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'custos-first-run-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Runs one of the project's scripts as `npm run` does (the pinned Node), with these extra settings. */
function script(name: string, args: string[], env: Record<string, string | undefined>) {
  const clean = { ...process.env };
  for (const key of Object.keys(clean)) if (/^(electron_|npm_config_electron)/i.test(key)) delete clean[key];
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', name), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...clean, ...env },
  });
  if (result.error) throw result.error;
  return result;
}

/** A local port that was free a moment ago: connecting to it is refused. */
function closedPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

describe('npm start on a machine that cannot download Electron', () => {
  it.skipIf(isInstalled())('says in plain words that the download failed and how to supply Electron', async () => {
    // A mirror on a port nothing listens on: the download is refused at once, as on an offline machine.
    const mirror = `http://127.0.0.1:${await closedPort()}/`;
    const run = script('start.ts', [], { ELECTRON_MIRROR: mirror, electron_config_cache: work });
    expect(run.status).toBe(1);
    const said = `${run.stdout}${run.stderr}`;
    expect(said).toContain(`Electron ${rt.version}, the desktop runtime Custos runs in, is not installed`);
    expect(said).toContain(`cannot reach the mirror ${mirror}`);
    // The network's own reason, not the installer's "fetch failed".
    expect(said).toContain('ECONNREFUSED');
    expect(said).toContain(rt.url);
    expect(said).toContain(`SHA-256 ${rt.sha256}`);
    expect(said).toContain(`npm run electron:install -- /path/to/${rt.archive}`);
    expect(said).toContain(cachedArchivePath('DIR', rt));
    expect(said).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(said).not.toMatch(STACK_LINE);
    // Nothing was built before Electron was known to be there.
    expect(said).not.toContain('vite');
  });

  it.skipIf(isInstalled())(
    'says when an archive where the installer looks is not Electron’s, so it was ignored',
    async () => {
      const wrong = cachedArchivePath(work, rt);
      mkdirSync(dirname(wrong), { recursive: true });
      writeFileSync(wrong, 'not electron');
      const run = script('start.ts', [], {
        ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
        electron_config_cache: work,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`An archive is already at ${wrong}, but it is not Electron's ${rt.archive}`);
    },
  );

  it('names an ELECTRON_OVERRIDE_DIST_PATH with no Electron in it, and downloads nothing', () => {
    const run = script('start.ts', [], { ELECTRON_OVERRIDE_DIST_PATH: work });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `ELECTRON_OVERRIDE_DIST_PATH is set to ${work}, but there is no Electron in it (${join(work, 'electron')} is missing)`,
    );
    expect(run.stdout).not.toContain('downloading');
  });

  it('builds and starts the app in the Electron it is given (ELECTRON_OVERRIDE_DIST_PATH)', () => {
    const dist = join(work, 'electron-dist');
    mkdirSync(dist);
    const record = join(work, 'started-with.txt');
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nprintf '%s\\n' "$PWD" "$@" > '${record}'\nexit 3\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const run = script('start.ts', [], { ELECTRON_OVERRIDE_DIST_PATH: dist });
    // The app's own exit code comes back to the shell.
    expect(run.status, run.stderr).toBe(3);
    expect(readFileSync(record, 'utf8').split('\n')).toEqual([ROOT, '.', '']);
    expect(existsSync(join(ROOT, 'out/main/index.js'))).toBe(true);
    expect(existsSync(join(ROOT, 'out/renderer/index.html'))).toBe(true);
  });
});

describe('npm run electron:install -- ARCHIVE', () => {
  const install = (args: string[]) => script('install-electron.ts', args, { electron_config_cache: work });

  it('puts the archive where Electron’s own installer looks for it', async () => {
    // @electron/get, the library Electron's installer downloads with, is the authority on the layout.
    const getCache = pathToFileURL(join(ROOT, 'node_modules/@electron/get/dist/Cache.js')).href;
    const { Cache } = (await import(getCache)) as {
      Cache: new (root: string) => { getCachePath(url: string, file: string): string };
    };
    expect(cachedArchivePath(work, rt)).toBe(new Cache(work).getCachePath(rt.url, rt.archive));
    expect(cacheRoot({ electron_config_cache: work })).toBe(work);
  });

  it('refuses an archive that is not Electron’s published file, and places nothing', () => {
    const fake = join(work, rt.archive);
    writeFileSync(fake, 'PK\u0003\u0004 not really electron');
    const run = install([fake]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`is not Electron's ${rt.archive}`);
    expect(run.stderr).toContain(`Electron published ${rt.sha256}`);
    expect(run.stderr).toContain(`Download it again from ${rt.url}`);
    expect(readdirSync(work)).toEqual([rt.archive]);
  });

  it('reads a relative path from the folder the person typed it in, not the project folder', () => {
    writeFileSync(join(work, 'download.zip'), 'not electron');
    const run = script('install-electron.ts', ['download.zip'], { electron_config_cache: work, INIT_CWD: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${join(work, 'download.zip')} is not Electron's ${rt.archive}`);
  });

  it('names what is missing: no archive, a missing file, a folder', () => {
    const none = install([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(`name the archive: npm run electron:install -- /path/to/${rt.archive}`);
    const missing = install([join(work, 'nowhere.zip')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
    const folder = install([work]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('is not a file');
  });
});

describe('the custos launcher (bin/custos)', () => {
  const launcher = join(ROOT, 'bin/custos');
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  it('runs from any folder and through a link (npm link, ~/bin), on the project’s own Node', () => {
    const link = join(work, 'custos');
    symlinkSync(launcher, link);
    // A PATH without the project's tools: the launcher must not need them.
    const env = { ...process.env, PATH: '/usr/bin:/bin' };
    for (const command of [launcher, link]) {
      const run = spawnSync(command, ['--version'], { cwd: work, encoding: 'utf8', env });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(`${version}\n`);
      expect(run.status).toBe(0);
    }
  });

  it('passes arguments through unchanged and returns the command’s exit code', () => {
    const run = spawnSync(launcher, ['info', join(work, 'it has spaces.custos')], { cwd: work, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${join(work, 'it has spaces.custos')} does not exist`);
  });

  it('answers help and usage errors without loading the core (the store, the services, zod)', () => {
    const recorder = join(ROOT, 'test/fixtures/recordImports.ts');
    for (const args of [['--help'], ['note', 'add', '--help'], ['frobnicate'], ['--version']]) {
      const run = spawnSync(process.execPath, ['--import', recorder, join(ROOT, 'bin/custos.js'), ...args], {
        cwd: work,
        encoding: 'utf8',
      });
      const imported = run.stderr.split('--- imported ---\n')[1]?.trim().split('\n') ?? [];
      expect(imported.length, args.join(' ')).toBeGreaterThan(3);
      const heavy = imported.filter((url) =>
        /\/node_modules\/|\/electron\/core\/(store|services|cli\/commands)\//.test(url),
      );
      expect(heavy, args.join(' ')).toEqual([]);
    }
  });
});
