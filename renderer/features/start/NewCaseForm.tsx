import { useState } from 'react';
import type { FormEvent } from 'react';
import { CaseDraft, DEFAULT_PRIVILEGE_MARKING } from '../../../shared/domain/case.ts';
import { resolveTime } from '../../../shared/logic/time.ts';
import { CaseFields } from '../case/CaseFields.tsx';
import type { CaseFormValues } from '../case/CaseFields.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { fieldErrors } from '../../lib/formErrors.ts';
import { api, call, messageOf } from '../../lib/api.ts';

function suggestedFileName(values: CaseFormValues): string {
  const base = (values.reference || values.title)
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'case'}.custos`;
}

/** Title and markings first, then where to save: the file is created only when both are given. */
export function NewCaseForm() {
  const zone = useExaminerZone();
  const lead = useAppStore((s) => s.info?.profile?.name ?? '');
  const caseCreated = useAppStore((s) => s.caseCreated);
  const cancel = useAppStore((s) => s.newCaseCancelled);
  const [values, setValues] = useState<CaseFormValues>({
    title: '',
    reference: '',
    caseType: 'infiltration',
    status: 'open',
    severity: 'high',
    tlp: 'AMBER',
    privilegeMarking: DEFAULT_PRIVILEGE_MARKING,
    leadInvestigator: lead,
    legalCounsel: '',
    awareAt: '',
    awareZone: zone,
    summary: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { awareAt, awareZone, ...rest } = values;
    const parsed = CaseDraft.safeParse({ ...rest, ...(awareAt ? { awareAt, awareZone } : {}) });
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    if (awareAt) {
      try {
        resolveTime(awareAt, awareZone);
      } catch (error) {
        found.awareAt = messageOf(error);
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return;
    setBusy(true);
    try {
      const chosen = await call(api().dialog.chooseNewCasePath({ suggestedName: suggestedFileName(values) }));
      if (!chosen) return;
      await caseCreated(chosen.path, parsed.data);
    } catch (error) {
      setErrors({ _: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-case-title">
      {/* Level one: this form takes the place of the start screen's body, and its heading with it. */}
      <h1 id="new-case-title">New case</h1>
      <p className="lead">The case is saved as one .custos file. You choose where after this step.</p>
      <CaseFields
        values={values}
        errors={errors}
        onChange={(k, v) => {
          setValues((s) => ({ ...s, [k]: v }));
          setErrors(({ [k]: _gone, ...rest }) => rest);
        }}
        showStatus={false}
      />
      {errors._ ? (
        <p className="form-error" role="alert">
          {errors._}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="button" onClick={cancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Choose location and create'}
        </button>
      </div>
    </form>
  );
}
