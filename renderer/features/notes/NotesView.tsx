import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { NoteDraft } from '../../../shared/domain/note.ts';
import type { Note } from '../../../shared/domain/note.ts';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { Field } from '../../components/Field.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PrivilegedBadge } from '../../components/Badges.tsx';
import { formatZoned } from '../../../shared/logic/time.ts';
import { FormActions } from '../../components/FormFooter.tsx';
import { fieldErrors } from '../../lib/formErrors.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { SafeText } from '../../components/SafeText.tsx';

function NoteEditor({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: { body: string; privileged: boolean };
  submitLabel: string;
  onSubmit: (v: { body: string; privileged: boolean }) => Promise<void>;
  onCancel?: () => void;
}) {
  const [body, setBody] = useState(initial.body);
  const [privileged, setPrivileged] = useState(initial.privileged);
  const [error, setError] = useState<string | undefined>();
  const { busy, run } = useSubmit(setError);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = NoteDraft.safeParse({ body, privileged });
    if (!parsed.success) return setError(fieldErrors(parsed.error).body ?? parsed.error.issues[0]?.message);
    await run(async () => {
      await onSubmit({ body, privileged });
      setBody(initial.body);
      setPrivileged(initial.privileged);
      setError(undefined);
    });
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="stack">
      <Field label="Note" required error={error}>
        {(p) => <textarea {...p} rows={4} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={privileged} onChange={(e) => setPrivileged(e.target.checked)} />
        Privileged — legal advice or work for counsel; kept out of reports for outside parties
      </label>
      {/* A failed save shows under the note, where its own errors do: no form-level line. */}
      <FormActions onCancel={onCancel} busy={busy} busyLabel="Saving…" submitLabel={submitLabel} />
    </form>
  );
}

export function NotesView() {
  const notes = useAppStore((s) => s.notes);
  const loaded = useAppStore((s) => s.notesLoaded);
  const notesRequested = useAppStore((s) => s.notesRequested);
  const noteAdded = useAppStore((s) => s.noteAdded);
  const noteEdited = useAppStore((s) => s.noteEdited);
  const zone = useExaminerZone();
  const [editing, setEditing] = useState<Note | null>(null);

  useEffect(() => {
    if (!loaded) void notesRequested();
  }, [loaded, notesRequested]);

  // A search hit opened a note: once the list holds it (read again if it is newer than the list),
  // it is marked, brought into view and focused.
  const focus = useAppStore((s) => (s.searchFocus?.kind === 'note' ? s.searchFocus : null));
  const searchFocusCleared = useAppStore((s) => s.searchFocusCleared);
  const [found, setFound] = useState<string | null>(null);
  const reread = useRef<unknown>(null);
  const foundRow = useRef<HTMLLIElement | null>(null);
  const held = focus !== null && notes.some((n) => n.id === focus.id);
  if (focus && held && found !== focus.id) setFound(focus.id);
  useEffect(() => {
    if (!focus || !loaded) return;
    if (held) {
      foundRow.current?.scrollIntoView({ block: 'center' });
      foundRow.current?.focus({ preventScroll: true });
      searchFocusCleared();
    } else if (reread.current !== focus) {
      reread.current = focus;
      void notesRequested();
    } else searchFocusCleared();
  }, [focus, loaded, held, notes, notesRequested, searchFocusCleared]);

  return (
    <section aria-labelledby="notes-title" className="stack">
      <h2 id="notes-title">Notes {loaded ? <span className="count">{notes.length}</span> : null}</h2>
      <div className="card">
        <NoteEditor initial={{ body: '', privileged: false }} submitLabel="Add note" onSubmit={(v) => noteAdded(v)} />
      </div>
      {loaded && notes.length === 0 ? (
        <EmptyState title="No notes yet">Record decisions, calls and observations as they happen.</EmptyState>
      ) : null}
      <ul className="notes">
        {notes.map((note) => (
          <li
            key={note.id}
            className={`card note${note.id === found ? ' search-found' : ''}`}
            {...(note.id === found ? { ref: foundRow, tabIndex: -1, 'aria-label': 'Note opened from the search' } : {})}
          >
            <div className="note__meta">
              <span>
                <strong>{note.author}</strong> · {formatZoned(note.createdAt, zone)}
                {note.updatedAt !== note.createdAt ? ` · edited ${formatZoned(note.updatedAt, zone)}` : ''}
              </span>
              {note.privileged ? <PrivilegedBadge /> : null}
            </div>
            {editing?.id === note.id ? (
              <NoteEditor
                initial={{ body: note.body, privileged: note.privileged }}
                submitLabel="Save note"
                onSubmit={async (v) => {
                  await noteEdited(note.id, v);
                  setEditing(null);
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <>
                <p className="note__body">
                  <SafeText text={note.body} />
                </p>
                <button type="button" className="button button--ghost" onClick={() => setEditing(note)}>
                  Edit
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
