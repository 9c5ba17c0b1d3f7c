import { CASE_STATUSES, CASE_TYPES, CASE_TYPE_LABELS, SEVERITIES, TLP_LEVELS } from '../../../shared/domain/case.ts';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { DateTimeInput, TIME_FORM_HINT } from '../../components/DateTimeInput.tsx';
import { Field } from '../../components/Field.tsx';
import { utcPreview } from '../../lib/formErrors.ts';
import { ZoneInput } from '../../components/ZoneInput.tsx';

export type CaseFormValues = {
  title: string;
  reference: string;
  caseType: string;
  status: string;
  severity: string;
  tlp: string;
  privilegeMarking: string;
  leadInvestigator: string;
  legalCounsel: string;
  awareAt: string;
  awareZone: string;
  summary: string;
};

const TLP_HINT: Record<string, string> = {
  CLEAR: 'May be shared publicly.',
  GREEN: 'Within the community, not public.',
  AMBER: 'Own organisation and its clients, need to know.',
  'AMBER+STRICT': 'Own organisation only.',
  RED: 'Named recipients only.',
};

const capitalised = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/** The case record's fields, used by the new-case form and the Overview editor. */
export function CaseFields({
  values,
  errors,
  onChange,
  showStatus,
}: {
  values: CaseFormValues;
  errors: Record<string, string>;
  onChange: (key: keyof CaseFormValues, value: string) => void;
  showStatus: boolean;
}) {
  const text = (key: keyof CaseFormValues) => (e: { target: { value: string } }) => onChange(key, e.target.value);
  return (
    <div className="form-grid">
      <div className="span-2">
        <Field
          label="Title"
          required
          error={errors.title}
          hint="A short name for the case, e.g. “Contractor J. Kim — suspected DPRK IT worker”."
        >
          {(p) => <input {...p} type="text" value={values.title} onChange={text('title')} />}
        </Field>
      </div>
      <Field label="Reference number" error={errors.reference} hint="Your internal or counsel's matter number.">
        {(p) => <input {...p} type="text" value={values.reference} onChange={text('reference')} />}
      </Field>
      <Field label="Case type" error={errors.caseType}>
        {(p) => (
          <ChoiceSelect
            {...p}
            choices={CASE_TYPES}
            labels={CASE_TYPE_LABELS}
            value={values.caseType}
            onChange={(t) => onChange('caseType', t)}
          />
        )}
      </Field>
      {showStatus ? (
        <Field label="Status" error={errors.status}>
          {(p) => (
            <ChoiceSelect
              {...p}
              choices={CASE_STATUSES}
              labels={capitalised}
              value={values.status}
              onChange={(s) => onChange('status', s)}
            />
          )}
        </Field>
      ) : null}
      <Field label="Severity" error={errors.severity}>
        {(p) => (
          <ChoiceSelect
            {...p}
            choices={SEVERITIES}
            labels={capitalised}
            value={values.severity}
            onChange={(s) => onChange('severity', s)}
          />
        )}
      </Field>
      <Field label="TLP marking" error={errors.tlp} hint={TLP_HINT[values.tlp]}>
        {(p) => (
          <ChoiceSelect
            {...p}
            choices={TLP_LEVELS}
            labels={(t) => `TLP:${t}`}
            value={values.tlp}
            onChange={(t) => onChange('tlp', t)}
          />
        )}
      </Field>
      <div className="span-2">
        <Field
          label="Privilege marking"
          error={errors.privilegeMarking}
          hint="Printed on every page of reports. Leave empty if the case is not privileged."
        >
          {(p) => <input {...p} type="text" value={values.privilegeMarking} onChange={text('privilegeMarking')} />}
        </Field>
      </div>
      <Field label="Lead investigator" error={errors.leadInvestigator}>
        {(p) => <input {...p} type="text" value={values.leadInvestigator} onChange={text('leadInvestigator')} />}
      </Field>
      <Field label="Legal counsel" error={errors.legalCounsel}>
        {(p) => <input {...p} type="text" value={values.legalCounsel} onChange={text('legalCounsel')} />}
      </Field>
      <Field
        label="Organisation became aware"
        error={errors.awareAt}
        hint={
          utcPreview(values.awareAt, values.awareZone) ||
          `Regulatory notification clocks start here. ${TIME_FORM_HINT}, in the zone beside it.`
        }
      >
        {(p) => <DateTimeInput {...p} value={values.awareAt} onChange={(v) => onChange('awareAt', v)} />}
      </Field>
      <Field label="…in time zone" error={errors.awareZone}>
        {(p) => <ZoneInput {...p} value={values.awareZone} onChange={(v) => onChange('awareZone', v)} />}
      </Field>
      <div className="span-2">
        <Field label="Summary" error={errors.summary}>
          {(p) => <textarea {...p} rows={4} value={values.summary} onChange={text('summary')} />}
        </Field>
      </div>
    </div>
  );
}
