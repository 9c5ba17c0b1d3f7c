import type { Database } from 'better-sqlite3';

/**
 * Evidence and chain of custody. evidence_item, evidence_blob and custody_event are state tables
 * (imaged in the audit log like the rest); evidence_chunk holds the bytes, which verification
 * re-hashes against evidence_blob instead of imaging them.
 */
export function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE evidence_blob (
      id TEXT PRIMARY KEY,
      size INTEGER NOT NULL CHECK (size >= 0),
      sha256 TEXT NOT NULL,
      md5 TEXT,
      sha1 TEXT,
      chunk_size INTEGER NOT NULL CHECK (chunk_size > 0),
      chunk_count INTEGER NOT NULL CHECK (chunk_count >= 0),
      created_at TEXT NOT NULL,
      -- Set when the bytes were disposed of; the row, size and hashes stay as the record.
      disposed_at TEXT
    ) STRICT;
    CREATE INDEX evidence_blob_by_sha256 ON evidence_blob (sha256);

    -- Written by the ingest worker before its blob row exists; a crash leaves chunks without a
    -- blob, which opening the case removes.
    CREATE TABLE evidence_chunk (
      blob_id TEXT NOT NULL,
      idx INTEGER NOT NULL CHECK (idx >= 0),
      data BLOB NOT NULL,
      UNIQUE (blob_id, idx)
    ) STRICT;

    CREATE TABLE evidence_item (
      id TEXT PRIMARY KEY,
      exhibit TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('file', 'physical', 'text')),
      description TEXT NOT NULL,
      source TEXT NOT NULL,
      custodian TEXT NOT NULL,
      acquired_by TEXT NOT NULL,
      witness TEXT NOT NULL,
      acquired_at TEXT NOT NULL,
      acquired_zone TEXT NOT NULL,
      method TEXT NOT NULL,
      tool TEXT NOT NULL,
      tool_version TEXT NOT NULL,
      legal_basis TEXT NOT NULL,
      original_name TEXT NOT NULL,
      original_path TEXT NOT NULL,
      media_type TEXT NOT NULL,
      size INTEGER,
      sha256 TEXT,
      md5 TEXT,
      sha1 TEXT,
      tool_hash TEXT NOT NULL,
      tool_hash_algorithm TEXT NOT NULL,
      tool_hash_match INTEGER CHECK (tool_hash_match IN (0, 1)),
      storage TEXT NOT NULL CHECK (storage IN ('embedded', 'reference', 'none')),
      blob_id TEXT REFERENCES evidence_blob (id),
      reference_path TEXT,
      storage_location TEXT NOT NULL,
      parent_id TEXT REFERENCES evidence_item (id),
      notes TEXT NOT NULL,
      make TEXT NOT NULL,
      model TEXT NOT NULL,
      serial_number TEXT NOT NULL,
      asset_tag TEXT NOT NULL,
      condition TEXT NOT NULL,
      seal_number TEXT NOT NULL,
      captured_text TEXT NOT NULL,
      integrity TEXT NOT NULL CHECK (integrity IN ('unverified', 'verified', 'mismatch', 'missing')),
      flagged INTEGER NOT NULL CHECK (flagged IN (0, 1)),
      last_verified_at TEXT,
      disposed INTEGER NOT NULL CHECK (disposed IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX evidence_item_by_blob ON evidence_item (blob_id);

    CREATE TABLE custody_event (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL REFERENCES evidence_item (id),
      type TEXT NOT NULL CHECK (type IN ('acquisition', 'transfer', 'verification', 'export', 'return', 'disposal')),
      at TEXT NOT NULL,
      zone TEXT NOT NULL,
      released_by TEXT NOT NULL,
      received_by TEXT NOT NULL,
      purpose TEXT NOT NULL,
      from_location TEXT NOT NULL,
      to_location TEXT NOT NULL,
      seal_before TEXT NOT NULL,
      seal_after TEXT NOT NULL,
      hash_result TEXT NOT NULL CHECK (hash_result IN ('', 'match', 'mismatch', 'missing')),
      details TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX custody_event_by_item ON custody_event (item_id, at);

    -- A hold on the whole case (item_id NULL) or on one item; while any applies, disposal is refused.
    CREATE TABLE legal_hold (
      id TEXT PRIMARY KEY,
      item_id TEXT REFERENCES evidence_item (id),
      reason TEXT NOT NULL,
      placed_by TEXT NOT NULL,
      placed_at TEXT NOT NULL,
      released_by TEXT NOT NULL,
      released_at TEXT,
      release_reason TEXT NOT NULL
    ) STRICT;

    -- Evidence tied to what it supports: timeline events, notes, other items (a photo of a laptop).
    CREATE TABLE evidence_link (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL REFERENCES evidence_item (id),
      target_type TEXT NOT NULL CHECK (target_type IN ('timeline_event', 'note', 'evidence_item')),
      target_id TEXT NOT NULL,
      relation TEXT NOT NULL,
      created_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT;
    CREATE INDEX evidence_link_by_item ON evidence_link (item_id);
    CREATE INDEX evidence_link_by_target ON evidence_link (target_type, target_id);

    -- Custody history is append-only, like the audit log; evidence bytes are never rewritten.
    CREATE TRIGGER custody_event_no_update BEFORE UPDATE ON custody_event
      BEGIN SELECT RAISE(ABORT, 'custody_event is append-only'); END;
    CREATE TRIGGER custody_event_no_delete BEFORE DELETE ON custody_event
      BEGIN SELECT RAISE(ABORT, 'custody_event is append-only'); END;
    CREATE TRIGGER evidence_chunk_no_update BEFORE UPDATE ON evidence_chunk
      BEGIN SELECT RAISE(ABORT, 'evidence bytes are never modified'); END;
  `);
}
