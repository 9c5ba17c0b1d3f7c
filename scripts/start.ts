// `npm start`: make sure Electron is there, build, and run the app. When Electron is missing and
// cannot be downloaded (an offline machine, a blocked host), say so in plain words and how to supply
// it from an archive, instead of the installer's stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT,
  cacheRoot,
  cachedArchivePath,
  executablePath,
  isInstalled,
  runtime,
  sha256File,
} from './electronRuntime.ts';

const rt = runtime();

/**
 * Why the download failed, in the network's words. The installer prints only "fetch failed", so ask
 * the download host once more and report the cause (name not resolved, connection refused, timeout).
 */
async function reason(installerOutput: string): Promise<string> {
  const mirror = process.env.ELECTRON_MIRROR;
  const url = mirror ? `${mirror.replace(/\/?$/, '/')}v${rt.version}/${rt.archive}` : rt.url;
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    if (!response.ok) return `${url} answered ${response.status} ${response.statusText}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.message ?? (error as Error).message;
    return `${url}: ${why}`;
  }
  const line = installerOutput.split('\n').find((l) => /error/i.test(l) && !/^\s+at /.test(l));
  return (line ?? 'the installer gave no reason').trim();
}

/** An archive already where Electron's installer looks that is not Electron's: the installer drops it silently. */
function wrongCachedArchive(): string | null {
  const path = cachedArchivePath(cacheRoot(), rt);
  if (!existsSync(path)) return null;
  const sum = sha256File(path);
  return sum === rt.sha256
    ? null
    : `An archive is already at ${path}, but it is not Electron's ${rt.archive} (its SHA-256 is ${sum}), so the installer ignored it: remove it, and supply the right one as below.`;
}

function offlineHelp(why: string): string {
  const mirror = process.env.ELECTRON_MIRROR;
  const wrong = wrongCachedArchive();
  return `Custos cannot start: Electron ${rt.version}, the desktop runtime Custos runs in, is not installed,
and downloading it failed. This machine looks offline, or cannot reach ${mirror ? `the mirror ${mirror}` : 'github.com'}.
  (${why})
${wrong ? `\n${wrong}\n` : ''}
To install Electron from an archive downloaded on another machine:
  1. Download ${rt.url}
     (SHA-256 ${rt.sha256 ?? 'unknown for this platform'})
  2. Copy it to this machine and run:
       npm run electron:install -- /path/to/${rt.archive}
     It checks the archive against Electron's published SHA-256, then installs it. Then run npm start.

Electron's own settings work too:
  ELECTRON_MIRROR=https://your-mirror/electron/   download from a mirror you can reach
  an archive placed where Electron's installer looks first:
      ${cachedArchivePath(cacheRoot(), rt)}
      (with electron_config_cache=DIR: ${cachedArchivePath('DIR', rt)})
  ELECTRON_OVERRIDE_DIST_PATH=DIR                  use an unpacked Electron ${rt.version} in DIR

The command line needs no Electron: bin/custos --help (see the README).`;
}

async function ensureElectron(): Promise<boolean> {
  if (isInstalled()) return true;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    // Electron would use this folder without downloading anything; there is nothing to fall back to.
    console.error(
      `Custos cannot start: ELECTRON_OVERRIDE_DIST_PATH is set to ${override}, but there is no Electron in it (${executablePath(override)} is missing). Point it at an unpacked Electron ${rt.version}, or unset it to download or install Electron (see the README).`,
    );
    return false;
  }
  console.log(`Electron ${rt.version} is not installed yet; downloading ${rt.archive} (about 100 MB)…`);
  const install = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron/install.js')], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (install.status === 0 && isInstalled()) return true;
  console.error(offlineHelp(await reason(`${install.stderr ?? ''}${install.error?.message ?? ''}`)));
  return false;
}

function build(): boolean {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return result.status === 0;
}

if (!(await ensureElectron())) process.exit(1);
if (!build()) {
  console.error('Custos cannot start: the build failed (see above).');
  process.exit(1);
}
const app = spawn(process.execPath, [join(ROOT, 'node_modules/electron/cli.js'), '.', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
app.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
