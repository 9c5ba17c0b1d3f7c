import { useRef } from 'react';
import type { ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/**
 * A long list that renders only the rows in view. Rows not yet fetched render a placeholder; the
 * caller's rowAt() fetches their page.
 */
export function VirtualRows<T>({
  count,
  rowAt,
  estimate,
  renderRow,
  label,
  fit,
}: {
  count: number;
  rowAt: (index: number) => T | undefined;
  estimate: number;
  renderRow: (row: T, index: number) => ReactNode;
  label: string;
  /** Grow with the rows up to a maximum instead of filling the window. */
  fit?: boolean;
}) {
  const parent = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself; nothing here is memoised.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parent.current,
    estimateSize: () => estimate,
    overscan: 8,
  });
  return (
    <div ref={parent} className={fit ? 'virtual virtual--fit' : 'virtual'} role="list" aria-label={label} tabIndex={0}>
      <div className="virtual__inner" ref={(el) => el?.style.setProperty('height', `${virtualizer.getTotalSize()}px`)}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rowAt(item.index);
          return (
            <div
              key={item.key}
              role="listitem"
              data-index={item.index}
              className="virtual__row"
              ref={(el) => {
                if (!el) return;
                el.style.setProperty('transform', `translateY(${item.start}px)`);
                virtualizer.measureElement(el);
              }}
            >
              {row === undefined ? <div className="row-placeholder">Loading…</div> : renderRow(row, item.index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
