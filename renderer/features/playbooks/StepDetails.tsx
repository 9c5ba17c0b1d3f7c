import type { RunDetail, RunStep } from '../../../shared/domain/playbook.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { SourceList } from '../../components/SourceList.tsx';

/**
 * Everything the template says about a step, shown under its row when expanded: what it is for,
 * how to do it, where that advice comes from, who does it, what must come first, and the proof
 * recorded so far. Source links are shown as text to copy: Custos opens nothing on the network.
 */
export function StepDetails({ id, step, detail }: { id: string; step: RunStep; detail: RunDetail }) {
  const template = detail.template.steps.find((s) => s.id === step.stepId);
  const nameOf = (stepId: string) => {
    const other = detail.template.steps.find((s) => s.id === stepId);
    return other?.code || other?.name || 'an earlier step';
  };
  const after = template?.after.map(nameOf) ?? [];
  const sources = template?.sources ?? [];
  const instructions = template?.instructions ?? [];

  return (
    <div className="step__details" id={id}>
      {template?.description ? (
        <p className="step__description">
          <SafeText text={template.description} />
        </p>
      ) : null}
      {step.kind === 'decision' && template?.condition && template.condition !== step.name ? (
        <p>
          <strong>Question:</strong> <SafeText text={template.condition} />
        </p>
      ) : null}
      {instructions.length > 0 ? (
        <>
          <h5>Instructions</h5>
          <ol className="step__instructions">
            {instructions.map((text, i) => (
              <li key={i}>
                <SafeText text={text} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <dl className="step__facts">
        <div>
          <dt>Role</dt>
          <dd>{step.role ? <SafeText text={step.role} /> : <span className="muted">None named</span>}</dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>{step.assignee ? <SafeText text={step.assignee} /> : <span className="muted">Nobody yet</span>}</dd>
        </div>
        <div>
          <dt>After</dt>
          <dd>{after.length > 0 ? after.join(', ') : <span className="muted">No named prerequisites</span>}</dd>
        </div>
        {step.kind === 'decision' ? (
          <div>
            <dt>Answers</dt>
            <dd>{step.options.map((o) => `${o.label} → ${o.leadsTo}`).join(' · ')}</dd>
          </div>
        ) : (
          <div>
            <dt>Proof</dt>
            <dd>
              {step.proof.length > 0 ? (
                step.proof.map((p) => (
                  <span key={p.id} className="chip">
                    <SafeText text={p.label} />
                  </span>
                ))
              ) : (
                <span className="muted">None attached</span>
              )}
            </dd>
          </div>
        )}
      </dl>
      {sources.length > 0 ? (
        <>
          <h5>Sources</h5>
          <SourceList sources={sources} className="step__sources" />
        </>
      ) : null}
    </div>
  );
}
