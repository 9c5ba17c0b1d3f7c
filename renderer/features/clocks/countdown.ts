import { useEffect, useState } from 'react';
import type { ClockStatus, ClockView } from '../../../shared/domain/clock.ts';
import type { ExtortionDemand } from '../../../shared/domain/extortion.ts';
import { DUE_SOON_MS } from '../../../shared/logic/deadlines.ts';
import { formatInZone } from '../../../shared/logic/time.ts';
import { elementIdOf } from '../../store/extortion.ts';

/**
 * Deadlines as a team under pressure reads them: how long is left ("17 h 12 min left") or how long
 * ago it passed, and how urgent that is, by the same measure everywhere (the header, the overview,
 * the Extortion and Notification clocks screens).
 */

/** How often the countdowns move: they show minutes, so twice a minute is enough. */
export const TICK_MS = 30_000;

/** Now to the tick: every countdown on screen reads the same instant, whichever was drawn first. */
const tickNow = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;

/**
 * Now, as epoch milliseconds to the last `TICK_MS` boundary, moving at each boundary while the
 * component is shown: the header and the screen below it never disagree by a minute.
 */
export function useNow(): number {
  const [now, setNow] = useState(tickNow);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const next = () => {
      timer = setTimeout(
        () => {
          setNow(tickNow());
          next();
        },
        TICK_MS - (Date.now() % TICK_MS) + 20,
      );
    };
    next();
    return () => clearTimeout(timer);
  }, []);
  return now;
}

/** A span at most two units: "2 d 3 h", "17 h 12 min", "12 min", "less than a minute". */
export function spanText(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "17 h 12 min left" before the deadline, "deadline passed 2 h 5 min ago" after it. */
export function countdownText(dueAt: string, now: number): string {
  const left = Date.parse(dueAt) - now;
  return left >= 0 ? `${spanText(left)} left` : `deadline passed ${spanText(left)} ago`;
}

export type Urgency = 'overdue' | 'soon' | 'later';

/** Past is overdue; within a day (DUE_SOON_MS, as the clocks count it) is soon. */
export function urgencyOf(dueAt: string, now: number): Urgency {
  const left = Date.parse(dueAt) - now;
  return left < 0 ? 'overdue' : left <= DUE_SOON_MS ? 'soon' : 'later';
}

/**
 * A clock's status as of `now`: the core decided it when the clocks were read, and a running clock
 * turns due soon, then overdue, while the screen stays open without reading them again.
 */
export function liveStatus(clock: ClockView, now: number): ClockStatus {
  if ((clock.status === 'running' || clock.status === 'due-soon') && clock.dueAt) {
    const urgency = urgencyOf(clock.dueAt, now);
    return urgency === 'overdue' ? 'overdue' : urgency === 'soon' ? 'due-soon' : clock.status;
  }
  return clock.status;
}

export const CLOCK_STATUS_LABELS: Record<ClockStatus, string> = {
  off: 'Does not apply',
  'not-started': 'Not started',
  'no-fixed-time': 'No fixed time',
  running: 'Running',
  'due-soon': 'Due soon',
  overdue: 'Overdue',
  submitted: 'Submitted',
  'submitted-late': 'Submitted late',
};

/** The clocks whose deadline still has to be met: running, due soon or overdue. */
export const LIVE_STATUSES: readonly ClockStatus[] = ['running', 'due-soon', 'overdue'];

/** A demand whose deadline still counts: open, or passed without being withdrawn or closed. */
export function demandIsLive(demand: ExtortionDemand): demand is ExtortionDemand & { deadlineAt: string } {
  return (
    !demand.removed && demand.deadlineAt !== null && (demand.status === 'open' || demand.status === 'deadline-passed')
  );
}

/** "0.5 BTC", or what the demand asks when it names no amount. */
export function demandTitle(demand: Pick<ExtortionDemand, 'amount' | 'asset'>): string {
  const amount = [demand.amount, demand.asset].filter(Boolean).join(' ');
  return amount || 'Demand without an amount';
}

/**
 * An instant to the minute on a wall clock, naming the zone: "2026-12-03 09:00 Europe/Berlin (08:00
 * UTC)", with the UTC date too when it is another day. For a fixed offset the offset names it.
 */
export function wallAndUtc(utc: string, zone: string): { wall: string; utc: string } {
  const local = formatInZone(utc, zone);
  const inUtc = formatInZone(utc, 'UTC');
  const named = zone === 'UTC' ? 'UTC' : zone.startsWith('+') || zone.startsWith('-') ? local.offset : zone;
  return {
    wall: `${local.date} ${local.time.slice(0, 5)} ${named}`,
    utc: `${inUtc.date} ${inUtc.time.slice(0, 5)} UTC`,
  };
}

/** A deadline still to be met, as the header and the overview list it. */
export type LiveDeadline = {
  key: string;
  kind: 'demand' | 'clock';
  /** "Demand 0.5 BTC", "NIS2: early warning". */
  label: string;
  dueAt: string;
  /** The clock's status as of now; null for a demand. */
  status: ClockStatus | null;
  /** Where it is: the section and the element id to mark there. */
  section: 'extortion' | 'clocks';
  elementId: string;
};

/** "NIS2: early warning" from the rule "Significant incident: early warning" of NIS2. */
export function shortClockName(clock: Pick<ClockView, 'rule'>): string {
  const { regime, name } = clock.rule;
  const colon = name.indexOf(':');
  return `${regime}: ${colon >= 0 ? name.slice(colon + 1).trim() : name}`;
}

/**
 * Every deadline still to be met, soonest first: the open demands' deadlines and the switched-on
 * clocks that are running, due soon or overdue.
 */
export function liveDeadlines(
  demands: readonly ExtortionDemand[] | null,
  clocks: readonly ClockView[] | null,
  now: number,
): LiveDeadline[] {
  const found: LiveDeadline[] = [];
  for (const demand of demands ?? []) {
    if (!demandIsLive(demand)) continue;
    found.push({
      key: `demand-${demand.id}`,
      kind: 'demand',
      label: `Demand ${demandTitle(demand)}`,
      dueAt: demand.deadlineAt,
      status: null,
      section: 'extortion',
      elementId: elementIdOf('demand', demand.id),
    });
  }
  for (const clock of clocks ?? []) {
    const status = liveStatus(clock, now);
    if (!clock.applies || !clock.dueAt || !LIVE_STATUSES.includes(status)) continue;
    found.push({
      key: `clock-${clock.rule.id}`,
      kind: 'clock',
      label: shortClockName(clock),
      dueAt: clock.dueAt,
      status,
      section: 'clocks',
      elementId: elementIdOf('clock', clock.rule.id),
    });
  }
  return found.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}
