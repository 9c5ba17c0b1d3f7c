/**
 * Times as people enter them (a wall clock in a zone, or an ISO string with an offset) turned into
 * the stored form: a UTC instant with milliseconds plus the zone or offset as entered, so an event
 * seen in Seoul time stays readable as Seoul time. Pure: uses only ECMAScript Intl.
 */

export class TimeInputError extends Error {
  override name = 'TimeInputError';
}

export type ResolvedTime = { utc: string; zone: string };
export type Clock = () => Date;

const OFFSET_RE = /^([+-])(\d{2}):?(\d{2})$/;
const INPUT_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatterCache.set(zone, formatter);
  }
  return formatter;
}

/** 'UTC', a fixed offset such as '+09:00', or an IANA zone such as 'Asia/Seoul'. */
export function isValidZone(zone: string): boolean {
  if (zone === 'UTC' || zone === 'Z') return true;
  const offset = OFFSET_RE.exec(zone);
  if (offset) return Number(offset[2]) <= 14 && Number(offset[3]) < 60;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function fixedOffsetMinutes(zone: string): number | undefined {
  if (zone === 'UTC' || zone === 'Z') return 0;
  const match = OFFSET_RE.exec(zone);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The zone's offset from UTC, in minutes, at the given instant. */
export function offsetMinutesAt(zone: string, epochMs: number): number {
  const fixed = fixedOffsetMinutes(zone);
  if (fixed !== undefined) return fixed;
  const parts = formatterFor(zone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return Math.round((asUtc - wholeSeconds) / 60_000);
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function normaliseOffset(raw: string): string {
  if (raw.toUpperCase() === 'Z') return 'UTC';
  const match = OFFSET_RE.exec(raw);
  return match ? `${match[1]}${match[2]}:${match[3]}` : raw;
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number };

function wallToNaiveMs(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
}

function parseInput(at: string): { wall: Wall; offset: string | undefined } {
  const match = INPUT_RE.exec(at.trim());
  if (!match) {
    throw new TimeInputError(
      `"${at}" is not a date and time; use YYYY-MM-DDTHH:MM, optionally with seconds and an offset such as +09:00 or Z`,
    );
  }
  const wall: Wall = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Number(match[6] ?? 0),
    ms: Number((match[7] ?? '0').padEnd(3, '0')),
  };
  const check = new Date(wallToNaiveMs(wall));
  if (
    wall.year < 1900 ||
    wall.year > 2999 ||
    wall.hour > 23 ||
    wall.minute > 59 ||
    wall.second > 59 ||
    check.getUTCMonth() !== wall.month - 1 ||
    check.getUTCDate() !== wall.day
  ) {
    throw new TimeInputError(`"${at}" is not a real date and time (check the month, day and hour)`);
  }
  if (match[8] && fixedOffsetMinutes(normaliseOffset(match[8])) === undefined) {
    throw new TimeInputError(`"${match[8]}" is not a valid UTC offset; use e.g. +09:00`);
  }
  return { wall, offset: match[8] };
}

/**
 * Turn what a person entered into the stored form.
 * - With an offset in `at` ("2026-11-02T14:30+09:00"), the instant is exact; the zone defaults to
 *   that offset, and a named zone given alongside must agree with it.
 * - Without one, `zone` is required and the wall time is read in that zone. Times that do not exist
 *   (a spring-forward gap) or happen twice (the autumn overlap) are refused with the fix.
 */
export function resolveTime(at: string, zone?: string): ResolvedTime {
  const { wall, offset } = parseInput(at);
  const zoneGiven = zone?.trim() ? zone.trim() : undefined;
  if (zoneGiven !== undefined && !isValidZone(zoneGiven)) {
    throw new TimeInputError(
      `"${zoneGiven}" is not a time zone; use an IANA name such as Asia/Seoul or Europe/Berlin, UTC, or an offset such as +09:00`,
    );
  }
  const storedZone = zoneGiven === 'Z' ? 'UTC' : zoneGiven !== undefined ? normaliseOffset(zoneGiven) : undefined;
  if (offset !== undefined) {
    const offsetMinutes = fixedOffsetMinutes(normaliseOffset(offset)) ?? 0;
    const epoch = wallToNaiveMs(wall) - offsetMinutes * 60_000;
    if (storedZone !== undefined && offsetMinutesAt(storedZone, epoch) !== offsetMinutes) {
      throw new TimeInputError(
        `${at} has offset ${formatOffset(offsetMinutes)}, but ${storedZone} was at ${formatOffset(
          offsetMinutesAt(storedZone, epoch),
        )} then; correct one of them`,
      );
    }
    return { utc: new Date(epoch).toISOString(), zone: storedZone ?? normaliseOffset(offset) };
  }
  if (storedZone === undefined) {
    throw new TimeInputError(
      `"${at}" has no offset; give the time zone it was read in (e.g. Asia/Seoul) or add an offset such as +09:00`,
    );
  }
  const naive = wallToNaiveMs(wall);
  const candidates = new Set<number>();
  for (const probe of [naive - 86_400_000, naive, naive + 86_400_000]) {
    const candidate = naive - offsetMinutesAt(storedZone, probe) * 60_000;
    if (naive - offsetMinutesAt(storedZone, candidate) * 60_000 === candidate) candidates.add(candidate);
  }
  const valid = [...candidates].sort((a, b) => a - b);
  if (valid.length === 0) {
    throw new TimeInputError(`${at} does not exist in ${storedZone} (the clocks jumped forward); check the time`);
  }
  if (valid.length > 1) {
    const options = valid.map((v) => formatOffset(offsetMinutesAt(storedZone, v))).join(' or ');
    throw new TimeInputError(
      `${at} happened twice in ${storedZone} (clocks went back); add the offset to say which, ${options}`,
    );
  }
  return { utc: new Date(valid[0]!).toISOString(), zone: storedZone };
}

export type ZonedParts = { date: string; time: string; offset: string };

/** Show a stored instant as a wall clock in a zone: 2026-11-02 14:30:00 +09:00. */
export function formatInZone(utc: string, zone: string): ZonedParts {
  const epoch = Date.parse(utc);
  const offset = offsetMinutesAt(zone, epoch);
  const shifted = new Date(epoch + offset * 60_000).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 19), offset: formatOffset(offset) };
}

export function formatZoned(utc: string, zone: string): string {
  const p = formatInZone(utc, zone);
  return `${p.date} ${p.time} ${zone === 'UTC' ? 'UTC' : p.offset}`;
}

/** The value for a datetime-local input showing the instant in the zone. */
export function toLocalInput(utc: string, zone: string): string {
  const p = formatInZone(utc, zone);
  return `${p.date}T${p.time.slice(0, 5)}`;
}

export function isoNow(clock: Clock): string {
  return clock().toISOString();
}
