import { useState } from 'react';
import type { FormEvent } from 'react';
import { formatZoned } from '../../../shared/logic/time.ts';
import { Field } from '../../components/Field.tsx';
import { FormActions } from '../../components/FormFooter.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

/** One reason box and a button: placing or releasing a hold always says why. */
export function ReasonForm({
  label,
  submit,
  onDone,
  hint,
}: {
  label: string;
  submit: (reason: string) => Promise<void>;
  onDone: () => void;
  hint?: string;
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
    <form className="inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <Field label="Reason" required error={error} {...(hint ? { hint } : {})}>
        {(p) => <input {...p} type="text" value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <FormActions onCancel={onDone} busy={busy} submitLabel={label} />
    </form>
  );
}

/** Holds on the whole case, shown above the register; items show their own. */
export function CaseHolds() {
  const holds = useAppStore((s) => s.holds);
  const loaded = useAppStore((s) => s.holdsLoaded);
  const evidence = useAppStore((s) => s.evidence);
  const placed = useAppStore((s) => s.holdPlaced);
  const released = useAppStore((s) => s.holdReleased);
  const zone = useExaminerZone();
  const [placing, setPlacing] = useState(false);
  const [releasing, setReleasing] = useState<string | null>(null);
  const active = holds.filter((h) => !h.releasedAt);
  const exhibitOf = (id: string | null) =>
    id ? (evidence.find((i) => i.id === id)?.exhibit ?? 'an item') : 'the whole case';
  return (
    <div className="holds">
      {/* Until the open case's holds are read, nothing is said either way. */}
      {!loaded ? null : active.length === 0 ? (
        <p className="muted">No legal hold is in force.</p>
      ) : (
        <ul className="holds__list">
          {active.map((h) => (
            <li key={h.id} className="hold">
              <span className="badge badge--hold">Legal hold</span> on <strong>{exhibitOf(h.itemId)}</strong> —{' '}
              {h.reason}{' '}
              <span className="muted">
                (placed by {h.placedBy}, {formatZoned(h.placedAt, zone)})
              </span>
              {releasing === h.id ? (
                <ReasonForm
                  label="Release hold"
                  submit={(reason) => released(h.id, reason)}
                  onDone={() => setReleasing(null)}
                />
              ) : (
                <button type="button" className="button button--ghost" onClick={() => setReleasing(h.id)}>
                  Release…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {placing ? (
        <ReasonForm
          label="Place hold on the case"
          hint="While a hold is in force, no evidence can be disposed of."
          submit={(reason) => placed(null, reason)}
          onDone={() => setPlacing(false)}
        />
      ) : (
        <button type="button" className="button" onClick={() => setPlacing(true)}>
          Place legal hold on the case…
        </button>
      )}
    </div>
  );
}
