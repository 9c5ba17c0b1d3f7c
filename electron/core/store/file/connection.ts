import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';

export type ConnectionOptions = {
  readonly?: boolean;
  /** How long to wait for another connection's lock, in ms. */
  timeout?: number;
  /** false only when creating a new file. */
  mustExist?: boolean;
};

/**
 * Every SQLite connection Custos makes goes through here, so each one distrusts the file it opens:
 * a case file may come from an attacker, and its schema (views, triggers, CHECK and DEFAULT
 * expressions) may name SQL functions or virtual tables. With trusted_schema off, SQLite refuses to
 * run any function or virtual table from the schema that is not marked harmless; defensive mode
 * refuses the ways of rewriting the schema or the file's pages behind SQLite's back
 * (writable_schema, sqlite_dbpage). Verification then compares the schema with the one Custos
 * defines before anything is written (store/verify/schemaCheck.ts).
 */
export function openConnection(path: string, options: ConnectionOptions = {}): Db {
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.mustExist ?? true,
    timeout: options.timeout ?? 5000,
  });
  try {
    harden(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The defensive settings, on a connection that is already open. */
export function harden(db: Db): void {
  // better-sqlite3 turns defensive mode on by default; saying so keeps it on whatever its default.
  db.unsafeMode(false);
  db.pragma('trusted_schema = OFF');
  if (db.pragma('trusted_schema', { simple: true }) !== 0) throw new Error('SQLite refused to turn trusted_schema off');
}
