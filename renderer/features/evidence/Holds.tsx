import { useState } from 'react';
import { formatZoned } from '../../../shared/logic/time.ts';
import { ReasonForm } from '../../components/ReasonForm.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';

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
