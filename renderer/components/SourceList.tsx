import type { SourceRef } from '../../shared/domain/playbook.ts';
import { SafeText } from './SafeText.tsx';

/**
 * The sources a playbook step rests on: name, what it is, and its address as text to select and
 * copy. Nothing in Custos opens a link (the window never navigates), so an address is never one.
 */
export function SourceList({ sources, className }: { sources: readonly SourceRef[]; className?: string }) {
  return (
    <ul className={className ? `sources ${className}` : 'sources'} aria-label="Sources">
      {sources.map((s, i) => (
        <li key={i}>
          <SafeText text={s.name} />
          {s.description ? (
            <span className="muted">
              {' '}
              — <SafeText text={s.description} />
            </span>
          ) : null}
          {s.url ? (
            <>
              <br />
              <span className="source__url" title="Select to copy; Custos does not open links">
                <SafeText text={s.url} />
              </span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
