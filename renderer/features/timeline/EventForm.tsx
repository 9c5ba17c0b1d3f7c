import type { FormEvent } from 'react';
import { EVENT_CATEGORIES, TimelineDraft } from '../../../shared/domain/timeline.ts';
import type { EventCategory, TimelineEvent } from '../../../shared/domain/timeline.ts';
import { toLocalInput } from '../../../shared/logic/time.ts';
import { DateTimeInput, TIME_FORM_HINT } from '../../components/DateTimeInput.tsx';
import { Field } from '../../components/Field.tsx';
import { ZoneInput } from '../../components/ZoneInput.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { fieldErrors, zonedTimeError, utcPreview } from '../../lib/formErrors.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useFormState } from '../../lib/useFormState.ts';

export type EventFormValues = {
  at: string;
  zone: string;
  title: string;
  category: EventCategory;
  source: string;
  description: string;
};

export function eventToValues(event: TimelineEvent): EventFormValues {
  return {
    at: toLocalInput(event.occurredAt, event.zone),
    zone: event.zone,
    title: event.title,
    category: event.category,
    source: event.source,
    description: event.description,
  };
}

const LABEL: Record<string, string> = {
  hiring: 'Hiring & onboarding',
  identity: 'Identity & documents',
  access: 'Access & sign-ins',
  device: 'Devices & shipping',
  communication: 'Communication',
  payment: 'Payments',
  exfiltration: 'Data exfiltration',
  extortion: 'Extortion',
  detection: 'Detection',
  response: 'Response action',
  legal: 'Legal',
  other: 'Other',
};
export const categoryLabel = (c: string) => LABEL[c] ?? c;

/** Add or edit a timeline event. The time is read in the zone given and previewed in UTC. */
export function EventForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: EventFormValues;
  submitLabel: string;
  onSubmit: (values: EventFormValues) => Promise<void>;
  onCancel?: () => void;
}) {
  const { values, setValues, errors, setErrors, change } = useFormState(initial);
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const set = (key: keyof EventFormValues) => (e: { target: { value: string } }) => change(key, e.target.value);

  const preview = utcPreview(values.at, values.zone);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = TimelineDraft.safeParse(values);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    const atProblem = values.at ? zonedTimeError(values.at, values.zone) : undefined;
    if (atProblem) found.at = atProblem;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      await onSubmit(values);
      setValues((v) => ({ ...initial, zone: v.zone }));
    });
  }

  return (
    <form className="event-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="form-grid form-grid--3">
        <Field
          label="When"
          required
          error={errors.at}
          hint={preview || `Date and time as the source shows it. ${TIME_FORM_HINT}, seconds optional.`}
        >
          {(p) => <DateTimeInput {...p} value={values.at} onChange={(at) => change('at', at)} />}
        </Field>
        <Field
          label="Time zone of that clock"
          required
          error={errors.zone}
          hint="IANA name (Asia/Seoul) or offset (+09:00)."
        >
          {(p) => (
            <ZoneInput
              {...p}
              value={values.zone}
              onChange={(zone) => {
                setValues((v) => ({ ...v, zone }));
                setErrors(({ zone: _gone, at: _at, ...rest }) => rest);
              }}
            />
          )}
        </Field>
        <Field label="Category" error={errors.category}>
          {(p) => (
            <select {...p} value={values.category} onChange={set('category')}>
              {EVENT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {categoryLabel(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="span-2">
          <Field label="What happened" required error={errors.title}>
            {(p) => <input {...p} type="text" value={values.title} onChange={set('title')} />}
          </Field>
        </div>
        <Field label="Source" error={errors.source} hint="Log, system or person it comes from.">
          {(p) => <input {...p} type="text" value={values.source} onChange={set('source')} />}
        </Field>
        <div className="span-3">
          <Field label="Description" error={errors.description}>
            {(p) => <textarea {...p} rows={2} value={values.description} onChange={set('description')} />}
          </Field>
        </div>
      </div>
      <FormFooter error={errors._} onCancel={onCancel} busy={busy} busyLabel="Saving…" submitLabel={submitLabel} />
    </form>
  );
}
