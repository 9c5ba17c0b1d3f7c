import { useState } from 'react';
import type { ExportedFile, RunDetail, RunStep } from '../../../shared/domain/playbook.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { messageOf } from '../../lib/api.ts';
import { useAppStore } from '../../store/selectors.ts';
import { ExportButton, ExportResult } from './ExportRun.tsx';
import { isDueSoon, minutesFrom, relativeToAnchor } from './relative.ts';
import { isSettled } from './stepActions.ts';

/** Questions decide which steps apply; they are not work, so progress counts only the steps to do. */
export const isWork = (step: RunStep) => step.kind === 'action';
export const settledCount = (steps: RunStep[]) => steps.filter((s) => isWork(s) && isSettled(s)).length;
export const workCount = (steps: RunStep[]) => steps.filter(isWork).length;

/**
 * Close the run when its work is over, or open it again. Steps still open stay as they are; the
 * question says how many, so nobody closes a run thinking it was finished.
 */
function CloseRunButton({ closed, open }: { closed: boolean; open: number }) {
  const playbookRunClosed = useAppStore((s) => s.playbookRunClosed);
  const toastShown = useAppStore((s) => s.toastShown);
  const [asking, setAsking] = useState(false);
  const act = (reopen: boolean) =>
    void playbookRunClosed(reopen).then(
      () => setAsking(false),
      (error: unknown) => toastShown({ kind: 'error', text: messageOf(error) }),
    );
  if (closed) {
    return (
      <button type="button" className="button" onClick={() => act(true)}>
        Reopen run
      </button>
    );
  }
  if (!asking) {
    return (
      <button type="button" className="button" onClick={() => setAsking(true)}>
        Close run…
      </button>
    );
  }
  return (
    <div className="run-close" role="group" aria-label="Close the run">
      <span>{open > 0 ? `${open} steps are still open and will stay as they are.` : 'Every step is settled.'}</span>{' '}
      <button type="button" className="button button--primary" onClick={() => act(false)}>
        Close run
      </button>{' '}
      <button type="button" className="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}

/** Title, template, T0 both ways, where "now" is against T0, and how far the run has got. */
export function RunHeader({
  detail,
  readAt,
  caseReadOnly,
}: {
  detail: RunDetail;
  readAt: number;
  caseReadOnly: boolean;
}) {
  const { run, template, steps } = detail;
  const label = template.anchor.label;
  const settled = settledCount(steps);
  const work = workCount(steps);
  const overdue = steps.filter((s) => s.overdue).length;
  const soon = steps.filter((s) => isDueSoon({ ...s, settled: isSettled(s) }, readAt)).length;
  const questions = steps.filter((s) => s.kind === 'decision' && s.state === 'pending').length;
  const fixed = run.anchorZone.startsWith('+') || run.anchorZone.startsWith('-') || run.anchorZone === 'UTC';
  const [exported, setExported] = useState<ExportedFile | null>(null);
  return (
    <div className="run-head">
      <div className="section-head">
        <div>
          <h3>
            <SafeText text={run.title} />
          </h3>
          <p className="muted">
            <SafeText text={template.name} /> · started by {run.startedBy}
            {run.status === 'closed' ? (
              <>
                {' '}
                · <span className="badge">Closed</span>
              </>
            ) : null}
          </p>
        </div>
        <div className="run-head__actions">
          {caseReadOnly ? null : <CloseRunButton closed={run.status === 'closed'} open={work - settled} />}
          <ExportButton onExported={setExported} />
        </div>
      </div>
      {exported ? <ExportResult file={exported} /> : null}
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
            <progress className="run-progress" value={settled} max={work || 1} aria-label="Steps settled" />
            <span className={overdue > 0 ? 'run-overdue' : undefined}>
              {settled} of {work} settled, {overdue} overdue{soon > 0 ? `, ${soon} due within the hour` : ''}
            </span>
            {questions > 0 ? (
              <span className="muted">
                {' '}
                · {questions} {questions === 1 ? 'question' : 'questions'} to answer
              </span>
            ) : null}
          </dd>
        </div>
      </dl>
    </div>
  );
}
