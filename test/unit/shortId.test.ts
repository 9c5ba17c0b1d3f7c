import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { looksLikeIdStart, shortIds } from '../../shared/logic/shortId.ts';

describe('short ids', () => {
  it('are 8 characters when nothing else starts alike', () => {
    const ids = ['3f2a9c1e-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002'];
    expect([...shortIds(ids).values()]).toEqual(['3f2a9c1e', 'a1b2c3d4']);
  });

  it('grow until unique where two ids share their start', () => {
    const a = '3f2a9c1e-7700-4000-8000-000000000001';
    const b = '3f2a9c1e-7711-4000-8000-000000000002';
    const short = shortIds([a, b]);
    expect(short.get(a)).toBe('3f2a9c1e-770');
    expect(short.get(b)).toBe('3f2a9c1e-771');
  });

  it('stay unique among 100,000 random ids, and each is the start of its own', () => {
    const ids = Array.from({ length: 100_000 }, () => randomUUID());
    const short = shortIds(ids);
    const values = new Set(short.values());
    expect(values.size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) {
      const s = short.get(id)!;
      expect(id.startsWith(s)).toBe(true);
      expect(ids.filter((other) => other.startsWith(s))).toEqual([id]);
    }
  }, 30_000);

  it('only hex digits and hyphens may start an id', () => {
    expect(looksLikeIdStart('3f2a')).toBe(true);
    expect(looksLikeIdStart('3f2')).toBe(false);
    expect(looksLikeIdStart("3f2a'; DROP")).toBe(false);
  });
});
