import { formatInZone, resolveTime } from './time.ts';

/**
 * When a notification is due, from the moment its clock starts: hours and calendar days run through
 * nights and weekends (GDPR's 72 hours are calendar hours); a month is the same day of the next
 * month (or its last day); business days are the US federal ones, counted as SEC Form 8-K General
 * Instruction B.1 says: a trigger on a weekend or holiday starts the count on, and including, the
 * next business day. A business-day deadline ends at the end of that day in New York.
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

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The date of the n-th US business day counted from a trigger at `utc` (its date in New York). */
export function usBusinessDayDue(utc: string, n: number): string {
  let date = formatInZone(utc, US_ZONE).date;
  // On a business day the count starts the day after; on any other day, on the next business day (B.1).
  let counted = 0;
  if (!isUsBusinessDay(date)) {
    while (!isUsBusinessDay(date)) date = nextDate(date);
    counted = 1;
  }
  while (counted < n) {
    date = nextDate(date);
    if (isUsBusinessDay(date)) counted++;
  }
  return date;
}

/** When a clock that started at `startUtc` runs out, as a UTC instant. */
export function deadlineFrom(startUtc: string, span: DeadlineSpan): string {
  const start = Date.parse(startUtc);
  if ('hours' in span) return new Date(start + span.hours * 3_600_000).toISOString();
  if ('days' in span) return new Date(start + span.days * 86_400_000).toISOString();
  if ('months' in span) {
    const d = new Date(start);
    const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + span.months, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
    target.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
    return target.toISOString();
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

/** "in 41 h", "in 3 d", "OVERDUE by 2 h 10 min": how far a deadline is from now, at a glance. */
export function timeLeft(dueAt: string, now: Date): string {
  const minutes = Math.round((Date.parse(dueAt) - now.getTime()) / 60_000);
  const m = Math.abs(minutes);
  const span =
    m >= 2880
      ? `${Math.round(m / 1440)} d`
      : m >= 120
        ? `${Math.round(m / 60)} h`
        : `${Math.floor(m / 60) ? `${Math.floor(m / 60)} h ` : ''}${m % 60} min`;
  return minutes >= 0 ? `in ${span}` : `OVERDUE by ${span}`;
}
