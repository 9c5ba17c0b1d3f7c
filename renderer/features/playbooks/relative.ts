import { formatInZone } from '../../../shared/logic/time.ts';

/**
 * Times in a run as a team says them aloud: relative to the anchor T0 ("T0+15 min", "T0−3 d"),
 * since a revocation is planned and called by the clock of T0, not by dates.
 */

/** A span of minutes, at most two units: 45 min, 2 h 30 min, 3 d 4 h. */
export function formatSpan(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  if (m < 60) return `${m} min`;
  if (m < 1440) return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
  const hours = Math.floor((m % 1440) / 60);
  return hours ? `${Math.floor(m / 1440)} d ${hours} h` : `${Math.floor(m / 1440)} d`;
}

/** Minutes from the anchor, signed: T0 itself, T0+15 min, T0−2 h (a true minus sign, as printed). */
export function relativeToAnchor(minutes: number, label = 'T0'): string {
  const m = Math.round(minutes);
  if (m === 0) return label;
  return `${label}${m < 0 ? '\u2212' : '+'}${formatSpan(m)}`;
}

/** Whole minutes from `fromUtc` to `to` (an ISO instant or epoch milliseconds). */
export function minutesFrom(fromUtc: string, to: string | number): number {
  const end = typeof to === 'number' ? to : Date.parse(to);
  return Math.round((end - Date.parse(fromUtc)) / 60_000);
}

/**
 * An instant to the minute as a wall clock in `zone` shows it, naming the zone: "2031-03-10 12:00
 * Europe/Berlin", with UTC beside it when the zone is another: "(11:00 UTC)", dated if the day differs.
 */
export function clockText(utc: string, zone: string): string {
  const local = formatInZone(utc, zone);
  const named = zone === 'UTC' ? 'UTC' : zone.startsWith('+') || zone.startsWith('-') ? local.offset : zone;
  const main = `${local.date} ${local.time.slice(0, 5)} ${named}`;
  if (zone === 'UTC') return main;
  const inUtc = formatInZone(utc, 'UTC');
  return `${main} (${inUtc.date === local.date ? '' : `${inUtc.date} `}${inUtc.time.slice(0, 5)} UTC)`;
}

/** How far ahead a step counts as due soon: within the hour, the span a team plans its next moves in. */
export const DUE_SOON_MINUTES = 60;

/**
 * Due soon: not settled, not yet overdue, and due within the next hour of `readAt` (when the run was
 * read, the moment "overdue" was decided too, so the two never disagree).
 */
export function isDueSoon(step: { dueAt: string | null; overdue: boolean; settled: boolean }, readAt: number): boolean {
  if (step.settled || step.overdue || !step.dueAt) return false;
  const until = Date.parse(step.dueAt) - readAt;
  return until >= 0 && until <= DUE_SOON_MINUTES * 60_000;
}
