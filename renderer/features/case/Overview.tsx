import { useMemo } from 'react';
import type { FormEvent } from 'react';
import { CasePatch } from '../../../shared/domain/case.ts';
import type { CaseRecord } from '../../../shared/domain/case.ts';
import { toLocalInput } from '../../../shared/logic/time.ts';
import { CaseFields } from './CaseFields.tsx';
import type { CaseFormValues } from './CaseFields.tsx';
import { useAppStore, useCaseRecord, useExaminerZone } from '../../store/selectors.ts';
import { FormFooter } from '../../components/FormFooter.tsx';
import { fieldErrors, zonedTimeError } from '../../lib/formErrors.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { ZonedTime } from '../../components/ZonedTime.tsx';
import { OverviewClocks } from '../clocks/OverviewClocks.tsx';

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
 * The case at a glance: its deadlines (notification clocks and demands), then its record to view
 * and edit. Only changed fields are sent, so the audit shows just those.
 */
export function Overview() {
  const record = useCaseRecord()!;
  // A saved edit changes updatedAt, which starts the form afresh from the stored record.
  return (
    <>
      <OverviewClocks />
      <OverviewForm key={record.updatedAt} record={record} />
    </>
  );
}

function OverviewForm({ record }: { record: CaseRecord }) {
  const zone = useExaminerZone();
  const caseEdited = useAppStore((s) => s.caseEdited);
  const original = useMemo(() => toValues(record, zone), [record, zone]);
  const { values, setValues, errors, setErrors, change } = useFormState(original);
  const { busy: saving, run } = useSubmit((message) => setErrors({ _: message }));
  const dirty = (Object.keys(values) as (keyof CaseFormValues)[]).filter((k) => values[k] !== original[k]);

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
    await run(() => caseEdited(parsed.data));
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="overview-title">
      <h2 id="overview-title">Case record</h2>
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
      <CaseFields values={values} errors={errors} onChange={change} showStatus />
      {/* With nothing changed, or a save running, there is nothing to discard or save. */}
      <FormFooter
        error={errors._}
        onCancel={() => {
          setValues(original);
          setErrors({});
        }}
        cancelLabel="Discard changes"
        disabled={dirty.length === 0 || saving}
        busy={saving}
        busyLabel="Saving…"
        submitLabel="Save changes"
      />
    </form>
  );
}
