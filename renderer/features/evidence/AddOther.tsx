import type { FormEvent } from 'react';
import { PhysicalEvidenceDraft, TextEvidenceDraft } from '../../../shared/domain/evidence.ts';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { WhenFields } from '../../components/WhenFields.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { fieldErrors } from '../../lib/formErrors.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useFormState } from '../../lib/useFormState.ts';

type Kind = 'physical' | 'text';

const PHYSICAL_FIELDS = [
  ['make', 'Make'],
  ['model', 'Model'],
  ['serialNumber', 'Serial number'],
  ['assetTag', 'Asset tag'],
  ['sealNumber', 'Seal or bag number'],
  ['storageLocation', 'Storage location'],
] as const;

/** Logs a physical item (laptop, phone, KVM) or text captured on the spot. */
export function AddOther({ kind, onClose }: { kind: Kind; onClose: () => void }) {
  const zone = useExaminerZone();
  const added = useAppStore((s) => s.otherEvidenceAdded);
  const { values, errors, setErrors, change } = useFormState<Record<string, string>>({
    description: '',
    source: '',
    custodian: '',
    witness: '',
    acquiredAt: '',
    acquiredZone: zone,
    legalBasis: '',
    method: kind === 'physical' ? 'Seized and sealed' : '',
    make: '',
    model: '',
    serialNumber: '',
    assetTag: '',
    condition: '',
    sealNumber: '',
    storageLocation: '',
    capturedText: '',
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const set = (key: string) => (e: { target: { value: string } }) => change(key, e.target.value);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { acquiredAt, acquiredZone, ...rest } = values;
    const input = { ...rest, ...(acquiredAt ? { acquiredAt, acquiredZone } : {}) };
    const parsed = kind === 'physical' ? PhysicalEvidenceDraft.safeParse(input) : TextEvidenceDraft.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    await run(async () => {
      await added(kind, parsed.data);
      onClose();
    });
  }

  const title = kind === 'physical' ? 'Log a physical item' : 'Record captured text';
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-other-title">
      <h3 id="add-other-title">{title}</h3>
      <div className="form-grid">
        <div className="span-2">
          <Field
            label="Description"
            required
            error={errors.description}
            hint={
              kind === 'physical'
                ? 'e.g. “Company laptop returned by the contractor’s courier”'
                : 'e.g. “Message read aloud by the contractor on the 3 Nov call”'
            }
          >
            {(p) => <input {...p} type="text" value={values.description} onChange={set('description')} />}
          </Field>
        </div>
        {kind === 'text' ? (
          <div className="span-2">
            <Field label="Captured text" required error={errors.capturedText} hint="Exactly as heard or read.">
              {(p) => <textarea {...p} rows={5} value={values.capturedText} onChange={set('capturedText')} />}
            </Field>
          </div>
        ) : null}
        {kind === 'physical'
          ? PHYSICAL_FIELDS.map(([key, label]) => (
              <Field key={key} label={label} error={errors[key]}>
                {(p) => <input {...p} type="text" value={values[key]} onChange={set(key)} />}
              </Field>
            ))
          : null}
        {kind === 'physical' ? (
          <div className="span-2">
            <Field label="Condition" error={errors.condition}>
              {(p) => <input {...p} type="text" value={values.condition} onChange={set('condition')} />}
            </Field>
          </div>
        ) : null}
        <Field
          label={kind === 'physical' ? 'Method' : 'How it was captured'}
          required={kind === 'text'}
          error={errors.method}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              value={values.method}
              onChange={set('method')}
              placeholder={kind === 'text' ? 'e.g. typed verbatim during the call' : ''}
            />
          )}
        </Field>
        <Field label="Source / where found" error={errors.source}>
          {(p) => <input {...p} type="text" value={values.source} onChange={set('source')} />}
        </Field>
        <Field label="Custodian or owner" error={errors.custodian}>
          {(p) => <input {...p} type="text" value={values.custodian} onChange={set('custodian')} />}
        </Field>
        <Field label="Witness" error={errors.witness}>
          {(p) => <input {...p} type="text" value={values.witness} onChange={set('witness')} />}
        </Field>
        <WhenFields
          label="Acquired at"
          zoneLabel="…in time zone"
          optional
          hint="Leave empty: now"
          values={{ at: values.acquiredAt ?? '', zone: values.acquiredZone ?? '' }}
          error={errors.acquiredAt}
          zoneError={errors.acquiredZone}
          onAt={(at) => change('acquiredAt', at)}
          onZone={(zone) => change('acquiredZone', zone)}
        />
        <Field label="Legal basis" error={errors.legalBasis}>
          {(p) => <input {...p} type="text" value={values.legalBasis} onChange={set('legalBasis')} />}
        </Field>
      </div>
      <FormFooter
        error={errors._}
        onCancel={onClose}
        busy={busy}
        busyLabel="Saving…"
        submitLabel={kind === 'physical' ? 'Log item' : 'Record text'}
      />
    </form>
  );
}
