import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, runMigrations } from '../../electron/core/store/format/migrations/index.ts';
import type { Migration } from '../../electron/core/store/format/migrations/index.ts';
import { STATE_TABLES } from '../../electron/core/store/format/stateTables.ts';
import { tempDir } from '../helpers/tempCase.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('migrations', () => {
  it('are numbered upward and end at the schema version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual([...MIGRATIONS.map((m) => m.version)].sort((a, b) => a - b));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('bring an empty file to the current schema, and running them again changes nothing', () => {
    const db = new Database(join(dir, 'm.custos'));
    runMigrations(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual([
      'access_item',
      'audit_log',
      'case_meta',
      'custody_event',
      'evidence_blob',
      'evidence_chunk',
      'evidence_item',
      'evidence_link',
      'legal_hold',
      'note',
      'playbook_proof',
      'playbook_run',
      'playbook_step',
      'timeline_event',
    ]);
    const schema = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all();
    runMigrations(db);
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()).toEqual(schema);
    db.close();
  });

  it('create exactly the columns the write path images', () => {
    const db = new Database(':memory:');
    runMigrations(db);
    for (const [table, columns] of Object.entries(STATE_TABLES)) {
      const actual = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(actual, table).toEqual([...columns]);
    }
    db.close();
  });

  it('run in one transaction: a failing step leaves the file as it was', () => {
    const db = new Database(join(dir, 'half.custos'));
    const failing: Migration[] = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        name: 'broken',
        migrate: (d) => {
          d.exec('CREATE TABLE half_done (x TEXT) STRICT');
          throw new Error('disk full (simulated)');
        },
      },
    ];
    expect(() => runMigrations(db, failing)).toThrow('disk full (simulated)');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });
});
