import type { Database as Db, Statement } from 'better-sqlite3';
import type { Head } from '../../../../shared/domain/common.ts';
import { ZERO_HASH } from '../../../../shared/domain/common.ts';
import { SEARCH_KINDS } from '../../../../shared/domain/search.ts';
import type { SearchKind } from '../../../../shared/domain/search.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { openConnection } from '../file/connection.ts';
import { auditHead } from '../tables/auditLog.ts';
import { KIND_OF_TABLE, allDocs, docsById } from './documents.ts';
import type { SearchDoc, StepWordCache } from './documents.ts';
import { indexText } from './text.ts';

/**
 * The case-wide search index: derived data, never part of the case. It lives in an SQLite database
 * in memory (FTS5), one per open case, so searching never writes a byte of the case (which may be on
 * read-only media), stays out of the audit chain, and cannot make verification pass or fail.
 *
 * It is built on the first search and kept fresh from the audit log: it remembers the audit head it
 * has read up to; when the case has moved on, the entries since then name every row that changed
 * (their `changes`), and just those records are read again. A head that went back, or a different
 * entry at the remembered seq (another file, a rewound copy), rebuilds the index from scratch.
 *
 * Each kind has an FTS5 table of its own: a word found in 100,000 events costs nothing when the
 * subjects are counted and ranked, and each kind's first hits are read from its own index alone.
 */

/** The FTS5 table of a kind; names made from the fixed list of kinds only. */
const TABLE: Record<SearchKind, string> = Object.fromEntries(
  SEARCH_KINDS.map((kind) => [kind, `doc_${kind}`]),
) as Record<SearchKind, string>;

/**
 * Up to this many hits of a kind are ranked (bm25, the title weighing more than the body); above
 * it, its first hits are the newest records: ranking reads every hit's statistics (a few
 * microseconds each), and a word found in 50,000 events ranks them no better than their age does.
 */
const RANK_AT_MOST = 2_000;

const SCHEMA = [
  ...SEARCH_KINDS.flatMap((kind) => [
    // Contentless: the index keeps no copy of the text (hits are shown from the case itself).
    // Prefix indexes for the first one and two letters typed, which every word of the case starts
    // with in a few ways; a longer prefix is found quickly without one (and each prefix index costs
    // about half the time of building the index again).
    `CREATE VIRTUAL TABLE ${TABLE[kind]} USING fts5(
      title, body,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2'
    )`,
    `INSERT INTO ${TABLE[kind]} (${TABLE[kind]}, rank) VALUES ('rank', 'bm25(4.0, 1.0)')`,
  ]),
].join(';\n');

type Index = {
  db: Db;
  head: Head;
  /**
   * Each record's rowid, by kind and id, and each rowid's record id (kept in memory: a table for
   * them took a third of the time of building the index). Later records get higher rowids, so the
   * newest come first in rowid order.
   */
  rowids: Map<SearchKind, Map<string, number>>;
  ids: (string | undefined)[];
  steps: StepWordCache;
  size: number;
  statement: (sql: string) => Statement;
};

const indexes = new WeakMap<CaseDb, Index>();

function openIndex(): Index {
  const db = openConnection(':memory:', { mustExist: false });
  db.exec(SCHEMA);
  const cache = new Map<string, Statement>();
  return {
    db,
    head: { seq: 0, hash: ZERO_HASH },
    rowids: new Map(SEARCH_KINDS.map((kind) => [kind, new Map()])),
    ids: [''],
    steps: new Map(),
    size: 0,
    statement(sql) {
      let stmt = cache.get(sql);
      if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
      return stmt;
    },
  };
}

function add(index: Index, doc: SearchDoc): void {
  const rowid = index.ids.length;
  index.ids.push(doc.id);
  index.rowids.get(doc.kind)!.set(doc.id, rowid);
  index
    .statement(`INSERT INTO ${TABLE[doc.kind]} (rowid, title, body) VALUES (?, ?, ?)`)
    .run(rowid, indexText(doc.title), indexText(doc.body));
  index.size++;
}

function drop(index: Index, kind: SearchKind, id: string): void {
  const rowid = index.rowids.get(kind)!.get(id);
  if (rowid === undefined) return;
  index.statement(`DELETE FROM ${TABLE[kind]} WHERE rowid = ?`).run(rowid);
  index.rowids.get(kind)!.delete(id);
  index.ids[rowid] = undefined;
  index.size--;
}

function build(caseDb: CaseDb): Index {
  const index = openIndex();
  try {
    caseDb.transaction(() => {
      // Head and rows from one snapshot of the case: a writer elsewhere cannot slip in between.
      index.head = auditHead(caseDb);
      index.db.transaction(() => {
        for (const kind of SEARCH_KINDS) for (const doc of allDocs(caseDb, kind, index.steps)) add(index, doc);
      })();
    });
  } catch (error) {
    index.db.close();
    throw error;
  }
  return index;
}

/** The records the audit entries after `seq` changed, or null if an entry cannot be read as changes. */
function changedSince(caseDb: CaseDb, seq: number): Map<SearchKind, Set<string>> | null {
  const changed = new Map<SearchKind, Set<string>>();
  const rows = caseDb.statement('SELECT changes FROM audit_log WHERE seq > ? ORDER BY seq').pluck().all(seq);
  for (const text of rows) {
    let changes: unknown;
    try {
      changes = JSON.parse(String(text));
    } catch {
      return null;
    }
    if (!Array.isArray(changes)) return null;
    for (const change of changes as { table?: unknown; id?: unknown }[]) {
      if (typeof change?.table !== 'string' || typeof change.id !== 'string') return null;
      const kind = KIND_OF_TABLE.get(change.table);
      if (!kind) continue;
      let ids = changed.get(kind);
      if (!ids) changed.set(kind, (ids = new Set()));
      ids.add(change.id);
    }
  }
  return changed;
}

/** Brings the index up to the case's audit head; false if it must be rebuilt instead. */
function catchUp(caseDb: CaseDb, index: Index): boolean {
  return caseDb.transaction(() => {
    const head = auditHead(caseDb);
    if (head.seq === index.head.seq && head.hash === index.head.hash) return true;
    if (head.seq < index.head.seq) return false;
    if (index.head.seq > 0) {
      const hash = caseDb.statement('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(index.head.seq);
      if (hash !== index.head.hash) return false;
    }
    const changed = changedSince(caseDb, index.head.seq);
    if (!changed) return false;
    index.db.transaction(() => {
      for (const [kind, ids] of changed) {
        for (const id of ids) drop(index, kind, id);
        for (const doc of docsById(caseDb, kind, [...ids], index.steps)) add(index, doc);
      }
    })();
    index.head = head;
    return true;
  });
}

/** The open case's index, built on first use and brought up to date with the case. */
function freshIndex(caseDb: CaseDb): Index {
  const known = indexes.get(caseDb);
  if (known && catchUp(caseDb, known)) return known;
  if (known) {
    indexes.delete(caseDb);
    known.db.close();
  }
  const index = build(caseDb);
  indexes.set(caseDb, index);
  return index;
}

export type KindHits = { kind: SearchKind; total: number; ids: string[] };

/** What a search of the index can do once it is fresh: cheap calls, all on memory. */
export type SearchIndex = {
  /** Records in the index. */
  readonly size: number;
  /** For each kind asked that has hits: how many, and the ids of the first `limit`, best first. */
  query(match: string, kinds: readonly SearchKind[], limit: number): KindHits[];
  /** Which of these records of a kind the expression matches. */
  matching(match: string, kind: SearchKind, ids: readonly string[]): Set<string>;
  /** The records as documents, read from the case, in the order given. */
  docs(kind: SearchKind, ids: readonly string[]): SearchDoc[];
};

/**
 * The search index of an open case, fresh: built from the case on the first call (the only slow
 * one), then updated from the audit entries written since. Reads the case; writes nothing to it.
 */
export function searchIndexOf(caseDb: CaseDb): SearchIndex {
  const index = freshIndex(caseDb);
  const idOf = (rowid: number) => index.ids[rowid]!;
  return {
    size: index.size,
    query(match, kinds, limit) {
      const hits: KindHits[] = [];
      for (const kind of kinds) {
        const table = TABLE[kind];
        const total = index
          .statement(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`)
          .pluck()
          .get(match) as number;
        if (total === 0) continue;
        const order = total <= RANK_AT_MOST ? 'rank' : 'rowid DESC';
        const rowids = index
          .statement(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY ${order} LIMIT ?`)
          .pluck()
          .all(match, limit) as number[];
        hits.push({ kind, total, ids: rowids.map(idOf) });
      }
      return hits;
    },
    matching(match, kind, ids) {
      const found = new Set<string>();
      const table = TABLE[kind];
      for (const id of ids) {
        const rowid = index.rowids.get(kind)!.get(id);
        if (rowid === undefined) continue;
        const hit = index
          .statement(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid = ?`)
          .get(match, rowid);
        if (hit) found.add(id);
      }
      return found;
    },
    docs(kind, ids) {
      return docsById(caseDb, kind, ids, index.steps);
    },
  };
}
