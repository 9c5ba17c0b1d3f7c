import { useId } from 'react';
import type { FormEvent } from 'react';
import type { AccessItem } from '../../../shared/domain/playbook.ts';
import { showBidi } from '../../../shared/logic/text.ts';
import { toLocalInput } from '../../../shared/logic/time.ts';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { WhenFields, whenError } from '../../components/WhenFields.tsx';
import type { WhenValues } from '../../components/WhenFields.tsx';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore } from '../../store/selectors.ts';

/** The two things that happen to access in a termination: it is cut, then checked to be dead. */
export type AccessOutcome = 'revoked' | 'verified_dead';

const WORDS: Record<AccessOutcome, { title: string; at: string; hint: string; submit: string }> = {
  revoked: {
    title: 'Revoked',
    at: 'Revoked at',
    hint: 'When the account, key or device was cut off.',
    submit: 'Record revoked',
  },
  verified_dead: {
    title: 'Verified dead',
    at: 'Verified at',
    hint: 'When a login or the key was tried and refused.',
    submit: 'Record verified dead',
  },
};

type UpdateValues = WhenValues & { proof: string };

/**
 * Records that one access item was revoked or verified dead: when (defaulting to when the form was
 * opened, in the examiner's zone) and, optionally, the exhibit that shows it.
 */
export function AccessUpdateForm({
  item,
  outcome,
  openedAt,
  zone,
  onDone,
}: {
  item: AccessItem;
  outcome: AccessOutcome;
  openedAt: number;
  zone: string;
  onDone: () => void;
}) {
  const accessUpdated = useAppStore((s) => s.accessUpdated);
  const evidence = useAppStore((s) => s.evidence);
  const words = WORDS[outcome];
  const titleId = useId();
  const { values, setValues, errors, setErrors, change } = useFormState<UpdateValues>({
    at: toLocalInput(new Date(openedAt).toISOString(), zone),
    zone,
    proof: '',
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = whenError(values, `${words.at} is required`);
    setErrors(problem ? { at: problem } : {});
    if (problem) return;
    await run(async () => {
      await accessUpdated({
        id: item.id,
        status: outcome,
        at: values.at,
        zone: values.zone,
        ...(values.proof ? { proof: values.proof } : {}),
      });
      onDone();
    });
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={titleId}>
      <p className="step-form__title" id={titleId}>
        {words.title}: <SafeText text={item.system} /> <SafeText text={item.identifier} />
      </p>
      <div className="form-grid form-grid--3">
        <WhenFields
          label={words.at}
          values={values}
          error={errors.at}
          zoneError={errors.zone}
          hint={words.hint}
          onAt={(at) => change('at', at)}
          onZone={(next) => {
            setValues((v) => ({ ...v, zone: next }));
            setErrors(({ zone: _gone, at: _at, ...rest }) => rest);
          }}
          autoFocus
        />
        <Field label="Proof" error={errors.proof} hint="Optional: the exhibit that shows it.">
          {(p) => (
            <select {...p} value={values.proof} onChange={(e) => change('proof', e.target.value)}>
              <option value="">No exhibit</option>
              {evidence.map((e) => (
                <option key={e.id} value={e.exhibit}>
                  {e.exhibit} {showBidi(e.description || e.originalName)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Saving…" submitLabel={words.submit} />
    </form>
  );
}
