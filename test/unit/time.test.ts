import { describe, expect, it } from 'vitest';
import { formatZoned, resolveTime, toLocalInput, TimeInputError } from '../../shared/logic/time.ts';

describe('resolveTime: what a person typed becomes a UTC instant plus the zone as entered', () => {
  it('reads a wall time in a named zone', () => {
    expect(resolveTime('2026-11-02T14:30', 'Asia/Seoul')).toEqual({
      utc: '2026-11-02T05:30:00.000Z',
      zone: 'Asia/Seoul',
    });
    expect(resolveTime('2026-07-01 09:15:30', 'Europe/Berlin')).toEqual({
      utc: '2026-07-01T07:15:30.000Z',
      zone: 'Europe/Berlin',
    });
  });

  it('takes an explicit offset as exact and keeps it as the zone', () => {
    expect(resolveTime('2026-11-02T14:30:00+09:00')).toEqual({ utc: '2026-11-02T05:30:00.000Z', zone: '+09:00' });
    expect(resolveTime('2026-11-02T05:30:00.250Z')).toEqual({ utc: '2026-11-02T05:30:00.250Z', zone: 'UTC' });
    expect(resolveTime('2026-11-02T14:30+0900', 'Asia/Seoul')).toEqual({
      utc: '2026-11-02T05:30:00.000Z',
      zone: 'Asia/Seoul',
    });
  });

  it('refuses an offset that contradicts the named zone', () => {
    expect(() => resolveTime('2026-11-02T14:30+02:00', 'Asia/Seoul')).toThrow(/\+02:00.*Asia\/Seoul was at \+09:00/);
  });

  it('refuses times that do not exist or happen twice at a DST change, saying how to fix it', () => {
    expect(() => resolveTime('2026-03-08T02:30', 'America/New_York')).toThrow(/does not exist/);
    expect(() => resolveTime('2026-11-01T01:30', 'America/New_York')).toThrow(/happened twice.*-04:00 or -05:00/);
    expect(resolveTime('2026-11-01T01:30-05:00', 'America/New_York').utc).toBe('2026-11-01T06:30:00.000Z');
  });

  it('refuses nonsense with a message that names the problem', () => {
    expect(() => resolveTime('yesterday', 'UTC')).toThrow(TimeInputError);
    expect(() => resolveTime('2026-02-30T10:00', 'UTC')).toThrow(/not a real date/);
    expect(() => resolveTime('2026-11-02T10:00', 'Mars/Olympus')).toThrow(/not a time zone/);
    expect(() => resolveTime('2026-11-02T10:00')).toThrow(/no offset/);
  });

  it('shows an instant in any zone, and round-trips through a datetime-local value', () => {
    expect(formatZoned('2026-11-02T05:30:00.000Z', 'Asia/Seoul')).toBe('2026-11-02 14:30:00 +09:00');
    expect(formatZoned('2026-11-02T05:30:00.000Z', 'UTC')).toBe('2026-11-02 05:30:00 UTC');
    expect(formatZoned('2026-11-02T05:30:00.000Z', '-03:30')).toBe('2026-11-02 02:00:00 -03:30');
    expect(toLocalInput('2026-11-02T05:30:00.000Z', 'Europe/Berlin')).toBe('2026-11-02T06:30');
  });
});
