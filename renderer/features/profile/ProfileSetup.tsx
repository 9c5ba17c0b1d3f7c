import type { FormEvent } from 'react';
import { Profile } from '../../../shared/domain/profile.ts';
import { isValidZone } from '../../../shared/logic/time.ts';
import { Field } from '../../components/Field.tsx';
import { ZoneInput } from '../../components/ZoneInput.tsx';
import { useAppStore } from '../../store/selectors.ts';
import { FormFooter } from '../../components/FormFooter.tsx';
import { fieldErrors } from '../../lib/formErrors.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useFormState } from '../../lib/useFormState.ts';

/** Asked for on first start: every audit entry carries this name, role and organisation. */
export function ProfileSetup({ firstRun, onDone }: { firstRun?: boolean; onDone?: () => void }) {
  const current = useAppStore((s) => s.info?.profile);
  const systemZone = useAppStore((s) => s.info?.systemTimeZone ?? 'UTC');
  const profileSaved = useAppStore((s) => s.profileSaved);
  const { values, errors, setErrors, change } = useFormState({
    name: current?.name ?? '',
    role: current?.role ?? '',
    organisation: current?.organisation ?? '',
    timeZone: current?.timeZone ?? '',
  });
  const { busy: saving, run } = useSubmit((message) => setErrors({ _: message }));
  const set = (key: keyof typeof values) => (value: string) => change(key, value);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = Profile.safeParse(values);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    if (values.timeZone.trim() && !isValidZone(values.timeZone.trim())) {
      found.timeZone = `"${values.timeZone}" is not a time zone; pick one from the list or leave it empty`;
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return;
    await run(async () => {
      await profileSaved(parsed.data);
      onDone?.();
    });
  }

  // On first start the form is the whole window; in a case it sits in the workspace's own main
  // landmark (a page has one), under the case's level-one heading.
  const Heading = firstRun ? 'h1' : 'h2';
  const form = (
    <form className="card card--narrow" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="profile-title">
      <Heading id="profile-title">{firstRun ? 'Welcome to Custos' : 'Examiner profile'}</Heading>
      <p className="lead">
        Custos records who did what in every case. Enter your details as they should appear in the audit log and in
        reports.
      </p>
      <Field label="Full name" required error={errors.name}>
        {(p) => (
          <input
            {...p}
            type="text"
            autoFocus
            value={values.name}
            onChange={(e) => set('name')(e.target.value)}
            autoComplete="name"
          />
        )}
      </Field>
      <Field label="Role" required hint="e.g. Incident responder, Security lead, Counsel" error={errors.role}>
        {(p) => <input {...p} type="text" value={values.role} onChange={(e) => set('role')(e.target.value)} />}
      </Field>
      <Field label="Organisation" required error={errors.organisation}>
        {(p) => (
          <input
            {...p}
            type="text"
            value={values.organisation}
            onChange={(e) => set('organisation')(e.target.value)}
            autoComplete="organization"
          />
        )}
      </Field>
      <Field
        label="Your time zone"
        hint={`Times are shown in this zone and in UTC. Leave empty to use this computer's zone (${systemZone}).`}
        error={errors.timeZone}
      >
        {(p) => <ZoneInput {...p} value={values.timeZone} onChange={set('timeZone')} />}
      </Field>
      {/* No cancel: on first start nothing can be done without a profile, and in a case the sidebar's
          profile button closes the form again. */}
      <FormFooter
        error={errors._}
        busy={saving}
        busyLabel="Saving…"
        submitLabel={firstRun ? 'Save and continue' : 'Save profile'}
      />
    </form>
  );
  return firstRun ? <main className="centered">{form}</main> : form;
}
