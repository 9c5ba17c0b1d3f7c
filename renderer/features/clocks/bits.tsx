import type { ClockStatus } from '../../../shared/domain/clock.ts';
import { CLOCK_STATUS_LABELS, countdownText, urgencyOf, wallAndUtc } from './countdown.ts';
import './clocks.css';

/** A clock's status in words, coloured: amber due soon, red overdue, green submitted, red outline late. */
export function ClockStatusBadge({ status }: { status: ClockStatus }) {
  return <span className={`clock-status clock-status--${status}`}>{CLOCK_STATUS_LABELS[status]}</span>;
}

/** "17 h 12 min left" or "deadline passed 2 h ago", coloured by how urgent it is. */
export function Countdown({ dueAt, now }: { dueAt: string; now: number }) {
  return (
    <span className={`clock-countdown clock-countdown--${urgencyOf(dueAt, now)}`}>{countdownText(dueAt, now)}</span>
  );
}

/** An instant on the wall clock of `zone` and in UTC, to the minute. */
export function WallTime({ utc, zone }: { utc: string; zone: string }) {
  const shown = wallAndUtc(utc, zone);
  return (
    <span className="clock-wall">
      <span>{shown.wall}</span>
      {zone === 'UTC' ? null : <span className="clock-wall__utc">{shown.utc}</span>}
    </span>
  );
}
