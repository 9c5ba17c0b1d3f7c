import { describe, expect, it } from 'vitest';
import {
  DAY,
  HOUR,
  MIN_SPAN,
  MINUTE,
  axisTicks,
  binMarks,
  centredOn,
  filterEvents,
  fitted,
  mergeOrder,
  panned,
  timeAt,
  wallMinute,
  xOf,
  zoomed,
} from '../../shared/logic/timelineAxis.ts';

const at = (iso: string) => Date.parse(iso);

describe('the time scale', () => {
  const view = { start: at('2026-10-30T00:00:00Z'), end: at('2026-10-31T00:00:00Z') };

  it('maps instants to pixels and back', () => {
    expect(xOf(at('2026-10-30T12:00:00Z'), view, 1000)).toBe(500);
    expect(timeAt(250, view, 1000)).toBe(at('2026-10-30T06:00:00Z'));
  });

  it('zooms about the anchor, which stays where it is on screen', () => {
    const anchor = at('2026-10-30T06:00:00Z');
    const next = zoomed(view, 0.5, anchor);
    expect(next.end - next.start).toBe(12 * HOUR);
    expect(xOf(anchor, next, 1000)).toBeCloseTo(xOf(anchor, view, 1000), 6);
  });

  it('never zooms closer than a minute across the strip', () => {
    let v = view;
    for (let i = 0; i < 50; i++) v = zoomed(v, 0.5);
    expect(v.end - v.start).toBe(MIN_SPAN);
  });

  it('pans by a time span and centres on an instant', () => {
    expect(panned(view, HOUR).start).toBe(view.start + HOUR);
    const c = centredOn(at('2026-10-30T12:00:00Z'), DAY);
    expect(c).toEqual({ start: at('2026-10-30T00:00:00Z'), end: at('2026-10-31T00:00:00Z') });
  });

  it('fits every mark with a margin, a lone mark in a day around it, nothing around now', () => {
    const fit = fitted([at('2026-10-01T00:00:00Z'), at('2026-11-01T00:00:00Z')], 0);
    expect(fit.start).toBeLessThan(at('2026-10-01T00:00:00Z'));
    expect(fit.end).toBeGreaterThan(at('2026-11-01T00:00:00Z'));
    expect(fitted([at('2026-10-01T00:00:00Z')], 0).end - fitted([at('2026-10-01T00:00:00Z')], 0).start).toBe(DAY);
    expect(fitted([], at('2026-10-01T00:00:00Z')).start).toBe(at('2026-09-30T12:00:00Z'));
  });
});

describe('ticks on the wall clock of a zone', () => {
  it('puts hour ticks on whole hours in Seoul, with midnight labelled by its date', () => {
    // 2026-10-30 20:00 to 2026-10-31 04:00 Seoul (UTC+9).
    const view = { start: at('2026-10-30T11:00:00Z'), end: at('2026-10-30T19:00:00Z') };
    const { ticks, context } = axisTicks(view, 800, 'Asia/Seoul', 90);
    expect(ticks.map((t) => t.label)).toEqual([
      '20:00',
      '21:00',
      '22:00',
      '23:00',
      '2026-10-31',
      '01:00',
      '02:00',
      '03:00',
      '04:00',
    ]);
    expect(ticks.find((t) => t.label === '2026-10-31')).toMatchObject({ at: at('2026-10-30T15:00:00Z'), major: true });
    expect(context).toBe('2026-10-30');
  });

  it('keeps whole hours in a zone half an hour off UTC', () => {
    const view = { start: at('2026-10-30T00:00:00Z'), end: at('2026-10-30T06:00:00Z') };
    const { ticks } = axisTicks(view, 600, 'Asia/Kolkata', 90);
    expect(ticks.every((t) => t.label.endsWith(':00') || t.major)).toBe(true);
    expect(new Date(ticks[0]!.at).getUTCMinutes()).toBe(30);
  });

  it('puts day ticks on local midnights across a change of the clocks', () => {
    // Europe/Berlin goes from +02:00 to +01:00 on 2026-10-25.
    const view = { start: at('2026-10-22T00:00:00Z'), end: at('2026-10-29T00:00:00Z') };
    const { ticks } = axisTicks(view, 1000, 'Europe/Berlin', 90);
    expect(ticks.map((t) => t.label)).toContain('2026-10-26');
    expect(ticks.find((t) => t.label === '2026-10-24')!.at).toBe(at('2026-10-23T22:00:00Z'));
    expect(ticks.find((t) => t.label === '2026-10-26')!.at).toBe(at('2026-10-25T23:00:00Z'));
  });

  it('switches to months and years as the span grows, in ISO form', () => {
    const months = axisTicks({ start: at('2026-01-15T00:00:00Z'), end: at('2026-12-15T00:00:00Z') }, 1200, 'UTC', 90);
    expect(months.ticks[0]!.label).toBe('2026-02');
    expect(months.context).toBe('');
    const years = axisTicks({ start: at('2010-06-01T00:00:00Z'), end: at('2030-06-01T00:00:00Z') }, 1200, 'UTC', 90);
    expect(years.ticks.every((t) => /^\d{4}$/.test(t.label))).toBe(true);
  });

  it('never puts ticks closer than the gap asked for', () => {
    for (const span of [MINUTE * 5, HOUR, DAY, 30 * DAY, 400 * DAY, 3000 * DAY]) {
      const view = centredOn(at('2026-10-30T00:00:00Z'), span);
      const { ticks } = axisTicks(view, 1280, 'America/New_York', 90);
      for (let i = 1; i < ticks.length; i++) {
        expect(xOf(ticks[i]!.at, view, 1280) - xOf(ticks[i - 1]!.at, view, 1280)).toBeGreaterThan(70);
      }
      expect(ticks.length).toBeGreaterThan(1);
    }
  });

  it('writes a minute on the wall clock of the zone', () => {
    expect(wallMinute(at('2026-10-30T13:14:00Z'), 'Asia/Seoul')).toBe('2026-10-30 22:14');
  });
});

describe('binning and filtering', () => {
  const times = [0, 1, 2, 50, 51, 100, 400, 999];
  const order = [0, 1, 2, 3, 4, 5, 6, 7];

  it('gathers marks in the same few pixels into one counted bin, coloured by the commonest group', () => {
    const groups = [2, 2, 1, 0, 0, 1, 1, 1];
    const bins = binMarks(times, order, { start: 0, end: 1000 }, 1000, 10, groups, 3);
    expect(bins.map((b) => [b.x, b.count, b.group])).toEqual([
      [0, 3, 2],
      [50, 2, 0],
      [100, 1, 1],
      [400, 1, 1],
      [990, 1, 1],
    ]);
    expect(bins[1]).toMatchObject({ first: 3, last: 4 });
  });

  it('walks only the marks inside the view', () => {
    const bins = binMarks(times, order, { start: 40, end: 200 }, 160, 4);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(3);
  });

  it('bins 100,000 events within a frame', () => {
    const n = 100_000;
    const t = Float64Array.from({ length: n }, (_, i) => i * MINUTE);
    const o = Int32Array.from({ length: n }, (_, i) => i);
    const g = Int32Array.from({ length: n }, (_, i) => i % 12);
    const started = performance.now();
    const bins = binMarks(t, o, { start: 0, end: n * MINUTE }, 1600, 4, g, 12);
    expect(performance.now() - started).toBeLessThan(50);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(n);
  });

  it('filters by category and by every word of the text, ignoring case and accents', () => {
    const titles = ['Laptop delivered to facilitator', 'Jörg Müller signed in', 'Salary paid', 'laptop wiped'];
    const categories = [3, 2, 5, 3];
    const on = Array<boolean>(12).fill(true);
    expect([...filterEvents(categories, titles, on, '')]).toEqual([0, 1, 2, 3]);
    expect([...filterEvents(categories, titles, on, 'LAPTOP')]).toEqual([0, 3]);
    expect([...filterEvents(categories, titles, on, 'muller signed')]).toEqual([1]);
    on[3] = false;
    expect([...filterEvents(categories, titles, on, 'laptop')]).toEqual([]);
  });

  it('merges events and marks into one time order, events first at the same instant', () => {
    const merged = mergeOrder([10, 20, 30], [0, 1, 2], [5, 20, 40], [0, 1, 2]);
    expect([...merged]).toEqual([-1, 0, 1, -2, 2, -3]);
  });
});
