// What `npm start` needs to know about the Electron runtime: which archive this machine needs,
// whether it is installed, and where Electron's own installer looks for an archive it already has.
// The names and the cache layout are Electron's (node_modules/electron/install.js and @electron/get);
// nothing here changes how Electron installs itself.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
const ELECTRON = join(ROOT, 'node_modules/electron');

export type Runtime = {
  version: string;
  /** e.g. electron-v45.4.1-linux-x64.zip */
  archive: string;
  /** Electron's published SHA-256 of that archive (node_modules/electron/checksums.json). */
  sha256: string | undefined;
  /** Where Electron's releases are downloaded from, unless a mirror is set. */
  url: string;
};

export function runtime(platform: string = process.platform, arch: string = process.arch): Runtime {
  const { version } = JSON.parse(readFileSync(join(ELECTRON, 'package.json'), 'utf8')) as { version: string };
  const archive = `electron-v${version}-${platform}-${arch}.zip`;
  const checksums = JSON.parse(readFileSync(join(ELECTRON, 'checksums.json'), 'utf8')) as Record<string, string>;
  return {
    version,
    archive,
    sha256: checksums[archive],
    url: `https://github.com/electron/electron/releases/download/v${version}/${archive}`,
  };
}

/** The executable inside Electron's dist folder, as install.js names it per platform. */
function executable(platform: string): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** Where the executable of an unpacked Electron in `dist` is. */
export function executablePath(dist: string, platform: string = process.platform): string {
  return join(dist, executable(platform));
}

/** The SHA-256 of a file, read as it is now. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** True when `electron .` would start without downloading anything. */
export function isInstalled(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): boolean {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return existsSync(executablePath(override, platform));
  try {
    const version = readFileSync(join(ELECTRON, 'dist/version'), 'utf8').trim().replace(/^v/, '');
    const path = readFileSync(join(ELECTRON, 'path.txt'), 'utf8');
    return version === runtime(platform).version && existsSync(join(ELECTRON, 'dist', path));
  } catch {
    return false;
  }
}

/** Electron's download cache root: electron_config_cache, else the user's cache folder (env-paths). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string {
  if (env.electron_config_cache) return resolve(env.electron_config_cache);
  if (platform === 'darwin') return join(homedir(), 'Library/Caches/electron');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData/Local'), 'electron/Cache');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron');
}

/**
 * Where Electron's installer finds the archive without downloading it: a folder named by the
 * SHA-256 of the download URL's folder, under the cache root (@electron/get's Cache).
 */
export function cachedArchivePath(root: string, rt: Runtime = runtime()): string {
  const folder = rt.url.slice(0, rt.url.lastIndexOf('/'));
  return join(root, createHash('sha256').update(folder).digest('hex'), rt.archive);
}
