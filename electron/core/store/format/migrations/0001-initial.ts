import type { Database } from 'better-sqlite3';
import { OBJECTS_ADDED_BY_VERSION } from '../caseFormat.ts';

/**
 * The first case-file schema: the case record, timeline, notes and the hash-chained audit log.
 * State tables hold only TEXT and INTEGER so every row has one canonical JSON image. The objects
 * and their exact SQL are defined in caseFormat.ts, which verification compares files against.
 */
export function migrate(db: Database): void {
  createObjects(db, 1);
}

/** Runs the CREATE statement of every object a format version adds, in order. */
export function createObjects(db: Database, version: number): void {
  for (const object of OBJECTS_ADDED_BY_VERSION[version] ?? []) {
    if (object.sql) db.exec(object.sql);
  }
}
