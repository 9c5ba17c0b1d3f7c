import { useId } from 'react';
import type { FormEvent } from 'react';
import type { BranchOption } from '../../../shared/domain/playbook.ts';
import { toLocalInput } from '../../../shared/logic/time.ts';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { ReasonForm } from '../../components/ReasonForm.tsx';
import { WhenFields, whenError } from '../../components/WhenFields.tsx';
import type { WhenValues } from '../../components/WhenFields.tsx';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import type { PlaybookDecision, PlaybookStepChange } from '../../store/playbooks.ts';
import { ProofPicker } from './ProofPicker.tsx';

type DoneValues = WhenValues & { outcome: string; proof: string; picked: string[]; onTimeline: boolean };

/** "E-0001, E-0003" or one per line: each exhibit number (or note or event id) once, in order. */
export function proofRefs(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

/** The value of a time field (`YYYY-MM-DDTHH:MM`) at `epochMs` in `zone`: a form's default "when". */
const localAt = (epochMs: number, zone: string) => toLocalInput(new Date(epochMs).toISOString(), zone);

/**
 * Marks a step done: when it was actually done (revocation is often recorded after the fact, so the
 * time is asked, defaulting to when the form was opened), what came of it, and the proof, picked
 * from the case or typed as exhibit numbers.
 */
export function StepDoneForm({
  openedAt,
  zone,
  attached,
  submit,
  onDone,
}: {
  /** When the form was opened (epoch ms): the default "done at". */
  openedAt: number;
  zone: string;
  /** Ids of what the step already has as proof. */
  attached: ReadonlySet<string>;
  submit: (change: Omit<PlaybookStepChange, 'step'>) => Promise<void>;
  onDone: () => void;
}) {
  const { values, setValues, errors, setErrors, change } = useFormState<DoneValues>({
    at: localAt(openedAt, zone),
    zone,
    outcome: '',
    proof: '',
    picked: [],
    onTimeline: false,
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const set = (key: 'outcome' | 'proof') => (e: { target: { value: string } }) => change(key, e.target.value);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const problem = whenError(values, 'When it was done is required');
    if (problem) found.at = problem;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const proof = [...new Set([...values.picked, ...proofRefs(values.proof)])];
    await run(async () => {
      await submit({
        state: 'done',
        at: values.at,
        zone: values.zone,
        outcome: values.outcome.trim(),
        ...(proof.length > 0 ? { proof } : {}),
        ...(values.onTimeline ? { onTimeline: true } : {}),
      });
      onDone();
    });
  }

  return (
    <form className="inline-form step-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Mark done">
      <div className="form-grid form-grid--3">
        <WhenFields
          label="Done at"
          values={values}
          error={errors.at}
          zoneError={errors.zone}
          hint="When it was actually done."
          onAt={(at) => change('at', at)}
          onZone={(next) => {
            setValues((v) => ({ ...v, zone: next }));
            setErrors(({ zone: _gone, at: _at, ...rest }) => rest);
          }}
          // Opened to record this step: the first field takes the focus, for keyboard use.
          autoFocus
        />
        <Field label="Proof by number" error={errors.proof} hint="Exhibit numbers, comma-separated (E-0001, E-0003).">
          {(p) => <input {...p} type="text" value={values.proof} onChange={set('proof')} />}
        </Field>
        <div className="span-3">
          <ProofPicker
            selected={values.picked}
            attached={attached}
            onChange={(picked) => setValues((v) => ({ ...v, picked }))}
          />
        </div>
        <div className="span-3">
          <Field label="Outcome" error={errors.outcome} hint="What was done and what came of it.">
            {(p) => <textarea {...p} rows={2} value={values.outcome} onChange={set('outcome')} />}
          </Field>
        </div>
        <label className="check span-3">
          <input
            type="checkbox"
            checked={values.onTimeline}
            onChange={(e) => setValues((v) => ({ ...v, onTimeline: e.target.checked }))}
          />{' '}
          Also put it on the case timeline (category Response, at the time it was done)
        </label>
      </div>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Saving…" submitLabel="Record as done" />
    </form>
  );
}

/** Skipping, blocking or setting a step aside always says why: the record must show why it was not done. */
export function StepReasonForm({
  submitLabel,
  submit,
  onDone,
}: {
  submitLabel: string;
  submit: (reason: string) => Promise<void>;
  onDone: () => void;
}) {
  return <ReasonForm label={submitLabel} submit={submit} onDone={onDone} className="inline-form step-form" autoFocus />;
}

/**
 * Who is responsible for a step: a name, or nothing to take it off them. The names already used in
 * the run are offered, so one person is not written three ways.
 */
export function AssignForm({
  current,
  names,
  submit,
  onDone,
}: {
  current: string;
  names: readonly string[];
  submit: (assignee: string) => Promise<void>;
  onDone: () => void;
}) {
  const { values, errors, setErrors, change } = useFormState({ assignee: current });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const listId = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await submit(values.assignee.trim());
      onDone();
    });
  }

  return (
    <form className="inline-form step-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Assign">
      <Field label="Assignee" error={errors.assignee} hint="Who is responsible for it. Leave empty for nobody.">
        {(p) => (
          <input
            {...p}
            type="text"
            list={listId}
            value={values.assignee}
            onChange={(e) => change('assignee', e.target.value)}
            autoComplete="off"
            autoFocus
          />
        )}
      </Field>
      <datalist id={listId}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Saving…" submitLabel="Save assignee" />
    </form>
  );
}

type DecideValues = WhenValues & { reason: string };

/**
 * The answer to a question of the run, with when it was decided (defaulting to when the form was
 * opened) and, if the person wants, why: the steps of the other answers are set aside with it.
 */
export function DecideForm({
  option,
  openedAt,
  zone,
  submit,
  onDone,
}: {
  option: BranchOption;
  openedAt: number;
  zone: string;
  submit: (decision: Omit<PlaybookDecision, 'step'>) => Promise<void>;
  onDone: () => void;
}) {
  const { values, setValues, errors, setErrors, change } = useFormState<DecideValues>({
    at: localAt(openedAt, zone),
    zone,
    reason: '',
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const titleId = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problem = whenError(values, 'When it was decided is required');
    setErrors(problem ? { at: problem } : {});
    if (problem) return;
    const reason = values.reason.trim();
    await run(async () => {
      await submit({ answer: option.value, at: values.at, zone: values.zone, ...(reason ? { reason } : {}) });
      onDone();
    });
  }

  return (
    <form className="inline-form step-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={titleId}>
      <p className="step-form__title" id={titleId}>
        Answer <strong>{option.label}</strong> → {option.leadsTo}
      </p>
      <div className="form-grid form-grid--3">
        <WhenFields
          label="Decided at"
          values={values}
          error={errors.at}
          zoneError={errors.zone}
          hint="When the answer was known."
          onAt={(at) => change('at', at)}
          onZone={(next) => {
            setValues((v) => ({ ...v, zone: next }));
            setErrors(({ zone: _gone, at: _at, ...rest }) => rest);
          }}
          autoFocus
        />
        <Field label="Reason" error={errors.reason} hint="Optional: how it is known.">
          {(p) => <input {...p} type="text" value={values.reason} onChange={(e) => change('reason', e.target.value)} />}
        </Field>
      </div>
      <FormFooter
        error={errors._}
        onCancel={onDone}
        busy={busy}
        busyLabel="Saving…"
        submitLabel={`Record answer ${option.label}`}
      />
    </form>
  );
}
