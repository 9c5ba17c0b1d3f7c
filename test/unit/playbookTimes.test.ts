import { describe, expect, it } from 'vitest';
import { formatSpan, isDueSoon, minutesFrom, relativeToAnchor } from '../../renderer/features/playbooks/relative.ts';

describe('times relative to a playbook run’s T0', () => {
  it('names T0 itself, and spans before and after it with a true minus sign', () => {
    expect(relativeToAnchor(0)).toBe('T0');
    expect(relativeToAnchor(15)).toBe('T0+15 min');
    expect(relativeToAnchor(-4320)).toBe('T0\u22123 d');
    expect(relativeToAnchor(150, 'T0')).toBe('T0+2 h 30 min');
  });

  it('keeps at most two units, dropping a zero second one', () => {
    expect(formatSpan(59)).toBe('59 min');
    expect(formatSpan(120)).toBe('2 h');
    expect(formatSpan(1440 + 180 + 7)).toBe('1 d 3 h');
    expect(formatSpan(20160)).toBe('14 d');
  });

  it('counts whole minutes between instants', () => {
    expect(minutesFrom('2031-03-03T08:00:00.000Z', '2031-03-03T08:15:00.000Z')).toBe(15);
    expect(minutesFrom('2031-03-03T08:00:00.000Z', Date.parse('2031-03-03T07:00:00.000Z'))).toBe(-60);
  });
});

describe('a step due soon', () => {
  const readAt = Date.parse('2031-03-03T09:00:00.000Z');
  const step = (dueAt: string | null, more: { overdue?: boolean; settled?: boolean } = {}) => ({
    dueAt,
    overdue: more.overdue ?? false,
    settled: more.settled ?? false,
  });
  it('is open and due within the next hour of when the run was read, not before and not after', () => {
    expect(isDueSoon(step('2031-03-03T09:00:00.000Z'), readAt)).toBe(true);
    expect(isDueSoon(step('2031-03-03T10:00:00.000Z'), readAt)).toBe(true);
    expect(isDueSoon(step('2031-03-03T10:00:00.001Z'), readAt)).toBe(false);
    expect(isDueSoon(step('2031-03-03T08:59:59.999Z'), readAt)).toBe(false);
    expect(isDueSoon(step(null), readAt)).toBe(false);
  });
  it('is never a step already settled or already overdue', () => {
    expect(isDueSoon(step('2031-03-03T09:30:00.000Z', { settled: true }), readAt)).toBe(false);
    expect(isDueSoon(step('2031-03-03T09:30:00.000Z', { overdue: true }), readAt)).toBe(false);
  });
});
