import type { Database } from 'better-sqlite3';
import { createObjects } from './0001-initial.ts';

/**
 * Evidence and chain of custody. evidence_item, evidence_blob, custody_event, legal_hold and
 * evidence_link are state tables (imaged in the audit log like the rest); evidence_chunk holds the
 * bytes, which verification re-hashes against the recorded hashes instead of imaging them.
 * Custody history is append-only like the audit log, and evidence bytes are never rewritten.
 */
export function migrate(db: Database): void {
  createObjects(db, 2);
}
