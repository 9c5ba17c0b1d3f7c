import type { FormEvent } from 'react';
import type { Tlp } from '../../../shared/domain/case.ts';
import {
  IDENTITY_VERDICTS,
  SUBJECT_KINDS,
  SUBJECT_ROLES,
  SUBJECT_ROLE_LABELS,
  SubjectDraft,
} from '../../../shared/domain/subject.ts';
import type {
  IdentityVerdict,
  Subject,
  SubjectKind,
  SubjectPatch,
  SubjectRole,
} from '../../../shared/domain/subject.ts';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { DateTimeInput } from '../../components/DateTimeInput.tsx';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { TlpSelect } from '../../components/TlpSelect.tsx';
import { fieldErrors } from '../../lib/formErrors.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { KIND_LABELS, VERDICT_CHOICES } from './labels.tsx';

export type SubjectValues = {
  name: string;
  kind: SubjectKind;
  role: SubjectRole;
  /** One alias a line. */
  aliases: string;
  claimedName: string;
  claimedNationality: string;
  claimedLocation: string;
  claimedDocuments: string;
  verifiedName: string;
  verifiedNationality: string;
  verifiedLocation: string;
  findings: string;
  identityVerdict: IdentityVerdict;
  hiredOn: string;
  startedOn: string;
  terminatedOn: string;
  manager: string;
  notes: string;
  tlp: Tlp;
};

export const EMPTY_SUBJECT: SubjectValues = {
  name: '',
  kind: 'person',
  role: 'worker',
  aliases: '',
  claimedName: '',
  claimedNationality: '',
  claimedLocation: '',
  claimedDocuments: '',
  verifiedName: '',
  verifiedNationality: '',
  verifiedLocation: '',
  findings: '',
  identityVerdict: 'unverified',
  hiredOn: '',
  startedOn: '',
  terminatedOn: '',
  manager: '',
  notes: '',
  tlp: 'AMBER',
};

export function subjectToValues(s: Subject): SubjectValues {
  return {
    name: s.name,
    kind: s.kind,
    role: s.role,
    aliases: s.aliases.join('\n'),
    claimedName: s.claimedName,
    claimedNationality: s.claimedNationality,
    claimedLocation: s.claimedLocation,
    claimedDocuments: s.claimedDocuments,
    verifiedName: s.verifiedName,
    verifiedNationality: s.verifiedNationality,
    verifiedLocation: s.verifiedLocation,
    findings: s.findings,
    identityVerdict: s.identityVerdict,
    hiredOn: s.hiredOn ?? '',
    startedOn: s.startedOn ?? '',
    terminatedOn: s.terminatedOn ?? '',
    manager: s.manager,
    notes: s.notes,
    tlp: s.tlp,
  };
}

/** The values as the backend takes them: aliases as a list, empty dates as none. */
export function valuesToDraft(v: SubjectValues): Required<SubjectPatch> {
  const date = (d: string) => (d.trim() ? d.trim() : null);
  return {
    name: v.name,
    kind: v.kind,
    role: v.role,
    aliases: [
      ...new Set(
        v.aliases
          .split('\n')
          .map((a) => a.trim())
          .filter(Boolean),
      ),
    ],
    claimedName: v.claimedName,
    claimedNationality: v.claimedNationality,
    claimedLocation: v.claimedLocation,
    claimedDocuments: v.claimedDocuments,
    verifiedName: v.verifiedName,
    verifiedNationality: v.verifiedNationality,
    verifiedLocation: v.verifiedLocation,
    findings: v.findings,
    identityVerdict: v.identityVerdict,
    hiredOn: date(v.hiredOn),
    startedOn: date(v.startedOn),
    terminatedOn: date(v.terminatedOn),
    manager: v.manager,
    notes: v.notes,
    tlp: v.tlp,
  };
}

/** Only what changed, so the audit log records the edit, not every field again. */
export function changedFields(before: Subject, draft: ReturnType<typeof valuesToDraft>): SubjectPatch {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft)) {
    const old = before[key as keyof Subject];
    const same = Array.isArray(value) ? JSON.stringify(value) === JSON.stringify(old) : value === old;
    if (!same) patch[key] = value;
  }
  return patch as SubjectPatch;
}

/**
 * A new subject, or every field of one: who they are, what they claimed beside what was verified or
 * found (two columns, never one overwriting the other), employment for a hired worker, notes, TLP.
 */
export function SubjectForm({
  initial,
  title,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: SubjectValues;
  title: string;
  submitLabel: string;
  onSubmit: (values: SubjectValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { values, errors, setErrors, change } = useFormState(initial);
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const set = (key: keyof SubjectValues) => (e: { target: { value: string } }) =>
    change(key, e.target.value as SubjectValues[typeof key]);
  const employment =
    values.role === 'worker' || Boolean(values.hiredOn || values.startedOn || values.terminatedOn || values.manager);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = SubjectDraft.safeParse(valuesToDraft(values));
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(() => onSubmit(values));
  }

  const text = (key: keyof SubjectValues, label: string, hint?: string) => (
    <Field label={label} error={errors[key]} {...(hint ? { hint } : {})}>
      {(p) => <input {...p} type="text" value={values[key]} onChange={set(key)} />}
    </Field>
  );

  return (
    <form className="inline-form subj-form" onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <h3 className="subj-form__title">{title}</h3>
      <div className="form-grid form-grid--3">
        <Field
          label="Name"
          required
          error={errors.name}
          hint="As you refer to them in the case, in any script: the claimed name, an alias or a description."
        >
          {(p) => <input {...p} type="text" value={values.name} onChange={set('name')} autoFocus />}
        </Field>
        <Field label="Role in the case" error={errors.role}>
          {(p) => (
            <ChoiceSelect
              {...p}
              choices={SUBJECT_ROLES}
              labels={SUBJECT_ROLE_LABELS}
              value={values.role}
              onChange={(r) => change('role', r)}
            />
          )}
        </Field>
        <Field label="Kind" error={errors.kind}>
          {(p) => (
            <ChoiceSelect
              {...p}
              choices={SUBJECT_KINDS}
              labels={KIND_LABELS}
              value={values.kind}
              onChange={(k) => change('kind', k)}
            />
          )}
        </Field>
        <Field label="Aliases" error={errors.aliases} hint="One a line: other names, spellings and handles.">
          {(p) => <textarea {...p} rows={2} value={values.aliases} onChange={set('aliases')} />}
        </Field>
        <Field label="Identity verdict" error={errors.identityVerdict} hint="Whether the claimed identity is theirs.">
          {(p) => (
            <ChoiceSelect
              {...p}
              choices={IDENTITY_VERDICTS}
              labels={VERDICT_CHOICES}
              value={values.identityVerdict}
              onChange={(v) => change('identityVerdict', v)}
            />
          )}
        </Field>
        <Field label="TLP" error={errors.tlp} hint="Who the record may be shared with.">
          {(p) => <TlpSelect {...p} value={values.tlp} onChange={(t) => change('tlp', t)} />}
        </Field>
      </div>
      <div className="subj-identity-edit">
        <fieldset className="subj-fieldset subj-fieldset--claimed">
          <legend>Claimed identity</legend>
          <p className="field__hint">What they said or showed: the CV, the interview, the documents.</p>
          {text('claimedName', 'Claimed name')}
          {text('claimedNationality', 'Claimed nationality')}
          {text('claimedLocation', 'Claimed location')}
          <Field label="Documents shown" error={errors.claimedDocuments}>
            {(p) => <textarea {...p} rows={3} value={values.claimedDocuments} onChange={set('claimedDocuments')} />}
          </Field>
        </fieldset>
        <fieldset className="subj-fieldset subj-fieldset--verified">
          <legend>Verified / found</legend>
          <p className="field__hint">What checks established. Leave empty what is not known.</p>
          {text('verifiedName', 'Verified name')}
          {text('verifiedNationality', 'Verified nationality')}
          {text('verifiedLocation', 'Verified location')}
          <Field label="What was found" error={errors.findings}>
            {(p) => <textarea {...p} rows={3} value={values.findings} onChange={set('findings')} />}
          </Field>
        </fieldset>
      </div>
      {employment ? (
        <fieldset className="subj-fieldset">
          <legend>Employment</legend>
          <div className="form-grid subj-employment">
            <Field label="Hired on" error={errors.hiredOn}>
              {(p) => (
                <DateTimeInput {...p} kind="date" value={values.hiredOn} onChange={(d) => change('hiredOn', d)} />
              )}
            </Field>
            <Field label="Started on" error={errors.startedOn}>
              {(p) => (
                <DateTimeInput {...p} kind="date" value={values.startedOn} onChange={(d) => change('startedOn', d)} />
              )}
            </Field>
            <Field label="Terminated on" error={errors.terminatedOn}>
              {(p) => (
                <DateTimeInput
                  {...p}
                  kind="date"
                  value={values.terminatedOn}
                  onChange={(d) => change('terminatedOn', d)}
                />
              )}
            </Field>
            {text('manager', 'Manager')}
          </div>
        </fieldset>
      ) : null}
      <Field label="Notes" error={errors.notes}>
        {(p) => <textarea {...p} rows={3} value={values.notes} onChange={set('notes')} />}
      </Field>
      <FormFooter error={errors._} onCancel={onCancel} busy={busy} busyLabel="Saving…" submitLabel={submitLabel} />
    </form>
  );
}
