import type { FormEvent } from 'react';
import { IndicatorPatch, INDICATOR_TYPE_LABELS, TYPES_WITH_PLATFORM } from '../../../shared/domain/indicator.ts';
import type { IndicatorRow } from '../../../shared/domain/indicator.ts';
import { toLocalInput } from '../../../shared/logic/time.ts';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { fieldErrors, zonedTimeError } from '../../lib/formErrors.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore } from '../../store/selectors.ts';
import { SeenFields } from './SeenFields.tsx';
import type { SeenValues } from './SeenFields.tsx';

type Values = SeenValues & {
  platform: string;
  notes: string;
};

/**
 * What can change about an indicator once it is in the case: not its value (that is what it is; a
 * wrong one is removed and the right one added), but where and when it was seen, how sure the
 * case is of it, its TLP and notes. Only what changed is sent, so the audit log shows the edit.
 */
export function IndicatorEditForm({
  row,
  zone,
  onDone,
}: {
  row: IndicatorRow;
  /** The examiner's zone: stored times whose own zone is not known are shown and edited in it. */
  zone: string;
  onDone: () => void;
}) {
  const indicatorEdited = useAppStore((s) => s.indicatorEdited);
  // The times as they were entered: in their own zone when the case knows it, else the examiner's.
  const seenZone = row.seenZone || zone;
  const initial: Values = {
    platform: row.platform,
    firstSeen: row.firstSeen ? toLocalInput(row.firstSeen, seenZone) : '',
    lastSeen: row.lastSeen ? toLocalInput(row.lastSeen, seenZone) : '',
    zone: seenZone,
    source: row.sourceExhibit ?? '',
    confidence: row.confidence,
    tlp: row.tlp,
    notes: row.notes,
  };
  const { values, errors, setErrors, change } = useFormState(initial);
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const withPlatform = TYPES_WITH_PLATFORM.includes(row.type) || Boolean(row.platform);
  const set = (key: 'platform' | 'notes') => (e: { target: { value: string } }) => change(key, e.target.value);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const zoneChanged = values.zone !== initial.zone;
    const patch: IndicatorPatch = {};
    if (values.platform !== initial.platform) patch.platform = values.platform;
    for (const key of ['firstSeen', 'lastSeen'] as const) {
      if (values[key] !== initial[key] || (zoneChanged && values[key])) patch[key] = values[key] || null;
    }
    if (patch.firstSeen || patch.lastSeen) patch.zone = values.zone;
    if (values.source !== initial.source) patch.source = values.source || null;
    if (values.confidence !== initial.confidence) patch.confidence = values.confidence;
    if (values.tlp !== initial.tlp) patch.tlp = values.tlp;
    if (values.notes !== initial.notes) patch.notes = values.notes;
    const parsed = IndicatorPatch.safeParse(patch);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    for (const key of ['firstSeen', 'lastSeen'] as const) {
      const problem = values[key] ? zonedTimeError(values[key], values.zone) : undefined;
      if (problem) found[key] = problem;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      if (Object.keys(patch).length > 0) await indicatorEdited(row.id, patch);
      onDone();
    });
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Edit ${row.normalised}`}>
      <p className="ind-form__title">
        Edit {INDICATOR_TYPE_LABELS[row.type]}{' '}
        <code className="ind-canonical">
          <SafeText text={row.normalised} />
        </code>
      </p>
      <div className="form-grid form-grid--3">
        {withPlatform ? (
          <Field label="Platform" required error={errors.platform}>
            {(p) => <input {...p} type="text" value={values.platform} onChange={set('platform')} autoFocus />}
          </Field>
        ) : null}
        <SeenFields
          values={values}
          errors={errors}
          change={change}
          setErrors={setErrors}
          emptyHint="Empty: not known."
          autoFocus={!withPlatform}
        />
        <div className="span-3">
          <Field label="Notes" error={errors.notes}>
            {(p) => <textarea {...p} rows={2} value={values.notes} onChange={set('notes')} />}
          </Field>
        </div>
      </div>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Saving…" submitLabel="Save indicator" />
    </form>
  );
}
