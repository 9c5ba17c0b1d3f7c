import { formatZoned, isValidZone } from '../../../shared/logic/time.ts';

/**
 * CSV as RFC 4180 writes it, made safe to open in a spreadsheet:
 * - every field in double quotes (a doubled quote inside), fields split by commas, each record
 *   ended by CRLF, a header record first; UTF-8, with a byte-order mark only when asked (Excel needs
 *   one to read UTF-8, other programs show it as a stray character);
 * - a cell a spreadsheet would run as a formula (CSV injection, OWASP) made inert with a leading
 *   single quote: one starting with = + - @, a tab or a carriage return, and one whose first
 *   character after leading white space is = + - or @ (some spreadsheets trim before they
 *   evaluate). A phone number such as +44 20 7946 0958 is therefore written '+44 20 7946 0958: a
 *   spreadsheet shows it as text instead of turning it into a number.
 */

const FORMULA = /^(?:[=+\-@\t\r]|\s+[=+\-@])/;

export const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/** A cell as a spreadsheet may show it without running it. */
export function inert(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

export type Cell = string | number | boolean | null | undefined;

/** One field: quoted, quotes doubled, made inert; null and undefined are empty. */
export function csvField(value: Cell): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  return `"${inert(text).replaceAll('"', '""')}"`;
}

/** A whole file: the header and the rows, each ended by CRLF, as UTF-8 (with a BOM when asked). */
export function csvBytes(header: readonly string[], rows: readonly (readonly Cell[])[], bom: boolean): Uint8Array {
  const lines = [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`);
  const body = Buffer.from(lines.join(''), 'utf8');
  return bom ? Buffer.concat([BOM, body]) : body;
}

/** A stored instant as ISO 8601 UTC (as stored: 2026-10-30T13:14:00.000Z); empty when there is none. */
export function utc(instant: string | null | undefined): string {
  return instant ?? '';
}

/**
 * A stored instant as the wall clock it was entered in, with the offset and the zone's name:
 * "2026-10-30 22:14:00 +09:00 Asia/Seoul" (a fixed offset or UTC is not repeated). Empty when there
 * is no time or no zone; a zone no longer known is named beside the UTC time.
 */
export function asEntered(instant: string | null | undefined, zone: string | null | undefined): string {
  if (!instant || !zone) return '';
  if (!Number.isFinite(Date.parse(instant))) return instant;
  if (!isValidZone(zone)) return `${formatZoned(instant, 'UTC')} (zone "${zone}" is not known)`;
  const shown = formatZoned(instant, zone);
  return /^[+-]\d{2}:\d{2}$/.test(zone) || zone === 'UTC' || zone === 'Z' ? shown : `${shown} ${zone}`;
}
