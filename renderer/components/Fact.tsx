import type { ReactNode } from 'react';

/**
 * A fact as a term and its description, for a <dl> laid out as a grid of facts: the same
 * div/dt/dd triple that the extortion, clocks and subjects screens each wrote. `className` goes on
 * the pair (e.g. a wide one), `valueClassName` on the description.
 */
export function Fact({
  term,
  children,
  className,
  valueClassName,
}: {
  term: ReactNode;
  children: ReactNode;
  className?: string | undefined;
  valueClassName?: string | undefined;
}) {
  return (
    <div className={className}>
      <dt>{term}</dt>
      <dd className={valueClassName}>{children}</dd>
    </div>
  );
}
