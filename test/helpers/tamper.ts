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

/**
 * As an attacker who covers their tracks: every trigger is dropped, the SQL runs, and each trigger
 * is put back with its exact original text, so the schema shows nothing.
 */
export function tamperCovered(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  try {
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid").all() as { name: string; sql: string }[];
    for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
    if (params.length > 0) db.prepare(sql).run(...params);
    else db.exec(sql);
    for (const trigger of triggers) db.exec(trigger.sql);
  } finally {
    db.close();
  }
}
