import type { FormEvent } from 'react';
import { toLocalInput } from '../../../shared/logic/time.ts';
import { Field } from '../../components/Field.tsx';
import { ReasonForm } from '../../components/ReasonForm.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { ZoneInput } from '../../components/ZoneInput.tsx';
import { zonedTimeError, utcPreview } from '../../lib/formErrors.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import type { PlaybookStepChange } from '../../store/playbooks.ts';

type DoneValues = { at: string; zone: string; outcome: string; proof: string };

/** "E-0001, E-0003" or one per line: each exhibit number (or note or event id) once, in order. */
export function proofRefs(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

/**
 * Marks a step done: when it was actually done (revocation is often recorded after the fact, so the
 * time is asked, defaulting to when the form was opened), what came of it, and the proof.
 */
export function StepDoneForm({
  openedAt,
  zone,
  submit,
  onDone,
}: {
  /** When the form was opened (epoch ms): the default "done at". */
  openedAt: number;
  zone: string;
  submit: (change: Omit<PlaybookStepChange, 'step'>) => Promise<void>;
  onDone: () => void;
}) {
  const { values, setValues, errors, setErrors, change } = useFormState<DoneValues>({
    at: toLocalInput(new Date(openedAt).toISOString(), zone),
    zone,
    outcome: '',
    proof: '',
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const set = (key: keyof DoneValues) => (e: { target: { value: string } }) => change(key, e.target.value);

  const preview = utcPreview(values.at, values.zone);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!values.at) found.at = 'When it was done is required';
    else {
      const problem = zonedTimeError(values.at, values.zone);
      if (problem) found.at = problem;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const proof = proofRefs(values.proof);
    await run(async () => {
      await submit({
        state: 'done',
        at: values.at,
        zone: values.zone,
        outcome: values.outcome.trim(),
        ...(proof.length > 0 ? { proof } : {}),
      });
      onDone();
    });
  }

  return (
    <form className="inline-form step-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="form-grid form-grid--3">
        <Field label="Done at" required error={errors.at} hint={preview || 'When it was actually done.'}>
          {(p) => (
            // Opened to record this step: the first field takes the focus, for keyboard use.
            <input {...p} type="datetime-local" value={values.at} onChange={set('at')} autoFocus />
          )}
        </Field>
        <Field label="Time zone of that clock" required error={errors.zone}>
          {(p) => (
            <ZoneInput
              {...p}
              value={values.zone}
              onChange={(next) => {
                setValues((v) => ({ ...v, zone: next }));
                setErrors(({ zone: _gone, at: _at, ...rest }) => rest);
              }}
            />
          )}
        </Field>
        <Field label="Proof" error={errors.proof} hint="Exhibit numbers, comma-separated (E-0001, E-0003).">
          {(p) => <input {...p} type="text" value={values.proof} onChange={set('proof')} />}
        </Field>
        <div className="span-3">
          <Field label="Outcome" error={errors.outcome} hint="What was done and what came of it.">
            {(p) => <textarea {...p} rows={2} value={values.outcome} onChange={set('outcome')} />}
          </Field>
        </div>
      </div>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Saving…" submitLabel="Record as done" />
    </form>
  );
}

/** Skipping or blocking a step always says why: the record must show why it was not done. */
export function StepReasonForm({
  submitLabel,
  submit,
  onDone,
}: {
  submitLabel: string;
  submit: (reason: string) => Promise<void>;
  onDone: () => void;
}) {
  return <ReasonForm label={submitLabel} submit={submit} onDone={onDone} className="inline-form step-form" autoFocus />;
}
