import { useEffect, useMemo, useRef } from 'react';
import type { FormEvent } from 'react';
import { CasePatch } from '../../../shared/domain/case.ts';
import type { CaseRecord } from '../../../shared/domain/case.ts';
import { toLocalInput } from '../../../shared/logic/time.ts';
import { CaseFields } from './CaseFields.tsx';
import type { CaseFormValues } from './CaseFields.tsx';
import { useAppStore, useCaseRecord, useExaminerZone } from '../../store/selectors.ts';
import { FormError } from '../../components/FormFooter.tsx';
import { fieldErrors, zonedTimeError } from '../../lib/formErrors.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { ZonedTime } from '../../components/ZonedTime.tsx';

function toValues(record: CaseRecord, zone: string): CaseFormValues {
  const awareZone = record.awareZone ?? zone;
  return {
    title: record.title,
    reference: record.reference,
    caseType: record.caseType,
    status: record.status,
    severity: record.severity,
    tlp: record.tlp,
    privilegeMarking: record.privilegeMarking,
    leadInvestigator: record.leadInvestigator,
    legalCounsel: record.legalCounsel,
    awareAt: record.awareAt ? toLocalInput(record.awareAt, awareZone) : '',
    awareZone,
    summary: record.summary,
  };
}

/**
 * The case record to edit, in its own panel opened from the Overview ("Edit case record"): every
 * field with its checks. Only changed fields are sent, so the audit shows just those; a save closes
 * the panel, Close leaves without saving.
 */
export function CaseRecordPanel() {
  const record = useCaseRecord()!;
  // A saved edit changes updatedAt, which starts the form afresh from the stored record.
  return <CaseRecordForm key={record.updatedAt} record={record} />;
}

function CaseRecordForm({ record }: { record: CaseRecord }) {
  const zone = useExaminerZone();
  const caseEdited = useAppStore((s) => s.caseEdited);
  const closed = useAppStore((s) => s.caseRecordEditClosed);
  const readOnly = useAppStore((s) => s.caseInfo?.readOnly ?? false);
  const original = useMemo(() => toValues(record, zone), [record, zone]);
  const { values, errors, setErrors, change } = useFormState(original);
  const { busy: saving, run } = useSubmit((message) => setErrors({ _: message }));
  const dirty = (Object.keys(values) as (keyof CaseFormValues)[]).filter((k) => values[k] !== original[k]);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from a button elsewhere: the keyboard goes to the panel, so Tab continues in the form.
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch: Record<string, string | null> = {};
    for (const key of dirty) patch[key] = values[key];
    if (patch.awareAt !== undefined || patch.awareZone !== undefined) {
      patch.awareAt = values.awareAt || null;
      patch.awareZone = values.awareAt ? values.awareZone : null;
    }
    const parsed = CasePatch.safeParse(patch);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    const awareProblem = values.awareAt && patch.awareAt ? zonedTimeError(values.awareAt, values.awareZone) : undefined;
    if (awareProblem) found.awareAt = awareProblem;
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return;
    await run(async () => {
      await caseEdited(parsed.data);
      closed();
    });
  }

  return (
    <form
      className="card case-record-panel"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !saving) closed();
      }}
      noValidate
      aria-labelledby="case-record-title"
    >
      <div className="section-head">
        <h2 id="case-record-title" ref={heading} tabIndex={-1}>
          Edit case record
        </h2>
      </div>
      <dl className="facts">
        <div>
          <dt>Created</dt>
          <dd>
            <ZonedTime utc={record.createdAt} examinerZone={zone} />
          </dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>
            <ZonedTime utc={record.updatedAt} examinerZone={zone} />
          </dd>
        </div>
        <div>
          <dt>Became aware</dt>
          <dd>
            {record.awareAt ? (
              <ZonedTime utc={record.awareAt} enteredZone={record.awareZone} examinerZone={zone} />
            ) : (
              'Not set'
            )}
          </dd>
        </div>
      </dl>
      {readOnly ? (
        <p className="alert alert--info">This case is open read-only: the record can be read here but not changed.</p>
      ) : null}
      <CaseFields values={values} errors={errors} onChange={change} showStatus />
      <FormError message={errors._} />
      {/* Close stays usable whatever else is off: a read-only case still lets the panel go. */}
      <div className="actions">
        <button type="button" className="button" onClick={closed} disabled={saving}>
          {dirty.length > 0 ? 'Discard changes and close' : 'Close'}
        </button>
        <button type="submit" className="button button--primary" disabled={saving || readOnly || dirty.length === 0}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
