import { useState } from 'react';
import { FormError } from './FormFooter.tsx';
import { useSubmit } from '../lib/useSubmit.ts';
import './removeAction.css';

/**
 * "Remove…", then a question before anything happens: a wrong entry is marked removed, never
 * erased, so the question says where it stays. Shared by the lists of the extortion and clocks
 * screens, which remove their entries alike.
 */
export function RemoveAction({ what, onRemove }: { what: string; onRemove: () => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const { busy, run } = useSubmit(setError);
  if (!asking) {
    return (
      <button type="button" className="button button--ghost button--small" onClick={() => setAsking(true)}>
        Remove…
      </button>
    );
  }
  return (
    <div className="ext-remove" role="group" aria-label={`Remove this ${what}`}>
      <span>
        Mark this {what} removed? It leaves this screen but stays in the case file and the audit log, marked removed.
      </span>
      <span className="ext-remove__buttons">
        <button
          type="button"
          className="button button--small"
          autoFocus
          onClick={() => {
            setAsking(false);
            setError(undefined);
          }}
        >
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger button--small"
          disabled={busy}
          onClick={() => void run(onRemove)}
        >
          Remove {what}
        </button>
      </span>
      <FormError message={error} />
    </div>
  );
}
