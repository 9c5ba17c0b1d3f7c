import { CustosError } from '../../errors.ts';
import { CUSTOS_APPLICATION_ID } from '../file/header.ts';
import { openConnection } from '../file/connection.ts';
import { runMigrations } from '../format/migrations/index.ts';
import { describeProblems, schemaProblems } from '../verify/schemaCheck.ts';
import { configure, queriesOf } from './caseDb.ts';
import type { CaseDb } from './caseDb.ts';

/** SQLite's name for a database that lives in one connection's memory, and the case's path here. */
export const MEMORY_CASE_PATH = ':memory:';

/**
 * A new, empty case held in memory, for unit tests of mutate() and the table modules: no file, no
 * writer lock, no side files, so a test gets a real SQLite case in a millisecond. It is what
 * createCaseDb makes, minus the file: a connection hardened like every other (file/connection.ts),
 * configured like a writer's (caseDb.ts), with the current schema created by the real migrations.
 * It has no case record yet (insertCase writes one, as creating a case does).
 *
 * What a file has and memory has not is done in the simplest correct way, noted where it applies.
 * The checks made on opening a file (header, locks, -wal, -journal) have nothing to check here.
 */
export function openMemoryCaseDb(): CaseDb {
  const db = openConnection(MEMORY_CASE_PATH, { mustExist: false });
  try {
    db.pragma(`application_id = ${CUSTOS_APPLICATION_ID}`);
    configure(db);
    runMigrations(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const schemaVersion = () => db.pragma('schema_version', { simple: true }) as number;
  let trustedSchema = schemaVersion();
  return {
    db,
    path: MEMORY_CASE_PATH,
    realPath: MEMORY_CASE_PATH,
    // No other connection can reach this database: one that opened this "path" would get a new,
    // empty database, where verification fails (no tables) rather than passing. Verify an
    // in-memory case on this thread (verifyCase), not on workers.
    readPath: MEMORY_CASE_PATH,
    readOnly: false,
    notes: [],
    ...queriesOf(db),
    assertWritable() {
      // Always writable: nothing but this connection can hold it.
    },
    beforeWrite() {
      // The same guard as a file's (caseDb.ts): SQL added to the schema since the case was made
      // (a trigger, say) never runs on a write. There is no WAL mode to enter: the journal is in memory.
      const now = schemaVersion();
      if (now === trustedSchema) return;
      const problems = schemaProblems(db, db.pragma('user_version', { simple: true }) as number);
      if (problems.length > 0) {
        throw new CustosError(
          'SCHEMA_MISMATCH',
          `the case in memory was changed outside Custos: its schema is no longer the one Custos writes (${describeProblems(problems)}). Nothing was written`,
        );
      }
      trustedSchema = now;
    },
    async withBulkWrites(run) {
      // A file switches to rollback-journal mode so new pages are written once; memory has no file
      // and no WAL, and no other connection can write its bytes, so the run goes ahead as it is.
      return run();
    },
    close() {
      if (db.open) db.close();
    },
  };
}
