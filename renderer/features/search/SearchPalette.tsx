import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Highlighted, SearchHit } from '../../../shared/domain/search.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore } from '../../store/selectors.ts';
import './search.css';

/** How long typing must pause before the box asks: one question per word typed, not per key. */
const DEBOUNCE_MS = 150;

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const SHORTCUT_LABEL = IS_MAC ? '⌘K' : 'Ctrl K';
const SHORTCUT_ARIA = IS_MAC ? 'Meta+K' : 'Control+K';

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')
  );
}

/** Ctrl+K, or ⌘K on a Mac (where Ctrl+K in a text field deletes to the end of the line: left alone there). */
function isShortcut(event: KeyboardEvent): boolean {
  if (event.key.toLowerCase() !== 'k' || event.altKey || event.shiftKey) return false;
  if (IS_MAC) return event.metaKey || (event.ctrlKey && !isEditable(event.target));
  return event.ctrlKey && !event.metaKey;
}

/** Text with the matched parts marked; every part goes through SafeText, none through HTML. */
function Marked({ parts }: { parts: Highlighted }) {
  return (
    <>
      {parts.map((part, i) =>
        part.match ? (
          <mark key={i} className="search-mark">
            <SafeText text={part.text} />
          </mark>
        ) : (
          <SafeText key={i} text={part.text} />
        ),
      )}
    </>
  );
}

const formatMs = (ms: number) => (ms < 1 ? 'under 1 ms' : `${Math.round(ms)} ms`);

const plain = (parts: Highlighted) => parts.map((p) => p.text).join('');

/** The "Search…" button, in the case header (Workspace), so mouse and screen-reader users find the search too. */
export function SearchButton() {
  const opened = useAppStore((s) => s.searchOpened);
  return (
    <button
      type="button"
      className="button search-open"
      onClick={opened}
      aria-keyshortcuts={SHORTCUT_ARIA}
      aria-haspopup="dialog"
    >
      <svg
        className="search-open__icon"
        viewBox="0 0 16 16"
        width="14"
        height="14"
        aria-hidden="true"
        focusable="false"
      >
        <circle cx="6.5" cy="6.5" r="4.75" fill="none" stroke="currentColor" strokeWidth="1.75" />
        <path d="M10.2 10.2 14.5 14.5" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
      </svg>
      Search…
      <kbd aria-hidden="true" className="search-kbd">
        {SHORTCUT_LABEL}
      </kbd>
    </button>
  );
}

/** The case-wide search: Ctrl+K (⌘K) or the header's button opens it; Enter opens the hit chosen. */
export function SearchPalette() {
  const open = useAppStore((s) => s.searchOpen);
  const text = useAppStore((s) => s.searchText);
  const results = useAppStore((s) => s.searchResults);
  const error = useAppStore((s) => s.searchError);
  const busy = useAppStore((s) => s.searchBusy);
  const opened = useAppStore((s) => s.searchOpened);
  const closed = useAppStore((s) => s.searchClosed);
  const typed = useAppStore((s) => s.searchTyped);
  const queried = useAppStore((s) => s.searchQueried);
  const hitOpened = useAppStore((s) => s.searchHitOpened);
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const list = useRef<HTMLDivElement>(null);
  // The hit the arrows are on, for the answer it was chosen in: a new answer starts at its first hit.
  const [chosen, setChosen] = useState<{ of: unknown; index: number }>({ of: null, index: 0 });
  const active = chosen.of === results ? chosen.index : 0;
  const setActive = (index: number) => setChosen({ of: results, index });
  const id = useId();
  const titleId = `${id}-title`;
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const optionId = (index: number) => `${id}-hit-${index}`;

  // Every hit in the order shown, across groups: the arrow keys go through them all.
  const hits: SearchHit[] = results ? results.groups.flatMap((g) => g.hits) : [];
  const current = hits.length > 0 ? Math.min(active, hits.length - 1) : -1;

  // The shortcut works wherever the focus is in the case.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!isShortcut(event)) return;
      event.preventDefault();
      if (useAppStore.getState().searchOpen) input.current?.select();
      else opened();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [opened]);

  // The dialog follows the store: shown modal (the rest of the window inert) or closed, and the
  // focus back where it was before it opened.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      const before = document.activeElement;
      returnTo.current =
        before instanceof HTMLElement && before !== document.body
          ? before
          : document.querySelector<HTMLElement>('.search-open');
      element.showModal();
      input.current?.focus();
      input.current?.select();
    } else if (!open) {
      if (element.open) element.close();
      const target = returnTo.current;
      returnTo.current = null;
      if (target?.isConnected) target.focus();
    }
  }, [open]);

  // The case behind stays where it is while the dialog is open: the wheel does not scroll it.
  useEffect(() => {
    if (!open) return;
    const root = document.documentElement;
    root.classList.add('search-locked');
    return () => root.classList.remove('search-locked');
  }, [open]);

  // Asks as the person types, once they pause; asks again on opening (the case may have changed since).
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => void queried(text), text.trim() ? DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [open, text, queried]);

  // The active hit stays in view as the arrows move through a long list.
  useEffect(() => {
    if (current < 0) return;
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId only derives from the stable id
  }, [current]);

  // The answer Enter was waiting for has come: its first hit opens.
  const enterPending = useRef<string | null>(null);
  useEffect(() => {
    if (enterPending.current === null || results?.text !== enterPending.current) return;
    enterPending.current = null;
    const first = results.groups.find((g) => g.hits.length > 0)?.hits[0];
    if (first) {
      returnTo.current = null;
      hitOpened(first);
    }
  }, [results, hitOpened]);

  function choose(hit: SearchHit | undefined) {
    if (!hit) return;
    // The view of the hit's section takes the focus to the record; nothing to give back here.
    returnTo.current = null;
    hitOpened(hit);
  }

  function onInputKey(event: ReactKeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Enter typed before the answer to the words in the box came: the first hit of that answer.
      if (text.trim() && results?.text !== text) {
        enterPending.current = text;
        void queried(text);
      } else choose(hits[current]);
    }
  }

  // The focus stays in the dialog: Tab from the box goes round to Close, and Shift+Tab the other way.
  function onDialogKey(event: ReactKeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab') return;
    // In the order they are on screen: Close in the dialog's head, then the box.
    const first = closeButton.current;
    const last = input.current;
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  // Said of the answer shown, with the words it answers: while the next one is on its way the
  // screen never claims the old hits are for what is typed now.
  let status: string;
  if (error || !text.trim()) status = '';
  else if (!results) status = busy ? 'Searching…' : '';
  else if (results.total === 0) status = `No match for “${results.text}” · ${formatMs(results.tookMs)}`;
  else {
    const shown = hits.length;
    status = `${results.total} ${results.total === 1 ? 'match' : 'matches'} for “${results.text}”${shown < results.total ? `, ${shown} shown` : ''} · ${formatMs(results.tookMs)}`;
  }

  let index = -1;
  return (
    <>
      <dialog
        ref={dialog}
        className="search-dialog"
        aria-labelledby={titleId}
        aria-modal="true"
        onKeyDown={onDialogKey}
        // Esc: the store closes it, and the focus goes back.
        onCancel={(event) => {
          event.preventDefault();
          closed();
        }}
        onClose={() => {
          if (useAppStore.getState().searchOpen) closed();
        }}
        // A click on the backdrop (outside the panel) lands on the dialog itself.
        onClick={(event) => {
          if (event.target === event.currentTarget) closed();
        }}
      >
        {open ? (
          <div className="search-panel">
            <div className="search-panel__head">
              <h2 id={titleId} className="search-panel__title">
                Search this case
              </h2>
              <button
                type="button"
                ref={closeButton}
                className="button button--ghost button--small"
                onClick={() => closed()}
              >
                Close{' '}
                <kbd className="search-kbd" aria-hidden="true">
                  Esc
                </kbd>
              </button>
            </div>
            <input
              ref={input}
              type="text"
              className="search-input"
              role="combobox"
              aria-label="Search this case"
              aria-expanded={hits.length > 0}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-describedby={hintId}
              {...(current >= 0 ? { 'aria-activedescendant': optionId(current) } : {})}
              autoComplete="off"
              spellCheck={false}
              placeholder="A name, an address or wallet, words from a note, a message or a step…"
              value={text}
              onChange={(e) => {
                enterPending.current = null;
                typed(e.target.value);
              }}
              onKeyDown={onInputKey}
            />
            <p className="search-status" role="status" aria-live="polite">
              {status}
            </p>
            {error ? (
              <p className="alert search-error" role="alert">
                The search failed: {error}
              </p>
            ) : null}
            {results && results.total === 0 && !error && text.trim() ? (
              <p className="search-help muted">
                Every word typed must be found, each as the start of a word: try fewer words, or the start of a name.
              </p>
            ) : null}
            {!text.trim() ? (
              <p className="search-help muted">
                Searches the timeline, notes, evidence (descriptions and captured text), subjects, indicators, extortion
                messages and demands, and playbook steps with their outcomes. Capitals and accents do not matter
                (“muller” finds Müller); a wallet, address or account is found however it is written.
              </p>
            ) : null}
            <div ref={list} id={listId} role="listbox" aria-label="Search results" className="search-results">
              {results?.groups
                .filter((g) => g.hits.length > 0)
                .map((group) => {
                  const groupId = `${id}-group-${group.kind}`;
                  return (
                    <div key={group.kind} role="group" aria-labelledby={groupId} className="search-group">
                      <div className="search-group__head" id={groupId}>
                        <span className="search-group__label">{group.label}</span>
                        <span className="search-group__count">
                          {group.hits.length} of {group.total}
                        </span>
                      </div>
                      {group.hits.map((hit) => {
                        index += 1;
                        const at = index;
                        const isActive = at === current;
                        return (
                          <div
                            key={`${hit.kind}-${hit.id}-${hit.stepId ?? ''}`}
                            id={optionId(at)}
                            role="option"
                            aria-selected={isActive}
                            className={`search-hit${isActive ? ' search-hit--active' : ''}`}
                            // The box keeps the focus: a click chooses without taking it away.
                            onMouseDown={(e) => e.preventDefault()}
                            onMouseMove={() => at !== current && setActive(at)}
                            onClick={() => choose(hit)}
                          >
                            <span className="search-hit__title">
                              {hit.title.length > 0 ? <Marked parts={hit.title} /> : '(untitled)'}
                            </span>
                            {hit.snippet.length > 0 && plain(hit.snippet) !== plain(hit.title) ? (
                              <span className="search-hit__snippet">
                                <Marked parts={hit.snippet} />
                              </span>
                            ) : null}
                            {hit.because ? <span className="search-hit__because">Matched: {hit.because}</span> : null}
                          </div>
                        );
                      })}
                    </div>
                  );
                })}
            </div>
            <p className="search-keys" id={hintId}>
              <kbd className="search-kbd">↑</kbd> <kbd className="search-kbd">↓</kbd> move ·{' '}
              <kbd className="search-kbd">Enter</kbd> open · <kbd className="search-kbd">Esc</kbd> close
            </p>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
