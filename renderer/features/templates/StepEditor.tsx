import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { DueRule, PlaybookStep, PlaybookTemplate, SourceRef } from '../../../shared/domain/playbook.ts';
import { Field } from '../../components/Field.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { messageOf } from '../../lib/api.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { answersOf, dueText, stepShort } from './describeTemplate.ts';
import type { Problem } from './describeTemplate.ts';
import {
  DUE_UNITS,
  addRole,
  addStepAfter,
  canAddAfter,
  canMove,
  canRemove,
  dueToParts,
  incoming,
  moveStep,
  partsToDue,
  removeStep,
  stepLabel,
  updateStep,
} from './editTemplate.ts';
import type { Allowed, Cleared, DueParts, DueUnit } from './editTemplate.ts';
import { StepMeta, kindChip, roleName } from './TemplateBits.tsx';

type Edit = (next: PlaybookTemplate) => void;
type StepProps = { draft: PlaybookTemplate; step: PlaybookStep; onChange: Edit };

/** A step a branch can lead to, as a select shows it; an end says which step it ends. */
function optionLabel(draft: PlaybookTemplate, step: PlaybookStep): string {
  if (step.type !== 'end') return stepLabel(draft, step.id);
  const before = incoming(draft, step.id).map(({ from }) => stepShort(draft, from.id));
  return before.length > 0 ? `End (after ${before.join(', ')})` : 'End';
}

/** Every step but the start, for "leads to" selects. */
function StepOptions({ draft }: { draft: PlaybookTemplate }) {
  return (
    <>
      {draft.steps
        .filter((s) => s.type !== 'start')
        .map((s) => (
          <option key={s.id} value={s.id}>
            {optionLabel(draft, s)}
          </option>
        ))}
    </>
  );
}

/** What a removal changed beyond the step itself, in one sentence for the notice. */
function removalNotice(before: PlaybookTemplate, id: string, cleared: Cleared[]): string {
  const removed = stepShort(before, id);
  const parts = cleared.map((c) =>
    c.what === 'due'
      ? `the due time of ${stepShort(before, c.stepId)} (was ${dueText(before, c.was)})`
      : `${removed} from the prerequisites of ${stepShort(before, c.stepId)}`,
  );
  return `Removed ${stepLabel(before, id)}; the steps before it now lead to the step after it. ${
    parts.length > 0 ? `Cleared because they named it: ${parts.join('; ')}.` : 'Nothing else named it.'
  }`;
}

const sameDue = (a: DueRule | null, b: DueRule | null) => a?.from === b?.from && a?.minutes === b?.minutes;

/** Due: from T0 or from another action step being done, so much before or after. */
function DueFields({ draft, step, onChange, onPending }: StepProps & { onPending: (m: string | undefined) => void }) {
  const { values, setValues, errors, setErrors } = useFormState<DueParts>(dueToParts(step.due));
  const [seen, setSeen] = useState(step.due);
  const groupId = useId();
  // Changed from elsewhere (a removed step's due time cleared): show the draft's value, not the old one.
  if (seen !== step.due) {
    setSeen(step.due);
    const shown = partsToDue(values);
    if (!('due' in shown) || !sameDue(shown.due, step.due)) setValues(dueToParts(step.due));
  }

  function set(patch: Partial<DueParts>) {
    const next = { ...values, ...patch };
    setValues(next);
    const result = partsToDue(next);
    if ('error' in result) {
      setErrors({ amount: result.error });
      onPending(result.error);
      return;
    }
    setErrors({});
    onPending(undefined);
    onChange(updateStep(draft, step.id, { due: result.due }));
  }
  // A value that never reached the draft goes with the fields: the draft is what is kept.
  const latest = useRef(onPending);
  useEffect(() => {
    latest.current = onPending;
  });
  useEffect(() => () => latest.current(undefined), []);

  const others = draft.steps.filter((s) => s.type === 'action' && s.id !== step.id);
  return (
    <fieldset className="tpl-due" aria-describedby={`${groupId}-now`}>
      <legend>Due</legend>
      <p className="muted tpl-due__now" id={`${groupId}-now`}>
        {dueText(draft, step.due) ?? 'No due time'}
      </p>
      <div className="tpl-due__row">
        <Field label="Counted from">
          {(p) => (
            <select {...p} value={values.from} onChange={(e) => set({ from: e.target.value })}>
              <option value="">No due time</option>
              <option value="T0">{draft.anchor.label}</option>
              {others.map((s) => (
                <option key={s.id} value={s.id}>
                  {stepLabel(draft, s.id)} done
                </option>
              ))}
            </select>
          )}
        </Field>
        {values.from ? (
          <>
            <Field label="Amount" error={errors.amount}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  value={values.amount}
                  onChange={(e) => set({ amount: e.target.value })}
                />
              )}
            </Field>
            <Field label="Unit">
              {(p) => (
                <select {...p} value={values.unit} onChange={(e) => set({ unit: e.target.value as DueUnit })}>
                  {Object.keys(DUE_UNITS).map((u) => (
                    <option key={u} value={u}>
                      {u}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Before or after">
              {(p) => (
                <select
                  {...p}
                  value={values.direction}
                  onChange={(e) => set({ direction: e.target.value as DueParts['direction'] })}
                >
                  <option value="before">before</option>
                  <option value="after">after</option>
                </select>
              )}
            </Field>
          </>
        ) : null}
      </div>
    </fieldset>
  );
}

/** The role that does the step, or a new one named here (a CACAO group agent, as the built-ins' are). */
function RoleField({ draft, step, onChange }: StepProps) {
  const [adding, setAdding] = useState(false);
  const { values, errors, setErrors, change } = useFormState({ name: '' });

  function add(event: FormEvent) {
    event.preventDefault();
    try {
      const { template, role } = addRole(draft, values.name, `group--${crypto.randomUUID()}`);
      onChange(updateStep(template, step.id, { role: role.id }));
      setAdding(false);
      change('name', '');
    } catch (error) {
      setErrors({ name: messageOf(error) });
    }
  }

  return (
    <div className="tpl-role">
      <Field label="Role">
        {(p) => (
          <select
            {...p}
            value={step.role ?? ''}
            onChange={(e) => onChange(updateStep(draft, step.id, { role: e.target.value || null }))}
          >
            <option value="">No role</option>
            {draft.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
            {step.role && !draft.roles.some((r) => r.id === step.role) ? (
              <option value={step.role}>{roleName(draft, step.role)}</option>
            ) : null}
          </select>
        )}
      </Field>
      {adding ? (
        <form className="tpl-role__add" onSubmit={add} noValidate aria-label="New role">
          <Field label="New role’s name" required error={errors.name}>
            {(p) => (
              <input
                {...p}
                type="text"
                value={values.name}
                onChange={(e) => change('name', e.target.value)}
                autoFocus
              />
            )}
          </Field>
          <div className="actions actions--start">
            <button type="button" className="button button--small" onClick={() => setAdding(false)}>
              Cancel
            </button>
            <button type="submit" className="button button--small button--primary">
              Add role
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--small" onClick={() => setAdding(true)}>
          New role…
        </button>
      )}
    </div>
  );
}

/** The sources a step rests on: a name and a link each, kept as text (Custos opens no links). */
function SourcesFields({ draft, step, onChange }: StepProps) {
  const set = (sources: SourceRef[]) => onChange(updateStep(draft, step.id, { sources }));
  const patch = (i: number, fields: Partial<SourceRef>) =>
    set(step.sources.map((s, j) => (j === i ? dropEmptyUrl({ ...s, ...fields }) : s)));
  return (
    <fieldset className="tpl-sources-edit">
      <legend>Sources</legend>
      {step.sources.length === 0 ? <p className="muted">None.</p> : null}
      {step.sources.map((source, i) => (
        <div key={i} className="tpl-source-row" role="group" aria-label={`Source ${i + 1}`}>
          <Field label={`Source ${i + 1} name`}>
            {(p) => (
              <input {...p} type="text" value={source.name} onChange={(e) => patch(i, { name: e.target.value })} />
            )}
          </Field>
          <Field label={`Source ${i + 1} URL`}>
            {(p) => (
              <input {...p} type="text" value={source.url ?? ''} onChange={(e) => patch(i, { url: e.target.value })} />
            )}
          </Field>
          <button
            type="button"
            className="button button--small"
            onClick={() => set(step.sources.filter((_, j) => j !== i))}
          >
            Remove source {i + 1}
          </button>
        </div>
      ))}
      <button type="button" className="button button--small" onClick={() => set([...step.sources, { name: '' }])}>
        Add source
      </button>
    </fieldset>
  );
}

/** An empty URL is no URL: CACAO's url field, when present, is a link. */
function dropEmptyUrl(source: SourceRef): SourceRef {
  if (source.url !== '') return source;
  const { url: _gone, ...rest } = source;
  return rest;
}

/** The instructions, one per line; blank lines are dropped when they reach the draft. */
function InstructionsField({ draft, step, onChange }: StepProps) {
  // The text as typed: a new empty line is kept on screen while the person writes the next one.
  const [text, setText] = useState(step.instructions.join('\n'));
  return (
    <Field label="Instructions" hint="One per line, in the order they are done.">
      {(p) => (
        <textarea
          {...p}
          rows={Math.min(8, Math.max(3, step.instructions.length + 1))}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const instructions = e.target.value
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean);
            onChange(updateStep(draft, step.id, { instructions }));
          }}
        />
      )}
    </Field>
  );
}

function ActionFields({
  draft,
  step,
  onChange,
  focusName,
  onPending,
}: StepProps & { focusName: boolean; onPending: (m: string | undefined) => void }) {
  const text = (field: 'code' | 'name' | 'description') => (e: { target: { value: string } }) =>
    onChange(updateStep(draft, step.id, { [field]: e.target.value }));
  return (
    <div className="tpl-fields">
      <div className="tpl-fields__grid">
        <Field label="Code">{(p) => <input {...p} type="text" value={step.code} onChange={text('code')} />}</Field>
        <div className="span-2">
          <Field label="Name" required>
            {(p) => (
              <input
                {...p}
                type="text"
                value={step.name}
                onChange={text('name')}
                {...(focusName ? { autoFocus: true } : {})}
              />
            )}
          </Field>
        </div>
        <Field label="Phase">
          {(p) => (
            <select
              {...p}
              value={step.phase}
              onChange={(e) => onChange(updateStep(draft, step.id, { phase: e.target.value }))}
            >
              <option value="">No phase</option>
              {draft.phases.map((ph) => (
                <option key={ph.code} value={ph.code}>
                  {ph.code} {ph.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="span-2">
          <RoleField draft={draft} step={step} onChange={onChange} />
        </div>
      </div>
      <DueFields draft={draft} step={step} onChange={onChange} onPending={onPending} />
      <Field label="Description">
        {(p) => <textarea {...p} rows={2} value={step.description} onChange={text('description')} />}
      </Field>
      <InstructionsField draft={draft} step={step} onChange={onChange} />
      <SourcesFields draft={draft} step={step} onChange={onChange} />
    </div>
  );
}

/** A question: its words, and the step each answer leads to. */
function BranchFields({ draft, step, onChange }: StepProps) {
  const set = (patch: Partial<PlaybookStep>) => onChange(updateStep(draft, step.id, patch));
  return (
    <div className="tpl-fields">
      <div className="tpl-fields__grid">
        <Field label="Code">
          {(p) => <input {...p} type="text" value={step.code} onChange={(e) => set({ code: e.target.value })} />}
        </Field>
        <div className="span-2">
          <Field label="Name">
            {(p) => <input {...p} type="text" value={step.name} onChange={(e) => set({ name: e.target.value })} />}
          </Field>
        </div>
      </div>
      {step.type !== 'switch-condition' ? (
        <Field label="Question" hint="As the person deciding reads it; Custos never evaluates it.">
          {(p) => (
            <input {...p} type="text" value={step.condition} onChange={(e) => set({ condition: e.target.value })} />
          )}
        </Field>
      ) : null}
      {answersOf(step).map((a) => (
        <Field key={a.key} label={`“${a.label}” leads to`}>
          {(p) => (
            <select
              {...p}
              value={a.to ?? ''}
              onChange={(e) =>
                set(
                  a.field === 'case'
                    ? { cases: { ...step.cases, [a.key]: e.target.value } }
                    : { [a.field]: e.target.value || null },
                )
              }
            >
              {a.field === 'onFalse' ? <option value="">Go on with the step after the question</option> : null}
              <StepOptions draft={draft} />
            </select>
          )}
        </Field>
      ))}
      <Field label="Then goes on with">
        {(p) => (
          <select {...p} value={step.next ?? ''} onChange={(e) => set({ next: e.target.value || null })}>
            <option value="">Nothing: the playbook ends after the answer’s steps</option>
            <StepOptions draft={draft} />
          </select>
        )}
      </Field>
    </div>
  );
}

/** One step in the editor: its line with the buttons that change the flow, and its fields when open. */
export function StepEditorRow({
  draft,
  step,
  parallel,
  problems,
  expanded,
  justAdded,
  onToggle,
  onChange,
  onAdded,
  onRemoved,
  onPending,
}: StepProps & {
  parallel: boolean;
  /** What the last check found about this step. */
  problems: Problem[];
  expanded: boolean;
  justAdded: boolean;
  onToggle: () => void;
  onAdded: (next: PlaybookTemplate, id: string) => void;
  onRemoved: (next: PlaybookTemplate, notice: string) => void;
  /** A due time typed that is not a whole number yet (undefined: no longer), by step id. */
  onPending: (stepId: string, message: string | undefined) => void;
}) {
  const titleId = useId();
  const fieldsId = useId();
  const action = step.type === 'action';
  const due = dueText(draft, step.due);
  const role = roleName(draft, step.role);
  const chip = kindChip(step);
  const editable = action || answersOf(step).length > 0;
  const dueChanged = (message: string | undefined) => onPending(step.id, message);

  // A disabled button says why on hover; the reason is the point of disabling rather than hiding it.
  const button = (label: string, allowed: Allowed, onClick: () => void) => (
    <button
      type="button"
      className="button button--small"
      onClick={onClick}
      disabled={!allowed.ok}
      title={allowed.ok ? undefined : allowed.reason}
      aria-describedby={titleId}
    >
      {label}
    </button>
  );

  return (
    <li
      className={`tpl-step${expanded ? ' tpl-step--open' : ''}${problems.length > 0 ? ' tpl-step--problem' : ''}`}
      aria-labelledby={titleId}
    >
      <div className="tpl-step__head">
        <p className="tpl-step__title" id={titleId}>
          <span className="tpl-code">{step.code}</span> <SafeText text={step.name || '(no name)'} />
        </p>
        <div className="tpl-row-actions">
          {editable ? (
            <button
              type="button"
              className="button button--small"
              onClick={onToggle}
              aria-expanded={expanded}
              aria-controls={expanded ? fieldsId : undefined}
              aria-describedby={titleId}
            >
              {expanded ? 'Close' : 'Edit'}
            </button>
          ) : null}
          {action ? (
            <>
              {button('Move up', canMove(draft, step.id, 'up'), () => onChange(moveStep(draft, step.id, 'up')))}
              {button('Move down', canMove(draft, step.id, 'down'), () => onChange(moveStep(draft, step.id, 'down')))}
              {button('Add step after', canAddAfter(draft, step.id), () => {
                const id = `action--${crypto.randomUUID()}`;
                onAdded(addStepAfter(draft, step.id, id), id);
              })}
              {button('Remove', canRemove(draft, step.id), () => {
                const { template, cleared } = removeStep(draft, step.id);
                onRemoved(template, removalNotice(draft, step.id, cleared));
              })}
            </>
          ) : null}
        </div>
      </div>
      <div className="tpl-step__body">
        <StepMeta chip={chip} parallel={parallel} role={role} due={due} />
        {problems.length > 0 ? (
          <ul className="tpl-step__problems" aria-label="Problems with this step">
            {problems.map((p, i) => (
              <li key={i}>
                <SafeText text={`${p.field ? `${p.field}: ` : ''}${p.what}`} />
              </li>
            ))}
          </ul>
        ) : null}
        {expanded ? (
          <div id={fieldsId} className="tpl-step__fields">
            {action ? (
              <ActionFields
                draft={draft}
                step={step}
                onChange={onChange}
                focusName={justAdded}
                onPending={dueChanged}
              />
            ) : (
              <BranchFields draft={draft} step={step} onChange={onChange} />
            )}
          </div>
        ) : null}
      </div>
    </li>
  );
}
