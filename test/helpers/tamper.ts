import Database from 'better-sqlite3';
import { entryHash } from '../../electron/core/store/format/chain.ts';
import type { AuditRow } from '../../electron/core/store/tables/auditLog.ts';

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
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid").all() as {
      name: string;
      sql: string;
    }[];
    for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
    if (params.length > 0) db.prepare(sql).run(...params);
    else db.exec(sql);
    for (const trigger of triggers) db.exec(trigger.sql);
  } finally {
    db.close();
  }
}

/**
 * As a forger who rebuilds the whole chain: each entry's change text may be rewritten, and every
 * hash from the first entry on is recomputed, so checks 1 and 2 see a consistent log. `sql` then
 * brings the state tables in line. Only a head written down earlier can show it.
 */
export function rebuildChain(path: string, rewrite: (seq: number, changes: string) => string, sql = ''): void {
  const db = new Database(path);
  try {
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid").all() as {
      name: string;
      sql: string;
    }[];
    for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
    let prev = '0'.repeat(64);
    for (const row of rows) {
      const changes = rewrite(row.seq, row.changes);
      const actor = { name: row.actor_name, role: row.actor_role, organisation: row.actor_organisation };
      const hash = entryHash({
        seq: row.seq,
        at: row.at,
        actor,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        changesJson: changes,
        prevHash: prev,
      });
      db.prepare('UPDATE audit_log SET changes = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
        changes,
        prev,
        hash,
        row.seq,
      );
      prev = hash;
    }
    if (sql) db.exec(sql);
    for (const trigger of triggers) db.exec(trigger.sql);
  } finally {
    db.close();
  }
}
