import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { z } from 'zod';
import { DEFAULT_STORE_LIMIT, Profile, StoreLimit } from '../../shared/domain/profile.ts';
import type { RecentCase } from '../../shared/domain/profile.ts';
import { CustosError, fromFsError } from './errors.ts';
import { findIllFormedText } from '../../shared/logic/text.ts';

/**
 * App-level data that belongs to this installation, not to a case: the examiner profile and the
 * recent cases. It lives in the user data folder (CUSTOS_DATA_DIR overrides it, e.g. in tests).
 */
const SettingsFile = z.object({
  version: z.literal(1),
  profile: Profile.nullable(),
  recent: z
    .array(z.object({ path: z.string(), title: z.string(), reference: z.string(), lastOpenedAt: z.string() }))
    .max(50),
  /** Absent until the examiner changes it (files written before it existed have none). */
  storeLimitBytes: StoreLimit.optional(),
});
type SettingsFile = z.infer<typeof SettingsFile>;

const MAX_RECENT = 12;

export function resolveDataDir(fallback: string): string {
  const fromEnv = process.env.CUSTOS_DATA_DIR?.trim();
  return resolve(fromEnv ? fromEnv : fallback);
}

export type AppData = {
  readonly dir: string;
  profile(): Profile | null;
  setProfile(profile: Profile): Profile;
  recent(): RecentCase[];
  remember(entry: { path: string; title: string; reference: string }, at: string): void;
  forget(path: string): void;
  /** Files larger than this are referenced in place instead of copied (default 2 GiB). */
  storeLimit(): number;
  setStoreLimit(bytes: number): number;
};

export function openAppData(dir: string): AppData {
  const file = join(dir, 'settings.json');

  function read(): SettingsFile {
    if (!existsSync(file)) return { version: 1, profile: null, recent: [] };
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CustosError(
        'IO_ERROR',
        `${file} cannot be read (${(error as Error).message}); fix or remove it to start over`,
      );
    }
    const illFormed = findIllFormedText(raw);
    if (illFormed) {
      throw new CustosError(
        'IO_ERROR',
        `${file} holds text that is not well-formed UTF-16 at ${illFormed}; fix or remove it (then set your profile again)`,
      );
    }
    const parsed = SettingsFile.safeParse(raw);
    if (!parsed.success) {
      throw new CustosError(
        'IO_ERROR',
        `${file} is not valid Custos settings (${parsed.error.issues[0]?.message}); fix or remove it`,
      );
    }
    return parsed.data;
  }

  function write(settings: SettingsFile): void {
    // Write then rename: a crash never leaves a half-written settings file, and a full disk leaves
    // the old one as it was.
    const temp = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw fromFsError(error, 'save your settings', file);
    }
  }

  return {
    dir,
    profile: () => read().profile,
    setProfile(profile) {
      const settings = read();
      write({ ...settings, profile });
      return profile;
    },
    recent: () => read().recent.map((r) => ({ ...r, exists: existsSync(r.path) })),
    remember(entry, at) {
      const settings = read();
      const recent = [
        { ...entry, path: resolve(entry.path), lastOpenedAt: at },
        ...settings.recent.filter((r) => r.path !== resolve(entry.path)),
      ];
      write({ ...settings, recent: recent.slice(0, MAX_RECENT) });
    },
    forget(path) {
      const settings = read();
      write({ ...settings, recent: settings.recent.filter((r) => r.path !== path) });
    },
    storeLimit: () => read().storeLimitBytes ?? DEFAULT_STORE_LIMIT,
    setStoreLimit(bytes) {
      write({ ...read(), storeLimitBytes: StoreLimit.parse(bytes) });
      return bytes;
    },
  };
}

/**
 * Where Electron keeps user data for an app named "Custos", so the CLI and the app share the
 * examiner profile: ~/.config/Custos, ~/Library/Application Support/Custos or %APPDATA%\Custos.
 */
export function defaultDataDir(): string {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Custos');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Custos');
  return join(process.env.XDG_CONFIG_HOME?.trim() || join(home, '.config'), 'Custos');
}
