import { useState } from 'react';
import type { FormEvent } from 'react';
import { Field } from './Field.tsx';
import { FormActions } from './FormFooter.tsx';
import { useSubmit } from '../lib/useSubmit.ts';

/**
 * One reason box and a button, for every change the record must explain: placing or releasing a
 * hold, skipping or blocking a playbook step. An empty reason is refused before anything is sent.
 */
export function ReasonForm({
  label,
  submit,
  onDone,
  hint,
  className = 'inline-form',
  autoFocus = false,
}: {
  label: string;
  submit: (reason: string) => Promise<void>;
  onDone: () => void;
  hint?: string;
  className?: string;
  /** Opened by a click on a row's button: the person types the reason next. */
  autoFocus?: boolean;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const { busy, run } = useSubmit(setError);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setError('Reason is required');
    await run(async () => {
      await submit(reason.trim());
      onDone();
    });
  }
  return (
    <form className={className} onSubmit={(e) => void onSubmit(e)} noValidate>
      <Field label="Reason" required error={error} {...(hint ? { hint } : {})}>
        {(p) => (
          <input
            {...p}
            type="text"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...(autoFocus ? { autoFocus: true } : {})}
          />
        )}
      </Field>
      <FormActions onCancel={onDone} busy={busy} submitLabel={label} />
    </form>
  );
}
