import { formatInZone, offsetMinutesAt, resolveTime } from './time.ts';

/**
 * When a notification is due, from the moment its clock starts.
 *
 * Hours are absolute and run through nights, weekends and clock changes: GDPR's 72 hours are
 * 72 × 3600 s from the moment of awareness, whatever the wall clock shows.
 *
 * Days and months are counted on the wall-clock calendar of the zone the trigger was entered in
 * (a submission made at 00:30 on 1 March in Berlin was made on 1 March, even though it was still
 * 28 February in UTC), and end at the END of the last day there (23:59:59.999 local), not at the
 * same wall time:
 * - EU law (NIS2, DORA) counts periods under Regulation (EEC, Euratom) No 1182/71. Art. 3(1): for a
 *   period in days or months, the day of the event is not counted. Art. 3(2)(b): a period in days
 *   ends with the expiry of the last hour of its last day. Art. 3(2)(c): a period in months ends
 *   with the expiry of the last hour of the day in the last month that falls on the same date as
 *   the day from which the period runs, or, if that month has no such date, of its last day
 *   (31 January + 1 month = the end of 28 or 29 February). Art. 3(4) (a period ending on a
 *   Saturday, Sunday or public holiday runs to the end of the next working day) is NOT applied:
 *   public holidays differ between member states and authorities, and the earlier time is the safe
 *   one to show.
 * - HIPAA (45 CFR 164.404(b)) gives "60 calendar days after discovery", the discovery being the
 *   first day the breach is known (164.404(a)(2)): the deadline is the end of the 60th day after
 *   that day.
 * Business days are the US federal ones, counted as SEC Form 8-K General Instruction B.1 says: a
 * trigger on a weekend or holiday starts the count on, and including, the next business day. A
 * business-day deadline ends at the end of that day in New York.
 */

export type DeadlineSpan =
  { hours: number } | { days: number } | { months: number } | { businessDays: number; calendar: 'us-federal' };

const US_ZONE = 'America/New_York';

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The n-th (1-based) weekday (0 = Sunday) of a month, or the last one when n is -1. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return iso(year, month, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
  return iso(year, month, lastDay - ((last - weekday + 7) % 7));
}

/** A fixed-date holiday as observed: a Saturday one on the Friday before, a Sunday one on the Monday after. */
function observed(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay();
  if (weekday === 6) date.setUTCDate(day - 1);
  if (weekday === 0) date.setUTCDate(day + 1);
  return date.toISOString().slice(0, 10);
}

/** The US federal holidays (5 U.S.C. 6103) observed in `year`, as dates. */
export function usFederalHolidays(year: number): Set<string> {
  return new Set([
    observed(year, 1, 1),
    // New Year's Day of the next year falls on 31 December when it is a Saturday.
    observed(year + 1, 1, 1),
    nthWeekday(year, 1, 1, 3), // Martin Luther King Jr. Day
    nthWeekday(year, 2, 1, 3), // Washington's Birthday
    nthWeekday(year, 5, 1, -1), // Memorial Day
    ...(year >= 2021 ? [observed(year, 6, 19)] : []), // Juneteenth
    observed(year, 7, 4),
    nthWeekday(year, 9, 1, 1), // Labor Day
    nthWeekday(year, 10, 1, 2), // Columbus Day
    observed(year, 11, 11), // Veterans Day
    nthWeekday(year, 11, 4, 4), // Thanksgiving
    observed(year, 12, 25),
  ]);
}

export function isUsBusinessDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !usFederalHolidays(Number(date.slice(0, 4))).has(date);
}

/** A calendar date (YYYY-MM-DD) `n` days later. */
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The date of the n-th US business day counted from a trigger at `utc` (its date in New York). */
export function usBusinessDayDue(utc: string, n: number): string {
  let date = formatInZone(utc, US_ZONE).date;
  // On a business day the count starts the day after; on any other day, on the next business day (B.1).
  let counted = 0;
  if (!isUsBusinessDay(date)) {
    while (!isUsBusinessDay(date)) date = addDays(date, 1);
    counted = 1;
  }
  while (counted < n) {
    date = addDays(date, 1);
    if (isUsBusinessDay(date)) counted++;
  }
  return date;
}

/** The same date `n` months later, or the last day of that month when it is shorter (1182/71 Art. 3(2)(c)). */
function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(d, lastDay));
}

/**
 * The last instant (UTC, to the millisecond) whose wall date in `zone` is `date`: 23:59:59.999 local,
 * or the instant before the clocks jump when a change skips the end of the day; when the clocks go
 * back across midnight, the later of the two.
 */
export function endOfLocalDay(date: string, zone: string): string {
  const nextMidnight = Date.parse(`${addDays(date, 1)}T00:00:00Z`);
  const offsets = new Set([
    offsetMinutesAt(zone, nextMidnight - 86_400_000),
    offsetMinutesAt(zone, nextMidnight),
    offsetMinutesAt(zone, nextMidnight + 86_400_000),
  ]);
  const ends = [...offsets]
    .map((offset) => nextMidnight - offset * 60_000 - 1)
    .filter((t) => formatInZone(new Date(t).toISOString(), zone).date === date);
  return new Date(ends.length > 0 ? Math.max(...ends) : nextMidnight - 1).toISOString();
}

/**
 * When a clock that started at `startUtc` runs out, as a UTC instant. `zone` is the zone the trigger
 * was entered in (the submission's, the clock's trigger zone, the case's awareness zone): days and
 * months are counted on its calendar and end with the last day there. Hours do not depend on it.
 */
export function deadlineFrom(startUtc: string, span: DeadlineSpan, zone = 'UTC'): string {
  if ('hours' in span) return new Date(Date.parse(startUtc) + span.hours * 3_600_000).toISOString();
  if ('days' in span || 'months' in span) {
    const day = formatInZone(startUtc, zone).date;
    return endOfLocalDay('days' in span ? addDays(day, span.days) : addMonths(day, span.months), zone);
  }
  const due = usBusinessDayDue(startUtc, span.businessDays);
  return resolveTime(`${due}T23:59:59.999`, US_ZONE).utc;
}

/** A span as people say it: "72 h", "60 days", "1 month", "4 business days (US federal)". */
export function describeSpan(span: DeadlineSpan): string {
  if ('hours' in span) return `${span.hours} h`;
  if ('days' in span) return `${span.days} day${span.days === 1 ? '' : 's'}`;
  if ('months' in span) return `${span.months} month${span.months === 1 ? '' : 's'}`;
  return `${span.businessDays} business day${span.businessDays === 1 ? '' : 's'} (US federal)`;
}

/** Less than this left before a deadline and it is due soon: a day, so it shows while there is still a working day. */
export const DUE_SOON_MS = 24 * 3_600_000;

/**
 * "in 41 h", "in 2 d 12 h", "OVERDUE by 2 h 10 min": how far a deadline is from now, at a glance.
 * The larger unit is floored and the remainder shown, never rounded up: two and a half days left
 * is "2 d 12 h", not "3 d".
 */
export function timeLeft(dueAt: string, now: Date): string {
  const ms = Date.parse(dueAt) - now.getTime();
  const m = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(m / 1440);
  const hours = Math.floor(m / 60);
  const span =
    m >= 2880
      ? `${days} d${m % 1440 >= 60 ? ` ${Math.floor((m % 1440) / 60)} h` : ''}`
      : hours > 0
        ? `${hours} h${m % 60 ? ` ${m % 60} min` : ''}`
        : `${m} min`;
  return ms >= 0 ? `in ${span}` : `OVERDUE by ${span}`;
}
