import type { Database } from 'better-sqlite3';
import type { AuditEntry, CheckResult, RowImage, VerifyReport } from '../../../../shared/domain/audit.ts';
import { describeAuditEntry } from '../../../../shared/logic/auditSentence.ts';
import { capitalise, describeRecord, tableNoun, theRecord } from '../../../../shared/logic/recordNames.ts';
import { readChangeData } from '../format/changeData.ts';
import { STATE_TABLE_NAMES } from '../format/stateTables.ts';
import type { StateTable } from '../format/stateTables.ts';
import type { AuditRow } from '../tables/auditLog.ts';
import { rowRef } from './results.ts';

/**
 * Failures named as a person knows the record: "The timeline event 'Laptop delivered to
 * facilitator address' (2026-10-30 22:14 Asia/Seoul) was changed outside Custos", not
 * "timeline_event row 5f0e… was changed". The checks and their verdicts are untouched: this only
 * adds `subject` to a failed check and puts it in the message where the row reference was; the
 * technical `location` stays beside it. A row is named as the audit log last recorded it (what the
 * examiner entered, not what was forged into the table), else as it now stands in the table. The
 * file is hostile: every read here may fail, and a failure only leaves the check unnamed.
 */
export function nameFailures(db: Database, report: VerifyReport): VerifyReport {
  if (report.checks.every((c) => c.status !== 'fail' || !c.location)) return report;
  return { ...report, checks: report.checks.map((check) => (check.status === 'fail' ? named(db, check) : check)) };
}

function named(db: Database, check: CheckResult): CheckResult {
  const location = check.location;
  if (!location) return check;
  try {
    if (location.table && location.rowId) {
      const image = auditedImage(db, location.table, location.rowId) ?? currentRow(db, location.table, location.rowId);
      const names = image ? exhibitNames(db, image) : {};
      const subject = image
        ? location.table === 'note'
          ? noteWithoutText(image)
          : theRecord(location.table, image, names)
        : `the ${tableNoun(location.table)} with id ${location.rowId}`;
      const ref = rowRef(location.table, location.rowId);
      const message = check.message.startsWith(ref)
        ? `${capitalise(subject)}${check.message.slice(ref.length)}`
        : check.message;
      return { ...check, message, subject };
    }
    if (location.seq !== undefined) {
      const entry = entryAt(db, location.seq);
      if (!entry) return check;
      // An entry that fails the chain may say anything: it is quoted as what it claims, unless it
      // is about a note, whose text is not quoted (see noteWithoutText).
      const aboutNote = entry.changes.some((c) => c.table === 'note');
      const subject = aboutNote
        ? `audit entry ${location.seq}, a change to a note (its text is not quoted here)`
        : `audit entry ${location.seq}, which reads “${describeAuditEntry(entry)}”`;
      return { ...check, subject };
    }
  } catch {
    // Unnamed: the message and location still say where.
  }
  return check;
}

/**
 * A note named without its text. Verification messages travel into every report, the police
 * referral included, and a referral carries no notes at all (privileged or not): the note is named
 * by when it was written, and the examiner finds it by the row id beside the message.
 */
function noteWithoutText(image: RowImage): string {
  const written =
    typeof image.created_at === 'string' ? ` written ${image.created_at.slice(0, 16).replace('T', ' ')} UTC` : '';
  return `the ${image.privileged === 1 ? 'privileged ' : ''}note${written} (its text is not quoted here)`;
}

const isStateTable = (table: string): table is StateTable => (STATE_TABLE_NAMES as readonly string[]).includes(table);

/** The row's last image in the audit log (after, else before), newest entry first. */
function auditedImage(db: Database, table: string, rowId: string): RowImage | null {
  // A cheap text filter first; the match is then made on the parsed change data.
  const needle = JSON.stringify(rowId);
  const rows = db
    .prepare('SELECT changes FROM audit_log WHERE instr(changes, ?) > 0 ORDER BY seq DESC LIMIT 200')
    .pluck()
    .all(needle) as unknown[];
  for (const text of rows) {
    if (typeof text !== 'string') continue;
    const { changes } = readChangeData(text);
    const change = changes?.find((c) => c.table === table && c.id === rowId);
    const image = change ? (change.after ?? change.before) : null;
    if (image) return image as RowImage;
  }
  return null;
}

/** The row as it now stands (for a row added outside Custos, which the log never saw). */
function currentRow(db: Database, table: string, rowId: string): RowImage | null {
  if (!isStateTable(table)) return null;
  // The table name is one of Custos's own (checked above), never text from the file.
  const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(rowId) as Record<string, unknown> | undefined;
  if (!row) return null;
  const image: RowImage = {};
  for (const [column, value] of Object.entries(row)) {
    if (typeof value === 'string' || value === null || (typeof value === 'number' && Number.isInteger(value))) {
      image[column] = value;
    }
  }
  return image;
}

/** The exhibit a custody event, hold or link points at, named for the sentence. */
function exhibitNames(db: Database, image: RowImage): Record<string, string> {
  const itemId = image.item_id;
  if (typeof itemId !== 'string') return {};
  const item = currentRow(db, 'evidence_item', itemId) ?? auditedImage(db, 'evidence_item', itemId);
  return item ? { [itemId]: describeRecord('evidence_item', item) } : {};
}

type EntryRow = Omit<AuditRow, 'prev_hash' | 'hash'>;

function entryAt(db: Database, seq: number): AuditEntry | null {
  const row = db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as EntryRow | undefined;
  if (!row) return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const { changes, problem } = readChangeData(text(row.changes));
  return {
    seq,
    at: text(row.at),
    actor: { name: text(row.actor_name), role: text(row.actor_role), organisation: text(row.actor_organisation) },
    action: text(row.action),
    entity: { type: text(row.entity_type), id: text(row.entity_id) },
    changes: (changes ?? []) as AuditEntry['changes'],
    prevHash: '',
    hash: '',
    ...(problem || !changes ? { damaged: problem ?? 'unreadable' } : {}),
  };
}
