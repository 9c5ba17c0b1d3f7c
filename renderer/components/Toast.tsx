import { useEffect, useState } from 'react';

/** How long a confirmation stays; the last second of it is a fade (see `.toast--fading`). */
const INFO_MS = 6000;

/**
 * The one message at a time ("E-0003 logged", or why something failed). It sits over the case's
 * sidebar, below the section list and above the examiner's name, where no table or form is, so it
 * never hides what is being read. A confirmation fades on its own (held while the pointer or focus
 * is on it); an error stays until dismissed, with ✕ or Escape, since at 2 a.m. it may be read late.
 */
export function Toast({
  kind,
  text,
  onDismiss,
  inCase,
}: {
  kind: 'info' | 'error';
  text: string;
  onDismiss: () => void;
  /** A case is open: the toast sits over its sidebar. Otherwise the bottom left corner, as empty. */
  inCase: boolean;
}) {
  const [held, setHeld] = useState(false);

  useEffect(() => {
    if (kind === 'error' || held) return;
    const timer = setTimeout(onDismiss, INFO_MS);
    return () => clearTimeout(timer);
  }, [kind, text, held, onDismiss]);

  // Escape dismisses it, unless something else used the key (an open dialog, a row's form closing).
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      onDismiss();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onDismiss]);

  const place = inCase ? 'toast--case' : 'toast--corner';
  const life = kind === 'info' && !held ? ' toast--fading' : '';
  return (
    <div
      // A new text restarts the fade.
      key={text}
      className={`toast toast--${kind} ${place}${life}`}
      role={kind === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <span className="toast__text">{text}</span>
      <button
        type="button"
        className="button button--ghost toast__close"
        onClick={onDismiss}
        aria-label="Dismiss message"
        title={kind === 'error' ? 'Dismiss (Esc)' : 'Dismiss'}
      >
        ✕
      </button>
    </div>
  );
}
