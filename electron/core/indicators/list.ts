import { PLATFORM_OF_ALIAS, indicatorTypeOf } from '../../../shared/domain/indicator.ts';
import type { IndicatorType } from '../../../shared/domain/indicator.ts';
import { CsvError, parseCsv } from '../../../shared/logic/csv.ts';
import { cut, escapeControl } from '../../../shared/logic/text.ts';
import { CustosError } from '../errors.ts';

/**
 * A list of indicators as people bring it: pasted from a report or a chat, one a line as
 * TYPE:VALUE (TYPE/PLATFORM:VALUE where the platform matters), or a CSV exported from a
 * spreadsheet or another tool with a header naming type and value. This only reads the list into
 * entries; whether each value is well-formed, and already in the case, is the service's question.
 */

/** More lines than this are refused whole: a list that long is better split than waited on. */
export const MAX_INDICATOR_LIST_LINES = 50_000;

/** The columns a CSV list may have; type and value are required. */
export const INDICATOR_CSV_COLUMNS = [
  'type',
  'value',
  'platform',
  'first_seen',
  'last_seen',
  'zone',
  'confidence',
  'tlp',
  'notes',
] as const;
type Column = (typeof INDICATOR_CSV_COLUMNS)[number];

export type ListEntry = {
  line: number;
  /** The value as written; the whole line when the line names no type. */
  input: string;
  type: IndicatorType | null;
  /** As written (the service tidies it); what an alias such as payoneer: implies when none is written. */
  platform: string;
  /** Why the line cannot be read at all; the entry is refused with it. */
  problem?: string;
  /** Per-line columns of a CSV list; a pasted list has none (the request's apply). */
  firstSeen?: string;
  lastSeen?: string;
  zone?: string;
  confidence?: string;
  tlp?: string;
  notes?: string;
};

const shown = (text: string) => `"${escapeControl(cut(text, 60))}"`;
const NO_TYPE = 'name the type: TYPE:VALUE (e.g. btc:bc1q…); custos indicator types lists them';

/**
 * The type and platform a written type name stands for (`username/github`, `payoneer`), or why
 * not; null when it names no type. The command line reads --type with it too.
 */
export function typeAndPlatform(
  written: string,
): { type: IndicatorType; platform: string } | { problem: string } | null {
  const [name = '', ...rest] = written.split('/');
  const type = indicatorTypeOf(name);
  if (!type) return null;
  const explicit = rest.length > 0 ? rest.join('/').trim() : undefined;
  const key = name.trim().toLowerCase();
  const implied = Object.hasOwn(PLATFORM_OF_ALIAS, key) ? PLATFORM_OF_ALIAS[key]! : '';
  if (explicit !== undefined && implied && explicit.toLowerCase() !== implied) {
    return { problem: `${shown(name.trim())} already names the platform ${implied}; write ${type}/${explicit}:VALUE` };
  }
  return { type, platform: explicit ?? implied };
}

/** Whether a line is a CSV header naming type and value (the list is then read as CSV). */
function isCsvHeader(line: string): boolean {
  const names = line.split(',').map((f) => f.trim().replace(/^"|"$/g, '').trim().toLowerCase());
  return names.length > 1 && names.includes('type') && names.includes('value');
}

const meaningful = (line: string) => {
  const trimmed = line.trim();
  return trimmed !== '' && !trimmed.startsWith('#');
};

/** The type of the lines that name none, and the platform of those of that type that name none. */
type Defaults = { type: IndicatorType | undefined; platform: string };

/**
 * The platform of an entry: the one written (or implied by payoneer:…), else, for a line without a
 * type or of the default type, the default platform (a pasted column of Telegram names).
 */
const platformFor = (type: IndicatorType, written: string, defaults: Defaults) =>
  written || (type === defaults.type ? defaults.platform : '');

/**
 * The entries of a list, one per line that is not blank or a # comment. Problems of the whole list
 * (too many lines, a CSV that is not CSV, a header with a column Custos does not know) are refused
 * whole with the fix; a line that cannot be read is an entry with its problem.
 */
export function parseIndicatorList(text: string, defaultType?: IndicatorType, defaultPlatform = ''): ListEntry[] {
  const defaults: Defaults = { type: defaultType, platform: defaultPlatform };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines.at(-1) === '') lines.pop();
  if (lines.length > MAX_INDICATOR_LIST_LINES) {
    throw new CustosError(
      'INVALID_INPUT',
      `the list has ${lines.length} lines; at most ${MAX_INDICATOR_LIST_LINES} are read at once: split it into parts and import each`,
    );
  }
  const first = lines.find(meaningful);
  if (first !== undefined && isCsvHeader(first)) {
    // A # comment is skipped in a CSV list as in a pasted one; blanked, so line numbers stay.
    return parseCsvList(lines.map((l) => (l.trim().startsWith('#') ? '' : l)).join('\n'), defaults);
  }
  const entries: ListEntry[] = [];
  lines.forEach((raw, index) => {
    if (!meaningful(raw)) return;
    entries.push(parseLine(raw.trim(), index + 1, defaults));
  });
  return entries;
}

/** One TYPE:VALUE line, split at the first colon (url:https://… and ipv6:2001:db8::1 keep theirs). */
function parseLine(line: string, number: number, defaults: Defaults): ListEntry {
  const colon = line.indexOf(':');
  const named = colon > 0 ? typeAndPlatform(line.slice(0, colon)) : null;
  if (named && 'problem' in named) {
    return { line: number, input: line, type: null, platform: '', problem: named.problem };
  }
  if (named) {
    const value = line.slice(colon + 1).trim();
    const platform = platformFor(named.type, named.platform, defaults);
    const entry: ListEntry = { line: number, input: value, type: named.type, platform };
    return value ? entry : { ...entry, input: line, problem: `has nothing after ${shown(line.slice(0, colon + 1))}` };
  }
  // No type named: the whole line is the value, of the type the person chose for the list.
  if (defaults.type) return { line: number, input: line, type: defaults.type, platform: defaults.platform };
  const prefix = colon > 0 ? line.slice(0, colon).trim() : '';
  const unknown = prefix && !/\s/.test(prefix) && prefix.length <= 30 ? `${shown(prefix)} is not a type; ` : '';
  return { line: number, input: line, type: null, platform: '', problem: `${unknown}${NO_TYPE}` };
}

const columnName = (field: string) =>
  field
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function parseCsvList(text: string, defaults: Defaults): ListEntry[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    const where = error instanceof CsvError ? error.message : 'it does not parse';
    throw new CustosError('INVALID_INPUT', `the list has a CSV header but is not CSV: ${where}; nothing was read`);
  }
  const [header, ...rows] = records;
  const columns = header!.fields.map(columnName);
  const twice = [...new Set(columns.filter((c, i) => columns.indexOf(c) !== i))];
  if (twice.length > 0) {
    throw new CustosError(
      'INVALID_INPUT',
      `line ${header!.line}: the header names ${twice.map(shown).join(', ')} twice; name each column once`,
    );
  }
  const unknown = columns.filter((c) => !(INDICATOR_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw new CustosError(
      'INVALID_INPUT',
      `line ${header!.line}: ${unknown.map(shown).join(', ')} ${unknown.length === 1 ? 'is not a column' : 'are not columns'} Custos knows; the columns are ${INDICATOR_CSV_COLUMNS.join(', ')} (type and value required)`,
    );
  }
  return rows.map(({ line, fields }) => {
    const field = (name: Column) => (columns.includes(name) ? (fields[columns.indexOf(name)] ?? '').trim() : '');
    const value = field('value');
    const base = { line, input: value, type: null, platform: '' };
    if (fields.length !== columns.length) {
      return { ...base, problem: `has ${fields.length} fields where the header has ${columns.length}` };
    }
    const written = field('type');
    const named = written ? typeAndPlatform(written) : null;
    if (named && 'problem' in named) return { ...base, problem: named.problem };
    if (written && !named) return { ...base, problem: `${shown(written)} is not an indicator type; ${NO_TYPE}` };
    const type = named?.type ?? defaults.type;
    if (!type) return { ...base, problem: `has no type; ${NO_TYPE}` };
    if (!value) return { ...base, type, problem: 'has no value' };
    const entry: ListEntry = {
      line,
      input: value,
      type,
      platform: platformFor(type, field('platform') || (named?.platform ?? ''), defaults),
    };
    if (named?.platform && field('platform') && field('platform').toLowerCase() !== named.platform) {
      entry.problem = `says type ${shown(written)} but platform ${shown(field('platform'))}; give one platform`;
    }
    for (const [key, column] of [
      ['firstSeen', 'first_seen'],
      ['lastSeen', 'last_seen'],
      ['zone', 'zone'],
      ['confidence', 'confidence'],
      ['tlp', 'tlp'],
      ['notes', 'notes'],
    ] as const) {
      if (field(column)) entry[key] = field(column);
    }
    return entry;
  });
}
