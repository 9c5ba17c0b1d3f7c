import { useId, useState } from 'react';
import { SETTLED_STATES } from '../../../shared/domain/playbook.ts';
import type { RunDetail, RunStep } from '../../../shared/domain/playbook.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { minutesFrom, relativeToAnchor } from './relative.ts';
import { StepRow } from './StepRow.tsx';

type StateFilter = 'all' | 'open' | 'overdue' | 'done';

const isSettled = (step: RunStep) => SETTLED_STATES.includes(step.state);
const settledCount = (steps: RunStep[]) => steps.filter(isSettled).length;

function matches(step: RunStep, state: StateFilter, role: string): boolean {
  if (role && step.role !== role) return false;
  if (state === 'open') return !isSettled(step);
  if (state === 'overdue') return step.overdue;
  if (state === 'done') return isSettled(step);
  return true;
}

/** Title, template, T0 both ways, where "now" is against T0, and how far the run has got. */
function RunHeader({ detail, readAt }: { detail: RunDetail; readAt: number }) {
  const { run, template, steps } = detail;
  const label = template.anchor.label;
  const settled = settledCount(steps);
  const overdue = steps.filter((s) => s.overdue).length;
  const fixed = run.anchorZone.startsWith('+') || run.anchorZone.startsWith('-') || run.anchorZone === 'UTC';
  return (
    <div className="run-head">
      <h3>
        <SafeText text={run.title} />
      </h3>
      <p className="muted">
        <SafeText text={template.name} /> · started by {run.startedBy}
      </p>
      <dl className="facts">
        <div>
          <dt>{label}</dt>
          <dd>
            <span className="zoned">
              <span className="zoned__main">
                {formatZoned(run.anchorAt, run.anchorZone)}
                {fixed ? '' : ` ${run.anchorZone}`}
              </span>
              <span className="zoned__sub">{formatZoned(run.anchorAt, 'UTC')}</span>
            </span>
          </dd>
        </div>
        <div>
          <dt>Now</dt>
          <dd>{relativeToAnchor(minutesFrom(run.anchorAt, readAt), label)}</dd>
        </div>
        <div>
          <dt>Progress</dt>
          <dd>
            <progress className="run-progress" value={settled} max={steps.length || 1} aria-label="Steps settled" />
            <span className={overdue > 0 ? 'run-overdue' : undefined}>
              {settled} of {steps.length} settled, {overdue} overdue
            </span>
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** A run: its header, the filters, and its steps by phase. */
export function RunView({ detail, readAt, readOnly }: { detail: RunDetail; readAt: number; readOnly: boolean }) {
  const [state, setState] = useState<StateFilter>('all');
  const [role, setRole] = useState('');
  const filterId = useId();
  const roles = [...new Set(detail.steps.map((s) => s.role).filter(Boolean))].sort();
  const shown = detail.steps.filter((s) => matches(s, state, role));
  // Steps whose phase the template does not list still show, at the end, rather than vanish.
  const known = new Set(detail.template.phases.map((p) => p.code));
  const phases = [
    ...detail.template.phases,
    ...(detail.steps.some((s) => !known.has(s.phase)) ? [{ code: '', title: 'Other steps', description: '' }] : []),
  ];

  return (
    <div className="card stack">
      <RunHeader detail={detail} readAt={readAt} />
      <div className="register-tools" role="group" aria-label="Filter steps">
        <label className="inline-field">
          Show{' '}
          <select value={state} onChange={(e) => setState(e.target.value as StateFilter)}>
            <option value="all">All steps</option>
            <option value="open">Open</option>
            <option value="overdue">Overdue</option>
            <option value="done">Done or settled</option>
          </select>
        </label>
        <label className="inline-field">
          Role{' '}
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">All roles</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <p className="muted run-filter-count" id={filterId} role="status">
          {shown.length} of {detail.steps.length} steps shown
        </p>
      </div>
      {phases.map((phase) => {
        const all = detail.steps.filter((s) => (phase.code ? s.phase === phase.code : !known.has(s.phase)));
        const rows = all.filter((s) => shown.includes(s));
        if (rows.length === 0) return null;
        const headingId = `${filterId}-phase-${phase.code || 'other'}`;
        return (
          <section key={phase.code || 'other'} className="phase" aria-labelledby={headingId}>
            <div className="phase__head">
              <h4 id={headingId}>
                {phase.code ? <span className="step__code">{phase.code}</span> : null} <SafeText text={phase.title} />
              </h4>
              <span className="muted">
                {settledCount(all)} of {all.length} settled
              </span>
            </div>
            <ul className="steps">
              {rows.map((step) => (
                <StepRow key={step.rowId} step={step} detail={detail} readOnly={readOnly} />
              ))}
            </ul>
          </section>
        );
      })}
      {shown.length === 0 ? <p className="muted">No steps match these filters.</p> : null}
    </div>
  );
}
