import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../electron/core/cli/main.ts';
import type { Database as Db } from 'better-sqlite3';

const BIN = new URL('../../bin/custos.js', import.meta.url).pathname;

export type CliResult = { status: number | null; stdout: string; stderr: string };

/**
 * Runs the real `custos` command as a user would, under the same Node as the tests, with its
 * settings (the examiner profile) read from `dataDir`.
 */
export function runCustos(dataDir: string, args: string[], cwd?: string): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, CUSTOS_DATA_DIR: dataDir },
    encoding: 'utf8',
    ...(cwd ? { cwd } : {}),
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `custos` in this process, as bin/custos.js does, with its settings read from `dataDir`:
 * the same code and output as the real command without starting a process (half a second each).
 * Tests of what only a process shows (exit on a signal, the current folder, another user, a
 * mount) use runCustos.
 */
export async function runCustosInProcess(dataDir: string, args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(
    args,
    { out: (text) => (stdout += `${text}\n`), err: (text) => (stderr += `${text}\n`) },
    { dataDir, interactive: false },
  );
  return { status, stdout, stderr };
}

/**
 * Looks inside a case file after a command, with plain SQLite and without writing to it. Like
 * custos's own read-only open, a connection that may not write rather than `readonly: true`: a
 * readonly connection to a WAL-mode file leaves -wal and -shm behind, which would muddle the
 * "no side files" checks.
 */
export function readCase<T>(path: string, read: (db: Db) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('query_only = ON');
    return read(db);
  } finally {
    db.close();
  }
}

export function rowCount(path: string, table: string): number {
  return readCase(path, (db) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);
}

/** SQLite's and Custos's files beside a case, which a refused command must not leave behind. */
export function sidecarsOf(path: string): string[] {
  return ['-wal', '-shm', '-lock', '-journal'].map((suffix) => `${path}${suffix}`).filter((p) => existsSync(p));
}

/** Every file in a folder (hidden ones too) and the SHA-256 of its bytes: to show nothing changed. */
export function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    state[name] = statSync(path).isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'folder';
  }
  return state;
}

/**
 * Runs `custos` with `folder` mounted read-only, as an evidence drive would be: a private mount
 * namespace (unshare) binds the folder over itself read-only, for this command only.
 */
export function runCustosOnReadOnlyMedia(dataDir: string, folder: string, args: string[]): CliResult {
  const script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"';
  for (const flags of [['-m'], ['-r', '-m']]) {
    const result = spawnSync('unshare', [...flags, 'sh', '-c', script, folder, process.execPath, BIN, ...args], {
      env: { ...process.env, CUSTOS_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    if (result.error) throw result.error;
    // unshare or mount refused (no privilege for this kind of namespace): try the next kind.
    if (/unshare: |mount: /.test(result.stderr) && result.status !== 0 && !result.stderr.includes('custos:')) continue;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  throw new Error('cannot mount a folder read-only here (unshare -m and unshare -rm both refused)');
}

/**
 * Runs `custos` as a user who may not write where the case lies. Root may write anywhere, so when
 * the tests run as root the command runs without the capabilities that let it ignore permissions.
 */
export function runCustosWithoutWriteAccess(dataDir: string, args: string[]): CliResult {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'setpriv' : process.execPath;
  const prefix = asRoot ? ['--bounding-set=-dac_override,-dac_read_search,-fowner', process.execPath] : [];
  const result = spawnSync(command, [...prefix, BIN, ...args], {
    env: { ...process.env, CUSTOS_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
