import type { ReactNode } from 'react';
import { formatHead } from '../../../shared/domain/common.ts';
import { CASE_TYPE_LABELS } from '../../../shared/domain/case.ts';
import type { CaseOverview, NextAction, NextTarget, OverviewStep } from '../../../shared/domain/overview.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore, useCaseRecord, useExaminerZone } from '../../store/selectors.ts';
import { OverviewClocks } from '../clocks/OverviewClocks.tsx';
import { Countdown, WallTime } from '../clocks/bits.tsx';
import { spanText, urgencyOf, useNow } from '../clocks/countdown.ts';
import { CaseRecordPanel } from './CaseRecordPanel.tsx';
import { agoText, integrityWords, verificationDetail } from './IntegrityState.tsx';
import { flaggedHeadline } from '../../../shared/logic/flagReason.ts';
import './overview.css';

/**
 * The case at a glance, what a responder asks first: what to do next, whether the case is intact,
 * the deadlines, what is out of the organisation's hands, how the playbooks stand, what the case
 * holds and what happened last. Every item that names a record opens it. The case record is edited
 * in its own panel ("Edit case record").
 */
export function Overview() {
  const overview = useAppStore((s) => s.overview);
  const problem = useAppStore((s) => s.overviewProblem);
  const editing = useAppStore((s) => s.caseRecordEditing);
  const editOpened = useAppStore((s) => s.caseRecordEditOpened);
  const record = useCaseRecord()!;

  return (
    <section className="stack" aria-labelledby="overview-title">
      <div className="section-head">
        <h2 id="overview-title">Overview</h2>
        <button type="button" className="button" onClick={editOpened} aria-expanded={editing}>
          Edit case record
        </button>
      </div>
      {editing ? <CaseRecordPanel /> : null}
      {problem ? (
        <p className="form-error" role="alert">
          The overview could not be read: {problem}
        </p>
      ) : null}
      {overview ? (
        <div className="overview-grid">
          <NextCard overview={overview} />
          {/* The cards flow down columns, as many as the window holds (two at 1280 px, three on a
              wide screen): reading and Tab order go down each column in turn. */}
          <div className="overview-cards">
            <IntegrityCard overview={overview} />
            <CustodyCard overview={overview} />
            <AwareCard overview={overview} />
            <OverviewClocks />
            <PlaybooksCard overview={overview} />
            <CountsCard overview={overview} />
          </div>
          <ActivityCard overview={overview} />
          <RecordCard summary={record.summary} />
        </div>
      ) : problem ? null : (
        <p className="muted" role="status">
          Reading the case…
        </p>
      )}
    </section>
  );
}

function Card({
  id,
  title,
  children,
  className,
}: {
  id: string;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`card overview-card${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** A button that opens what an item names (a record, a section); styled as a link. */
function Open({ target, children }: { target: NextTarget; children: ReactNode }) {
  const opened = useAppStore((s) => s.overviewTargetOpened);
  return (
    <button type="button" className="ext-link" onClick={() => opened(target)}>
      {children}
    </button>
  );
}

/**
 * The button of a "next" item: short, naming the record ("Show E-0002", "Open A4"). The words of the
 * item stay beside it as text, so a case's own words never become the name of a button.
 */
function actionLabel(target: NextTarget, overview: CaseOverview): string {
  switch (target.type) {
    case 'verify':
      return 'Verify…';
    case 'record':
      return 'Record it…';
    case 'evidence': {
      const item =
        overview.integrity.flagged.find((f) => f.id === target.id) ??
        overview.custody.away.find((a) => a.id === target.id);
      return `Show ${item?.exhibit ?? 'exhibit'}`;
    }
    case 'register':
      return 'Show the register';
    case 'step': {
      const step = [...overview.playbooks.overdue, ...overview.playbooks.dueSoon].find(
        (s) => s.runId === target.runId && s.stepId === target.stepId,
      );
      return `Open ${step?.code || 'step'}`;
    }
    case 'clock':
      return 'Open the clock';
    case 'demand':
      return 'Open the demand';
  }
}

const URGENCY_WORDS: Record<NextAction['urgency'], string> = { overdue: 'Now', soon: 'Today', info: 'Next' };

function NextCard({ overview }: { overview: CaseOverview }) {
  const opened = useAppStore((s) => s.overviewTargetOpened);
  const now = useNow();
  // A deadline read as "due soon" may have passed since: the colour follows the clock.
  const urgency = (n: NextAction): NextAction['urgency'] =>
    n.dueAt && urgencyOf(n.dueAt, now) === 'overdue' ? 'overdue' : n.urgency;
  return (
    <Card id="overview-next" title="What to do next" className="overview-next">
      {overview.next.length === 0 ? (
        <p className="muted">
          Nothing presses: the case is verified, no exhibit is flagged, no deadline or step is due.
        </p>
      ) : (
        <ol className="next-list">
          {overview.next.map((n, i) => (
            <li key={i} className={`next-item next-item--${urgency(n)}`}>
              <span className="next-item__when">{URGENCY_WORDS[urgency(n)]}</span>
              <span className="next-item__text">
                <SafeText text={n.text} />
              </span>
              {n.dueAt ? <Countdown dueAt={n.dueAt} now={now} /> : null}
              <button type="button" className="button button--small" onClick={() => opened(n.target)}>
                {actionLabel(n.target, overview)}
              </button>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function IntegrityCard({ overview }: { overview: CaseOverview }) {
  const { integrity } = overview;
  const zone = useExaminerZone();
  const now = useNow();
  const opened = useAppStore((s) => s.overviewTargetOpened);
  const words = integrityWords(integrity, now);
  const last = integrity.last;
  return (
    <Card id="overview-integrity" title="Integrity">
      <p className={`integrity-verdict integrity-verdict--${words.tone}`}>
        {integrity.status === 'never'
          ? 'Never verified'
          : integrity.status === 'failed'
            ? '✗ The last verification failed'
            : integrity.changesSince > 0
              ? `✓ Intact when verified · ${integrity.changesSince} ${integrity.changesSince === 1 ? 'change' : 'changes'} since, not verified yet`
              : '✓ Intact: verified, no change since'}
      </p>
      {last ? (
        <dl className="facts facts--grid">
          <div>
            <dt>Last verified</dt>
            <dd>
              <WallTime utc={last.at} zone={zone} />
              <span className="overview-ago">{agoText(last.at, now)}</span>
            </dd>
          </div>
          <div>
            <dt>By</dt>
            <dd>
              <SafeText text={last.by} />
            </dd>
          </div>
          <div className="overview-fact--wide">
            <dt>Verdict</dt>
            <dd title={verificationDetail(last, zone)}>
              <SafeText text={last.summary} />
            </dd>
          </div>
          <div className="overview-fact--wide">
            <dt>Verified head</dt>
            <dd className="mono overview-head">{formatHead(last.head)}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">
          No verification of this case is known on this computer, in the app, by custos verify or before a report.
        </p>
      )}
      <p className="muted overview-head-now">
        Head now <span className="mono">{formatHead(integrity.head)}</span>
      </p>
      {integrity.otherCopies > 0 ? (
        <p className="muted">
          {integrity.otherCopies} logged {integrity.otherCopies === 1 ? 'verification is' : 'verifications are'} of
          another copy of this case (its head is not in this file) and {integrity.otherCopies === 1 ? 'is' : 'are'} not
          counted.
        </p>
      ) : null}
      {integrity.flagged.length > 0 ? (
        <div className="overview-flagged" role="note">
          <h4>
            {integrity.flagged.length === 1
              ? integrity.flagged[0]!.failed
                ? '1 exhibit failed verification'
                : '1 exhibit flagged'
              : flaggedHeadline(integrity.flagged)}
          </h4>
          <ul className="overview-list">
            {integrity.flagged.map((f) => (
              <li key={f.id}>
                <Open target={{ type: 'evidence', id: f.id }}>{f.exhibit}</Open> <SafeText text={f.description} />
                <span className="muted">: {f.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="actions actions--start">
        <button type="button" className="button button--primary" onClick={() => opened({ type: 'verify' })}>
          Verify the case…
        </button>
      </div>
    </Card>
  );
}

function CustodyCard({ overview }: { overview: CaseOverview }) {
  const { custody } = overview;
  const zone = useExaminerZone();
  const total = custody.held + custody.transferred + custody.returned + custody.disposed;
  return (
    <Card id="overview-custody" title="Out of the organisation's custody">
      {custody.away.length === 0 ? (
        <p className="muted">
          {total === 0 ? 'No exhibit yet.' : 'Every exhibit is in the organisation’s custody (or disposed of).'}
        </p>
      ) : (
        <ul className="overview-list overview-away">
          {custody.away.map((a) => (
            <li key={a.id}>
              <span>
                <Open target={{ type: 'evidence', id: a.id }}>{a.exhibit}</Open> <SafeText text={a.description} />
              </span>
              <span className="overview-away__who">
                {a.state === 'transferred' ? 'with ' : 'returned to '}
                <strong>
                  <SafeText text={a.holder} />
                </strong>
                {a.since ? (
                  <>
                    {a.state === 'transferred' ? ' since ' : ' on '}
                    <WallTime utc={a.since} zone={zone} />
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted overview-tally">
        {custody.held} held · {custody.transferred} handed over · {custody.returned} returned · {custody.disposed}{' '}
        disposed of
      </p>
    </Card>
  );
}

function AwareCard({ overview }: { overview: CaseOverview }) {
  const now = useNow();
  const aware = overview.aware;
  return (
    <Card id="overview-aware" title="Time since awareness">
      {aware ? (
        <>
          <p className="overview-big">{spanText(now - Date.parse(aware.at))}</p>
          <p>
            Aware since <WallTime utc={aware.at} zone={aware.zone} />
          </p>
        </>
      ) : (
        <>
          <p className="muted">Not recorded. The notification clocks count from it.</p>
          <Open target={{ type: 'record' }}>Record when the organisation became aware</Open>
        </>
      )}
    </Card>
  );
}

function StepLine({ step, now }: { step: OverviewStep; now: number }) {
  return (
    <li>
      <Open target={{ type: 'step', runId: step.runId, stepId: step.stepId, rowId: step.rowId }}>
        {step.code || 'Step'}
      </Open>{' '}
      <SafeText text={step.name} />{' '}
      <span className="muted">
        (<SafeText text={step.runTitle} />)
      </span>{' '}
      <Countdown dueAt={step.dueAt} now={now} />
    </li>
  );
}

/** Steps named on the card under each heading; the rest are a click away under Playbooks. */
const STEPS_SHOWN = 5;

function PlaybooksCard({ overview }: { overview: CaseOverview }) {
  const now = useNow();
  const sectionChosen = useAppStore((s) => s.sectionChosen);
  const { runs, overdue, dueSoon } = overview.playbooks;
  const overdueAll = runs.reduce((n, r) => n + r.overdue, 0);
  const soonAll = runs.reduce((n, r) => n + r.dueSoon, 0);
  const hidden = overdueAll - Math.min(overdue.length, STEPS_SHOWN) + soonAll - Math.min(dueSoon.length, STEPS_SHOWN);
  return (
    <Card id="overview-playbooks" title="Playbooks">
      {runs.length === 0 ? (
        <p className="muted">
          No playbook run yet.{' '}
          <button type="button" className="ext-link" onClick={() => sectionChosen('playbooks')}>
            Start a playbook run
          </button>
        </p>
      ) : (
        <ul className="overview-list overview-runs">
          {runs.map((r) => (
            <li key={r.id}>
              <span className="overview-run__title">
                <SafeText text={r.title} />
                {r.status === 'closed' ? <span className="chip">Closed</span> : null}
              </span>
              {r.problem ? (
                <span className="form-error">Cannot be read: {r.problem}</span>
              ) : (
                <>
                  <progress
                    value={r.settled}
                    max={Math.max(r.total, 1)}
                    aria-label={`${r.title}: ${r.settled} of ${r.total} steps settled`}
                  />
                  <span className="muted">
                    {r.settled}/{r.total} steps settled
                    {r.overdue ? <strong className="overview-overdue"> · {r.overdue} overdue</strong> : null}
                    {r.dueSoon ? ` · ${r.dueSoon} due within a day` : ''}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {overdue.length > 0 ? (
        <>
          <h4>Overdue steps</h4>
          <ul className="overview-list">
            {overdue.slice(0, STEPS_SHOWN).map((s) => (
              <StepLine key={`${s.runId}-${s.stepId}`} step={s} now={now} />
            ))}
          </ul>
        </>
      ) : null}
      {dueSoon.length > 0 ? (
        <>
          <h4>Due within a day</h4>
          <ul className="overview-list">
            {dueSoon.slice(0, STEPS_SHOWN).map((s) => (
              <StepLine key={`${s.runId}-${s.stepId}`} step={s} now={now} />
            ))}
          </ul>
        </>
      ) : null}
      {hidden > 0 ? (
        <p>
          <button type="button" className="ext-link" onClick={() => sectionChosen('playbooks')}>
            {hidden} more {hidden === 1 ? 'step' : 'steps'} due or overdue: see the runs
          </button>
        </p>
      ) : null}
    </Card>
  );
}

function CountsCard({ overview }: { overview: CaseOverview }) {
  const c = overview.counts;
  const counts: { label: string; n: number; alert?: boolean }[] = [
    { label: c.events === 1 ? 'timeline event' : 'timeline events', n: c.events },
    { label: c.notes === 1 ? 'note' : 'notes', n: c.notes },
    { label: c.exhibits === 1 ? 'exhibit' : 'exhibits', n: c.exhibits },
    { label: 'flagged', n: c.flagged, alert: c.flagged > 0 },
    {
      label: c.holdsInForce === 1 ? 'legal hold in force' : 'legal holds in force',
      n: c.holdsInForce,
    },
    { label: c.subjects === 1 ? 'subject' : 'subjects', n: c.subjects },
    { label: c.indicators === 1 ? 'indicator' : 'indicators', n: c.indicators },
  ];
  return (
    <Card id="overview-counts" title="The case holds">
      <ul className="overview-counts">
        {counts.map((k) => (
          <li key={k.label} className={`overview-count${k.alert ? ' overview-count--alert' : ''}`}>
            <span className="overview-count__n">{k.n}</span>
            <span className="overview-count__label">{k.label}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ActivityCard({ overview }: { overview: CaseOverview }) {
  const zone = useExaminerZone();
  const sectionChosen = useAppStore((s) => s.sectionChosen);
  return (
    <Card id="overview-activity" title="Latest activity">
      <ol className="overview-activity">
        {overview.activity.map((a) => (
          <li key={a.seq}>
            <span className="overview-activity__when">
              <WallTime utc={a.at} zone={zone} />
            </span>
            <span>
              <SafeText text={a.sentence} />
            </span>
            <span className="muted mono">#{a.seq}</span>
          </li>
        ))}
      </ol>
      <button type="button" className="ext-link" onClick={() => sectionChosen('audit')}>
        Every entry, with what changed
      </button>
    </Card>
  );
}

function RecordCard({ summary }: { summary: string }) {
  const record = useCaseRecord()!;
  return (
    <Card id="overview-record" title="Case record">
      <dl className="facts">
        <div>
          <dt>Type</dt>
          <dd>{CASE_TYPE_LABELS[record.caseType]}</dd>
        </div>
        <div>
          <dt>Severity</dt>
          <dd className="overview-cap">{record.severity}</dd>
        </div>
        <div>
          <dt>Reference</dt>
          <dd>{record.reference ? <SafeText text={record.reference} /> : <span className="muted">None</span>}</dd>
        </div>
        <div>
          <dt>Lead investigator</dt>
          <dd>
            {record.leadInvestigator ? (
              <SafeText text={record.leadInvestigator} />
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Legal counsel</dt>
          <dd>{record.legalCounsel ? <SafeText text={record.legalCounsel} /> : <span className="muted">None</span>}</dd>
        </div>
      </dl>
      {summary ? (
        <p className="overview-summary">
          <SafeText text={summary} />
        </p>
      ) : (
        <p className="muted">No summary yet.</p>
      )}
    </Card>
  );
}
