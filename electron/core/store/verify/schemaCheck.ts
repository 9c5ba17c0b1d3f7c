import type { Database } from 'better-sqlite3';
import type { CheckResult } from '../../../../shared/domain/audit.ts';
import { schemaOf } from '../format/caseFormat.ts';
import type { SchemaObject } from '../format/caseFormat.ts';

/** One way a file's schema differs from the one Custos defines for its format version. */
export type SchemaProblem = {
  kind: 'missing' | 'altered' | 'extra';
  /** The object's name as SQLite lists it. */
  name: string;
  description: string;
  /** Whether a table the checks read is missing or altered (then they cannot run on this file). */
  touchesTable: boolean;
};

type MasterRow = { type: string; name: string; tbl_name: string; sql: string | null };

/** The columns SQLite sees in a table, to say what an altered table gained or lost. */
function columnsOf(db: Database, table: string): string[] {
  try {
    return db.prepare('SELECT name FROM pragma_table_xinfo(?) ORDER BY cid').pluck().all(table) as string[];
  } catch {
    return [];
  }
}

/** Column names of one of Custos's own CREATE TABLE statements (one column per indented line). */
function expectedColumns(sql: string): string[] {
  return sql.match(/^ {6}[a-z_]+ [A-Z]/gm)?.map((line) => line.trim().split(' ')[0]!) ?? [];
}

function describeAltered(db: Database, expected: SchemaObject, actual: MasterRow): string {
  const what = `${expected.type} ${expected.name}`;
  if (actual.tbl_name !== expected.tableName) return `${what} belongs to ${actual.tbl_name}, not ${expected.tableName}`;
  if (expected.type === 'table' && expected.sql) {
    const want = expectedColumns(expected.sql);
    const have = columnsOf(db, expected.name);
    const added = have.filter((c) => !want.includes(c));
    const removed = want.filter((c) => !have.includes(c));
    const parts = [
      ...(added.length ? [`column${added.length > 1 ? 's' : ''} ${added.join(', ')} added`] : []),
      ...(removed.length ? [`column${removed.length > 1 ? 's' : ''} ${removed.join(', ')} removed`] : []),
    ];
    if (parts.length) return `${what} was altered (${parts.join('; ')})`;
  }
  return `${what} was altered: its definition is not the one Custos writes`;
}

/**
 * Compares sqlite_master with the schema of `version`, object by object, matching type and name
 * together (SQLite lets an index and a trigger share a name): Custos's objects in the order they
 * are defined (missing or altered), then every other row in name order (extra). The order is part
 * of the format document, so every verifier names the same object first.
 */
export function schemaProblems(db: Database, version: number): SchemaProblem[] {
  const expected = schemaOf(version);
  const rows = db
    .prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name, type')
    .all() as MasterRow[];
  const key = (type: string, name: string) => `${type}\u0000${name}`;
  const byKey = new Map<string, MasterRow>();
  for (const row of rows) if (!byKey.has(key(row.type, row.name))) byKey.set(key(row.type, row.name), row);
  const problems: SchemaProblem[] = [];
  const matched = new Set<MasterRow>();
  for (const object of expected) {
    const actual = byKey.get(key(object.type, object.name));
    if (!actual) {
      problems.push({
        kind: 'missing',
        name: object.name,
        description: `${object.type} ${object.name} is missing`,
        touchesTable: object.type === 'table',
      });
      continue;
    }
    matched.add(actual);
    if (actual.tbl_name !== object.tableName || actual.sql !== object.sql) {
      problems.push({
        kind: 'altered',
        name: object.name,
        description: describeAltered(db, object, actual),
        touchesTable: object.type === 'table',
      });
    }
  }
  for (const row of rows) {
    if (matched.has(row)) continue;
    const on = row.type === 'table' || row.type === 'view' ? '' : ` on ${row.tbl_name}`;
    problems.push({
      kind: 'extra',
      name: row.name,
      description: `extra ${row.type} ${row.name}${on}, which Custos did not create`,
      touchesTable: false,
    });
  }
  return problems;
}

const TITLE = 'Schema';
const SHOWN = 5;

/** A list of problems in one sentence: the first few, and how many more. */
export function describeProblems(problems: SchemaProblem[]): string {
  const shown = problems.slice(0, SHOWN).map((p) => p.description);
  const more = problems.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** Check 0. `tablesIntact` says whether the other checks can read this file's tables. */
export function runSchemaCheck(db: Database, version: number): { check: CheckResult; tablesIntact: boolean } {
  let problems: SchemaProblem[];
  try {
    problems = schemaProblems(db, version);
  } catch (error) {
    // A schema SQLite itself cannot parse (e.g. "malformed database schema").
    return {
      check: {
        id: 'schema',
        title: TITLE,
        status: 'fail',
        message: `The schema cannot be read (${(error as Error).message})`,
        location: { object: 'sqlite_master' },
      },
      tablesIntact: false,
    };
  }
  if (problems.length === 0) {
    return {
      check: {
        id: 'schema',
        title: TITLE,
        status: 'pass',
        message: `${schemaOf(version).length} objects are exactly those of case format ${version}`,
      },
      tablesIntact: true,
    };
  }
  return {
    check: {
      id: 'schema',
      title: TITLE,
      status: 'fail',
      message: `The schema is not the one Custos writes: ${describeProblems(problems)}`,
      location: { object: problems[0]!.name },
    },
    tablesIntact: !problems.some((p) => p.touchesTable),
  };
}
