import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
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
