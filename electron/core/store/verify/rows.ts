import type { Database } from 'better-sqlite3';

const BATCH = 4000;

/**
 * Rows in key order, fetched BATCH at a time with all(): about a third faster than iterate() in
 * better-sqlite3, which crosses into C once per row. `sql` has a `> ?` on the key (the first
 * column) and LIMIT ?.
 */
export function* batches<T extends unknown[]>(db: Database, sql: string): Generator<T[]> {
  const statement = db.prepare(sql).raw(true);
  let after = -Infinity;
  for (;;) {
    const rows = statement.all(after, BATCH) as T[];
    if (rows.length === 0) return;
    // Whole batches, not rows: a generator step per row costs a quarter of the check.
    yield rows;
    after = rows[rows.length - 1]![0] as number;
    if (rows.length < BATCH) return;
  }
}
