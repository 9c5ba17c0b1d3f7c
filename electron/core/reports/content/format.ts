import { escapeControl } from '../../../../shared/logic/text.ts';
import { formatOffset, offsetMinutesAt } from '../../../../shared/logic/time.ts';

/**
 * How reports write times, numbers and text. Times are UTC first, then the wall clock in the zone
 * they were entered in: "2026-10-30 13:14 UTC (22:14 Asia/Seoul +09:00)". Nothing here reads the
 * clock or the machine's locale, so the same case prints the same words everywhere.
 */

const OFFSET = /^[+-]\d{2}:\d{2}$/;

const isUtc = (zone: string | null | undefined) => !zone || zone === 'UTC' || zone === 'Z';

/** "13:14", or "13:14:05" when the seconds are not zero. */
function clock(time: string): string {
  return time.endsWith(':00') ? time.slice(0, 5) : time;
}

const HOUR = 3_600_000;
const offsets = new Map<string, number>();

/**
 * A zone's offset at an instant, as offsetMinutesAt gives it, asked of Intl once an hour of time
 * rather than once a row (a timeline of 10,000 events in a few zones): an hour whose two ends have
 * the same offset has it throughout, since no zone changes its clocks twice within an hour; an hour
 * with a change in it is asked about the instant itself.
 */
function offsetAt(zone: string, epoch: number): number {
  const start = Math.floor(epoch / HOUR) * HOUR;
  const key = `${zone}|${start}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const first = offsetMinutesAt(zone, start);
    offset = first === offsetMinutesAt(zone, start + HOUR - 1) ? first : Number.NaN;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, offset);
  }
  return Number.isNaN(offset) ? offsetMinutesAt(zone, epoch) : offset;
}

/** The wall clock in `zone` with the zone named as entered: "22:14 Asia/Seoul +09:00", "22:14 +09:00". */
function zonedParts(utc: string, zone: string): { date: string; text: string } | null {
  try {
    const epoch = Date.parse(utc);
    const offset = offsetAt(zone, epoch);
    const shifted = new Date(epoch + offset * 60_000).toISOString();
    const label = OFFSET.test(zone) ? zone : `${zone} ${formatOffset(offset)}`;
    return { date: shifted.slice(0, 10), text: `${clock(shifted.slice(11, 19))} ${label}` };
  } catch {
    // A zone this machine does not know (a hand-edited file): the UTC time stands alone.
    return null;
  }
}

/** "2026-10-30 13:14" (UTC, no suffix): the first column of a time table. */
export function utcText(utc: string | null | undefined): string {
  if (!utc) return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(utc);
  return match ? `${match[1]} ${clock(match[2]!)}` : utc;
}

/** "2026-10-31 07:14 Asia/Seoul +09:00": the time as entered, always with its date (a table's second column). */
export function enteredText(utc: string | null | undefined, zone: string | null | undefined): string {
  if (!utc) return '';
  if (isUtc(zone)) return `${utcText(utc)} UTC`;
  const parts = zonedParts(utc, zone!);
  return parts ? `${parts.date} ${parts.text}` : `(zone ${zone})`;
}

/** "2026-10-30 13:14 UTC (22:14 Asia/Seoul +09:00)"; the date is repeated when the zone's day differs. */
export function when(utc: string | null | undefined, zone?: string | null): string {
  if (!utc) return '';
  const base = `${utcText(utc)} UTC`;
  if (isUtc(zone)) return base;
  const parts = zonedParts(utc, zone!);
  if (!parts) return `${base} (entered in ${zone})`;
  return `${base} (${parts.date === utc.slice(0, 10) ? '' : `${parts.date} `}${parts.text})`;
}

/** `when` for a narrow table cell: the time as entered on a line of its own. */
export function whenCell(utc: string | null | undefined, zone?: string | null): string {
  return when(utc, zone).replace(' UTC (', ' UTC\n(');
}

/** 12345 → "12,345", without the machine's locale. */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 event", "3 events". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "2,345,678 bytes (2.2 MiB)". */
export function bytes(size: number | null): string {
  if (size === null) return '';
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = size;
  let unit = '';
  for (const next of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return unit ? `${count(size)} bytes (${value.toFixed(1)} ${unit})` : plural(size, 'byte');
}

/** At most `max` characters of one line of text, with … when cut. */
export function short(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  let end = max - 1;
  const last = line.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${line.slice(0, end)}…`;
}

/** "—" for nothing recorded, so an empty cell reads as empty on purpose. */
export const orDash = (text: string | null | undefined): string => (text && text.trim() ? text : '—');

/** Words for identifiers: "laptop-farm-host" → "laptop farm host". */
export const words = (id: string): string => id.replace(/[-_]/g, ' ');

// Controls (but the line feed), the bidirectional controls, and any surrogate (a lone one is escaped).
// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/**
 * Text from a case as a report may print it: line breaks kept (notes, message bodies), tabs as
 * spaces, every other control and bidirectional override shown escaped, so nothing typed into a
 * case or captured from an attacker can reorder what a reader sees on the page.
 */
export function clean(text: string): string {
  // Nearly all text is plain: one scan decides, and only text with something to show escaped is rebuilt.
  if (!NEEDS_CLEANING.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .split('\n')
    .map((line) => escapeControl(line))
    .join('\n');
}

/** Every string of a plain value (a document, a preview) cleaned; the shape is kept. */
export function cleanAll<T>(value: T): T {
  if (typeof value === 'string') return clean(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanAll(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanAll(v)])) as T;
  }
  return value;
}

/** A playbook's version (CACAO's modified time) as a date people read; other versions as they are. */
export const versionText = (version: string): string =>
  /^\d{4}-\d{2}-\d{2}T/.test(version) ? `of ${utcText(version)} UTC` : version;
