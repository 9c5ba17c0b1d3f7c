import { useEffect } from 'react';

export function Toast({ kind, text, onDismiss }: { kind: 'info' | 'error'; text: string; onDismiss: () => void }) {
  useEffect(() => {
    if (kind === 'error') return;
    const timer = setTimeout(onDismiss, 4000);
    return () => clearTimeout(timer);
  }, [kind, text, onDismiss]);
  return (
    <div className={`toast toast--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span>{text}</span>
      <button type="button" className="button button--ghost" onClick={onDismiss} aria-label="Dismiss message">
        ✕
      </button>
    </div>
  );
}
