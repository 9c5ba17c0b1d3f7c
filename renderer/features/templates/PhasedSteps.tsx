import { Fragment, useId } from 'react';
import type { ReactNode } from 'react';
import type { PlaybookStep, PlaybookTemplate } from '../../../shared/domain/playbook.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { parallelGroups, parallelNote, stepsByPhase } from './describeTemplate.ts';

/**
 * The steps of a template by phase, in workflow order, each parallel group said once where its
 * first step is listed; `renderStep` draws a step (the view's full text, or the editor's row).
 */
export function PhasedSteps({
  template,
  renderStep,
}: {
  template: PlaybookTemplate;
  renderStep: (step: PlaybookStep, parallel: boolean) => ReactNode;
}) {
  const groups = parallelGroups(template);
  const prefix = useId();
  return (
    <>
      {stepsByPhase(template).map((phase) => {
        const headingId = `${prefix}-${phase.code || 'other'}`;
        const announced = new Set<string>();
        return (
          <section key={phase.code || 'other'} className="tpl-phase" aria-labelledby={headingId}>
            <div className="tpl-phase__head">
              <h4 id={headingId}>
                {phase.code ? <span className="tpl-code">{phase.code}</span> : null} <SafeText text={phase.title} />
              </h4>
            </div>
            {phase.description ? (
              <p className="muted tpl-phase__description">
                <SafeText text={phase.description} />
              </p>
            ) : null}
            <ul className="tpl-steps">
              {phase.steps.map((step) => {
                const group = groups.get(step.id);
                const first = group !== undefined && !announced.has(group.id);
                if (group) announced.add(group.id);
                return (
                  <Fragment key={step.id}>
                    {first ? <li className="tpl-parallel-note">{parallelNote(template, group, groups)}</li> : null}
                    {renderStep(step, group !== undefined)}
                  </Fragment>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}
