/**
 * Dates and times as people type them into Custos: year-month-day and a 24-hour clock
 * ("2026-11-03 08:15", seconds optional), whatever the machine's locale. A browser's own date
 * picker follows the system locale ("11/03/2026 08:15 AM" on a US machine next to a Europe/Berlin
 * zone), which reads differently to every examiner and cannot be pasted into; one plain text form
 * can. The forms keep the value shape they always had (`YYYY-MM-DDTHH:MM[:SS]`, or `YYYY-MM-DD`),
 * so nothing downstream changes. Pure: no DOM, no Intl.
 */

export type DateTimeKind = 'datetime' | 'date';

export type ParsedDateTime = { ok: true; value: string } | { ok: false; message: string };

/** What the empty field shows, and the form named in hints and messages. */
export const DATE_TIME_FORM: Record<DateTimeKind, string> = {
  datetime: 'YYYY-MM-DD HH:MM',
  date: 'YYYY-MM-DD',
};

const EXAMPLE: Record<DateTimeKind, string> = { datetime: '2026-11-03 14:30', date: '2026-11-03' };

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/i;
const OFFSET_TAIL_RE = /\d(Z|[+-]\d{2}:?\d{2})$/i;
const AMPM_RE = /\s*([ap])\.?\s?m\.?$/i;
const SLASHED_RE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function realDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

function quote(text: string): string {
  return `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

/** 12-hour to 24-hour, or undefined for an hour no 12-hour clock shows. */
function to24(hour: number, half: string | undefined): number | undefined {
  if (half === undefined) return hour <= 23 ? hour : undefined;
  if (hour < 1 || hour > 12) return undefined;
  const pm = half.toLowerCase() === 'p';
  return (hour % 12) + (pm ? 12 : 0);
}

function timeText(hour: number, minute: string, second: string | undefined): string {
  return `${pad(hour)}:${minute}${second !== undefined ? `:${second}` : ''}`;
}

/**
 * "11/03/2026 08:15 AM" or "03.11.2026 08:15": day and month cannot be told apart in general, so
 * rather than guess, say how both readings are written and let the person pick.
 */
function slashedAdvice(text: string, body: string, half: string | undefined, kind: DateTimeKind): string | undefined {
  const m = SLASHED_RE.exec(body);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const hour = m[4] !== undefined ? to24(Number(m[4]), half) : undefined;
  const clock =
    m[4] !== undefined && hour !== undefined && kind === 'datetime' ? ` ${timeText(hour, m[5]!, m[6])}` : '';
  const readings = new Map<string, string>();
  // The likelier reading first: month/day with slashes (US), day.month with dots (most of Europe).
  const orders: [number, number][] = body.includes('.')
    ? [
        [b, a],
        [a, b],
      ]
    : [
        [a, b],
        [b, a],
      ];
  for (const [month, day] of orders) {
    if (realDate(year, month, day)) {
      readings.set(`${year}-${pad(month)}-${pad(day)}${clock}`, `${day} ${MONTHS[month - 1]!}`);
    }
  }
  const shape = kind === 'datetime' ? 'year-month-day and a 24-hour time' : 'year-month-day';
  if (readings.size === 0) return `${quote(text)} is not a date Custos can read: write ${shape}, e.g. ${EXAMPLE[kind]}`;
  const options = [...readings].map(([written, meaning]) => `${written} (${meaning})`);
  if (options.length === 1) return `Write ${shape}: ${options[0]!}`;
  const [first, second] = [...readings];
  const rule = kind === 'datetime' ? 'year-month-day on a 24-hour clock' : 'year-month-day';
  return `Custos reads ${rule}: ${quote(text)} is ${first![0]} if it means ${first![1]}, ${second![0]} if ${second![1]}`;
}

/**
 * Reads what was typed. Accepts "2026-11-03 08:15", "2026-11-03T08:15", seconds and milliseconds,
 * and one-digit months, days and hours ("2026-11-3 8:15"). Refuses with the fix: the locale forms
 * ("11/03/2026 08:15 AM"), AM/PM, an offset or Z (the zone belongs in the zone field), dates that do
 * not exist, hours past 23.
 */
export function parseDateTimeText(raw: string, kind: DateTimeKind = 'datetime'): ParsedDateTime {
  const text = raw.trim();
  const generic = () =>
    kind === 'datetime'
      ? `${quote(text)} is not a date and time Custos can read: write year-month-day and a 24-hour time, e.g. ${EXAMPLE.datetime} (seconds optional)`
      : `${quote(text)} is not a date Custos can read: write year-month-day, e.g. ${EXAMPLE.date}`;
  if (!text) {
    return { ok: false, message: `Give a date${kind === 'datetime' ? ' and time' : ''}, e.g. ${EXAMPLE[kind]}` };
  }

  // A pasted ISO time with its offset ("…T08:15:00Z"): the offset has a field of its own.
  const offset = kind === 'datetime' ? OFFSET_TAIL_RE.exec(text) : null;
  if (offset && ISO_RE.test(text.slice(0, offset.index + 1))) {
    const tail = offset[1]!;
    const zone = tail.toUpperCase() === 'Z' ? 'UTC' : tail;
    return {
      ok: false,
      message: `Leave out “${tail}”: the time is read in the zone given beside it, so set that zone to ${zone}${zone === 'UTC' ? '' : ' (or the zone’s name, e.g. Asia/Seoul)'}`,
    };
  }

  const halfMatch = AMPM_RE.exec(text);
  const half = halfMatch ? halfMatch[1]! : undefined;
  const body = halfMatch ? text.slice(0, halfMatch.index).trim() : text;

  const slashed = slashedAdvice(text, body, half, kind);
  if (slashed) return { ok: false, message: slashed };

  const m = ISO_RE.exec(body);
  if (!m) return { ok: false, message: generic() };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = `${m[1]}-${pad(month)}-${pad(day)}`;
  if (year < 1900 || year > 2999) return { ok: false, message: `${year} is not a year Custos records: check the year` };
  if (!realDate(year, month, day)) {
    const why =
      month >= 1 && month <= 12
        ? `${MONTHS[month - 1]!} ${year} has ${daysIn(year, month)} days`
        : 'months go from 01 to 12, written after the year';
    return { ok: false, message: `${quote(date)} is not a real date (${why}): check the month and day` };
  }
  if (kind === 'date') {
    if (m[4] !== undefined) return { ok: false, message: `Only the date is asked here: write ${date}` };
    return { ok: true, value: date };
  }
  if (m[4] === undefined) return { ok: false, message: `Add the time on a 24-hour clock, e.g. ${date} 14:30` };
  const hour = to24(Number(m[4]), half);
  const minute = Number(m[5]);
  const second = m[6] !== undefined ? Number(m[6]) : 0;
  if (half !== undefined) {
    if (hour === undefined) return { ok: false, message: generic() };
    return { ok: false, message: `Use the 24-hour clock: ${date} ${timeText(hour, m[5]!, m[6])}` };
  }
  if (hour === undefined || minute > 59 || second > 59) {
    return {
      ok: false,
      message: `${quote(text)} is not a time of day: hours go from 00 to 23, minutes and seconds to 59`,
    };
  }
  const fraction = m[7] !== undefined ? `.${m[7]}` : '';
  return { ok: true, value: `${date}T${timeText(hour, m[5]!, m[6])}${m[6] !== undefined ? fraction : ''}` };
}

/** The text a form's value is shown as: "2026-11-03T08:15" reads "2026-11-03 08:15". */
export function displayDateTime(value: string): string {
  return value.replace(/^(\d{4}-\d{2}-\d{2})T(?=\d)/, '$1 ');
}

const STEP_RE = /^(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

type Part = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';
const PART_SPANS: readonly [Part, number, number][] = [
  ['year', 0, 4],
  ['month', 5, 7],
  ['day', 8, 10],
  ['hour', 11, 13],
  ['minute', 14, 16],
  ['second', 17, 19],
];

/**
 * ArrowUp / ArrowDown on a well-formed value: the part under the caret (year, month, day, hour,
 * minute, second) moves by `delta`, carrying into the others as a calendar does (23:59 + 1 min is
 * the next day; 31 January + 1 month is 28 or 29 February). Undefined when the text is not
 * well-formed, so the key keeps its usual meaning.
 */
export function stepDateTimeText(text: string, caret: number, delta: number): string | undefined {
  const m = STEP_RE.exec(text);
  if (!m) return undefined;
  const spans = PART_SPANS.filter(([, start]) => start < text.length);
  const found = spans.find(([, start, end]) => caret >= start && caret <= end) ?? spans[spans.length - 1]!;
  const part = found[0];
  let [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0)];
  if (!realDate(year, month, day)) return undefined;
  let ms: number;
  if (part === 'year' || part === 'month') {
    const total = year * 12 + (month - 1) + (part === 'year' ? delta * 12 : delta);
    year = Math.floor(total / 12);
    month = (total % 12) + 1;
    day = Math.min(day, daysIn(year, month));
    ms = Date.UTC(year, month - 1, day, hour, minute, second);
  } else {
    const unit = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 }[part];
    ms = Date.UTC(year, month - 1, day, hour, minute, second) + delta * unit;
  }
  const d = new Date(ms);
  if (d.getUTCFullYear() < 1900 || d.getUTCFullYear() > 2999) return undefined;
  const datePart = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (m[4] === undefined) return datePart;
  const secondPart = m[7] !== undefined ? `:${pad(d.getUTCSeconds())}` : '';
  return `${datePart}${m[4]}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${secondPart}`;
}
