import type { FormEvent } from 'react';
import { CaseDraft, DEFAULT_PRIVILEGE_MARKING } from '../../../shared/domain/case.ts';
import { CaseFields } from '../case/CaseFields.tsx';
import type { CaseFormValues } from '../case/CaseFields.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { FormFooter } from '../../components/FormFooter.tsx';
import { fieldErrors, zonedTimeError } from '../../lib/formErrors.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { api, call } from '../../lib/api.ts';

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
  const { values, errors, setErrors, change } = useFormState<CaseFormValues>({
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
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { awareAt, awareZone, ...rest } = values;
    const parsed = CaseDraft.safeParse({ ...rest, ...(awareAt ? { awareAt, awareZone } : {}) });
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    const awareProblem = awareAt ? zonedTimeError(awareAt, awareZone) : undefined;
    if (awareProblem) found.awareAt = awareProblem;
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return;
    await run(async () => {
      const chosen = await call(api().dialog.chooseNewCasePath({ suggestedName: suggestedFileName(values) }));
      if (chosen) await caseCreated(chosen.path, parsed.data);
    });
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-case-title">
      {/* Level one: this form takes the place of the start screen's body, and its heading with it. */}
      <h1 id="new-case-title">New case</h1>
      <p className="lead">The case is saved as one .custos file. You choose where after this step.</p>
      <CaseFields values={values} errors={errors} onChange={change} showStatus={false} />
      <FormFooter
        error={errors._}
        onCancel={cancel}
        busy={busy}
        busyLabel="Creating…"
        submitLabel="Choose location and create"
      />
    </form>
  );
}
