import { useEffect } from 'react';
import { SUBJECT_ROLE_LABELS } from '../../../shared/domain/subject.ts';
import type { Confidence } from '../../../shared/domain/indicator.ts';
import { ExhibitSelect } from '../../components/ExhibitSelect.tsx';
import { Field } from '../../components/Field.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore } from '../../store/selectors.ts';

export const CONFIDENCE_WORDS: Record<Confidence, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  confirmed: 'Confirmed',
};

/** The subjects of the case as checkboxes: an indicator belongs to none, one or several. */
export function SubjectPicker({
  selected,
  onChange,
  legend = 'Subjects it belongs to',
}: {
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  legend?: string;
}) {
  const subjects = useAppStore((s) => s.subjects);
  const loaded = useAppStore((s) => s.subjectsLoaded);
  const subjectsRequested = useAppStore((s) => s.subjectsRequested);
  useEffect(() => {
    if (!loaded) void subjectsRequested();
  }, [loaded, subjectsRequested]);
  const shown = subjects.filter((s) => !s.removed);
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  return (
    <fieldset className="ind-subjects">
      <legend>{legend}</legend>
      {!loaded ? (
        <p className="muted">Reading the subjects…</p>
      ) : shown.length === 0 ? (
        <p className="muted">No subjects in the case yet; add them on the Subjects screen to tie indicators to them.</p>
      ) : (
        <ul className="ind-subjects__list">
          {shown.map((s) => (
            <li key={s.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={selected.includes(s.id)}
                  onChange={(e) => toggle(s.id, e.target.checked)}
                />
                <span>
                  <SafeText text={s.name} /> <span className="muted">({SUBJECT_ROLE_LABELS[s.role]})</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** The exhibit an indicator was seen in, picked from the evidence register (its exhibit number is sent). */
export function SourceExhibitField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (exhibit: string) => void;
  error?: string | undefined;
}) {
  const evidence = useAppStore((s) => s.evidence);
  const loaded = useAppStore((s) => s.evidenceLoaded);
  const evidenceRequested = useAppStore((s) => s.evidenceRequested);
  useEffect(() => {
    if (!loaded) void evidenceRequested();
  }, [loaded, evidenceRequested]);
  return (
    <Field
      label="Source exhibit"
      error={error}
      hint={loaded && evidence.length === 0 ? 'No evidence logged yet.' : 'The exhibit it was seen in.'}
    >
      {(p) => <ExhibitSelect control={p} value={value} onChange={onChange} exhibits={evidence} />}
    </Field>
  );
}
