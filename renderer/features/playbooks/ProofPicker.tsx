import { useEffect, useId, useState } from 'react';
import { SafeText } from '../../components/SafeText.tsx';
import { messageOf } from '../../lib/api.ts';
import { useAppStore } from '../../store/selectors.ts';
import type { ProofChoice } from '../../store/playbooks.ts';

const GROUPS: ProofChoice['group'][] = ['Exhibits', 'Notes', 'Timeline events'];
/** Above this many choices a filter box helps more than scrolling. */
const FILTER_FROM = 6;

/**
 * The case's exhibits, notes and timeline events as checkboxes, by their labels: proof is picked,
 * not remembered as "E-0003". What the step already has is shown ticked and cannot be sent twice.
 */
export function ProofPicker({
  selected,
  attached,
  onChange,
}: {
  /** The refs ticked so far (exhibit numbers, note and event ids). */
  selected: readonly string[];
  /** Ids of what the step already has as proof. */
  attached: ReadonlySet<string>;
  onChange: (refs: string[]) => void;
}) {
  const requested = useAppStore((s) => s.playbookProofChoicesRequested);
  const [choices, setChoices] = useState<ProofChoice[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const id = useId();

  useEffect(() => {
    let live = true;
    requested().then(
      (found) => live && setChoices(found),
      (error: unknown) => live && setProblem(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [requested]);

  const wanted = filter.trim().toLowerCase();
  const shown = (choices ?? []).filter((c) => !wanted || c.label.toLowerCase().includes(wanted));
  const toggle = (ref: string, on: boolean) => onChange(on ? [...selected, ref] : selected.filter((r) => r !== ref));

  return (
    <fieldset className="proof-picker">
      <legend>Proof from this case</legend>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : choices === null ? (
        <p className="muted">Reading the exhibits, notes and events…</p>
      ) : choices.length === 0 ? (
        <p className="muted">Nothing logged yet. Type an exhibit number below, or log the evidence first.</p>
      ) : (
        <>
          {choices.length > FILTER_FROM ? (
            <label className="inline-field proof-picker__filter">
              Filter <input type="text" value={filter} onChange={(e) => setFilter(e.target.value)} spellCheck={false} />
            </label>
          ) : null}
          <div className="proof-picker__list">
            {GROUPS.map((group) => {
              const inGroup = shown.filter((c) => c.group === group);
              if (inGroup.length === 0) return null;
              return (
                <div key={group} role="group" aria-labelledby={`${id}-${group}`}>
                  <p className="proof-picker__group" id={`${id}-${group}`}>
                    {group}
                  </p>
                  {inGroup.map((c) => {
                    const already = attached.has(c.id);
                    return (
                      <label key={c.id} className="check proof-picker__choice">
                        <input
                          type="checkbox"
                          checked={already || selected.includes(c.ref)}
                          disabled={already}
                          onChange={(e) => toggle(c.ref, e.target.checked)}
                        />
                        <span>
                          <SafeText text={c.label || '(untitled)'} />
                          {already ? <span className="muted"> (attached)</span> : null}
                        </span>
                      </label>
                    );
                  })}
                </div>
              );
            })}
            {shown.length === 0 ? <p className="muted">Nothing matches “{filter}”.</p> : null}
          </div>
        </>
      )}
    </fieldset>
  );
}
