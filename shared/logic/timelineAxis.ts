import { offsetMinutesAt } from './time.ts';

/**
 * The time axis of the timeline picture, as pure arithmetic so the screen and the reports draw the
 * same picture: which span is shown and how it zooms and pans, which ticks are labelled at a zoom
 * level (on the wall clock of a zone, so midnight is the examiner's midnight), and how marks too
 * close to tell apart are gathered into one counted bin per few pixels. Times are epoch ms (UTC).
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const YEAR = 365.2425 * DAY;
const MONTH = YEAR / 12;

/** The span shown: [start, end) in epoch ms. */
export type AxisView = { start: number; end: number };

/** Closer than a minute across the whole width says nothing more; wider than two centuries is no case. */
export const MIN_SPAN = MINUTE;
export const MAX_SPAN = 200 * YEAR;

/** Spans a person picks from, as a responder thinks of them. */
export const PRESET_SPANS: readonly { label: string; ms: number }[] = [
  { label: '1 hour', ms: HOUR },
  { label: '1 day', ms: DAY },
  { label: '1 week', ms: 7 * DAY },
  { label: '1 month', ms: 30 * DAY },
  { label: '1 year', ms: 365 * DAY },
];

const clampSpan = (span: number) => Math.min(MAX_SPAN, Math.max(MIN_SPAN, span));

/** x in pixels of an instant on a strip `width` pixels wide. */
export function xOf(at: number, view: AxisView, width: number): number {
  return ((at - view.start) / (view.end - view.start)) * width;
}

/** The instant at x pixels. */
export function timeAt(x: number, view: AxisView, width: number): number {
  return view.start + (x / width) * (view.end - view.start);
}

/** `span` wide, centred on `at`. */
export function centredOn(at: number, span: number): AxisView {
  const s = clampSpan(span);
  return { start: at - s / 2, end: at + s / 2 };
}

/**
 * Zoomed by `factor` (below 1 zooms in) about `anchor`, which stays where it is on screen: the
 * point under the pointer for the wheel, the middle for the buttons.
 */
export function zoomed(view: AxisView, factor: number, anchor = (view.start + view.end) / 2): AxisView {
  const span = view.end - view.start;
  const next = clampSpan(span * factor);
  const share = (anchor - view.start) / span;
  return { start: anchor - share * next, end: anchor - share * next + next };
}

/** Moved later by `ms` (earlier when negative). */
export function panned(view: AxisView, ms: number): AxisView {
  return { start: view.start + ms, end: view.end + ms };
}

/**
 * The span that shows every given instant with a margin either side; one instant (or none) gets
 * a day around it (around `fallback`, the present, when there is nothing at all).
 */
export function fitted(times: Iterable<number>, fallback: number): AxisView {
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (min === Infinity) return centredOn(fallback, DAY);
  if (max - min < HOUR) return centredOn((min + max) / 2, DAY);
  const margin = (max - min) * 0.04;
  return { start: min - margin, end: max + margin };
}

// ---------------------------------------------------------------------------------------------
// Ticks on the wall clock of a zone.

/** A step between ticks: fixed (ms on the local clock) or calendar months. */
type Step = { unit: 'fixed'; ms: number; approx: number } | { unit: 'month'; months: number; approx: number };

const FIXED = [1, 2, 5, 10, 15, 30].map((m) => m * MINUTE).concat([1, 2, 3, 6, 12].map((h) => h * HOUR));
const STEPS: readonly Step[] = [
  ...FIXED.map((ms): Step => ({ unit: 'fixed', ms, approx: ms })),
  { unit: 'fixed', ms: DAY, approx: DAY },
  { unit: 'fixed', ms: 2 * DAY, approx: 2 * DAY },
  { unit: 'fixed', ms: 7 * DAY, approx: 7 * DAY },
  ...[1, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400].map((months): Step => ({
    unit: 'month',
    months,
    approx: months * MONTH,
  })),
];

export type Tick = {
  at: number;
  /** ISO, 24-hour: "14:30", "2026-10-30", "2026-10", "2026". */
  label: string;
  /** A boundary of the next larger unit (midnight, the first of a month, a new year): drawn stronger. */
  major: boolean;
};

export type AxisTicks = {
  ticks: Tick[];
  /** What the labels leave out, for a line beside the axis: the date of the start when ticks are times. */
  context: string;
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The wall clock in `zone` at `at`, as a Date whose UTC fields read that wall clock. */
function wall(at: number, zone: string): Date {
  return new Date(at + offsetMinutesAt(zone, at) * MINUTE);
}

/** The instant a wall time (as naive ms) happened in `zone`; in a spring-forward gap, the hour after. */
function instantOfWall(naive: number, zone: string): number {
  const guess = naive - offsetMinutesAt(zone, naive) * MINUTE;
  return naive - offsetMinutesAt(zone, guess) * MINUTE;
}

const dateOf = (w: Date) => `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;

/**
 * Ticks for `view` on a strip `width` pixels wide, at least `minGap` pixels apart, placed on round
 * values of the wall clock in `zone` (whole hours, midnights, first days of months, new years).
 */
export function axisTicks(view: AxisView, width: number, zone: string, minGap = 90): AxisTicks {
  const span = view.end - view.start;
  const perPx = span / Math.max(1, width);
  const step = STEPS.find((s) => s.approx / perPx >= minGap) ?? STEPS.at(-1)!;
  const ticks: Tick[] = [];
  const startWall = wall(view.start, zone);
  const add = (at: number, label: string, major: boolean) => {
    // A wall time repeated or skipped (clocks changing) must not draw a tick twice or backwards.
    if (at >= view.start && at <= view.end && (ticks.length === 0 || at > ticks.at(-1)!.at)) {
      ticks.push({ at, label, major });
    }
  };
  if (step.unit === 'fixed') {
    const naiveStart = startWall.getTime();
    // Weeks start on Monday: 1970-01-05, the first Monday after the epoch, is 4 days in.
    const shift = step.ms === 7 * DAY ? 4 * DAY : 0;
    let naive = Math.ceil((naiveStart - shift) / step.ms) * step.ms + shift;
    const limit = naiveStart + span + 2 * HOUR;
    for (let i = 0; naive <= limit && i < 1000; i++, naive += step.ms) {
      const w = new Date(naive);
      const midnight = w.getUTCHours() === 0 && w.getUTCMinutes() === 0;
      if (step.ms < DAY) {
        add(
          instantOfWall(naive, zone),
          midnight ? dateOf(w) : `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`,
          midnight,
        );
      } else {
        add(instantOfWall(naive, zone), dateOf(w), w.getUTCDate() === 1);
      }
    }
  } else {
    const n = step.months;
    let month = startWall.getUTCFullYear() * 12 + startWall.getUTCMonth();
    month = Math.ceil(month / n) * n;
    const endWall = wall(view.end, zone);
    const last = endWall.getUTCFullYear() * 12 + endWall.getUTCMonth();
    for (let i = 0; month <= last && i < 1000; i++, month += n) {
      const year = Math.floor(month / 12);
      const m = month % 12;
      const naive = Date.UTC(year, m, 1);
      // Date.UTC reads 0–99 as 1900–1999; set the year for what it is.
      const fixed = new Date(naive);
      fixed.setUTCFullYear(year);
      const at = instantOfWall(fixed.getTime(), zone);
      add(at, n >= 12 ? String(year) : `${year}-${pad(m + 1)}`, m === 0);
    }
  }
  const context = step.unit === 'fixed' && step.ms < DAY ? dateOf(startWall) : '';
  return { ticks, context };
}

/** "2026-10-30 22:14" on the wall clock of `zone`. */
export function wallMinute(at: number, zone: string): string {
  const w = wall(at, zone);
  return `${dateOf(w)} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

// ---------------------------------------------------------------------------------------------
// Binning: marks too close to tell apart drawn as one, with their count.

export type Bin = {
  /** Left edge of the bin, in pixels. */
  x: number;
  count: number;
  /** Position (in `order`) of the first and last mark in the bin, for hover and selection. */
  first: number;
  last: number;
  /** The group (category) most of its marks belong to, for its colour; -1 when there are none. */
  group: number;
};

/** The first position in `order` whose time is ≥ `at` (order lists indexes into `times`, in time order). */
export function lowerBound(times: ArrayLike<number>, order: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[order[mid]!]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The marks of `order` (indexes into `times`, in time order) that fall inside `view`, gathered
 * into bins `binPx` pixels wide; `groups` gives each mark's group (its category), whose most common
 * one colours the bin. Only the visible stretch is walked, found by binary search: a frame of
 * 100,000 events costs a millisecond or two.
 */
export function binMarks(
  times: ArrayLike<number>,
  order: ArrayLike<number>,
  view: AxisView,
  width: number,
  binPx: number,
  groups?: ArrayLike<number>,
  groupCount = 0,
): Bin[] {
  const bins: Bin[] = [];
  const from = lowerBound(times, order, view.start);
  const to = lowerBound(times, order, view.end);
  const scale = width / (view.end - view.start);
  const tally = new Int32Array(Math.max(1, groupCount));
  let current: Bin | null = null;
  let slot = -1;
  const close = () => {
    if (!current) return;
    if (groups && groupCount > 0) {
      let best = 0;
      for (let g = 1; g < groupCount; g++) if (tally[g]! > tally[best]!) best = g;
      current.group = best;
      tally.fill(0);
    }
    bins.push(current);
  };
  for (let p = from; p < to; p++) {
    const index = order[p]!;
    const s = Math.floor(((times[index]! - view.start) * scale) / binPx);
    if (s !== slot) {
      close();
      slot = s;
      current = { x: s * binPx, count: 0, first: p, last: p, group: -1 };
    }
    current!.count++;
    current!.last = p;
    if (groups && groupCount > 0) tally[groups[index]!]!++;
  }
  close();
  return bins;
}

/**
 * Positions (indexes into the columns) of the events to draw, in time order: those whose category
 * is switched on and whose title holds every word of `text` (case and accents aside).
 */
export function filterEvents(
  categories: ArrayLike<number>,
  titles: readonly string[],
  categoryOn: readonly boolean[],
  text: string,
): Int32Array {
  const words = foldWords(text);
  const out = new Int32Array(titles.length);
  let n = 0;
  for (let i = 0; i < titles.length; i++) {
    if (!categoryOn[categories[i]!]) continue;
    if (words.length > 0 && !matchesWords(titles[i]!, words)) continue;
    out[n++] = i;
  }
  return out.slice(0, n);
}

/** Lower case, without accents, cut into words: what a text filter compares. */
export function foldWords(text: string): string[] {
  return fold(text).split(/\s+/).filter(Boolean);
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether `text` holds every one of `words` (as foldWords gives them). */
export function matchesWords(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const folded = fold(text);
  return words.every((w) => folded.includes(w));
}

/**
 * Two time-ordered lists merged into one order, as the keyboard walks them: each entry is an
 * event's position (≥ 0) or a mark's position as −1 − position. Events come before marks at the
 * same instant.
 */
export function mergeOrder(
  eventTimes: ArrayLike<number>,
  events: ArrayLike<number>,
  markTimes: ArrayLike<number>,
  marks: ArrayLike<number>,
): Int32Array {
  const out = new Int32Array(events.length + marks.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < events.length || j < marks.length) {
    const takeEvent = j >= marks.length || (i < events.length && eventTimes[events[i]!]! <= markTimes[marks[j]!]!);
    out[n++] = takeEvent ? events[i++]! : -1 - marks[j++]!;
  }
  return out;
}
