import { describe, expect, it } from 'vitest';
import { displayDateTime, parseDateTimeText, stepDateTimeText } from '../../shared/logic/dateTimeText.ts';
import { zonedTimeError } from '../../renderer/lib/formErrors.ts';

const value = (text: string, kind: 'datetime' | 'date' = 'datetime') => {
  const parsed = parseDateTimeText(text, kind);
  return parsed.ok ? parsed.value : `ERROR ${parsed.message}`;
};
const message = (text: string, kind: 'datetime' | 'date' = 'datetime') => {
  const parsed = parseDateTimeText(text, kind);
  return parsed.ok ? `OK ${parsed.value}` : parsed.message;
};

describe('typed date and time, ISO 24-hour whatever the locale', () => {
  it('hands the form the value shape it always had', () => {
    expect(value('2026-11-03 08:15')).toBe('2026-11-03T08:15');
    expect(value('2026-11-03T08:15')).toBe('2026-11-03T08:15');
    expect(value('2026-11-03 08:15:09')).toBe('2026-11-03T08:15:09');
    expect(value('  2026-11-03   08:15  ')).toBe('2026-11-03T08:15');
    expect(value('2026-11-03t08:15')).toBe('2026-11-03T08:15');
    expect(value('2026-11-03 08:15:09.250')).toBe('2026-11-03T08:15:09.250');
    expect(value('2026-11-3 8:15')).toBe('2026-11-03T08:15');
    expect(value('2026-11-03', 'date')).toBe('2026-11-03');
    expect(value('2026-2-7', 'date')).toBe('2026-02-07');
  });

  it('says how to write a US-locale time, with both readings when day and month are ambiguous', () => {
    const us = message('11/03/2026 08:15 AM');
    expect(us).toBe(
      'Custos reads year-month-day on a 24-hour clock: “11/03/2026 08:15 AM” is 2026-11-03 08:15 if it means 3 November, 2026-03-11 08:15 if 11 March',
    );
    expect(message('11/03/2026 08:15 PM')).toContain('2026-11-03 20:15');
    expect(message('11/03/2026 12:05 AM')).toContain('2026-11-03 00:05');
    // Only one reading is a real date: say that one.
    expect(message('13/03/2026 08:15')).toBe('Write year-month-day and a 24-hour time: 2026-03-13 08:15 (13 March)');
    expect(message('03.11.2026', 'date')).toContain('is 2026-11-03 if it means 3 November, 2026-03-11 if 11 March');
  });

  it('refuses AM/PM, offsets, impossible dates and times with the fix', () => {
    expect(message('2026-11-03 8:15 pm')).toBe('Use the 24-hour clock: 2026-11-03 20:15');
    expect(message('2026-11-03T08:15:00Z')).toMatch(/Leave out “Z”.*set that zone to UTC/);
    expect(message('2026-11-03T08:15+09:00')).toMatch(/Leave out “\+09:00”.*\+09:00/);
    expect(message('2026-02-30 10:00')).toBe(
      '“2026-02-30” is not a real date (February 2026 has 28 days): check the month and day',
    );
    expect(message('2026-13-01 10:00')).toMatch(/months go from 01 to 12/);
    expect(message('2026-11-03 24:00')).toMatch(/hours go from 00 to 23/);
    expect(message('2026-11-03')).toBe('Add the time on a 24-hour clock, e.g. 2026-11-03 14:30');
    expect(message('2026-11-03 08:15', 'date')).toBe('Only the date is asked here: write 2026-11-03');
    expect(message('yesterday')).toMatch(/^“yesterday” is not a date and time Custos can read: write year-month-day/);
    expect(message('1850-01-01', 'date')).toMatch(/not a year/);
  });

  it('shows a stored value the way it is typed', () => {
    expect(displayDateTime('2026-11-03T08:15')).toBe('2026-11-03 08:15');
    expect(displayDateTime('2026-11-03T08:15:09')).toBe('2026-11-03 08:15:09');
    expect(displayDateTime('2026-11-03')).toBe('2026-11-03');
    expect(displayDateTime('')).toBe('');
  });

  it('steps the part under the caret, carrying like a calendar', () => {
    expect(stepDateTimeText('2026-11-03 08:15', 0, 1)).toBe('2027-11-03 08:15');
    expect(stepDateTimeText('2026-11-03 08:15', 6, 1)).toBe('2026-12-03 08:15');
    expect(stepDateTimeText('2026-12-03 08:15', 6, 1)).toBe('2027-01-03 08:15');
    expect(stepDateTimeText('2026-01-31 08:15', 5, 1)).toBe('2026-02-28 08:15');
    expect(stepDateTimeText('2026-11-03 08:15', 9, -1)).toBe('2026-11-02 08:15');
    expect(stepDateTimeText('2026-11-03 23:59', 15, 1)).toBe('2026-11-04 00:00');
    expect(stepDateTimeText('2026-11-03 08:15', 12, -9)).toBe('2026-11-02 23:15');
    expect(stepDateTimeText('2026-11-03T08:15:59', 19, 1)).toBe('2026-11-03T08:16:00');
    expect(stepDateTimeText('2026-11-03', 10, 1)).toBe('2026-11-04');
    expect(stepDateTimeText('11/03/2026', 1, 1)).toBeUndefined();
    expect(stepDateTimeText('', 0, 1)).toBeUndefined();
  });

  it('gives the format message beside the field before the zone is read', () => {
    expect(zonedTimeError('11/03/2026 08:15 AM', 'Europe/Berlin')).toContain('2026-11-03 08:15');
    expect(zonedTimeError('2026-11-03T08:15', 'Europe/Berlin')).toBeUndefined();
    expect(zonedTimeError('2026-03-29T02:30', 'Europe/Berlin')).toMatch(/does not exist/);
  });
});
