import type { BranchOption, RunStep, StepState } from '../../../shared/domain/playbook.ts';
import type { StepAction } from './stepActions.ts';
import { checklistActions } from './stepActions.ts';

const INDICATOR_CHOICES: { state: StepState; label: string }[] = [
  { state: 'observed', label: 'Observed' },
  { state: 'not_observed', label: 'Not observed' },
  { state: 'unknown', label: 'Unknown' },
];

/** One small button naming its step for screen readers, which hear many rows of "Mark done…". */
function RowButton({
  label,
  describedBy,
  onClick,
  pressed,
  shortcut,
  autoFocus = false,
}: {
  label: string;
  describedBy: string;
  onClick: () => void;
  pressed?: boolean;
  /** The first choice of a row that just opened them: the keyboard goes on from there. */
  autoFocus?: boolean;
  /** The key that does the same on the focused row, announced and shown on hover. */
  shortcut?: string;
}) {
  return (
    <button
      type="button"
      className="button button--small"
      onClick={onClick}
      aria-describedby={describedBy}
      {...(pressed !== undefined ? { 'aria-pressed': pressed } : {})}
      {...(shortcut ? { 'aria-keyshortcuts': shortcut, title: `Key: ${shortcut}` } : {})}
      {...(autoFocus ? { autoFocus: true } : {})}
    >
      {label}
    </button>
  );
}

const LABELS: Record<Exclude<StepAction, 'assign' | 'reopen'>, string> = {
  start: 'Start',
  done: 'Mark done…',
  skipped: 'Skip…',
  blocked: 'Block…',
  not_applicable: 'Not applicable…',
};
const SHORTCUTS: Partial<Record<StepAction, string>> = { done: 'D', skipped: 'S', blocked: 'B', not_applicable: 'N' };

/** The buttons of a checklist step: what its state allows, in the order a person works. */
export function ChecklistButtons({
  step,
  titleId,
  onAction,
}: {
  step: RunStep;
  titleId: string;
  onAction: (action: StepAction) => void;
}) {
  const label = (action: StepAction) =>
    action === 'assign'
      ? step.assignee
        ? 'Reassign…'
        : 'Assign…'
      : action === 'reopen'
        ? step.state === 'in_progress'
          ? 'Back to pending'
          : 'Reopen'
        : LABELS[action];
  const actions = checklistActions(step);
  if (actions.length === 0) return null;
  return (
    <div className="actions actions--start step__actions">
      {actions.map((action) => (
        <RowButton
          key={action}
          label={label(action)}
          describedBy={titleId}
          onClick={() => onAction(action)}
          {...(SHORTCUTS[action] ? { shortcut: SHORTCUTS[action] } : {})}
        />
      ))}
    </div>
  );
}

/** An indicator is marked in one click; not applicable asks why, as everywhere. */
export function IndicatorButtons({
  step,
  titleId,
  onMark,
  onNotApplicable,
}: {
  step: RunStep;
  titleId: string;
  onMark: (state: StepState) => void;
  onNotApplicable: () => void;
}) {
  return (
    <div className="actions actions--start step__actions">
      {INDICATOR_CHOICES.map((c) => (
        <RowButton
          key={c.state}
          label={c.label}
          describedBy={titleId}
          onClick={() => onMark(c.state)}
          pressed={step.state === c.state}
        />
      ))}
      {step.state === 'not_applicable' ? null : (
        <RowButton label="Not applicable…" describedBy={titleId} onClick={onNotApplicable} shortcut="N" />
      )}
    </div>
  );
}

/** A question's answers, one button each saying where it leads ("No → D4b"); digits pick them too. */
export function AnswerButtons({
  options,
  current,
  titleId,
  onAnswer,
  onCancel,
}: {
  options: readonly BranchOption[];
  /**
   * The answer given so far, left out when changing it. The buttons then replace the one that
   * opened them, so the first takes the focus.
   */
  current?: string;
  titleId: string;
  onAnswer: (option: BranchOption) => void;
  onCancel?: () => void;
}) {
  return (
    <div className="actions actions--start step__actions" role="group" aria-label="Answers">
      <span className="step__prompt">{current ? 'Change to' : 'Answer'}</span>
      {options.map((option, i) =>
        option.label === current ? null : (
          <RowButton
            key={option.value}
            label={`${option.label} → ${option.leadsTo}`}
            describedBy={titleId}
            onClick={() => onAnswer(option)}
            autoFocus={current !== undefined && option === options.find((o) => o.label !== current)}
            {...(i < 9 ? { shortcut: String(i + 1) } : {})}
          />
        ),
      )}
      {onCancel ? (
        <button type="button" className="button button--small button--ghost" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
