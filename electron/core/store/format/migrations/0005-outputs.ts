import type { Database } from 'better-sqlite3';
import { createObjects } from './0001-initial.ts';

/**
 * What left the case: reports, exports and referral packages, each with the head it was made from
 * and the SHA-256 of what was written. A state table like the rest, imaged in the audit log.
 */
export function migrate(db: Database): void {
  createObjects(db, 5);
}
