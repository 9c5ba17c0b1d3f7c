import { useId, useState } from 'react';
import type { PlaybookStep, PlaybookTemplate, TemplateDetail } from '../../../shared/domain/playbook.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { SourceList } from '../../components/SourceList.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { answersOf, dueText, stepShort } from './describeTemplate.ts';
import { PhasedSteps } from './PhasedSteps.tsx';
import { DuplicateForm } from './DuplicateForm.tsx';
import { stepLabel } from './editTemplate.ts';
import { ExportedLine, OriginBadge, StepMeta, kindChip, kindLabel, roleName } from './TemplateBits.tsx';

/**
 * Where an answer leads: "D4a “Examine the returned laptop”". An answer that names no step goes on
 * with the step after the question (CACAO's on_completion), or ends the playbook if there is none.
 */
function leadsTo(template: PlaybookTemplate, to: string | null, next: string | null): string {
  if (to) return stepLabel(template, to);
  return next ? `${stepLabel(template, next)} (goes on)` : 'the end';
}

/** A question's answers and where each leads, then where the flow goes on. */
function BranchLines({ template, step }: { template: PlaybookTemplate; step: PlaybookStep }) {
  return (
    <>
      {step.condition && step.condition !== step.name ? (
        <p className="tpl-step__line">
          <strong>Question:</strong> <SafeText text={step.condition} />
        </p>
      ) : null}
      <ul className="tpl-answers">
        {answersOf(step).map((a) => (
          <li key={a.key}>
            <strong>
              <SafeText text={a.label} />
            </strong>{' '}
            → <SafeText text={leadsTo(template, a.to, step.next)} />
          </li>
        ))}
        {step.next ? (
          <li>
            <strong>Then</strong> → <SafeText text={stepLabel(template, step.next)} />
          </li>
        ) : null}
      </ul>
    </>
  );
}

/** One step as the playbook has it: who, when, what to do, on what authority, and where it leads. */
function StepView({ template, step, parallel }: { template: PlaybookTemplate; step: PlaybookStep; parallel: boolean }) {
  const titleId = useId();
  const due = dueText(template, step.due);
  const role = roleName(template, step.role);
  const chip = kindChip(step);
  const decision = step.type !== 'action' && step.type !== 'playbook-action';
  return (
    <li className="tpl-step" aria-labelledby={titleId}>
      <p className="tpl-step__title" id={titleId}>
        <span className="tpl-code">{step.code}</span> <SafeText text={step.name || '(no name)'} />
      </p>
      <div className="tpl-step__body">
        <StepMeta chip={chip} parallel={parallel} role={role} due={due}>
          {step.after.length > 0 ? (
            <span>Only after {step.after.map((id) => stepShort(template, id)).join(', ')}</span>
          ) : null}
        </StepMeta>
        {step.description ? (
          <p className="tpl-step__line">
            <SafeText text={step.description} />
          </p>
        ) : null}
        {step.instructions.length > 0 ? (
          <ol className="tpl-instructions">
            {step.instructions.map((text, i) => (
              <li key={i}>
                <SafeText text={text} />
              </li>
            ))}
          </ol>
        ) : null}
        {decision ? <BranchLines template={template} step={step} /> : null}
        {step.type === 'playbook-action' ? (
          <p className="tpl-step__line">
            Runs the playbook <SafeText text={step.playbookId} />
          </p>
        ) : null}
        {step.sources.length > 0 ? <SourceList sources={step.sources} className="tpl-sources" /> : null}
      </div>
    </li>
  );
}

/** A template read in full: what it is, its roles, and every step by phase. */
export function TemplateDetailView({ detail }: { detail: TemplateDetail }) {
  const { template, origin } = detail;
  const zone = useExaminerZone();
  const library = useAppStore((s) => s.templateLibrary);
  const saved = useAppStore((s) => s.templateSaved);
  const exported = useAppStore((s) => s.templateExport);
  const templateClosed = useAppStore((s) => s.templateClosed);
  const templateEditStarted = useAppStore((s) => s.templateEditStarted);
  const templateExportRequested = useAppStore((s) => s.templateExportRequested);
  const [duplicating, setDuplicating] = useState(false);
  const madeFrom = template.derivedFrom.map((id) => library.find((t) => t.id === id)?.name ?? id);

  return (
    <article className="card stack" aria-labelledby="template-title">
      <div>
        <button type="button" className="button button--ghost tpl-back" onClick={templateClosed}>
          ← All templates
        </button>
      </div>
      {saved?.id === template.id ? (
        <p className="tpl-saved" role="status">
          Saved as a new version: {formatZoned(saved.version, zone)}. Runs already started keep the version they started
          with.
        </p>
      ) : null}
      <div className="tpl-head">
        <div>
          <h3 id="template-title">
            <SafeText text={template.name} />
          </h3>
          <p className="muted">
            <OriginBadge origin={origin} /> {kindLabel(template.kind)} · version {formatZoned(template.modified, zone)}
          </p>
        </div>
        <div className="tpl-row-actions">
          {origin === 'imported' ? (
            <button type="button" className="button" onClick={() => void templateEditStarted(template.id)}>
              Edit
            </button>
          ) : (
            <span className="muted tpl-readonly">read-only — duplicate to change</span>
          )}
          <button
            type="button"
            className="button"
            onClick={() => setDuplicating((v) => !v)}
            aria-expanded={duplicating}
          >
            Duplicate…
          </button>
          <button type="button" className="button" onClick={() => void templateExportRequested(template)}>
            Export as CACAO…
          </button>
        </div>
      </div>
      {duplicating ? <DuplicateForm template={template} onDone={() => setDuplicating(false)} /> : null}
      {exported?.id === template.id ? <ExportedLine exported={exported} /> : null}
      {template.description ? (
        <p>
          <SafeText text={template.description} />
        </p>
      ) : null}
      <dl className="facts tpl-facts">
        <div>
          <dt>Anchor</dt>
          <dd>
            <strong>{template.anchor.label}</strong>
            {template.anchor.description ? (
              <>
                {': '}
                <SafeText text={template.anchor.description} />
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Roles</dt>
          <dd>
            {template.roles.length > 0 ? (
              <SafeText text={template.roles.map((r) => r.name).join(', ')} />
            ) : (
              <span className="muted">none named</span>
            )}
          </dd>
        </div>
        {madeFrom.length > 0 ? (
          <div>
            <dt>Made from</dt>
            <dd>
              <SafeText text={madeFrom.join(', ')} />
            </dd>
          </div>
        ) : null}
      </dl>
      <PhasedSteps
        template={template}
        renderStep={(step, parallel) => <StepView template={template} step={step} parallel={parallel} />}
      />
    </article>
  );
}
