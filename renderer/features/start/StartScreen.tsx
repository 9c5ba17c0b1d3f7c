import { useAppStore } from '../../store/selectors.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { NewCaseForm } from './NewCaseForm.tsx';
import { useExaminerZone } from '../../store/selectors.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { showBidi } from '../../../shared/logic/text.ts';

export function StartScreen() {
  const recent = useAppStore((s) => s.recent);
  const newCaseOpen = useAppStore((s) => s.newCaseOpen);
  const profile = useAppStore((s) => s.info?.profile);
  const newCaseRequested = useAppStore((s) => s.newCaseRequested);
  const openCaseRequested = useAppStore((s) => s.openCaseRequested);
  const caseOpened = useAppStore((s) => s.caseOpened);
  const recentForgotten = useAppStore((s) => s.recentForgotten);
  const zone = useExaminerZone();

  return (
    <main className="start">
      <header className="start__header">
        <div>
          <p className="brand">Custos</p>
          <p className="muted">Offline incident-response case manager</p>
        </div>
        {profile ? (
          // Said in words, not in an aria-label: a paragraph cannot carry a name (ARIA prohibits it).
          <p className="muted">
            Examiner: {profile.name} · {profile.role} · {profile.organisation}
          </p>
        ) : null}
      </header>
      {newCaseOpen ? (
        <NewCaseForm />
      ) : (
        <div className="start__body">
          <section className="card" aria-labelledby="actions-title">
            <h1 id="actions-title">Start</h1>
            <div className="start__actions">
              <button type="button" className="button button--primary" onClick={newCaseRequested} autoFocus>
                New case…
              </button>
              <button type="button" className="button" onClick={() => void openCaseRequested()}>
                Open case…
              </button>
            </div>
          </section>
          <section className="card" aria-labelledby="recent-title">
            <h2 id="recent-title">Recent cases</h2>
            {recent.length === 0 ? (
              <EmptyState title="No recent cases">Cases you create or open appear here.</EmptyState>
            ) : (
              <ul className="recent">
                {recent.map((r) => (
                  <li key={r.path} className={`recent__item${r.exists ? '' : ' recent__item--missing'}`}>
                    {r.exists ? (
                      <button type="button" className="recent__open" onClick={() => void caseOpened(r.path)}>
                        <span className="recent__title">
                          <SafeText text={r.title} />
                        </span>
                        <span className="recent__meta">
                          {r.reference ? `${r.reference} · ` : ''}
                          {r.path}
                        </span>
                        <span className="recent__meta">Last opened {formatZoned(r.lastOpenedAt, zone)}</span>
                      </button>
                    ) : (
                      <div className="recent__open" aria-disabled="true">
                        <span className="recent__title">
                          <SafeText text={r.title} />
                        </span>
                        <span className="recent__meta">{r.path}</span>
                        <span className="recent__missing" role="note">
                          File not found — it was moved, renamed or deleted.
                        </span>
                      </div>
                    )}
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => void recentForgotten(r.path)}
                      aria-label={`Remove ${showBidi(r.title)} from recent cases`}
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </main>
  );
}
