import type { FormEvent } from 'react';
import { StartRunRequest } from '../../../shared/domain/playbook.ts';
import { DateTimeInput, TIME_FORM_HINT } from '../../components/DateTimeInput.tsx';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { ZoneInput } from '../../components/ZoneInput.tsx';
import { fieldErrors, zonedTimeError, utcPreview } from '../../lib/formErrors.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';

type StartValues = { template: string; title: string; t0: string; zone: string };

/** Start a run of a template at T0: the time every step's due time counts from. */
export function StartPlaybook({ onCancel }: { onCancel?: (() => void) | undefined }) {
  const templates = useAppStore((s) => s.playbookTemplates);
  const playbookStarted = useAppStore((s) => s.playbookStarted);
  const zone = useExaminerZone();
  const { values, setValues, errors, setErrors, change } = useFormState<StartValues>({
    template: '',
    title: '',
    t0: '',
    zone,
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const set = (key: keyof StartValues) => (e: { target: { value: string } }) => change(key, e.target.value);

  const preview = utcPreview(values.t0, values.zone);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const start = {
      template: values.template,
      t0: values.t0,
      zone: values.zone,
      title: values.title.trim() || undefined,
    };
    const parsed = StartRunRequest.safeParse(start);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    // The main process reads T0 the same way; checking here puts the message beside the field.
    const t0Problem = values.t0 ? zonedTimeError(values.t0, values.zone) : undefined;
    if (t0Problem) found.t0 = t0Problem;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      await playbookStarted(start);
      onCancel?.();
    });
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="playbook-start-title">
      <h3 id="playbook-start-title">Start a playbook</h3>
      <div className="form-grid">
        <Field label="Playbook" required error={errors.template}>
          {(p) => (
            <select {...p} value={values.template} onChange={set('template')}>
              <option value="">Choose a playbook…</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.steps} {t.kind === 'indicators' ? 'indicators' : 'steps'})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Title" error={errors.title} hint="Optional; the playbook’s name if left empty.">
          {(p) => <input {...p} type="text" value={values.title} onChange={set('title')} />}
        </Field>
        <Field
          label="T0"
          required
          error={errors.t0}
          hint={
            preview ||
            `The anchor time: for a termination, when access is cut. Steps are due relative to it. ${TIME_FORM_HINT}.`
          }
        >
          {(p) => <DateTimeInput {...p} value={values.t0} onChange={(t0) => change('t0', t0)} />}
        </Field>
        <Field
          label="Time zone of T0"
          required
          error={errors.zone}
          hint="IANA name (Europe/Berlin) or offset (+01:00)."
        >
          {(p) => (
            <ZoneInput
              {...p}
              value={values.zone}
              onChange={(next) => {
                setValues((v) => ({ ...v, zone: next }));
                setErrors(({ zone: _gone, t0: _t0, ...rest }) => rest);
              }}
            />
          )}
        </Field>
      </div>
      <FormFooter error={errors._} onCancel={onCancel} busy={busy} busyLabel="Starting…" submitLabel="Start playbook" />
    </form>
  );
}
