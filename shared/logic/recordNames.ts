import type { CheckResult, RowImage } from '../domain/audit.ts';
import { DECISION_LABELS } from '../domain/extortion.ts';
import { INDICATOR_TYPE_LABELS } from '../domain/indicator.ts';
import { formatInZone } from './time.ts';
import { formatBytes } from './units.ts';

/**
 * Records named as a person knows them: "timeline event 'Laptop delivered to facilitator address'
 * (2026-10-30 22:14 Asia/Seoul)", "exhibit E-0003 'Laptop image'", from a row as the audit log
 * images it (column name to value). The audit log in sentences, verification failures and the
 * Overview's latest activity all name records here, so a record reads the same everywhere.
 * Everything here reads hostile input (an image from a tampered file): any value may be missing or
 * of the wrong type, and nothing throws.
 */

/** Ids of other records a row points at (item_id, subject_id, a step's CACAO id…), named by whoever can look them up. */
export type RecordNames = Readonly<Record<string, string>>;

/** What one row of each table is, in words, without an article. */
export const TABLE_NOUNS: Readonly<Record<string, string>> = {
  case_meta: 'case record',
  timeline_event: 'timeline event',
  note: 'note',
  evidence_blob: 'stored evidence bytes',
  evidence_item: 'exhibit',
  custody_event: 'custody record',
  legal_hold: 'legal hold',
  evidence_link: 'evidence link',
  playbook_run: 'playbook run',
  playbook_step: 'playbook step',
  playbook_proof: 'proof of a playbook step',
  access_item: 'access-inventory entry',
  subject: 'subject',
  subject_link: 'subject link',
  indicator: 'indicator',
  extortion_message: 'extortion message',
  extortion_demand: 'extortion demand',
  claim_validation: 'claim validation',
  extortion_decision: 'extortion decision',
  notification_clock: 'notification clock',
  clock_submission: 'notification submission',
  output_record: 'output record',
};

/** A table's noun; an unknown table (only in a tampered file) is named as it is, quoted. */
export function tableNoun(table: string): string {
  return TABLE_NOUNS[table] ?? `record of table '${cut(table, 40)}'`;
}

/** Column labels that are not just the column name with spaces. */
const COLUMN_LABELS: Readonly<Record<string, string>> = {
  id: 'record id',
  aware_at: 'became aware at',
  aware_zone: 'zone of "became aware"',
  case_type: 'case type',
  tlp: 'TLP',
  occurred_at: 'time',
  zone: 'time zone',
  body: 'text',
  privileged: 'privileged',
  sha256: 'SHA-256',
  md5: 'MD5',
  sha1: 'SHA-1',
  blob_id: 'stored bytes',
  item_id: 'exhibit',
  target_id: 'linked record',
  target_type: 'kind of linked record',
  run_id: 'playbook run',
  step_id: 'step',
  subject_id: 'subject',
  demand_id: 'demand',
  message_id: 'message',
  rule_id: 'notification rule',
  proof_item_id: 'proof exhibit',
  source_item_id: 'source exhibit',
  sender_indicator_id: 'sender indicator',
  pay_to_indicator_id: 'pay-to indicator',
  evidence_item_id: 'exhibit',
  parent_id: 'parent exhibit',
  template_cacao: 'template (CACAO)',
  template_sha256: 'template SHA-256',
  anchor_at: 'start time (T0)',
  out_of_order: 'done out of order',
  tool_hash_match: 'tool-reported hash matched',
  tool_hash: 'tool-reported hash',
  tool_hash_algorithm: 'tool-reported hash algorithm',
  head_seq: 'audit head entry',
  head_hash: 'audit head hash',
  verified_ok: 'case verified intact',
  removed: 'removed',
  disposed: 'disposed of',
  flagged: 'flagged',
  applies: 'switched on',
  sanctions_shown: 'sanctions notice shown',
};

/** A column as a person reads it: "seal after", "SHA-256", "became aware at". */
export function columnLabel(column: string): string {
  return COLUMN_LABELS[column] ?? column.replace(/_/g, ' ');
}

/** Columns that hold 0/1 for no/yes. */
const FLAGS = new Set([
  'privileged',
  'removed',
  'disposed',
  'flagged',
  'applies',
  'out_of_order',
  'tool_hash_match',
  'verified_ok',
  'sanctions_shown',
]);
/** Columns that hold a byte count. */
const SIZES = new Set(['size', 'chunk_size']);

/** Text cut to `max` characters on one line, with an ellipsis when cut. */
export function cut(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

const quoted = (text: string, max = 60) => `'${cut(text, max)}'`;

function str(image: RowImage | null | undefined, column: string): string {
  const value = image?.[column];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** "2026-10-30 22:14 Asia/Seoul": a stored instant in the zone it was entered in (UTC when none). */
export function whenIn(utc: string, zone: string | null | undefined): string {
  if (!utc || Number.isNaN(Date.parse(utc))) return utc;
  const shown = zone || 'UTC';
  try {
    const p = formatInZone(utc, shown);
    return `${p.date} ${p.time.slice(0, 5)} ${shown}`;
  } catch {
    // A zone a tampered file made up: the instant is still worth showing, in UTC.
    return `${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC`;
  }
}

const when = (image: RowImage | null | undefined, at: string, zone: string) => whenIn(str(image, at), str(image, zone));

/** A value of a column as a person reads it: sizes in binary units, flags as yes/no, times in their zone. */
export function formatValue(column: string, value: RowImage[string] | undefined, row?: RowImage | null): string {
  if (value === null || value === undefined || value === '') return '—';
  if (FLAGS.has(column) && (value === 0 || value === 1)) return value === 1 ? 'yes' : 'no';
  if (SIZES.has(column) && typeof value === 'number') return `${formatBytes(value)} (${value} bytes)`;
  if (typeof value === 'string' && /_at$|^(first|last)_seen$/.test(column) && !Number.isNaN(Date.parse(value))) {
    const zoneColumn = column === 'occurred_at' || column === 'received_at' || column === 'submitted_at' ? 'zone' : '';
    const zone =
      str(row, zoneColumn || column.replace(/_at$/, '_zone')) ||
      (column.endsWith('_seen') ? str(row, 'seen_zone') : '');
    return zone ? `${whenIn(value, zone)} (${value})` : value;
  }
  return String(value);
}

/** The exhibit a row points at, by the names given, else nothing. */
function exhibitOf(id: string, names: RecordNames): string {
  return names[id] ?? '';
}

function exhibitName(image: RowImage | null | undefined): string {
  const exhibit = str(image, 'exhibit');
  const what = str(image, 'description') || str(image, 'original_name');
  return `${exhibit || 'an exhibit'}${what ? ` ${quoted(what)}` : ''}`;
}

/**
 * The record as a person knows it, without an article: "timeline event 'Laptop delivered…'
 * (2026-10-30 22:14 Asia/Seoul)", "exhibit E-0003 'Laptop image'", "note 'Call with counsel'".
 * Ids only ever stand in when the row says nothing else.
 */
export function describeRecord(table: string, image: RowImage | null | undefined, names: RecordNames = {}): string {
  const noun = tableNoun(table);
  const id = str(image, 'id');
  const fallback = `${noun}${id ? ` ${id.slice(0, 8)}…` : ''}`;
  if (!image) return fallback;
  switch (table) {
    case 'case_meta': {
      const reference = str(image, 'reference');
      return `case record ${quoted(str(image, 'title'), 80)}${reference ? ` (${reference})` : ''}`;
    }
    case 'timeline_event':
      return `timeline event ${quoted(str(image, 'title'), 80)} (${when(image, 'occurred_at', 'zone')})`;
    case 'note': {
      const first = str(image, 'body').split('\n', 1)[0] ?? '';
      return `${image.privileged === 1 ? 'privileged ' : ''}note ${quoted(first)}`;
    }
    case 'evidence_item':
      return `exhibit ${exhibitName(image)}`.replace('exhibit an exhibit', fallback);
    case 'evidence_blob':
      return `stored evidence bytes (${formatBytes(typeof image.size === 'number' ? image.size : null)}, SHA-256 ${str(image, 'sha256').slice(0, 16)}…)`;
    case 'custody_event': {
      const item = exhibitOf(str(image, 'item_id'), names);
      const type = str(image, 'type') || 'custody';
      const to = str(image, 'received_by');
      return `${type} record${item ? ` of ${item}` : ''}${to && type !== 'verification' ? ` (to ${to})` : ''} (${when(image, 'at', 'zone')})`;
    }
    case 'legal_hold': {
      const item = str(image, 'item_id');
      return `legal hold on ${item ? exhibitOf(item, names) || 'an exhibit' : 'the whole case'} (${quoted(str(image, 'reason'))})`;
    }
    case 'evidence_link':
      return `link of ${exhibitOf(str(image, 'item_id'), names) || 'an exhibit'} to ${names[str(image, 'target_id')] ?? `a ${str(image, 'target_type').replace(/_/g, ' ') || 'record'}`}`;
    case 'playbook_run':
      return `playbook run ${quoted(str(image, 'title') || str(image, 'template_name'), 80)}`;
    case 'playbook_step': {
      const step = names[`${str(image, 'run_id')}/${str(image, 'step_id')}`] ?? names[str(image, 'step_id')];
      return step ? `playbook step ${quoted(step, 80)}` : `a playbook step (${str(image, 'step_id') || id})`;
    }
    case 'playbook_proof':
      return `proof ${names[str(image, 'target_id')] ?? `(${str(image, 'target_type').replace(/_/g, ' ')})`}`;
    case 'access_item': {
      const identifier = str(image, 'identifier');
      return `access to ${quoted(str(image, 'system'))}${identifier ? ` (${cut(identifier, 60)})` : ''}`;
    }
    case 'subject':
      return `subject ${quoted(str(image, 'name'))}`;
    case 'subject_link': {
      const from = names[str(image, 'subject_id')] ?? 'a subject';
      const to = names[str(image, 'target_id')] ?? `a ${str(image, 'target_type') || 'record'}`;
      const relation = str(image, 'relation');
      return `link of ${from} to ${to}${relation ? ` (${quoted(relation)})` : ''}`;
    }
    case 'indicator': {
      const type = str(image, 'type');
      return `indicator ${type ? `${indicatorType(type)} ` : ''}${quoted(str(image, 'value'), 80)}`;
    }
    case 'extortion_message':
      return `extortion message ${quoted(str(image, 'summary') || str(image, 'sender'))} (received ${when(image, 'received_at', 'zone')})`;
    case 'extortion_demand': {
      const amount = [str(image, 'amount'), str(image, 'asset')].filter(Boolean).join(' ');
      const deadline = str(image, 'deadline_at');
      return `extortion demand${amount ? ` of ${amount}` : ''}${deadline ? ` (deadline ${when(image, 'deadline_at', 'deadline_zone')})` : ''}`;
    }
    case 'claim_validation':
      return `claim validation${str(image, 'result') ? ` (${str(image, 'result')})` : ''}`;
    case 'extortion_decision':
      return `extortion decision ${quoted((DECISION_LABELS as Record<string, string>)[str(image, 'decision')] ?? str(image, 'decision'))}`;
    case 'notification_clock':
      return `notification clock ${quoted(names[str(image, 'rule_id')] ?? str(image, 'rule_id'))}`;
    case 'clock_submission': {
      const rule = names[str(image, 'rule_id')] ?? str(image, 'rule_id');
      return `notification to ${quoted(str(image, 'recipient'))}${rule ? ` under ${quoted(rule)}` : ''}`;
    }
    case 'output_record': {
      const file = str(image, 'file_name');
      return `${str(image, 'kind') || 'output'} ${quoted(file || str(image, 'subtype'))}`;
    }
    default:
      return fallback;
  }
}

/** "The timeline event '…'": a record named at the start of a sentence. */
export function theRecord(table: string, image: RowImage | null | undefined, names: RecordNames = {}): string {
  const named = describeRecord(table, image, names);
  return /^(a|an) /.test(named) ? named : `the ${named}`;
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** An indicator type in a sentence: "e-mail address", "IP address", "Bitcoin wallet". */
export function indicatorType(type: string): string {
  const label = (INDICATOR_TYPE_LABELS as Record<string, string>)[type];
  if (!label) return cut(type, 30);
  // Lower-case the first letter of a common noun, not of a name or an acronym.
  return /^[A-Z][a-z-]/.test(label) && !/^(Bitcoin|Ethereum|TRON)/.test(label)
    ? label.charAt(0).toLowerCase() + label.slice(1)
    : label;
}

/** Where a verification failure is, technically: shown beside the name a person knows, never instead of it. */
export function technicalPlace(location: NonNullable<CheckResult['location']>): string {
  return [
    location.table ? `table ${location.table}` : '',
    location.rowId ? `row ${location.rowId}` : '',
    location.seq !== undefined ? `audit entry ${location.seq}` : '',
    location.object ? `schema object ${location.object}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
