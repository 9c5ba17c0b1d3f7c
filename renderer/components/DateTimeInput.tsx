import { useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import {
  DATE_TIME_FORM,
  displayDateTime,
  parseDateTimeText,
  stepDateTimeText,
} from '../../shared/logic/dateTimeText.ts';
import type { DateTimeKind } from '../../shared/logic/dateTimeText.ts';
import './dateTimeInput.css';

/** What a form's value becomes from the text typed: the ISO value once it reads, else the text as is. */
function valueOf(text: string, kind: DateTimeKind): string {
  if (!text.trim()) return '';
  const parsed = parseDateTimeText(text, kind);
  return parsed.ok ? parsed.value : text;
}

/**
 * A date and time typed as "2026-11-03 08:15" (24-hour, seconds optional), or a date as
 * "2026-11-03", the same on every machine: a plain text field, so the system locale has no say
 * (a datetime-local input shows "11/03/2026 08:15 AM" on a US machine). The form gets the value
 * shape a datetime-local gave (`YYYY-MM-DDTHH:MM[:SS]`, `YYYY-MM-DD`) once the text reads, and the
 * text itself while it does not, so the form's own check refuses it with how to write it. Leaving
 * the field with such text says so at once, unless the form already shows an error there.
 * ArrowUp/ArrowDown step the part under the caret.
 */
export function DateTimeInput({
  id,
  value,
  onChange,
  kind = 'datetime',
  autoFocus = false,
  'aria-describedby': describedBy,
  'aria-invalid': invalid,
  required,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  kind?: DateTimeKind;
  autoFocus?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  required?: boolean;
}) {
  const [text, setText] = useState(() => displayDateTime(value));
  // The value `text` stands for; a different one from the form (a reset, an edit loaded) replaces the text.
  const [shown, setShown] = useState(value);
  const [left, setLeft] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const caret = useRef<number | null>(null);
  if (value !== shown) {
    setShown(value);
    setText(displayDateTime(value));
    setLeft(false);
  }

  useLayoutEffect(() => {
    if (caret.current !== null && input.current) {
      input.current.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  });

  function typed(next: string) {
    setText(next);
    const nextValue = valueOf(next, kind);
    setShown(nextValue);
    if (nextValue !== value) onChange(nextValue);
  }

  function keyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const at = event.currentTarget.selectionStart ?? text.length;
    const stepped = stepDateTimeText(text, at, event.key === 'ArrowUp' ? 1 : -1);
    if (stepped === undefined) return;
    event.preventDefault();
    caret.current = at;
    typed(stepped);
  }

  const parsed = text.trim() ? parseDateTimeText(text, kind) : undefined;
  // Said once the person leaves the field, and only where the form is not already showing an error.
  const problem = left && parsed && !parsed.ok && !invalid ? parsed.message : undefined;
  const problemId = `${id}-format`;
  const described = [describedBy, problem ? problemId : ''].filter(Boolean).join(' ');

  return (
    <>
      <input
        ref={input}
        id={id}
        type="text"
        className="datetime-input"
        inputMode={kind === 'date' ? 'numeric' : 'text'}
        placeholder={DATE_TIME_FORM[kind]}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => typed(e.target.value)}
        onKeyDown={keyDown}
        onBlur={() => {
          setLeft(true);
          // "2026-11-3 8:15" that read is shown back in the one form.
          if (parsed?.ok) setText(displayDateTime(parsed.value));
        }}
        {...(described ? { 'aria-describedby': described } : {})}
        {...(invalid || problem ? { 'aria-invalid': true } : {})}
        {...(required ? { required: true } : {})}
        {...(autoFocus ? { autoFocus: true } : {})}
      />
      {problem ? (
        <p className="field__error" id={problemId} role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
}

/** The form under a time field, for hints: "2026-11-03 14:30, 24-hour clock". */
export const TIME_FORM_HINT = 'Written 2026-11-03 14:30 (24-hour)';
export const DATE_FORM_HINT = 'Written 2026-11-03';
