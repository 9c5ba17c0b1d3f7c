import type { Database } from 'better-sqlite3';
import type { CheckResult } from '../../../../shared/domain/audit.ts';
import { STATE_TABLE_NAMES, SORTED_COLUMNS } from '../format/stateTables.ts';
import type { StateTable } from '../format/stateTables.ts';
import { readChangeData } from '../format/changeData.ts';
import type { Image, ImageChange } from '../format/changeData.ts';
import { columnLabel } from '../../../../shared/logic/recordNames.ts';
import { fail, pass, plural, rowRef } from './results.ts';
import { batches } from './rows.ts';

/** A state row (rowid first, then the sorted columns) against an image with exactly those columns. */
function sameRow(image: Image, columns: readonly string[], values: readonly unknown[]): boolean {
  let count = 0;
  for (const _key in image) count++;
  if (count !== columns.length) return false;
  for (let i = 0; i < columns.length; i++) if (image[columns[i]!] !== values[i + 1]) return false;
  return true;
}

/** Images hold only strings, integers and null (checked above), so a shallow compare is exact. */
function sameImage(a: Image | null, b: Image | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  let count = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    count++;
  }
  for (const _key in b) count--;
  return count === 0;
}

type ImagesByTable = Map<string, Map<string, Image | null>>;

function imagesOf(last: ImagesByTable, table: string): Map<string, Image | null> {
  let rows = last.get(table);
  if (!rows) last.set(table, (rows = new Map()));
  return rows;
}

/** Applies every entry's changes in order, keeping each row's last after-image. */
function foldChanges(db: Database, last: ImagesByTable): CheckResult | undefined {
  for (const batch of batches<[number, string]>(
    db,
    'SELECT seq, changes FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?',
  )) {
    for (const [seq, text] of batch) {
      // Change data in any other form than the format's is not guessed at (check 1 names it too).
      const { changes, problem } = readChangeData(text);
      if (!changes || problem) return fail('replay', `Entry ${seq} holds unreadable change data`, { seq });
      for (const change of changes) {
        const rows = imagesOf(last, change.table);
        if (!sameImage(change.before, rows.get(change.id) ?? null)) {
          return fail(
            'replay',
            `${rowRef(change.table, change.id)} was changed outside Custos before audit entry ${seq}: its state then differs from what the log last recorded`,
            { seq, table: change.table, rowId: change.id },
          );
        }
        rows.set(change.id, change.after);
      }
    }
  }
  return undefined;
}

/** Every row of a state table must equal its last after-image; matched images are removed. */
function compareTable(db: Database, table: StateTable, images: Map<string, Image | null>): CheckResult | number {
  const columns = SORTED_COLUMNS[table];
  const idIndex = columns.indexOf('id') + 1;
  // rowid order, so the first failure named is the same in every verifier.
  const select = `SELECT rowid, ${columns.join(', ')} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ?`;
  let count = 0;
  for (const batch of batches<[number, ...unknown[]]>(db, select)) {
    for (const values of batch) {
      count++;
      const id = String(values[idIndex]);
      const image = images.get(id);
      if (!image) {
        return fail('replay', `${rowRef(table, id)} is not in the audit log: it was added outside Custos`, {
          table,
          rowId: id,
        });
      }
      if (!sameRow(image, columns, values)) {
        const differing = columns.filter((column, i) => image[column] !== values[i + 1] || !(column in image));
        const verb = differing.length === 1 ? 'differs' : 'differ';
        const labels = differing.map(columnLabel);
        const listed = labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
        return fail(
          'replay',
          `${rowRef(table, id)} was changed outside Custos (its ${listed} ${verb} from the audit log)`,
          { table, rowId: id },
        );
      }
      images.delete(id);
    }
  }
  return count;
}

/**
 * Check 2: replay the after-images. Each change's before-image must equal the row's previous
 * after-image (else the row was edited outside Custos in between), and every state row must equal
 * its last after-image (else it was edited, added or deleted outside Custos).
 */
export function runReplayCheck(db: Database, tables: readonly StateTable[] = STATE_TABLE_NAMES): CheckResult {
  const last: ImagesByTable = new Map();
  const folded = foldChanges(db, last);
  if (folded) return folded;
  let rows = 0;
  for (const table of tables) {
    const result = compareTable(db, table, imagesOf(last, table));
    if (typeof result !== 'number') return result;
    rows += result;
  }
  for (const [table, images] of last) {
    for (const [rowId, image] of images) {
      if (image === null) continue;
      if (!(tables as readonly string[]).includes(table)) {
        return fail('replay', `The audit log names an unknown table ${table}`, { table, rowId });
      }
      return fail(
        'replay',
        `${rowRef(table, rowId)} is in the audit log but missing from the case: it was deleted outside Custos`,
        { table, rowId },
      );
    }
  }
  return pass('replay', `${plural(rows, 'row', 'rows')} match their last audited state`);
}

const PROOF_MIN_ROWS = 2000;

/**
 * SQL that finds the entries proving themselves in C: a single-row insert whose stored `changes`
 * text is exactly the canonical text rebuilt from the row as it is now. json_object and json_quote
 * escape as JSON.stringify does (unit-tested), and columns are listed in sorted order, so the
 * rebuilt text is canonical. Returns (seq, id).
 */
function insertProofSql(table: StateTable): string {
  const image = SORTED_COLUMNS[table].map((c) => `'${c}', t.${c}`).join(', ');
  // Whole numbers beyond ±(2^53 − 1) are not exact in JSON numbers, so the format does not allow
  // them (check 1): a row holding one is left to the JavaScript fold, which names its entry.
  const exact = SORTED_COLUMNS[table]
    .map((c) => `(typeof(t.${c}) != 'integer' OR t.${c} BETWEEN -9007199254740991 AND 9007199254740991)`)
    .join(' AND ');
  return `SELECT a.seq, t.id FROM audit_log a JOIN ${table} t ON t.id = a.entity_id
    WHERE a.changes = '[{"after":' || json_object(${image}) || ',"before":null,"id":' || json_quote(t.id) || ',"table":"${table}"}]'
      AND ${exact}`;
}

/** Inserts SQLite proved (see insertProofSql): row id → entry, per table, and the entries themselves. */
type Proofs = { rows: Map<string, Map<string, number>>; seqs: Set<number>; ambiguous: boolean };

function proveInserts(db: Database, tables: readonly StateTable[], proofMinRows: number): Proofs {
  const proofs: Proofs = { rows: new Map(), seqs: new Set(), ambiguous: false };
  for (const table of tables) {
    const rows = new Map<string, number>();
    proofs.rows.set(table, rows);
    // Each proof scans the whole audit log; a small table is quicker to fold in JavaScript.
    const size = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    if (size < proofMinRows) continue;
    for (const [seq, id] of db.prepare(insertProofSql(table)).raw(true).all() as [number, string][]) {
      // Two entries proving the same row cannot both be its only insert: let the full replay judge.
      if (rows.has(id)) proofs.ambiguous = true;
      rows.set(id, seq);
      proofs.seqs.add(seq);
    }
  }
  return proofs;
}

/** What the replay worker finds: check 2, and the first entry whose change data breaks the format. */
export type ReplayOutcome = { replay: CheckResult; form?: CheckResult };

/**
 * Check 2, quickly, together with the form of every entry's change data (part of check 1). Most
 * rows are touched by exactly one entry, their insert; SQLite proves those by text comparison
 * (insertProofSql), which also proves their text canonical. Every other entry is read in
 * JavaScript, its form checked, and folded as in runReplayCheck; the rows it touches are compared
 * one by one. The replay is "pass" only when every entry and every state row is accounted for;
 * anything else runs the full replay, which names the first failure exactly as the reference (and
 * docs/verify_case.py) does.
 */
export function runReplayAndForm(
  db: Database,
  tables: readonly StateTable[] = STATE_TABLE_NAMES,
  proofMinRows = PROOF_MIN_ROWS,
): ReplayOutcome {
  const proofs = proveInserts(db, tables, proofMinRows);
  const changesOf = db.prepare('SELECT changes FROM audit_log WHERE seq = ?').pluck();
  const parsed = new Map<number, ImageChange[]>();
  let form: CheckResult | undefined;
  let needsFull = proofs.ambiguous;
  // Entries not proven in SQL, and the rows they touch. Every one is read, so the first entry of
  // the wrong form is found however early the replay itself goes wrong.
  const touched = new Map<string, Set<string>>();
  for (const seq of db.prepare('SELECT seq FROM audit_log ORDER BY seq').pluck().all() as number[]) {
    if (proofs.seqs.has(seq)) continue;
    const { changes, problem } = readChangeData(changesOf.get(seq) as string);
    if (problem && !form) {
      form = fail('chain', `Entry ${seq} stores its change data in a form the case format does not allow: ${problem}`, {
        seq,
      });
    }
    if (!changes || problem) {
      needsFull = true;
      continue;
    }
    parsed.set(seq, changes);
    for (const change of changes) {
      if (!(tables as readonly string[]).includes(change.table)) needsFull = true;
      let ids = touched.get(change.table);
      if (!ids) touched.set(change.table, (ids = new Set()));
      ids.add(change.id);
    }
  }
  const outcome = (replay: CheckResult): ReplayOutcome => (form ? { replay, form } : { replay });
  if (needsFull) return outcome(runReplayCheck(db, tables));
  return outcome(
    foldProven(db, tables, proofs, parsed, touched, (seq) => readChangeData(changesOf.get(seq) as string).changes!),
  );
}

/** The rest of the fast replay: fold what SQL did not prove, then compare the rows touched. */
function foldProven(
  db: Database,
  tables: readonly StateTable[],
  proofs: Proofs,
  parsed: Map<number, ImageChange[]>,
  touched: Map<string, Set<string>>,
  read: (seq: number) => ImageChange[],
): CheckResult {
  const full = () => runReplayCheck(db, tables);
  // A proven insert of a row that later entries also touch is folded with them, in order.
  for (const [table, ids] of touched) {
    const rows = proofs.rows.get(table);
    if (!rows) continue;
    for (const id of ids) {
      const seq = rows.get(id);
      if (seq === undefined) continue;
      rows.delete(id);
      parsed.set(seq, read(seq));
    }
  }
  const last: ImagesByTable = new Map();
  for (const seq of [...parsed.keys()].sort((a, b) => a - b)) {
    for (const change of parsed.get(seq)!) {
      const rows = imagesOf(last, change.table);
      if (!sameImage(change.before, rows.get(change.id) ?? null)) return full();
      rows.set(change.id, change.after);
    }
  }
  let total = 0;
  for (const table of tables) {
    const columns = SORTED_COLUMNS[table];
    const byId = db.prepare(`SELECT 0, ${columns.join(', ')} FROM ${table} WHERE id = ?`).raw(true);
    let folded = 0;
    for (const [id, image] of imagesOf(last, table)) {
      const values = byId.get(id) as unknown[] | undefined;
      if (image === null ? values !== undefined : values === undefined || !sameRow(image, columns, values)) {
        return full();
      }
      if (values) folded++;
    }
    const rows = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    // Every state row is either proven by its insert or compared above; a surplus row was added
    // outside Custos.
    if (rows !== proofs.rows.get(table)!.size + folded) return full();
    total += rows;
  }
  return pass('replay', `${plural(total, 'row', 'rows')} match their last audited state`);
}

/** Check 2 alone, by the quick route (tests hold it equal to runReplayCheck). */
export function runReplayCheckFast(
  db: Database,
  proofMinRows = PROOF_MIN_ROWS,
  tables: readonly StateTable[] = STATE_TABLE_NAMES,
): CheckResult {
  return runReplayAndForm(db, tables, proofMinRows).replay;
}
