import { useEffect, useState } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ReadingSection } from '../../components/ReadingSection.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { elementIdOf } from '../../store/extortion.ts';
import { countdownText, demandIsLive, demandTitle, useNow } from '../clocks/countdown.ts';
import { DecisionCard, DecisionForm } from './Decisions.tsx';
import { DemandCard, DemandForm } from './Demands.tsx';
import { MessageCard, MessageForm } from './Messages.tsx';
import { useExtortionChoices } from './pickers.tsx';
import { useHighlight } from './shared.tsx';
import type { ExtortionContext } from './shared.tsx';
import './extortion.css';

type OpenForm =
  | { kind: 'message' }
  | { kind: 'demand'; messageId: string | null }
  | { kind: 'decision'; demandId: string | null }
  | null;

/**
 * The extortion record: the messages received, what each demand asks by when (with the sanctions
 * notice beside any payment), whether their claims hold, and what was decided with counsel.
 */
export function ExtortionView() {
  const record = useAppStore((s) => s.extortion);
  const loading = useAppStore((s) => s.extortionLoading);
  const problem = useAppStore((s) => s.extortionProblem);
  const extortionRequested = useAppStore((s) => s.extortionRequested);
  const searchFocus = useAppStore((s) => s.searchFocus);
  const searchFocusTaken = useAppStore((s) => s.searchFocusTaken);
  const zone = useExaminerZone();
  const choices = useExtortionChoices();
  const now = useNow();
  const [form, setForm] = useState<OpenForm>(null);

  useEffect(() => {
    if (record === null && !loading && problem === null) void extortionRequested();
  }, [record, loading, problem, extortionRequested]);

  // A search hit on a message or a demand: this screen marks it and scrolls to it.
  useEffect(() => {
    if (searchFocus && (searchFocus.kind === 'message' || searchFocus.kind === 'demand')) {
      searchFocusTaken(elementIdOf(searchFocus.kind, searchFocus.id));
    }
  }, [searchFocus, searchFocusTaken]);
  const highlight = useHighlight(record !== null);

  /** Opens a form and brings it into view (a form opened from a card lower down the page). */
  function openForm(next: OpenForm) {
    setForm(next);
    if (next) {
      requestAnimationFrame(() =>
        document.getElementById(`${next.kind}-form-title`)?.scrollIntoView({ block: 'start', behavior: 'smooth' }),
      );
    }
  }

  if (record === null) {
    return (
      <ReadingSection
        titleId="extortion-title"
        title="Extortion"
        what="the extortion record"
        problem={problem}
        onRetry={() => void extortionRequested()}
      />
    );
  }

  const context: ExtortionContext = { record, choices, zone, highlight };
  const live = record.demands.filter(demandIsLive).sort((a, b) => Date.parse(a.deadlineAt) - Date.parse(b.deadlineAt));
  const awaiting = record.decisions.filter((d) => !d.counselSignedAt).length;
  const close = () => setForm(null);

  return (
    <section aria-labelledby="extortion-title" className="stack extortion">
      <h2 id="extortion-title">Extortion</h2>
      <p className="muted ext-lead">
        What they sent, what they demand by when, whether their claims hold, and what was decided with counsel. Nothing
        is deleted: a wrong entry is marked removed and stays in the audit log.
      </p>
      <ul className="ext-summary" aria-label="At a glance">
        <li>
          {record.messages.length} message{record.messages.length === 1 ? '' : 's'} received
        </li>
        <li>
          {record.demands.length} demand{record.demands.length === 1 ? '' : 's'}
          {live[0] ? (
            <>
              {' '}
              · next deadline ({demandTitle(live[0])}): <strong>{countdownText(live[0].deadlineAt, now)}</strong>
            </>
          ) : null}
        </li>
        <li>
          {record.decisions.length} decision{record.decisions.length === 1 ? '' : 's'}
          {awaiting > 0 ? (
            <>
              {' '}
              · <strong>{awaiting} awaiting counsel&apos;s sign-off</strong>
            </>
          ) : null}
        </li>
      </ul>
      {choices?.problem ? (
        <p className="muted">
          The exhibits or indicators to pick from could not be read ({choices.problem}); links show without their names.
        </p>
      ) : null}

      <section aria-labelledby="ext-messages" className="stack">
        <div className="section-head">
          <h3 id="ext-messages">
            Messages received <span className="count">{record.messages.length}</span>
          </h3>
          {form?.kind === 'message' ? null : (
            <button type="button" className="button button--primary" onClick={() => openForm({ kind: 'message' })}>
              Record a message…
            </button>
          )}
        </div>
        {form?.kind === 'message' ? <MessageForm context={context} onDone={close} /> : null}
        {record.messages.length === 0 && form?.kind !== 'message' ? (
          <EmptyState title="No message recorded yet">
            Record each e-mail, chat or call as it arrives, with the time its clock showed, and log the saved message as
            an exhibit under Evidence.
          </EmptyState>
        ) : null}
        {record.messages.map((m) => (
          <MessageCard
            key={m.id}
            message={m}
            context={context}
            onDemand={() => openForm({ kind: 'demand', messageId: m.id })}
          />
        ))}
      </section>

      <section aria-labelledby="ext-demands" className="stack">
        <div className="section-head">
          <h3 id="ext-demands">
            Demands <span className="count">{record.demands.length}</span>
          </h3>
          {form?.kind === 'demand' ? null : (
            <button
              type="button"
              className="button button--primary"
              onClick={() => openForm({ kind: 'demand', messageId: null })}
            >
              Record a demand…
            </button>
          )}
        </div>
        {form?.kind === 'demand' ? (
          <DemandForm key={form.messageId ?? ''} context={context} messageId={form.messageId} onDone={close} />
        ) : null}
        {record.demands.length === 0 && form?.kind !== 'demand' ? (
          <EmptyState title="No demand recorded yet">
            Record what they ask for, where to pay and by when: the deadline then counts down at the top of every
            screen.
          </EmptyState>
        ) : null}
        {record.demands.map((d) => (
          <DemandCard
            key={d.id}
            demand={d}
            context={context}
            now={now}
            onDecide={() => openForm({ kind: 'decision', demandId: d.id })}
          />
        ))}
      </section>

      <section aria-labelledby="ext-decisions" className="stack">
        <div className="section-head">
          <h3 id="ext-decisions">
            Decisions <span className="count">{record.decisions.length}</span>
          </h3>
          {form?.kind === 'decision' ? null : (
            <button
              type="button"
              className="button button--primary"
              onClick={() => openForm({ kind: 'decision', demandId: null })}
            >
              Record the decision…
            </button>
          )}
        </div>
        <p className="muted">
          Whether to pay, engage or wait is for the people responsible to decide, with counsel. Custos records who
          decided what, why and when, and counsel&apos;s sign-off.
        </p>
        {form?.kind === 'decision' ? (
          <DecisionForm key={form.demandId ?? ''} context={context} demandId={form.demandId} onDone={close} />
        ) : null}
        {record.decisions.length === 0 && form?.kind !== 'decision' ? (
          <EmptyState title="No decision recorded yet" />
        ) : null}
        {record.decisions.map((d) => (
          <DecisionCard key={d.id} decision={d} context={context} />
        ))}
      </section>
    </section>
  );
}
