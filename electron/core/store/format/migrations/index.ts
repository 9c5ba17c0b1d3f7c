import type { Database } from 'better-sqlite3';
import { migrate as m0001 } from './0001-initial.ts';
import { migrate as m0002 } from './0002-evidence.ts';
import { migrate as m0003 } from './0003-playbooks.ts';
import { migrate as m0004 } from './0004-subjects.ts';
import { migrate as m0005 } from './0005-outputs.ts';

export type Migration = { version: number; name: string; migrate: (db: Database) => void };

/** Every schema change, in order. PRAGMA user_version holds the last one applied. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', migrate: m0001 },
  { version: 2, name: 'evidence', migrate: m0002 },
  { version: 3, name: 'playbooks', migrate: m0003 },
  { version: 4, name: 'subjects', migrate: m0004 },
  { version: 5, name: 'outputs', migrate: m0005 },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

for (let i = 1; i < MIGRATIONS.length; i++) {
  if (MIGRATIONS[i]!.version <= MIGRATIONS[i - 1]!.version) {
    throw new Error(`migrations out of order at ${MIGRATIONS[i]!.name}`);
  }
}

/** Runs every pending migration in one transaction; the file is either fully migrated or untouched. */
export function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      migration.migrate(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}
