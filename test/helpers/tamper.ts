import Database from 'better-sqlite3';

/** Opens a closed case file with plain SQLite, as someone editing it behind Custos's back would. */
export function tamper(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  try {
    if (params.length > 0) db.prepare(sql).run(...params);
    else db.exec(sql);
  } finally {
    db.close();
  }
}
