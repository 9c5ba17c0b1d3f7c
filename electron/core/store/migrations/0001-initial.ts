import type { Database } from 'better-sqlite3';

/**
 * The first case-file schema: the case record, timeline, notes and the hash-chained audit log.
 * State tables hold only TEXT and INTEGER so every row has one canonical JSON image.
 */
export function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE case_meta (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      reference TEXT NOT NULL,
      case_type TEXT NOT NULL,
      status TEXT NOT NULL,
      severity TEXT NOT NULL,
      tlp TEXT NOT NULL,
      privilege_marking TEXT NOT NULL,
      lead_investigator TEXT NOT NULL,
      legal_counsel TEXT NOT NULL,
      aware_at TEXT,
      aware_zone TEXT,
      summary TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE timeline_event (
      id TEXT PRIMARY KEY,
      occurred_at TEXT NOT NULL,
      zone TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      source TEXT NOT NULL,
      category TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT;
    CREATE INDEX timeline_event_by_time ON timeline_event (removed, occurred_at, id);

    CREATE TABLE note (
      id TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      author TEXT NOT NULL,
      privileged INTEGER NOT NULL CHECK (privileged IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT;
    CREATE INDEX note_by_time ON note (removed, created_at, id);

    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_name TEXT NOT NULL,
      actor_role TEXT NOT NULL,
      actor_organisation TEXT NOT NULL,
      action TEXT NOT NULL,
      entity_type TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      changes TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;

    -- Append-only. These stop mistakes, not attackers: verification is what proves integrity.
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `);
}
