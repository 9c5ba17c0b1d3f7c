import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, runMigrations } from '../../electron/core/store/format/migrations/index.ts';
import type { Migration } from '../../electron/core/store/format/migrations/index.ts';
import { OBJECTS_ADDED_BY_VERSION, schemaOf } from '../../electron/core/store/format/caseFormat.ts';
import type { SchemaObject } from '../../electron/core/store/format/caseFormat.ts';
import { STATE_TABLES, stateTablesOf } from '../../electron/core/store/format/stateTables.ts';
import { tempDir } from '../helpers/tempCase.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
/** Every object in sqlite_master, as caseFormat.ts describes one, in name order. */
const objects = (db: Database.Database) =>
  db.prepare('SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master ORDER BY name').all() as SchemaObject[];
const sortedByName = (list: readonly SchemaObject[]) => [...list].sort((a, b) => (a.name < b.name ? -1 : 1));

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
      'claim_validation',
      'clock_submission',
      'custody_event',
      'evidence_blob',
      'evidence_chunk',
      'evidence_item',
      'evidence_link',
      'extortion_decision',
      'extortion_demand',
      'extortion_message',
      'indicator',
      'legal_hold',
      'note',
      'notification_clock',
      'output_record',
      'playbook_proof',
      'playbook_run',
      'playbook_step',
      'subject',
      'subject_link',
      'timeline_event',
    ]);
    expect(objects(db)).toEqual(sortedByName(schemaOf(SCHEMA_VERSION)));
    const schema = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all();
    runMigrations(db);
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()).toEqual(schema);
    db.close();
  });

  it('take a format 3 file to format 4: exactly the format 4 objects are added, and nothing else changes', () => {
    const db = new Database(join(dir, 'format3.custos'));
    runMigrations(
      db,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(objects(db)).toEqual(sortedByName(schemaOf(3)));
    db.prepare(
      "INSERT INTO note VALUES ('n1', 'Kept across the upgrade', 'Dana', 0, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 0)",
    ).run();
    const format3 = objects(db);

    runMigrations(
      db,
      MIGRATIONS.filter((m) => m.version <= 4),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(objects(db)).toEqual(sortedByName(schemaOf(4)));
    const added = objects(db).filter((o) => !format3.some((p) => p.name === o.name));
    expect(added).toEqual(sortedByName(OBJECTS_ADDED_BY_VERSION[4]!));
    // They belong to the nine tables format 4 adds, each of them a state table.
    const newTables = stateTablesOf(4).filter((t) => !stateTablesOf(3).includes(t));
    expect(newTables).toHaveLength(9);
    expect([...new Set(added.map((o) => o.tableName))].sort()).toEqual([...newTables].sort());
    // The objects of format 3 are untouched, and so is what they hold; the new tables start empty.
    expect(objects(db).filter((o) => format3.some((p) => p.name === o.name))).toEqual(format3);
    expect(db.prepare('SELECT body FROM note').pluck().all()).toEqual(['Kept across the upgrade']);
    for (const table of newTables) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    db.close();
  });

  it('take a format 4 file to format 5: exactly output_record is added, and nothing else changes', () => {
    const db = new Database(join(dir, 'format4.custos'));
    runMigrations(
      db,
      MIGRATIONS.filter((m) => m.version <= 4),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(objects(db)).toEqual(sortedByName(schemaOf(4)));
    db.prepare(
      "INSERT INTO note VALUES ('n1', 'Kept across the upgrade', 'Dana', 0, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 0)",
    ).run();
    const format4 = objects(db);

    runMigrations(db);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(objects(db)).toEqual(sortedByName(schemaOf(5)));
    const added = objects(db).filter((o) => !format4.some((p) => p.name === o.name));
    expect(added).toEqual(sortedByName(OBJECTS_ADDED_BY_VERSION[5]!));
    // The one table format 5 adds is a state table, imaged in the audit log like the rest.
    const newTables = stateTablesOf(5).filter((t) => !stateTablesOf(4).includes(t));
    expect(newTables).toEqual(['output_record']);
    expect([...new Set(added.map((o) => o.tableName))]).toEqual(['output_record']);
    expect(objects(db).filter((o) => format4.some((p) => p.name === o.name))).toEqual(format4);
    expect(db.prepare('SELECT body FROM note').pluck().all()).toEqual(['Kept across the upgrade']);
    expect(db.prepare('SELECT count(*) FROM output_record').pluck().get()).toBe(0);
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
