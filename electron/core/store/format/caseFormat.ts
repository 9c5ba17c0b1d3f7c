/**
 * The exact schema of each case-file format version: every object SQLite lists in sqlite_master
 * (tables, indexes, triggers, and the automatic indexes of primary keys and UNIQUE constraints),
 * with the very SQL text SQLite stores for it. The migrations create these objects from this list
 * and verification compares a file's schema with it byte for byte, so an object someone added,
 * removed or changed is found and named. docs/case-file-format.md (section 2) prints the same list
 * for third parties, and docs/verify_case.py carries a copy; tests hold all three equal.
 *
 * The texts are kept exactly as Custos 0.1.0 first wrote them (indentation included): changing a
 * single space would make every existing case fail the schema check.
 */
export type SchemaObject = {
  type: 'table' | 'index' | 'trigger';
  name: string;
  /** sqlite_master.tbl_name: the table the object belongs to (itself, for a table). */
  tableName: string;
  /** sqlite_master.sql; null for SQLite's automatic indexes. */
  sql: string | null;
};

/** Format 1: the case record, timeline, notes and the hash-chained audit log. */
const FORMAT_1_OBJECTS: readonly SchemaObject[] = [
  {
    type: 'table',
    name: 'case_meta',
    tableName: 'case_meta',
    sql: `CREATE TABLE case_meta (
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
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_case_meta_1', tableName: 'case_meta', sql: null },
  {
    type: 'table',
    name: 'timeline_event',
    tableName: 'timeline_event',
    sql: `CREATE TABLE timeline_event (
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
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_timeline_event_1', tableName: 'timeline_event', sql: null },
  {
    type: 'index',
    name: 'timeline_event_by_time',
    tableName: 'timeline_event',
    sql: `CREATE INDEX timeline_event_by_time ON timeline_event (removed, occurred_at, id)`,
  },
  {
    type: 'table',
    name: 'note',
    tableName: 'note',
    sql: `CREATE TABLE note (
      id TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      author TEXT NOT NULL,
      privileged INTEGER NOT NULL CHECK (privileged IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_note_1', tableName: 'note', sql: null },
  {
    type: 'index',
    name: 'note_by_time',
    tableName: 'note',
    sql: `CREATE INDEX note_by_time ON note (removed, created_at, id)`,
  },
  {
    type: 'table',
    name: 'audit_log',
    tableName: 'audit_log',
    sql: `CREATE TABLE audit_log (
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
    ) STRICT`,
  },
  {
    type: 'trigger',
    name: 'audit_log_no_update',
    tableName: 'audit_log',
    sql: `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  },
  {
    type: 'trigger',
    name: 'audit_log_no_delete',
    tableName: 'audit_log',
    sql: `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  },
];

/** Added by format 2: evidence bytes and items, chain of custody, legal holds and links. */
const FORMAT_2_ADDED: readonly SchemaObject[] = [
  {
    type: 'table',
    name: 'evidence_blob',
    tableName: 'evidence_blob',
    sql: `CREATE TABLE evidence_blob (
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
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_evidence_blob_1', tableName: 'evidence_blob', sql: null },
  {
    type: 'index',
    name: 'evidence_blob_by_sha256',
    tableName: 'evidence_blob',
    sql: `CREATE INDEX evidence_blob_by_sha256 ON evidence_blob (sha256)`,
  },
  {
    type: 'table',
    name: 'evidence_chunk',
    tableName: 'evidence_chunk',
    sql: `CREATE TABLE evidence_chunk (
      blob_id TEXT NOT NULL,
      idx INTEGER NOT NULL CHECK (idx >= 0),
      data BLOB NOT NULL,
      UNIQUE (blob_id, idx)
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_evidence_chunk_1', tableName: 'evidence_chunk', sql: null },
  {
    type: 'table',
    name: 'evidence_item',
    tableName: 'evidence_item',
    sql: `CREATE TABLE evidence_item (
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
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_evidence_item_1', tableName: 'evidence_item', sql: null },
  { type: 'index', name: 'sqlite_autoindex_evidence_item_2', tableName: 'evidence_item', sql: null },
  {
    type: 'index',
    name: 'evidence_item_by_blob',
    tableName: 'evidence_item',
    sql: `CREATE INDEX evidence_item_by_blob ON evidence_item (blob_id)`,
  },
  {
    type: 'table',
    name: 'custody_event',
    tableName: 'custody_event',
    sql: `CREATE TABLE custody_event (
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
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_custody_event_1', tableName: 'custody_event', sql: null },
  {
    type: 'index',
    name: 'custody_event_by_item',
    tableName: 'custody_event',
    sql: `CREATE INDEX custody_event_by_item ON custody_event (item_id, at)`,
  },
  {
    type: 'table',
    name: 'legal_hold',
    tableName: 'legal_hold',
    sql: `CREATE TABLE legal_hold (
      id TEXT PRIMARY KEY,
      item_id TEXT REFERENCES evidence_item (id),
      reason TEXT NOT NULL,
      placed_by TEXT NOT NULL,
      placed_at TEXT NOT NULL,
      released_by TEXT NOT NULL,
      released_at TEXT,
      release_reason TEXT NOT NULL
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_legal_hold_1', tableName: 'legal_hold', sql: null },
  {
    type: 'table',
    name: 'evidence_link',
    tableName: 'evidence_link',
    sql: `CREATE TABLE evidence_link (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL REFERENCES evidence_item (id),
      target_type TEXT NOT NULL CHECK (target_type IN ('timeline_event', 'note', 'evidence_item')),
      target_id TEXT NOT NULL,
      relation TEXT NOT NULL,
      created_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_evidence_link_1', tableName: 'evidence_link', sql: null },
  {
    type: 'index',
    name: 'evidence_link_by_item',
    tableName: 'evidence_link',
    sql: `CREATE INDEX evidence_link_by_item ON evidence_link (item_id)`,
  },
  {
    type: 'index',
    name: 'evidence_link_by_target',
    tableName: 'evidence_link',
    sql: `CREATE INDEX evidence_link_by_target ON evidence_link (target_type, target_id)`,
  },
  {
    type: 'trigger',
    name: 'custody_event_no_update',
    tableName: 'custody_event',
    sql: `CREATE TRIGGER custody_event_no_update BEFORE UPDATE ON custody_event
      BEGIN SELECT RAISE(ABORT, 'custody_event is append-only'); END`,
  },
  {
    type: 'trigger',
    name: 'custody_event_no_delete',
    tableName: 'custody_event',
    sql: `CREATE TRIGGER custody_event_no_delete BEFORE DELETE ON custody_event
      BEGIN SELECT RAISE(ABORT, 'custody_event is append-only'); END`,
  },
  {
    type: 'trigger',
    name: 'evidence_chunk_no_update',
    tableName: 'evidence_chunk',
    sql: `CREATE TRIGGER evidence_chunk_no_update BEFORE UPDATE ON evidence_chunk
      BEGIN SELECT RAISE(ABORT, 'evidence bytes are never modified'); END`,
  },
];

/**
 * Format 3: playbook runs. A run holds its template as CACAO 2.0 text (self-contained: a later edit
 * of the template never changes a past run), each step's state with who, when and why, the proof
 * linked to a step, and the access inventory of a termination.
 */
const FORMAT_3_ADDED: readonly SchemaObject[] = [
  {
    type: 'table',
    name: 'playbook_run',
    tableName: 'playbook_run',
    sql: `CREATE TABLE playbook_run (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      template_id TEXT NOT NULL,
      template_name TEXT NOT NULL,
      template_version TEXT NOT NULL,
      template_cacao TEXT NOT NULL,
      template_sha256 TEXT NOT NULL,
      anchor_at TEXT NOT NULL,
      anchor_zone TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
      started_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_playbook_run_1', tableName: 'playbook_run', sql: null },
  {
    type: 'table',
    name: 'playbook_step',
    tableName: 'playbook_step',
    sql: `CREATE TABLE playbook_step (
      id TEXT PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES playbook_run (id),
      step_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'in_progress', 'done', 'skipped', 'blocked', 'not_applicable', 'observed', 'not_observed', 'unknown')),
      assignee TEXT NOT NULL,
      done_at TEXT,
      done_zone TEXT,
      done_by TEXT NOT NULL,
      outcome TEXT NOT NULL,
      reason TEXT NOT NULL,
      out_of_order INTEGER NOT NULL CHECK (out_of_order IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (run_id, step_id)
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_playbook_step_1', tableName: 'playbook_step', sql: null },
  { type: 'index', name: 'sqlite_autoindex_playbook_step_2', tableName: 'playbook_step', sql: null },
  {
    type: 'table',
    name: 'playbook_proof',
    tableName: 'playbook_proof',
    sql: `CREATE TABLE playbook_proof (
      id TEXT PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES playbook_run (id),
      step_id TEXT NOT NULL,
      target_type TEXT NOT NULL CHECK (target_type IN ('evidence_item', 'note', 'timeline_event')),
      target_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_playbook_proof_1', tableName: 'playbook_proof', sql: null },
  {
    type: 'index',
    name: 'playbook_proof_by_step',
    tableName: 'playbook_proof',
    sql: `CREATE INDEX playbook_proof_by_step ON playbook_proof (run_id, step_id)`,
  },
  {
    type: 'table',
    name: 'access_item',
    tableName: 'access_item',
    sql: `CREATE TABLE access_item (
      id TEXT PRIMARY KEY,
      run_id TEXT REFERENCES playbook_run (id),
      category TEXT NOT NULL,
      system TEXT NOT NULL,
      identifier TEXT NOT NULL,
      owner TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'revoked', 'verified_dead', 'not_applicable')),
      revoked_at TEXT,
      verified_at TEXT,
      proof_item_id TEXT REFERENCES evidence_item (id),
      notes TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_access_item_1', tableName: 'access_item', sql: null },
];

/**
 * Format 4: who and what a case turns on. Subjects (people, organisations, personas) with what they
 * claimed beside what was found, and links from a subject to evidence, events, notes, indicators and
 * other subjects; indicators in their canonical form (one row per type, platform and form); the
 * extortion record (messages, demands, claim validation, decisions); the notification clocks that
 * apply and each submission made. Search indexes none of it here: the index is derived and kept out
 * of the file.
 */
const FORMAT_4_ADDED: readonly SchemaObject[] = [
  {
    type: 'table',
    name: 'subject',
    tableName: 'subject',
    sql: `CREATE TABLE subject (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'persona')),
      role TEXT NOT NULL CHECK (role IN ('worker', 'facilitator', 'laptop-farm-host', 'reference', 'recruiter', 'agency', 'operator', 'other')),
      name TEXT NOT NULL,
      aliases TEXT NOT NULL,
      claimed_name TEXT NOT NULL,
      claimed_nationality TEXT NOT NULL,
      claimed_location TEXT NOT NULL,
      claimed_documents TEXT NOT NULL,
      verified_name TEXT NOT NULL,
      verified_nationality TEXT NOT NULL,
      verified_location TEXT NOT NULL,
      findings TEXT NOT NULL,
      identity_verdict TEXT NOT NULL CHECK (identity_verdict IN ('unverified', 'verified', 'partly-false', 'false')),
      hired_on TEXT,
      started_on TEXT,
      terminated_on TEXT,
      manager TEXT NOT NULL,
      notes TEXT NOT NULL,
      tlp TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_subject_1', tableName: 'subject', sql: null },
  {
    type: 'table',
    name: 'subject_link',
    tableName: 'subject_link',
    sql: `CREATE TABLE subject_link (
      id TEXT PRIMARY KEY,
      subject_id TEXT NOT NULL REFERENCES subject (id),
      target_type TEXT NOT NULL CHECK (target_type IN ('evidence_item', 'timeline_event', 'note', 'subject', 'indicator')),
      target_id TEXT NOT NULL,
      relation TEXT NOT NULL,
      confidence TEXT NOT NULL CHECK (confidence IN ('', 'low', 'medium', 'high', 'confirmed')),
      created_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_subject_link_1', tableName: 'subject_link', sql: null },
  {
    type: 'index',
    name: 'subject_link_by_subject',
    tableName: 'subject_link',
    sql: `CREATE INDEX subject_link_by_subject ON subject_link (subject_id)`,
  },
  {
    type: 'index',
    name: 'subject_link_by_target',
    tableName: 'subject_link',
    sql: `CREATE INDEX subject_link_by_target ON subject_link (target_type, target_id)`,
  },
  {
    type: 'table',
    name: 'indicator',
    tableName: 'indicator',
    sql: `CREATE TABLE indicator (
      id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      value TEXT NOT NULL,
      normalised TEXT NOT NULL,
      platform TEXT NOT NULL,
      first_seen TEXT,
      last_seen TEXT,
      seen_zone TEXT,
      source_item_id TEXT REFERENCES evidence_item (id),
      confidence TEXT NOT NULL CHECK (confidence IN ('low', 'medium', 'high', 'confirmed')),
      tlp TEXT NOT NULL,
      notes TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1)),
      UNIQUE (type, platform, normalised)
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_indicator_1', tableName: 'indicator', sql: null },
  { type: 'index', name: 'sqlite_autoindex_indicator_2', tableName: 'indicator', sql: null },
  {
    type: 'index',
    name: 'indicator_by_normalised',
    tableName: 'indicator',
    sql: `CREATE INDEX indicator_by_normalised ON indicator (normalised)`,
  },
  {
    type: 'table',
    name: 'extortion_message',
    tableName: 'extortion_message',
    sql: `CREATE TABLE extortion_message (
      id TEXT PRIMARY KEY,
      received_at TEXT NOT NULL,
      zone TEXT NOT NULL,
      channel TEXT NOT NULL,
      sender TEXT NOT NULL,
      sender_indicator_id TEXT REFERENCES indicator (id),
      summary TEXT NOT NULL,
      body TEXT NOT NULL,
      evidence_item_id TEXT REFERENCES evidence_item (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_extortion_message_1', tableName: 'extortion_message', sql: null },
  {
    type: 'table',
    name: 'extortion_demand',
    tableName: 'extortion_demand',
    sql: `CREATE TABLE extortion_demand (
      id TEXT PRIMARY KEY,
      message_id TEXT REFERENCES extortion_message (id),
      amount TEXT NOT NULL,
      asset TEXT NOT NULL,
      pay_to TEXT NOT NULL,
      pay_to_indicator_id TEXT REFERENCES indicator (id),
      deadline_at TEXT,
      deadline_zone TEXT,
      threat TEXT NOT NULL,
      offered_proof TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'deadline-passed', 'withdrawn', 'closed')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_extortion_demand_1', tableName: 'extortion_demand', sql: null },
  {
    type: 'table',
    name: 'claim_validation',
    tableName: 'claim_validation',
    sql: `CREATE TABLE claim_validation (
      id TEXT PRIMARY KEY,
      demand_id TEXT NOT NULL REFERENCES extortion_demand (id),
      samples TEXT NOT NULL,
      compared_against TEXT NOT NULL,
      result TEXT NOT NULL CHECK (result IN ('pending', 'confirmed', 'not-confirmed', 'inconclusive')),
      validated_by TEXT NOT NULL,
      validated_at TEXT,
      validated_zone TEXT,
      evidence_item_id TEXT REFERENCES evidence_item (id),
      notes TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_claim_validation_1', tableName: 'claim_validation', sql: null },
  {
    type: 'table',
    name: 'extortion_decision',
    tableName: 'extortion_decision',
    sql: `CREATE TABLE extortion_decision (
      id TEXT PRIMARY KEY,
      demand_id TEXT REFERENCES extortion_demand (id),
      decision TEXT NOT NULL CHECK (decision IN ('do-not-pay', 'pay', 'negotiate', 'defer')),
      reasons TEXT NOT NULL,
      decided_by TEXT NOT NULL,
      decided_at TEXT NOT NULL,
      decided_zone TEXT NOT NULL,
      counsel TEXT NOT NULL,
      counsel_signed_at TEXT,
      counsel_signed_zone TEXT,
      sanctions_shown INTEGER NOT NULL CHECK (sanctions_shown IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_extortion_decision_1', tableName: 'extortion_decision', sql: null },
  {
    type: 'table',
    name: 'notification_clock',
    tableName: 'notification_clock',
    sql: `CREATE TABLE notification_clock (
      id TEXT PRIMARY KEY,
      rule_id TEXT NOT NULL UNIQUE,
      applies INTEGER NOT NULL CHECK (applies IN (0, 1)),
      trigger_at TEXT,
      trigger_zone TEXT,
      notes TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_notification_clock_1', tableName: 'notification_clock', sql: null },
  { type: 'index', name: 'sqlite_autoindex_notification_clock_2', tableName: 'notification_clock', sql: null },
  {
    type: 'table',
    name: 'clock_submission',
    tableName: 'clock_submission',
    sql: `CREATE TABLE clock_submission (
      id TEXT PRIMARY KEY,
      rule_id TEXT NOT NULL,
      submitted_at TEXT NOT NULL,
      zone TEXT NOT NULL,
      recipient TEXT NOT NULL,
      reference TEXT NOT NULL,
      proof_item_id TEXT REFERENCES evidence_item (id),
      notes TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_clock_submission_1', tableName: 'clock_submission', sql: null },
];

/**
 * Format 5: what left the case. One row per report, export or referral package written, with the
 * head it was made from and the SHA-256 of what was written, so a file can be checked against it.
 */
const FORMAT_5_ADDED: readonly SchemaObject[] = [
  {
    type: 'table',
    name: 'output_record',
    tableName: 'output_record',
    sql: `CREATE TABLE output_record (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('report', 'export', 'package')),
      subtype TEXT NOT NULL,
      options TEXT NOT NULL,
      head_seq INTEGER NOT NULL,
      head_hash TEXT NOT NULL,
      verified_ok INTEGER NOT NULL CHECK (verified_ok IN (0, 1)),
      verify_summary TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      size INTEGER NOT NULL,
      pages INTEGER,
      file_name TEXT NOT NULL,
      generated_by TEXT NOT NULL,
      organisation TEXT NOT NULL,
      generated_at TEXT NOT NULL,
      zone TEXT NOT NULL
    ) STRICT`,
  },
  { type: 'index', name: 'sqlite_autoindex_output_record_1', tableName: 'output_record', sql: null },
];

/** Objects each migration creates, in order (automatic indexes come with their tables). */
export const OBJECTS_ADDED_BY_VERSION: Readonly<Record<number, readonly SchemaObject[]>> = {
  1: FORMAT_1_OBJECTS,
  2: FORMAT_2_ADDED,
  3: FORMAT_3_ADDED,
  4: FORMAT_4_ADDED,
  5: FORMAT_5_ADDED,
};

/** The whole schema of a format version: what a file of that version must hold, and nothing else. */
export function schemaOf(version: number): readonly SchemaObject[] {
  const objects: SchemaObject[] = [];
  for (let v = 1; v <= version; v++) {
    const added = OBJECTS_ADDED_BY_VERSION[v];
    if (!added) throw new Error(`no schema is defined for case format ${version}`);
    objects.push(...added);
  }
  return objects;
}
