import { useEffect, useId, useState } from 'react';
import type { PlaybookTemplate, TemplateDetail } from '../../../shared/domain/playbook.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { describeProblem, localProblems } from './describeTemplate.ts';
import { PhasedSteps } from './PhasedSteps.tsx';
import { stepLabel, updateTemplate } from './editTemplate.ts';
import { StepEditorRow } from './StepEditor.tsx';

/** How long typing may pause before the draft is checked: a check per keystroke would queue behind itself. */
const CHECK_DELAY_MS = 400;

/** What playbook:check (and the editor) found in the draft, each where it is in words, and its path. */
function ProblemList({
  check,
  current,
  pending,
}: {
  check: { draft: PlaybookTemplate; problems: string[] } | null;
  current: boolean;
  pending: string[];
}) {
  const problems = check?.problems ?? [];
  const count = problems.length + pending.length;
  const headline = !current
    ? 'Checking the draft…'
    : count === 0
      ? 'No problems: the draft is valid CACAO 2.0 and its workflow holds together.'
      : `${count} ${count === 1 ? 'problem' : 'problems'} to fix before saving:`;
  return (
    <div
      className={`tpl-problems${current && count > 0 ? ' tpl-problems--bad' : current ? ' tpl-problems--ok' : ''}`}
      role="status"
      aria-label="Problems"
    >
      <p className="tpl-problems__headline">{headline}</p>
      {count > 0 ? (
        <ul className="tpl-problems__list">
          {pending.map((text) => (
            <li key={text}>
              <SafeText text={text} />
            </li>
          ))}
          {problems.map((raw, i) => {
            const p = describeProblem(check!.draft, raw);
            return (
              <li key={i}>
                <strong>
                  <SafeText text={p.where} />
                </strong>
                : <SafeText text={p.what} />
                {p.path ? (
                  <>
                    {' '}
                    <code className="tpl-problems__path">
                      <SafeText text={p.path} />
                    </code>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

/** Asked before unsaved changes are thrown away: they are kept until the person says otherwise. */
function ConfirmDiscard({ name, onKeep, onDiscard }: { name: string; onKeep: () => void; onDiscard: () => void }) {
  const textId = useId();
  return (
    <div className="tpl-confirm" role="group" aria-label="Unsaved changes" aria-describedby={textId}>
      <p id={textId} role="alert">
        You have unsaved changes to “<SafeText text={name} />
        ”. Leaving discards them.
      </p>
      <div className="actions actions--start">
        <button type="button" className="button" onClick={onKeep} autoFocus>
          Keep editing
        </button>
        <button type="button" className="button button--danger" onClick={onDiscard}>
          Discard changes
        </button>
      </div>
    </div>
  );
}

/**
 * The editor of an imported template. Every change goes into the draft at once and the draft is
 * checked after a short pause; Save is on only while the last check found nothing. The draft stays
 * in the store, so going to another section and back finds it as it was.
 */
export function TemplateEditor({ draft, original }: { draft: PlaybookTemplate; original: TemplateDetail }) {
  const zone = useExaminerZone();
  const dirty = useAppStore((s) => s.templateDraftDirty);
  const check = useAppStore((s) => s.templateCheck);
  const templateDraftChanged = useAppStore((s) => s.templateDraftChanged);
  const templateDraftChecked = useAppStore((s) => s.templateDraftChecked);
  const templateDraftDiscarded = useAppStore((s) => s.templateDraftDiscarded);
  const templateDraftSaved = useAppStore((s) => s.templateDraftSaved);
  const [open, setOpen] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  // Values typed that cannot go into the draft yet (a due time that is not a number), by step id.
  const [pending, setPending] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const { busy, run } = useSubmit(setError);

  const checked = check?.draft;
  useEffect(() => {
    // Coming back to a draft already checked (from another section) needs no second check.
    if (checked === draft) return;
    const timer = setTimeout(() => void templateDraftChecked(draft, localProblems(draft)), CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, checked, templateDraftChecked]);

  const found = check?.draft === draft ? check.problems : null;
  const current = found !== null;
  // Each problem is also shown on the steps it is about, where the person is working.
  const problems = (found ?? []).map((p) => describeProblem(draft, p));
  const clean = found !== null && found.length === 0 && Object.keys(pending).length === 0;
  const saveHint = !dirty
    ? 'No changes yet.'
    : !current
      ? 'Checking…'
      : clean
        ? 'Saving makes a new version; runs already started keep the version they started with.'
        : 'Fix the problems to save.';

  const change = (next: PlaybookTemplate) => {
    setNotice(null);
    templateDraftChanged(next);
  };
  const leave = () => (dirty ? setAsking(true) : templateDraftDiscarded());
  const pendingChanged = (id: string, message: string | undefined) =>
    setPending(({ [id]: _gone, ...rest }) => (message ? { ...rest, [id]: message } : rest));

  return (
    <article className="card stack" aria-labelledby="template-edit-title">
      <div className="tpl-head">
        <div>
          <h3 id="template-edit-title">
            Editing “<SafeText text={draft.name} />”
          </h3>
          <p className="muted">
            Editing version {formatZoned(original.template.modified, zone)}
            {dirty ? ' · unsaved changes' : ''}. Unsaved changes are kept while you look at other sections, until you
            save or discard them.
          </p>
        </div>
        <div className="tpl-row-actions tpl-head__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={!dirty || !clean || busy}
            onClick={() => void run(templateDraftSaved)}
          >
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button" onClick={leave}>
            {dirty ? 'Discard changes…' : 'Close editor'}
          </button>
        </div>
      </div>
      <p className="muted tpl-save-hint">{saveHint}</p>
      <FormError message={error} />
      {asking ? (
        <ConfirmDiscard name={draft.name} onKeep={() => setAsking(false)} onDiscard={templateDraftDiscarded} />
      ) : null}
      <ProblemList
        check={check}
        current={current}
        pending={Object.entries(pending).map(([id, message]) => `Step ${stepLabel(draft, id)}, due time: ${message}`)}
      />
      <div className="form-grid">
        <Field label="Template name" required>
          {(p) => (
            <input
              {...p}
              type="text"
              value={draft.name}
              onChange={(e) => change(updateTemplate(draft, { name: e.target.value }))}
            />
          )}
        </Field>
        <div className="span-2">
          <Field label="Template description">
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={draft.description}
                onChange={(e) => change(updateTemplate(draft, { description: e.target.value }))}
              />
            )}
          </Field>
        </div>
      </div>
      {notice ? (
        <p className="tpl-notice" role="status">
          <SafeText text={notice} />
        </p>
      ) : null}
      <PhasedSteps
        template={draft}
        renderStep={(step, parallel) => (
          <StepEditorRow
            draft={draft}
            step={step}
            parallel={parallel}
            problems={problems.filter((p) => p.steps.includes(step.id))}
            expanded={open === step.id}
            justAdded={added === step.id}
            onToggle={() => setOpen((o) => (o === step.id ? null : step.id))}
            onChange={change}
            onAdded={(next, id) => {
              change(next);
              setOpen(id);
              setAdded(id);
            }}
            onRemoved={(next, message) => {
              change(next);
              setNotice(message);
            }}
            onPending={pendingChanged}
          />
        )}
      />
    </article>
  );
}
