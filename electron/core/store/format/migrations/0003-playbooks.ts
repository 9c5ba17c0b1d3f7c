import type { Database } from 'better-sqlite3';
import { createObjects } from './0001-initial.ts';

/**
 * Playbook runs: playbook_run (with its template copied in as CACAO 2.0 text), playbook_step (each
 * step's state, who did it, when and why), playbook_proof (evidence, notes and events a step rests
 * on) and access_item (the access inventory of a termination). All are state tables, imaged in the
 * audit log like the rest.
 */
export function migrate(db: Database): void {
  createObjects(db, 3);
}
