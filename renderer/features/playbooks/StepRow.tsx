import { useId, useState } from 'react';
import { SETTLED_STATES } from '../../../shared/domain/playbook.ts';
import type { RunDetail, RunStep, StepState } from '../../../shared/domain/playbook.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { StepStateBadge, stepStateLabel } from '../../components/Badges.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { messageOf } from '../../lib/api.ts';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import type { PlaybookStepChange } from '../../store/playbooks.ts';
import { formatSpan, minutesFrom, relativeToAnchor } from './relative.ts';
import { StepDoneForm, StepReasonForm } from './StepForms.tsx';

const INDICATOR_CHOICES: { state: StepState; label: string }[] = [
  { state: 'observed', label: 'Observed' },
  { state: 'not_observed', label: 'Not observed' },
  { state: 'unknown', label: 'Unknown' },
];

/** The inline form open on a row, if any; "done" remembers when it was opened, its default time. */
type Mode = { kind: 'done'; openedAt: number } | { kind: 'skipped' | 'blocked' } | null;

/**
 * When a step is due, relative to T0. A step due after another is done has no time until that one
 * is done; it then says so rather than showing nothing.
 */
export function dueText(step: RunStep, detail: RunDetail): string | null {
  const label = detail.template.anchor.label;
  if (step.dueAt) return relativeToAnchor(minutesFrom(detail.run.anchorAt, step.dueAt), label);
  const rule = detail.template.steps.find((s) => s.id === step.stepId)?.due;
  if (!rule) return null;
  const from = detail.template.steps.find((s) => s.id === rule.from);
  return `${formatSpan(rule.minutes)} ${rule.minutes < 0 ? 'before' : 'after'} ${from?.code || from?.name || 'an earlier step'} is done`;
}

export function StepRow({ step, detail, readOnly }: { step: RunStep; detail: RunDetail; readOnly: boolean }) {
  const playbookStepChanged = useAppStore((s) => s.playbookStepChanged);
  const toastShown = useAppStore((s) => s.toastShown);
  const zone = useExaminerZone();
  const titleId = useId();
  const [mode, setMode] = useState<Mode>(null);
  const settled = SETTLED_STATES.includes(step.state);
  const due = dueText(step, detail);
  // Skips and one-click marks are timed now; in the examiner's zone, the record reads as they saw it.
  const change = (c: Omit<PlaybookStepChange, 'step'>) => playbookStepChanged({ step: step.stepId, zone, ...c });

  // One click, no form: a failure has nowhere else to show, so it goes to the message line.
  async function quick(state: StepState) {
    try {
      await change({ state });
    } catch (error) {
      toastShown({ kind: 'error', text: messageOf(error) });
    }
  }

  const close = () => setMode(null);
  // The buttons name their step for screen readers, which hear many rows of "Mark done…".
  const button = (label: string, onClick: () => void, extra: { pressed?: boolean } = {}) => (
    <button
      key={label}
      type="button"
      className="button button--small"
      onClick={onClick}
      aria-describedby={titleId}
      {...(extra.pressed !== undefined ? { 'aria-pressed': extra.pressed } : {})}
    >
      {label}
    </button>
  );

  return (
    <li className={`step${step.overdue ? ' step--overdue' : ''}`} aria-labelledby={titleId}>
      <div className="step__head">
        <p className="step__title" id={titleId}>
          <span className="step__code">{step.code}</span> <SafeText text={step.name} />
        </p>
        <div className="step__badges">
          <StepStateBadge state={step.state} />
          {step.overdue ? <span className="badge badge--overdue">Overdue</span> : null}
          {step.outOfOrder ? (
            <span className="badge badge--order" title="Settled while steps before it were not">
              Out of order
            </span>
          ) : null}
        </div>
      </div>
      <p className="step__meta">
        {step.role ? <span>{step.role}</span> : null}
        {due ? (
          <span>
            Due {due}
            {step.dueAt ? <span className="muted"> ({formatZoned(step.dueAt, zone)})</span> : null}
          </span>
        ) : null}
        {step.assignee ? <span>Assigned to {step.assignee}</span> : null}
      </p>
      {step.doneAt ? (
        <p className="step__record">
          {stepStateLabel(step.state)}{' '}
          {relativeToAnchor(minutesFrom(detail.run.anchorAt, step.doneAt), detail.template.anchor.label)} (
          {formatZoned(step.doneAt, zone)})
          {step.doneZone && step.doneZone !== zone ? ` (entered in ${step.doneZone})` : ''} by {step.doneBy}
        </p>
      ) : null}
      {step.outcome ? (
        <p className="step__record">
          <strong>Outcome:</strong> <SafeText text={step.outcome} />
        </p>
      ) : null}
      {step.reason ? (
        <p className="step__record">
          <strong>Reason:</strong> <SafeText text={step.reason} />
        </p>
      ) : null}
      {step.proof.length > 0 ? (
        <p className="step__record">
          <strong>Proof:</strong>{' '}
          {step.proof.map((p) => (
            <span key={p.id} className="chip">
              <SafeText text={p.label} />
            </span>
          ))}
        </p>
      ) : null}
      {readOnly ? null : mode?.kind === 'done' ? (
        <StepDoneForm openedAt={mode.openedAt} zone={zone} submit={change} onDone={close} />
      ) : mode ? (
        <StepReasonForm
          submitLabel={mode.kind === 'skipped' ? 'Skip step' : 'Block step'}
          submit={(reason) => change({ state: mode.kind, reason })}
          onDone={close}
        />
      ) : detail.template.kind === 'indicators' ? (
        <div className="actions actions--start step__actions">
          {INDICATOR_CHOICES.map((c) =>
            button(c.label, () => void quick(c.state), { pressed: step.state === c.state }),
          )}
        </div>
      ) : (
        <div className="actions actions--start step__actions">
          {settled ? null : button('Mark done…', () => setMode({ kind: 'done', openedAt: Date.now() }))}
          {settled ? null : button('Skip…', () => setMode({ kind: 'skipped' }))}
          {settled || step.state === 'blocked' ? null : button('Block…', () => setMode({ kind: 'blocked' }))}
          {step.state === 'pending' ? null : button('Reopen', () => void quick('pending'))}
        </div>
      )}
    </li>
  );
}
