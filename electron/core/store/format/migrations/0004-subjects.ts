import type { Database } from 'better-sqlite3';
import { createObjects } from './0001-initial.ts';

/**
 * Subjects and their links, indicators, the extortion record (messages, demands, claim validation,
 * decisions), and notification clocks with their submissions. All are state tables, imaged in the
 * audit log like the rest; nothing is deleted (rows are marked removed).
 */
export function migrate(db: Database): void {
  createObjects(db, 4);
}
