import { useCallback, useEffect, useRef, useState } from 'react';

export type PageFetcher<T> = (offset: number, limit: number) => Promise<{ total: number; items: T[] }>;

const PAGE = 200;

/**
 * Rows of a long list fetched a page at a time as they scroll into view. `version` changes when
 * the data changes (an add or edit), which drops the cache and refetches what is visible.
 */
export function usePaged<T>(fetchPage: PageFetcher<T>, version: number) {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pages = useRef(new Map<number, T[]>());
  const loading = useRef(new Set<number>());
  const [, setTick] = useState(0);
  const generation = useRef(0);

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page) || loading.current.has(page)) return;
      loading.current.add(page);
      const gen = generation.current;
      fetchPage(page * PAGE, PAGE)
        .then((result) => {
          if (gen !== generation.current) return;
          pages.current.set(page, result.items);
          setTotal(result.total);
          setError(null);
          setTick((t) => t + 1);
        })
        .catch((e: unknown) => gen === generation.current && setError(e instanceof Error ? e.message : String(e)))
        .finally(() => loading.current.delete(page));
    },
    [fetchPage],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    loading.current = new Set();
    load(0);
  }, [version, load]);

  const rowAt = useCallback(
    (index: number): T | undefined => {
      const page = Math.floor(index / PAGE);
      const items = pages.current.get(page);
      if (!items) {
        load(page);
        return undefined;
      }
      return items[index % PAGE];
    },
    [load],
  );

  return { total, error, rowAt };
}
