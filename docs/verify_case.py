#!/usr/bin/env python3
"""Independent verifier for Custos case files (case format versions 1, 2, 3, 4 and 5).

Written from docs/case-file-format.md alone, with the Python 3 standard library only.

    python3 verify_case.py FILE [--expect-head SEQ:HASH] [--json]

Exit codes: 0 intact, 1 integrity failure, 2 usage error, unreadable file or not a Custos case.

Checks (numbered as in the format document):
  0 schema  the file holds exactly the tables, indexes and triggers of its format version, with
            exactly their SQL (when a table differs, checks 1-4 are not run)
  1 chain   recompute every audit entry's hash and link, and that its changes are canonical
  2 replay  the state tables equal what the audit log last recorded for every row
  3 evidence re-hash every stored evidence file from its chunks, and every referenced file where it
             lies (formats 2 to 5; always "skipped" for format 1, which holds no evidence)
  4 head    a head written down earlier (SEQ:HASH) is still in the log with the same hash
"""

import argparse
import hashlib
import json
import os
import re
import sqlite3
import stat
import sys
from urllib.parse import quote

APPLICATION_ID = 0x43555354  # "CUST"
FORMAT_VERSIONS = (1, 2, 3, 4, 5)  # PRAGMA user_version values this verifier reads
ZERO_HASH = "0" * 64

# The exact schema of each format version, as the format document (section 2) lists it: every
# object in sqlite_master as (type, name, tbl_name, sql), sql None for SQLite's automatic indexes.
# The SQL must match byte for byte, indentation included.
SCHEMA_1 = [
    ('table', 'case_meta', 'case_meta', """CREATE TABLE case_meta (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_case_meta_1', 'case_meta', None),
    ('table', 'timeline_event', 'timeline_event', """CREATE TABLE timeline_event (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_timeline_event_1', 'timeline_event', None),
    ('index', 'timeline_event_by_time', 'timeline_event', """CREATE INDEX timeline_event_by_time ON timeline_event (removed, occurred_at, id)"""),
    ('table', 'note', 'note', """CREATE TABLE note (
      id TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      author TEXT NOT NULL,
      privileged INTEGER NOT NULL CHECK (privileged IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT"""),
    ("index", 'sqlite_autoindex_note_1', 'note', None),
    ('index', 'note_by_time', 'note', """CREATE INDEX note_by_time ON note (removed, created_at, id)"""),
    ('table', 'audit_log', 'audit_log', """CREATE TABLE audit_log (
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
    ) STRICT"""),
    ('trigger', 'audit_log_no_update', 'audit_log', """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"""),
    ('trigger', 'audit_log_no_delete', 'audit_log', """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"""),
]
SCHEMA_2 = SCHEMA_1 + [
    ('table', 'evidence_blob', 'evidence_blob', """CREATE TABLE evidence_blob (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_evidence_blob_1', 'evidence_blob', None),
    ('index', 'evidence_blob_by_sha256', 'evidence_blob', """CREATE INDEX evidence_blob_by_sha256 ON evidence_blob (sha256)"""),
    ('table', 'evidence_chunk', 'evidence_chunk', """CREATE TABLE evidence_chunk (
      blob_id TEXT NOT NULL,
      idx INTEGER NOT NULL CHECK (idx >= 0),
      data BLOB NOT NULL,
      UNIQUE (blob_id, idx)
    ) STRICT"""),
    ("index", 'sqlite_autoindex_evidence_chunk_1', 'evidence_chunk', None),
    ('table', 'evidence_item', 'evidence_item', """CREATE TABLE evidence_item (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_evidence_item_1', 'evidence_item', None),
    ("index", 'sqlite_autoindex_evidence_item_2', 'evidence_item', None),
    ('index', 'evidence_item_by_blob', 'evidence_item', """CREATE INDEX evidence_item_by_blob ON evidence_item (blob_id)"""),
    ('table', 'custody_event', 'custody_event', """CREATE TABLE custody_event (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_custody_event_1', 'custody_event', None),
    ('index', 'custody_event_by_item', 'custody_event', """CREATE INDEX custody_event_by_item ON custody_event (item_id, at)"""),
    ('table', 'legal_hold', 'legal_hold', """CREATE TABLE legal_hold (
      id TEXT PRIMARY KEY,
      item_id TEXT REFERENCES evidence_item (id),
      reason TEXT NOT NULL,
      placed_by TEXT NOT NULL,
      placed_at TEXT NOT NULL,
      released_by TEXT NOT NULL,
      released_at TEXT,
      release_reason TEXT NOT NULL
    ) STRICT"""),
    ("index", 'sqlite_autoindex_legal_hold_1', 'legal_hold', None),
    ('table', 'evidence_link', 'evidence_link', """CREATE TABLE evidence_link (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL REFERENCES evidence_item (id),
      target_type TEXT NOT NULL CHECK (target_type IN ('timeline_event', 'note', 'evidence_item')),
      target_id TEXT NOT NULL,
      relation TEXT NOT NULL,
      created_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT"""),
    ("index", 'sqlite_autoindex_evidence_link_1', 'evidence_link', None),
    ('index', 'evidence_link_by_item', 'evidence_link', """CREATE INDEX evidence_link_by_item ON evidence_link (item_id)"""),
    ('index', 'evidence_link_by_target', 'evidence_link', """CREATE INDEX evidence_link_by_target ON evidence_link (target_type, target_id)"""),
    ('trigger', 'custody_event_no_update', 'custody_event', """CREATE TRIGGER custody_event_no_update BEFORE UPDATE ON custody_event
      BEGIN SELECT RAISE(ABORT, 'custody_event is append-only'); END"""),
    ('trigger', 'custody_event_no_delete', 'custody_event', """CREATE TRIGGER custody_event_no_delete BEFORE DELETE ON custody_event
      BEGIN SELECT RAISE(ABORT, 'custody_event is append-only'); END"""),
    ('trigger', 'evidence_chunk_no_update', 'evidence_chunk', """CREATE TRIGGER evidence_chunk_no_update BEFORE UPDATE ON evidence_chunk
      BEGIN SELECT RAISE(ABORT, 'evidence bytes are never modified'); END"""),
]
SCHEMA_3 = SCHEMA_2 + [
    ('table', 'playbook_run', 'playbook_run', """CREATE TABLE playbook_run (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_playbook_run_1', 'playbook_run', None),
    ('table', 'playbook_step', 'playbook_step', """CREATE TABLE playbook_step (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_playbook_step_1', 'playbook_step', None),
    ("index", 'sqlite_autoindex_playbook_step_2', 'playbook_step', None),
    ('table', 'playbook_proof', 'playbook_proof', """CREATE TABLE playbook_proof (
      id TEXT PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES playbook_run (id),
      step_id TEXT NOT NULL,
      target_type TEXT NOT NULL CHECK (target_type IN ('evidence_item', 'note', 'timeline_event')),
      target_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT"""),
    ("index", 'sqlite_autoindex_playbook_proof_1', 'playbook_proof', None),
    ('index', 'playbook_proof_by_step', 'playbook_proof', """CREATE INDEX playbook_proof_by_step ON playbook_proof (run_id, step_id)"""),
    ('table', 'access_item', 'access_item', """CREATE TABLE access_item (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_access_item_1', 'access_item', None),
]
SCHEMA_4 = SCHEMA_3 + [
    ('table', 'subject', 'subject', """CREATE TABLE subject (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_subject_1', 'subject', None),
    ('table', 'subject_link', 'subject_link', """CREATE TABLE subject_link (
      id TEXT PRIMARY KEY,
      subject_id TEXT NOT NULL REFERENCES subject (id),
      target_type TEXT NOT NULL CHECK (target_type IN ('evidence_item', 'timeline_event', 'note', 'subject', 'indicator')),
      target_id TEXT NOT NULL,
      relation TEXT NOT NULL,
      confidence TEXT NOT NULL CHECK (confidence IN ('', 'low', 'medium', 'high', 'confirmed')),
      created_at TEXT NOT NULL,
      removed INTEGER NOT NULL CHECK (removed IN (0, 1))
    ) STRICT"""),
    ("index", 'sqlite_autoindex_subject_link_1', 'subject_link', None),
    ('index', 'subject_link_by_subject', 'subject_link', """CREATE INDEX subject_link_by_subject ON subject_link (subject_id)"""),
    ('index', 'subject_link_by_target', 'subject_link', """CREATE INDEX subject_link_by_target ON subject_link (target_type, target_id)"""),
    ('table', 'indicator', 'indicator', """CREATE TABLE indicator (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_indicator_1', 'indicator', None),
    ("index", 'sqlite_autoindex_indicator_2', 'indicator', None),
    ('index', 'indicator_by_normalised', 'indicator', """CREATE INDEX indicator_by_normalised ON indicator (normalised)"""),
    ('table', 'extortion_message', 'extortion_message', """CREATE TABLE extortion_message (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_extortion_message_1', 'extortion_message', None),
    ('table', 'extortion_demand', 'extortion_demand', """CREATE TABLE extortion_demand (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_extortion_demand_1', 'extortion_demand', None),
    ('table', 'claim_validation', 'claim_validation', """CREATE TABLE claim_validation (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_claim_validation_1', 'claim_validation', None),
    ('table', 'extortion_decision', 'extortion_decision', """CREATE TABLE extortion_decision (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_extortion_decision_1', 'extortion_decision', None),
    ('table', 'notification_clock', 'notification_clock', """CREATE TABLE notification_clock (
      id TEXT PRIMARY KEY,
      rule_id TEXT NOT NULL UNIQUE,
      applies INTEGER NOT NULL CHECK (applies IN (0, 1)),
      trigger_at TEXT,
      trigger_zone TEXT,
      notes TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT"""),
    ("index", 'sqlite_autoindex_notification_clock_1', 'notification_clock', None),
    ("index", 'sqlite_autoindex_notification_clock_2', 'notification_clock', None),
    ('table', 'clock_submission', 'clock_submission', """CREATE TABLE clock_submission (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_clock_submission_1', 'clock_submission', None),
]
# Format 5: what left the case (reports, exports, referral packages), one row per output written.
SCHEMA_5 = SCHEMA_4 + [
    ('table', 'output_record', 'output_record', """CREATE TABLE output_record (
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
    ) STRICT"""),
    ("index", 'sqlite_autoindex_output_record_1', 'output_record', None),
]
# Custos's search index is derived data kept out of the case file (format document, section 2,
# "Search index"): no format lists it, so an FTS table or any other object found in a file is extra.
SCHEMAS = {1: SCHEMA_1, 2: SCHEMA_2, 3: SCHEMA_3, 4: SCHEMA_4, 5: SCHEMA_5}

# The state tables whose rows the audit log images, in the order the replay check visits them.
STATE_TABLES_1 = {
    "case_meta": ["id", "title", "reference", "case_type", "status", "severity", "tlp", "privilege_marking",
                  "lead_investigator", "legal_counsel", "aware_at", "aware_zone", "summary", "created_at", "updated_at"],
    "timeline_event": ["id", "occurred_at", "zone", "title", "description", "source", "category",
                       "created_at", "updated_at", "removed"],
    "note": ["id", "body", "author", "privileged", "created_at", "updated_at", "removed"],
}
STATE_TABLES_2 = dict(STATE_TABLES_1, **{
    "evidence_blob": ["id", "size", "sha256", "md5", "sha1", "chunk_size", "chunk_count", "created_at",
                      "disposed_at"],
    "evidence_item": ["id", "exhibit", "kind", "description", "source", "custodian", "acquired_by", "witness",
                      "acquired_at", "acquired_zone", "method", "tool", "tool_version", "legal_basis", "original_name",
                      "original_path", "media_type", "size", "sha256", "md5", "sha1", "tool_hash",
                      "tool_hash_algorithm", "tool_hash_match", "storage", "blob_id", "reference_path",
                      "storage_location", "parent_id", "notes", "make", "model", "serial_number", "asset_tag",
                      "condition", "seal_number", "captured_text", "integrity", "flagged", "last_verified_at",
                      "disposed", "created_at", "updated_at"],
    "custody_event": ["id", "item_id", "type", "at", "zone", "released_by", "received_by", "purpose",
                      "from_location", "to_location", "seal_before", "seal_after", "hash_result", "details",
                      "recorded_by", "created_at"],
    "legal_hold": ["id", "item_id", "reason", "placed_by", "placed_at", "released_by", "released_at",
                   "release_reason"],
    "evidence_link": ["id", "item_id", "target_type", "target_id", "relation", "created_at", "removed"],
})
STATE_TABLES_3 = dict(STATE_TABLES_2, **{
    "playbook_run": ["id", "title", "template_id", "template_name", "template_version", "template_cacao",
                     "template_sha256", "anchor_at", "anchor_zone", "status", "started_by", "created_at",
                     "updated_at"],
    "playbook_step": ["id", "run_id", "step_id", "state", "assignee", "done_at", "done_zone", "done_by", "outcome",
                      "reason", "out_of_order", "created_at", "updated_at"],
    "playbook_proof": ["id", "run_id", "step_id", "target_type", "target_id", "created_at", "removed"],
    "access_item": ["id", "run_id", "category", "system", "identifier", "owner", "status", "revoked_at",
                    "verified_at", "proof_item_id", "notes", "created_at", "updated_at", "removed"],
})
STATE_TABLES_4 = dict(STATE_TABLES_3, **{
    "subject": ["id", "kind", "role", "name", "aliases", "claimed_name", "claimed_nationality", "claimed_location",
                "claimed_documents", "verified_name", "verified_nationality", "verified_location", "findings",
                "identity_verdict", "hired_on", "started_on", "terminated_on", "manager", "notes", "tlp",
                "created_at", "updated_at", "removed"],
    "subject_link": ["id", "subject_id", "target_type", "target_id", "relation", "confidence", "created_at",
                     "removed"],
    "indicator": ["id", "type", "value", "normalised", "platform", "first_seen", "last_seen", "seen_zone", "source_item_id",
                  "confidence", "tlp", "notes", "created_at", "updated_at", "removed"],
    "extortion_message": ["id", "received_at", "zone", "channel", "sender", "sender_indicator_id", "summary", "body",
                          "evidence_item_id", "created_at", "updated_at", "removed"],
    "extortion_demand": ["id", "message_id", "amount", "asset", "pay_to", "pay_to_indicator_id", "deadline_at",
                         "deadline_zone", "threat", "offered_proof", "status", "created_at", "updated_at", "removed"],
    "claim_validation": ["id", "demand_id", "samples", "compared_against", "result", "validated_by", "validated_at", "validated_zone",
                         "evidence_item_id", "notes", "created_at", "updated_at", "removed"],
    "extortion_decision": ["id", "demand_id", "decision", "reasons", "decided_by", "decided_at", "decided_zone",
                           "counsel", "counsel_signed_at", "counsel_signed_zone", "sanctions_shown", "created_at", "updated_at", "removed"],
    "notification_clock": ["id", "rule_id", "applies", "trigger_at", "trigger_zone", "notes", "created_at",
                           "updated_at"],
    "clock_submission": ["id", "rule_id", "submitted_at", "zone", "recipient", "reference", "proof_item_id", "notes",
                         "recorded_by", "created_at", "removed"],
})
STATE_TABLES_5 = dict(STATE_TABLES_4, **{
    "output_record": ["id", "kind", "subtype", "options", "head_seq", "head_hash", "verified_ok", "verify_summary",
                      "sha256", "size", "pages", "file_name", "generated_by", "organisation", "generated_at", "zone"],
})
STATE_TABLES = {1: STATE_TABLES_1, 2: STATE_TABLES_2, 3: STATE_TABLES_3, 4: STATE_TABLES_4, 5: STATE_TABLES_5}

MAX_SAFE_INTEGER = 2**53 - 1  # integers beyond this are not exact in RFC 8785 (IEEE 754) numbers


class Unreadable(Exception):
    """The file cannot be verified at all (exit code 2)."""


# ---------------------------------------------------------------------------------------------
# RFC 8785 canonical JSON, for the value types a Custos case holds: objects, arrays, strings,
# integers and null (true/false are serialised too, but never appear in a valid case). Floats are
# rejected: Custos never stores them, and a float in the log is a sign of a forged entry.

_SHORT_ESCAPES = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}


def canonical_string(s):
    """A string as ECMAScript JSON.stringify writes it (RFC 8785 section 3.2.2.2)."""
    out = ['"']
    for ch in s:
        code = ord(ch)
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF:
            # Other control characters, and lone surrogates (only possible from a "\udxxx" escape
            # in parsed JSON), as \u00xx with lowercase hex, exactly as JSON.stringify does.
            out.append("\\u%04x" % code)
        else:
            out.append(ch)  # everything else verbatim, including U+007F and all non-ASCII
    out.append('"')
    return "".join(out)


def _utf16_key(name):
    # Sorting UTF-16BE bytes is sorting by UTF-16 code units (RFC 8785 section 3.2.3). This differs
    # from Python's default code point order only for characters above U+FFFF.
    return name.encode("utf-16-be", "surrogatepass")


def canonical(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise ValueError("integer %d is outside the exact range of JSON numbers" % value)
        return str(value)  # an exact integer prints the same in Python and ECMAScript
    if isinstance(value, float):
        raise ValueError("a Custos case holds no floating-point numbers")
    if isinstance(value, str):
        return canonical_string(value)
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=_utf16_key)
        return "{" + ",".join(canonical_string(k) + ":" + canonical(value[k]) for k in keys) + "}"
    raise ValueError("%r cannot be represented in JSON" % (value,))


def _reject(token):
    raise ValueError("%s is not JSON" % token)


def parse_json(text):
    """Strict JSON: no NaN/Infinity (Python accepts them by default), no floats."""
    return json.loads(text, parse_constant=_reject, parse_float=_reject)


def entry_canonical(seq, at, actor_name, actor_role, actor_organisation, action, entity_type, entity_id, changes,
                    prev_hash):
    """The canonical JSON of an audit entry. `changes` is the stored text, inserted as is."""
    q = canonical_string
    return ('{"action":' + q(action) +
            ',"actor":{"name":' + q(actor_name) + ',"organisation":' + q(actor_organisation) + ',"role":' + q(actor_role) +
            '},"at":' + q(at) + ',"changes":' + changes +
            ',"entity":{"id":' + q(entity_id) + ',"type":' + q(entity_type) +
            '},"prev_hash":' + q(prev_hash) + ',"seq":' + str(seq) + "}")


def entry_hash(prev_hash, canonical_json):
    """SHA-256 of prev_hash (64 ASCII hex characters) followed by the canonical JSON, as UTF-8."""
    return hashlib.sha256((prev_hash + canonical_json).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------
# Check results. `location` names the first failure: {"seq": N}, {"table": T, "rowId": ID}, or
# {"seq": N, "table": T, "rowId": ID}; null when there is no single place (a missing trigger).

def passed(check, message):
    return {"id": check, "status": "pass", "message": message, "location": None}


def failed(check, message, location=None):
    return {"id": check, "status": "fail", "message": message, "location": location}


def skipped(check, message):
    return {"id": check, "status": "skipped", "message": message, "location": None}


# ---------------------------------------------------------------------------------------------
# Check 0: the schema.

def schema_problems(db, version):
    """Every way sqlite_master differs from the schema of `version`, matching type and name together
    (SQLite lets an index and a trigger share a name): first Custos's objects in the order the format
    document lists them (missing or altered), then every other row in the order of
    `ORDER BY name, type` (extra). Each problem is (name, description, touches_table)."""
    rows = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name, type").fetchall()
    by_key = {}
    for index, row in enumerate(rows):
        by_key.setdefault((row[0], row[1]), index)
    problems, matched = [], set()
    for kind, name, table, sql in SCHEMAS[version]:
        index = by_key.get((kind, name))
        if index is None:
            problems.append((name, "%s %s is missing" % (kind, name), kind == "table"))
            continue
        matched.add(index)
        actual = rows[index]
        if actual[2] != table:
            problems.append((name, "%s %s belongs to %s, not %s" % (kind, name, actual[2], table), kind == "table"))
        elif actual[3] != sql:
            problems.append((name, "%s %s was altered: its definition is not the one Custos writes" % (kind, name),
                             kind == "table"))
    for index, (kind, name, table, _sql) in enumerate(rows):
        if index not in matched:
            on = "" if kind in ("table", "view") else " on %s" % table
            problems.append((name, "extra %s %s%s, which Custos did not create" % (kind, name, on), False))
    return problems


def check_schema(db, version):
    """Check 0. Returns (result, tables_intact): checks 1-4 run only when every table Custos
    defines is present exactly as defined (extra objects do not change what they read)."""
    try:
        problems = schema_problems(db, version)
    except sqlite3.Error as error:
        return failed("schema", "The schema cannot be read (%s)" % error, {"object": "sqlite_master"}), False
    if not problems:
        return passed("schema", "%d objects are exactly those of case format %d" % (len(SCHEMAS[version]), version)), True
    shown = "; ".join(p[1] for p in problems[:5]) + ("; and %d more" % (len(problems) - 5) if len(problems) > 5 else "")
    return (failed("schema", "The schema is not the one Custos writes: %s" % shown, {"object": problems[0][0]}),
            not any(p[2] for p in problems))


NOT_RUN = "Not run: the tables it reads are not the ones Custos defines (see the schema check)"


AUDIT_SQL = ("SELECT seq, at, actor_name, actor_role, actor_organisation, action, entity_type, entity_id, changes, "
             "prev_hash, hash FROM audit_log ORDER BY seq")


def check_chain(db):
    """Check 1. Returns (result, head, number of entries). The head is the last entry's seq and
    stored hash, whatever else is wrong, or (0, 64 zeros) for an empty log."""
    failure = None
    expected_seq, prev_hash, entries = 1, ZERO_HASH, 0
    for row in db.execute(AUDIT_SQL):
        seq, stored_prev, stored_hash, changes = row[0], row[9], row[10], row[8]
        entries += 1
        if failure is None:
            if not isinstance(seq, int) or not all(isinstance(v, str) for v in row[1:]):
                failure = failed("chain", "Entry %s holds a value of the wrong type" % (seq,), {"seq": seq})
            elif seq > expected_seq:
                gap = str(expected_seq) if seq - expected_seq == 1 else "%d–%d" % (expected_seq, seq - 1)
                failure = failed("chain", "Entry %s is missing: the log jumps from entry %d to %d"
                                 % (gap, expected_seq - 1, seq), {"seq": expected_seq})
            elif seq < expected_seq:
                failure = failed("chain", "Entry %d is out of order (expected %d)" % (seq, expected_seq), {"seq": seq})
            elif stored_prev != prev_hash:
                failure = failed("chain", "Entry %d does not link to entry %d (its prev_hash differs)" % (seq, seq - 1),
                                 {"seq": seq})
            elif entry_hash(stored_prev, entry_canonical(*row[:10])) != stored_hash:
                failure = failed("chain", "Entry %d was altered: its content no longer matches its hash" % seq,
                                 {"seq": seq})
            elif not well_formed(changes):
                # The hash covers the stored text, so this only happens if someone rebuilt the chain.
                failure = failed("chain", "Entry %d stores its change data in a form the case format does not allow"
                                 % seq, {"seq": seq})
        if isinstance(seq, int):
            expected_seq = seq + 1
        prev_hash = stored_hash
    result = failure or passed("chain", "%d entries recomputed; every hash and link matches" % entries)
    return result, {"seq": expected_seq - 1, "hash": prev_hash}, entries


def is_canonical(text):
    try:
        return canonical(parse_json(text)) == text
    except ValueError:
        return False


def read_changes(text):
    """Change data as sections 3 and 4 define it: the shape parse_changes reads, in canonical form.
    Raises ValueError for anything else; neither check 1 nor check 2 reads past such an entry."""
    changes = parse_changes(text)
    if not is_canonical(text):
        raise ValueError("not canonical")
    return changes


def well_formed(text):
    try:
        read_changes(text)
    except ValueError:
        return False
    return True


def parse_changes(text):
    """The `changes` array: [{"table", "id", "before", "after"}, ...]; images are objects whose
    values are strings, integers or null. Raises ValueError for anything else."""
    changes = parse_json(text)
    if not isinstance(changes, list):
        raise ValueError("not an array")
    for change in changes:
        if not isinstance(change, dict) or set(change) != {"table", "id", "before", "after"}:
            raise ValueError("not a change")
        if not isinstance(change["table"], str) or not isinstance(change["id"], str):
            raise ValueError("bad table or id")
        for image in (change["before"], change["after"]):
            if image is not None and not (
                    isinstance(image, dict) and all(v is None or type(v) in (str, int) for v in image.values())):
                raise ValueError("bad row image")
    return changes


def same_value(a, b):
    # Same type and value: the integer 1 never equals the string "1" (parse_changes has already
    # excluded booleans, which Python would otherwise count equal to 0 and 1).
    return type(a) is type(b) and a == b


def same_image(a, b):
    """Row images are equal when they have the same columns with the same values."""
    if a is None or b is None:
        return a is None and b is None
    return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)


def check_replay(db, state_tables):
    """Check 2. Replays the after-images in seq order, then compares every state row."""
    last = {}  # table -> {row id -> last after-image (None once deleted)}; dicts keep first-insertion order
    for seq, text in db.execute("SELECT seq, changes FROM audit_log ORDER BY seq"):
        try:
            changes = read_changes(text)
        except ValueError:
            return failed("replay", "Entry %s holds unreadable change data" % seq, {"seq": seq})
        for change in changes:
            table, row_id = change["table"], change["id"]
            rows = last.setdefault(table, {})
            if not same_image(change["before"], rows.get(row_id)):
                return failed("replay", "%s row %s was changed outside Custos before entry %s: its state then differs "
                              "from what the log last recorded" % (table, row_id, seq),
                              {"seq": seq, "table": table, "rowId": row_id})
            rows[row_id] = change["after"]
    count = 0
    for table, columns in state_tables.items():
        images = last.setdefault(table, {})
        names = sorted(columns)
        for values in db.execute("SELECT %s FROM %s ORDER BY rowid" % (", ".join(names), table)):
            count += 1
            row = dict(zip(names, values))
            row_id = row["id"]
            image = images.get(row_id)
            if image is None:
                return failed("replay", "%s row %s is not in the audit log: it was added outside Custos"
                              % (table, row_id), {"table": table, "rowId": row_id})
            if not same_image(image, row):
                differing = [c for c in names if c not in image or not same_value(image[c], row[c])]
                return failed("replay", "%s row %s was changed outside Custos (differs from the audit log in: %s)"
                              % (table, row_id, ", ".join(differing) or "its columns"), {"table": table, "rowId": row_id})
            del images[row_id]
    for table, images in last.items():
        for row_id, image in images.items():
            if image is None:
                continue  # the log itself recorded the row's deletion
            if table not in state_tables:
                return failed("replay", "The audit log names an unknown table %s" % table,
                              {"table": table, "rowId": row_id})
            return failed("replay", "%s row %s is in the audit log but missing from the case: it was deleted "
                          "outside Custos" % (table, row_id), {"table": table, "rowId": row_id})
    return passed("replay", "%d rows match their last audited state" % count)


# ---------------------------------------------------------------------------------------------
# Check 3: evidence bytes (formats 2 to 5).

READ_SIZE = 4 * 1024 * 1024


def evidence_failed(message, item_id):
    return failed("evidence", message, {"table": "evidence_item", "rowId": item_id})


def hash_blob(db, blob_id, chunk_size, chunk_count):
    """The stored bytes of one blob, read chunk by chunk in idx order: (size, sha256), or a string
    describing what is wrong with their layout."""
    digest = hashlib.sha256()
    expected = total = 0
    for idx, data in db.execute("SELECT idx, data FROM evidence_chunk WHERE blob_id = ? ORDER BY idx", (blob_id,)):
        if not isinstance(data, bytes):
            data = data.encode("utf-8") if isinstance(data, str) else bytes()  # never in a STRICT table
        if idx != expected:
            if idx > expected:
                return "chunk %d of its stored bytes is missing" % expected
            return "chunk %d is stored twice" % idx
        if idx >= chunk_count:
            return "it has more stored chunks than recorded (%d)" % chunk_count
        if idx < chunk_count - 1 and len(data) != chunk_size:
            return "chunk %d has %d bytes, not %d" % (idx, len(data), chunk_size)
        digest.update(data)
        total += len(data)
        expected += 1
    if expected < chunk_count:
        return "chunk %d of its stored bytes is missing" % expected
    return total, digest.hexdigest()


def against_record(computed, size, sha256, whose):
    """Bytes re-computed now against a record of them (the blob's or an item's)."""
    if computed[0] != size:
        return "its stored bytes add up to %d, not %s recorded %s" % (computed[0], whose, size)
    if computed[1] != sha256:
        return "its stored bytes no longer match %s recorded SHA-256 (they hash to %s)" % (whose, computed[1])
    return None


def openable(path):
    """A recorded path: text, or "bytes:" and the hex of a path whose bytes are not UTF-8 (section 2)."""
    if isinstance(path, str) and re.fullmatch(r"bytes:(?:[0-9a-f]{2})+", path):
        return bytes.fromhex(path[len("bytes:"):])
    return path


def reference_problem(path, size, sha256):
    """A referenced file as it is now, against the size and SHA-256 recorded when it was acquired."""
    path = openable(path)
    shown = path.decode("utf-8", "backslashreplace") if isinstance(path, bytes) else path
    try:
        st = os.stat(path)  # follows symbolic links, as the file was read through them
    except (OSError, TypeError, ValueError):
        return "its referenced file is missing: %s" % shown
    if not stat.S_ISREG(st.st_mode):
        return "its referenced path is no longer a file: %s" % shown
    if st.st_size != size:
        return "its referenced file changed size (%d bytes, recorded %s): %s" % (st.st_size, size, shown)
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(READ_SIZE), b""):
                digest.update(block)
    except OSError as error:
        return "its referenced file cannot be read (%s): %s" % (error.strerror or error, shown)
    if digest.hexdigest() != sha256:
        return "its referenced file no longer matches its recorded SHA-256: %s" % shown
    return None


def check_evidence(db, version):
    """Check 3. Step A: stored blobs (in evidence_blob rowid order), each against its own record and
    then against every item that records it (in exhibit order); step B: stored items whose bytes are
    gone; step C: referenced files; step D: captured text. The first problem is reported at the
    evidence_item row it concerns."""
    if version < 2:
        return skipped("evidence", "Case format 1 holds no evidence bytes.")
    # Disposed bytes are gone by design; their blob row keeps size and hashes as the record.
    blobs = db.execute("SELECT id, size, sha256, chunk_size, chunk_count FROM evidence_blob "
                       "WHERE disposed_at IS NULL ORDER BY rowid").fetchall()
    checked_blobs, stored_bytes = 0, 0
    for blob_id, size, sha256, chunk_size, chunk_count in blobs:
        # Items in exhibit order (SQLite's binary text order); the first names the blob.
        items = db.execute("SELECT id, exhibit, size, sha256 FROM evidence_item WHERE blob_id = ? ORDER BY exhibit",
                           (blob_id,)).fetchall()
        if not items:
            continue  # bytes no item refers to are not evidence (and check 2 vouches for the blob row)
        computed = hash_blob(db, blob_id, chunk_size, chunk_count)
        if isinstance(computed, str):
            return evidence_failed("%s: %s" % (items[0][1], computed), items[0][0])
        problem = against_record(computed, size, sha256, "their")
        if problem:
            return evidence_failed("%s: %s" % (items[0][1], problem), items[0][0])
        for item_id, exhibit, item_size, item_sha256 in items:
            problem = against_record(computed, item_size, item_sha256, "the item's")
            if problem:
                return evidence_failed("%s: %s" % (exhibit, problem), item_id)
        checked_blobs += 1
        stored_bytes += size
    orphan = db.execute("SELECT id, exhibit FROM evidence_item i WHERE storage = 'embedded' AND disposed = 0 "
                        "AND NOT EXISTS (SELECT 1 FROM evidence_blob b WHERE b.id = i.blob_id "
                        "AND b.disposed_at IS NULL) ORDER BY rowid").fetchone()
    if orphan:
        return evidence_failed("%s: its stored bytes are missing from the case" % orphan[1], orphan[0])
    references = db.execute("SELECT id, exhibit, reference_path, size, sha256 FROM evidence_item "
                            "WHERE storage = 'reference' AND disposed = 0 ORDER BY rowid").fetchall()
    for item_id, exhibit, path, size, sha256 in references:
        problem = reference_problem(path, size, sha256)
        if problem:
            return evidence_failed("%s: %s" % (exhibit, problem), item_id)
        stored_bytes += size
    texts = db.execute("SELECT id, exhibit, size, sha256, captured_text FROM evidence_item "
                       "WHERE kind = 'text' AND disposed = 0 ORDER BY rowid").fetchall()
    for item_id, exhibit, size, sha256, text in texts:
        data = text.encode("utf-8")
        if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
            return evidence_failed("%s: its captured text no longer matches its recorded SHA-256" % exhibit, item_id)
    if checked_blobs == 0 and not references and not texts:
        return skipped("evidence", "This case holds no evidence bytes.")
    def count(n, one, many):
        return [] if n == 0 else ["%d %s" % (n, one if n == 1 else many)]
    parts = (count(checked_blobs, "stored file", "stored files") + count(len(references), "referenced file", "referenced files")
             + count(len(texts), "captured text", "captured texts"))
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return passed("evidence", "%s (%.1f MB) re-hashed; every SHA-256 matches what the items record"
                  % (listed, stored_bytes / (1024 * 1024)))


def check_head(db, head, expect):
    """Check 4. `expect` is (seq, hash) written down earlier, or None."""
    if expect is None:
        return skipped("head", "No recorded head given. Write down the head shown here to check against later.")
    seq, expected_hash = expect
    if seq > head["seq"]:
        return failed("head", "The recorded head is entry %d, but the log ends at entry %d: entries were cut off "
                      "the end" % (seq, head["seq"]), {"seq": seq})
    row = db.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()
    if row is None or row[0] != expected_hash:
        return failed("head", "Entry %d does not have the recorded hash: the log was rewritten" % seq, {"seq": seq})
    later = head["seq"] - seq
    follow = "" if later == 0 else "; 1 later entry follows" if later == 1 else "; %d later entries follow" % later
    return passed("head", "Entry %d matches the recorded head%s" % (seq, follow))


# ---------------------------------------------------------------------------------------------
# Opening the file.

def read_header(path):
    """Plain-file checks before SQLite touches the file (mirrors what Custos refuses)."""
    if not os.path.isfile(path):
        raise Unreadable("%s does not exist or is not a file" % path)
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as error:
        raise Unreadable("%s cannot be read (%s)" % (path, error.strerror))
    if header[:16] != b"SQLite format 3\x00":
        raise Unreadable("%s is not an SQLite database, so not a Custos case" % path)
    if len(header) < 100:
        raise Unreadable("%s is truncated (shorter than its own header)" % path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    # The header fields SQLite relies on, as Custos checks them (format document, section 1).
    if page_size < 512 or page_size & (page_size - 1):
        raise Unreadable("%s has a damaged header (page size)" % path)
    if header[18] not in (1, 2) or header[19] not in (1, 2):
        raise Unreadable("%s has a damaged header (file format fields)" % path)
    if header[20] != 0 or header[21:24] != bytes([64, 32, 32]):
        raise Unreadable("%s has a damaged header (reserved space or payload fractions)" % path)
    if not 1 <= int.from_bytes(header[44:48], "big") <= 4:
        raise Unreadable("%s has a damaged header (schema format)" % path)
    if int.from_bytes(header[56:60], "big") != 1:
        raise Unreadable("%s does not store its text as UTF-8, so Custos did not write it" % path)
    page_count = int.from_bytes(header[28:32], "big")
    count_valid = header[92:96] == header[24:28] and page_count > 0
    size = os.path.getsize(path)
    if size % page_size or (count_valid and size < page_count * page_size):
        raise Unreadable("%s is truncated or has a damaged header" % path)


def verify(path, expect):
    read_header(path)
    # A read-only connection to a WAL database makes SQLite create FILE-wal and FILE-shm (empty)
    # beside it and leave them there; remember which existed so we can tidy up (see below).
    sidecars = [path + "-wal", path + "-shm"]
    existed = [os.path.exists(p) for p in sidecars]
    try:
        db = sqlite3.connect("file:" + quote(path) + "?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise Unreadable("%s cannot be opened (%s)" % (path, error))
    # The file may be hostile: run no function or virtual table that its schema names.
    db.execute("PRAGMA trusted_schema = OFF")
    # Text that is not valid UTF-8 (never written by Custos) reads as U+FFFD instead of aborting.
    db.text_factory = lambda b: b.decode("utf-8", "replace")
    try:
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise Unreadable("%s is an SQLite database but not a Custos case (application_id %d)" % (path, application_id))
        user_version = db.execute("PRAGMA user_version").fetchone()[0]
        if user_version not in FORMAT_VERSIONS:
            known = [str(v) for v in FORMAT_VERSIONS]
            raise Unreadable("%s is case format %d; this verifier reads formats %s and %s only"
                             % (path, user_version, ", ".join(known[:-1]), known[-1]))
        # One read transaction, so all checks see the same snapshot even if Custos writes meanwhile.
        db.execute("BEGIN")
        schema, tables_intact = check_schema(db, user_version)
        if tables_intact:
            chain, head, entries = check_chain(db)
            replay = check_replay(db, STATE_TABLES[user_version])
            evidence = check_evidence(db, user_version)
            head_check = check_head(db, head, expect)
        else:
            # Nothing more is read from tables that are not Custos's.
            chain, replay, evidence, head_check = (skipped(c, NOT_RUN) for c in ("chain", "replay", "evidence", "head"))
            head, entries = {"seq": 0, "hash": ZERO_HASH}, 0
        db.execute("COMMIT")
    except sqlite3.Error as error:
        raise Unreadable("%s cannot be read as a Custos case (%s)" % (path, error))
    finally:
        db.close()
        # Remove the sidecars we caused, but only if they are still empty and no Custos writer
        # (which holds FILE-lock) is using them.
        if not any(existed) and not os.path.exists(path + "-lock"):
            if os.path.exists(sidecars[0]) and os.path.getsize(sidecars[0]) == 0:
                for p in sidecars:
                    try:
                        os.remove(p)
                    except FileNotFoundError:
                        pass
    checks = [schema, chain, replay, evidence, head_check]
    return {"ok": all(c["status"] != "fail" for c in checks), "head": head, "entries": entries, "checks": checks}


def printable(text):
    """Control characters from case text are shown escaped, so a hostile value cannot drive the terminal."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: "\\x%02x" % ord(m.group()), text)


def parse_head(text):
    match = re.fullmatch(r"\s*(\d+):([0-9a-fA-F]{64})\s*", text)
    return (int(match.group(1)), match.group(2).lower()) if match else None


def main(argv):
    parser = argparse.ArgumentParser(description="Verify a Custos case file (format 1, 2, 3, 4 or 5) independently of Custos.")
    parser.add_argument("file")
    parser.add_argument("--expect-head", metavar="SEQ:HASH", help="a head written down earlier")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)  # exits with code 2 on a usage error
    expect = None
    if args.expect_head is not None:
        expect = parse_head(args.expect_head)
        if expect is None:
            print("verify_case: --expect-head must be SEQ:HASH (64 hex digits)", file=sys.stderr)
            return 2
    try:
        report = verify(os.path.abspath(args.file), expect)
    except Unreadable as error:
        print("verify_case: %s" % error, file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, indent=2))  # ASCII-only (\uXXXX escapes), safe on any console
        return 0 if report["ok"] else 1
    sys.stdout.reconfigure(errors="backslashreplace")  # a console that cannot show 김 prints \uae40
    print("%s: %s" % ("INTACT" if report["ok"] else "INTEGRITY FAILURE", args.file))
    for c in report["checks"]:
        where = " (at %s)" % json.dumps(c["location"], ensure_ascii=False) if c["location"] else ""
        print("  %-4s  %s: %s%s" % (c["status"].upper()[:4], c["id"], printable(c["message"]), where))
    print("  Head: %d:%s  (%d entries)" % (report["head"]["seq"], report["head"]["hash"], report["entries"]))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
