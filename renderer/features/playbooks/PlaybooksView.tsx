import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/selectors.ts';
import { AccessInventory } from './AccessInventory.tsx';
import { RunView } from './RunView.tsx';
import { StartPlaybook } from './StartPlaybook.tsx';

/** How often a shown run is read again: overdue moves with the clock, not only with writes. */
const REREAD_MS = 60_000;

export function PlaybooksView() {
  const loaded = useAppStore((s) => s.playbooksLoaded);
  const runs = useAppStore((s) => s.playbookRuns);
  const detail = useAppStore((s) => s.playbookRun);
  const readAt = useAppStore((s) => s.playbookReadAt);
  const readOnly = useAppStore((s) => s.caseInfo?.readOnly ?? false);
  const playbookRunsRequested = useAppStore((s) => s.playbookRunsRequested);
  const playbookRunChosen = useAppStore((s) => s.playbookRunChosen);
  const [starting, setStarting] = useState(false);
  const runId = detail?.run.id;

  useEffect(() => {
    if (!loaded) void playbookRunsRequested();
  }, [loaded, playbookRunsRequested]);

  // A search hit opened a step: its run is shown first (the run view then opens the step).
  const focus = useAppStore((s) => (s.searchFocus?.kind === 'step' ? s.searchFocus : null));
  const searchFocusCleared = useAppStore((s) => s.searchFocusCleared);
  useEffect(() => {
    const wanted = focus?.runId;
    if (!wanted || !loaded || runId === wanted) return;
    void playbookRunChosen(wanted).then(() => {
      // A run no longer in the case: nothing to open (reading it said why).
      if (!useAppStore.getState().playbookRuns.some((r) => r.id === wanted)) searchFocusCleared();
    });
  }, [focus, loaded, runId, playbookRunChosen, searchFocusCleared]);

  useEffect(() => {
    if (!runId) return;
    const timer = setInterval(() => void playbookRunChosen(runId), REREAD_MS);
    return () => clearInterval(timer);
  }, [runId, playbookRunChosen]);

  return (
    <section aria-labelledby="playbooks-title" className="stack">
      <div className="section-head">
        <h2 id="playbooks-title">Playbooks {loaded ? <span className="count">{runs.length}</span> : null}</h2>
        {loaded && runs.length > 0 && !starting && !readOnly ? (
          <button type="button" className="button" onClick={() => setStarting(true)}>
            Start another playbook…
          </button>
        ) : null}
      </div>
      {loaded && runs.length === 0 ? (
        <p className="lead">
          A playbook is a checklist worked against one moment, T0: for a termination, the moment access is cut. Each
          step is due relative to T0, and Custos records who did it, when and with what proof, in the audit log. Steps
          done out of order are allowed and marked as such.
        </p>
      ) : null}
      {loaded && !readOnly && (runs.length === 0 || starting) ? (
        <StartPlaybook onCancel={runs.length > 0 ? () => setStarting(false) : undefined} />
      ) : null}
      {runs.length > 1 ? (
        <label className="inline-field">
          Run{' '}
          <select value={runId ?? ''} onChange={(e) => void playbookRunChosen(e.target.value)}>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title} — {r.templateName}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {detail ? <RunView key={detail.run.id} detail={detail} readAt={readAt} readOnly={readOnly} /> : null}
      {/* A closed run is a finished record, its inventory with it. */}
      {detail ? <AccessInventory readOnly={readOnly || detail.run.status === 'closed'} /> : null}
    </section>
  );
}
