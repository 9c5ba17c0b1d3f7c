import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { FormError } from './FormFooter.tsx';
import { useSubmit } from '../lib/useSubmit.ts';
import './confirmRemove.css';

/**
 * The second look before a record leaves the case: the question, "Keep" (focused) and the red
 * button that removes. The Indicators and Subjects screens each had their own copy of it.
 * `name` labels the group; without it the question does.
 */
export function ConfirmRemove({
  name,
  confirmLabel,
  onRemove,
  onKeep,
  children,
}: {
  name?: string;
  /** The red button, e.g. "Remove indicator" ("Removing…" while it runs). */
  confirmLabel: string;
  onRemove: () => Promise<void>;
  onKeep: () => void;
  /** The question. */
  children: ReactNode;
}) {
  const textId = useId();
  const [error, setError] = useState<string | undefined>();
  const { busy, run } = useSubmit(setError);
  return (
    <div className="confirm-remove" role="group" {...(name ? { 'aria-label': name } : { 'aria-labelledby': textId })}>
      <p id={textId}>{children}</p>
      <FormError message={error} />
      <div className="actions">
        <button type="button" className="button" onClick={onKeep} autoFocus>
          Keep
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void run(onRemove)}>
          {busy ? 'Removing…' : confirmLabel}
        </button>
      </div>
    </div>
  );
}
