import { memo, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { BranchOption, RunDetail, RunStep, StepState } from '../../../shared/domain/playbook.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { StepStateBadge, stepStateLabel } from '../../components/Badges.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { messageOf } from '../../lib/api.ts';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import type { PlaybookDecision, PlaybookStepChange } from '../../store/playbooks.ts';
import { clockText, formatSpan, minutesFrom, relativeToAnchor } from './relative.ts';
import { AnswerButtons, ChecklistButtons, IndicatorButtons } from './StepActionBar.tsx';
import { ACTION_KEYS, checklistActions } from './stepActions.ts';
import type { StepAction } from './stepActions.ts';
import { StepDetails } from './StepDetails.tsx';
import { AssignForm, DecideForm, StepDoneForm, StepReasonForm } from './StepForms.tsx';

type ReasonState = 'skipped' | 'blocked' | 'not_applicable';

/** The inline form open on a row, if any; the timed ones remember when they were opened, their default time. */
type Mode =
  | { kind: 'done'; openedAt: number }
  | { kind: ReasonState }
  | { kind: 'assign' }
  | { kind: 'choose' }
  | { kind: 'decide'; option: BranchOption; openedAt: number }
  | null;

const REASON_SUBMIT: Record<ReasonState, string> = {
  skipped: 'Skip step',
  blocked: 'Block step',
  not_applicable: 'Mark not applicable',
};

/** Where the arrow keys move the focus from a row. */
export type RowMove = 'next' | 'previous' | 'first' | 'last';

const MOVES: Readonly<Record<string, RowMove>> = {
  ArrowDown: 'next',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
};

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

/** A question's state in words: unanswered questions are work, answered ones are a record. */
function DecisionBadge({ state }: { state: StepState }) {
  if (state === 'pending') return <span className="step-state step-state--pending">To answer</span>;
  if (state === 'done') return <span className="step-state step-state--done">Answered</span>;
  return <StepStateBadge state={state} />;
}

function StepRowView({
  step,
  dueSoon,
  detail,
  readOnly,
  names,
  tabIndex,
  rowRef,
  onMove,
  onFocusWithin,
  found = false,
}: {
  step: RunStep;
  /** Due within the hour, not settled: stands out before it becomes overdue. */
  dueSoon: boolean;
  detail: RunDetail;
  readOnly: boolean;
  /** Names already responsible for steps of the run, offered when assigning. */
  names: readonly string[];
  /** Roving focus: 0 on the one row Tab reaches, -1 on the others. */
  tabIndex: 0 | -1;
  /** Told of the row's element (null when it goes), for the arrow keys to move the focus. */
  rowRef: (stepId: string, element: HTMLLIElement | null) => void;
  onMove: (stepId: string, where: RowMove) => void;
  /** The row, or a button or field in it, took the focus: it becomes the row Tab comes back to. */
  onFocusWithin: (stepId: string) => void;
  /** The step a search hit opened: marked, with its details open. */
  found?: boolean;
}) {
  const playbookStepChanged = useAppStore((s) => s.playbookStepChanged);
  const playbookDecided = useAppStore((s) => s.playbookDecided);
  const toastShown = useAppStore((s) => s.toastShown);
  const zone = useExaminerZone();
  const titleId = useId();
  const detailsId = useId();
  const row = useRef<HTMLLIElement | null>(null);
  const [mode, setMode] = useState<Mode>(null);
  const [expanded, setExpanded] = useState(found);
  // Opened from a search: its details open as it is marked (and stay as the person leaves them).
  const [wasFound, setWasFound] = useState(found);
  if (found !== wasFound) {
    setWasFound(found);
    if (found) setExpanded(true);
  }
  const decision = step.kind === 'decision';
  const indicators = detail.template.kind === 'indicators';
  const due = dueText(step, detail);
  // Skips and one-click marks are timed now; in the examiner's zone, the record reads as they saw it.
  const change = (c: Omit<PlaybookStepChange, 'step'>) => playbookStepChanged({ step: step.stepId, zone, ...c });
  const decide = (d: Omit<PlaybookDecision, 'step'>) => playbookDecided({ step: step.stepId, ...d });
  // A question can be answered while it is on the path: unanswered, or answered and being changed.
  const answerable = decision && (step.state === 'pending' || step.state === 'done');

  // One click, no form: a failure has nowhere else to show, so it goes to the message line.
  async function quick(c: Omit<PlaybookStepChange, 'step'>) {
    try {
      await change(c);
    } catch (error) {
      toastShown({ kind: 'error', text: messageOf(error) });
    }
  }

  /** Back to the row, so the keyboard goes on from where it was. */
  function close() {
    setMode(null);
    row.current?.focus();
  }

  function act(action: StepAction) {
    if (action === 'start') void quick({ state: 'in_progress' });
    else if (action === 'reopen') void quick({ state: 'pending' });
    else if (action === 'done') setMode({ kind: 'done', openedAt: Date.now() });
    else setMode({ kind: action });
  }

  const answer = (option: BranchOption) => setMode({ kind: 'decide', option, openedAt: Date.now() });

  /** The letter a key names, if this row offers it now. */
  function keyAction(key: string): StepAction | null {
    const action = ACTION_KEYS[key.toLowerCase()];
    if (!action || readOnly) return null;
    if (indicators) return action === 'not_applicable' && step.state !== 'not_applicable' ? action : null;
    return checklistActions(step).includes(action) ? action : null;
  }

  function onKeyDown(event: KeyboardEvent<HTMLLIElement>) {
    if (event.key === 'Escape' && (mode || expanded)) {
      event.preventDefault();
      if (mode) close();
      else setExpanded(false);
      return;
    }
    // The row's keys work on the row and on its buttons (Tab lands on those first); what is typed
    // into a form is the form's, and Enter or Space on a button presses that button.
    const onRow = event.target === event.currentTarget;
    const target = event.target instanceof HTMLElement ? event.target : null;
    const onRowButton = !onRow && target?.tagName === 'BUTTON' && !target.closest('form');
    if (!(onRow || onRowButton) || event.altKey || event.ctrlKey || event.metaKey) return;
    const move = MOVES[event.key];
    const action = keyAction(event.key);
    const option =
      answerable && !readOnly && /^[1-9]$/.test(event.key) ? step.options[Number(event.key) - 1] : undefined;
    if (move) onMove(step.stepId, move);
    else if (onRow && (event.key === 'Enter' || event.key === ' ')) setExpanded((open) => !open);
    else if (action) act(action);
    else if (option && option.label !== step.outcome) answer(option);
    else return;
    // Also keeps the letter out of the field the form focuses.
    event.preventDefault();
  }

  const attached = new Set(step.proof.map((p) => p.targetId));
  const form = (m: NonNullable<Mode>) => {
    switch (m.kind) {
      case 'done':
        return <StepDoneForm openedAt={m.openedAt} zone={zone} attached={attached} submit={change} onDone={close} />;
      case 'assign':
        return (
          <AssignForm
            current={step.assignee}
            names={names}
            // Assigning keeps the state (and a block's reason): only who is responsible changes.
            submit={(assignee) => change({ state: step.state, reason: step.reason, assignee })}
            onDone={close}
          />
        );
      case 'choose':
        return (
          <AnswerButtons
            options={step.options}
            current={step.outcome}
            titleId={titleId}
            onAnswer={answer}
            onCancel={close}
          />
        );
      case 'decide':
        return <DecideForm option={m.option} openedAt={m.openedAt} zone={zone} submit={decide} onDone={close} />;
      default:
        return (
          <StepReasonForm
            submitLabel={REASON_SUBMIT[m.kind]}
            submit={(reason) => change({ state: m.kind, reason })}
            onDone={close}
          />
        );
    }
  };

  const actions = () => {
    if (decision) {
      if (step.state === 'pending') {
        return <AnswerButtons options={step.options} titleId={titleId} onAnswer={answer} />;
      }
      if (step.state !== 'done') return null;
      return (
        <div className="actions actions--start step__actions">
          <button
            type="button"
            className="button button--small"
            onClick={() => setMode({ kind: 'choose' })}
            aria-describedby={titleId}
          >
            Change answer…
          </button>
        </div>
      );
    }
    if (indicators) {
      return (
        <IndicatorButtons
          step={step}
          titleId={titleId}
          onMark={(state) => void quick({ state })}
          onNotApplicable={() => setMode({ kind: 'not_applicable' })}
        />
      );
    }
    return <ChecklistButtons step={step} titleId={titleId} onAction={act} />;
  };

  const enteredIn = step.doneZone && step.doneZone !== zone ? ` (entered in ${step.doneZone})` : '';

  return (
    <li
      ref={(element) => {
        row.current = element;
        rowRef(step.stepId, element);
      }}
      className={`step${step.overdue ? ' step--overdue' : ''}${dueSoon ? ' step--soon' : ''}${decision ? ' step--decision' : ''}${found ? ' search-found' : ''}`}
      aria-labelledby={titleId}
      tabIndex={tabIndex}
      onKeyDown={onKeyDown}
      onFocus={() => onFocusWithin(step.stepId)}
    >
      <div className="step__head">
        <button
          type="button"
          className="step__toggle"
          aria-expanded={expanded}
          {...(expanded ? { 'aria-controls': detailsId } : {})}
          aria-describedby={titleId}
          title="Details (Enter on the row)"
          onClick={() => setExpanded((open) => !open)}
        >
          <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
          <span className="visually-hidden">Details</span>
        </button>
        <p className="step__title" id={titleId}>
          <span className="step__code">{step.code}</span> <SafeText text={step.name} />
        </p>
        <div className="step__badges">
          {decision ? <span className="badge badge--question">Question</span> : null}
          {decision ? <DecisionBadge state={step.state} /> : <StepStateBadge state={step.state} />}
          {step.overdue ? <span className="badge badge--overdue">Overdue</span> : null}
          {dueSoon ? <span className="badge badge--soon">Due soon</span> : null}
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
        {step.assignee ? (
          <span>
            Assigned to <SafeText text={step.assignee} />
          </span>
        ) : null}
      </p>
      {step.doneAt && decision ? (
        <p className="step__record">
          Answered <strong>{step.outcome}</strong> · {clockText(step.doneAt, zone)}
          {enteredIn} · by {step.doneBy}
        </p>
      ) : step.doneAt ? (
        <p className="step__record">
          {stepStateLabel(step.state)}{' '}
          {relativeToAnchor(minutesFrom(detail.run.anchorAt, step.doneAt), detail.template.anchor.label)} (
          {formatZoned(step.doneAt, zone)}){enteredIn} by {step.doneBy}
        </p>
      ) : null}
      {step.outcome && !decision ? (
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
      {expanded ? <StepDetails id={detailsId} step={step} detail={detail} /> : null}
      {readOnly ? null : mode ? form(mode) : actions()}
    </li>
  );
}

const sameStep = (a: RunStep, b: RunStep) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * A row draws again only when what it shows changed: its step, the run's anchor or status, whether
 * it is the Tab stop, the names offered. A step change reads the whole run again (new objects), and
 * without this every row of a long run would be drawn again for one changed step.
 */
export const StepRow = memo(
  StepRowView,
  (prev, next) =>
    sameStep(prev.step, next.step) &&
    prev.dueSoon === next.dueSoon &&
    prev.readOnly === next.readOnly &&
    prev.tabIndex === next.tabIndex &&
    prev.found === next.found &&
    prev.names.join('\n') === next.names.join('\n') &&
    prev.detail.run.id === next.detail.run.id &&
    prev.detail.run.templateSha256 === next.detail.run.templateSha256 &&
    prev.detail.run.anchorAt === next.detail.run.anchorAt &&
    prev.detail.run.status === next.detail.run.status &&
    prev.rowRef === next.rowRef &&
    prev.onMove === next.onMove &&
    prev.onFocusWithin === next.onFocusWithin,
);
