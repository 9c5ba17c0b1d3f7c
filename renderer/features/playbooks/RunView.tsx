import { Fragment, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { RunDetail, RunStep } from '../../../shared/domain/playbook.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore } from '../../store/selectors.ts';
import { RunHeader, settledCount, workCount } from './RunHeader.tsx';
import { isDueSoon } from './relative.ts';
import { isSettled } from './stepActions.ts';
import { StepRow } from './StepRow.tsx';
import type { RowMove } from './StepRow.tsx';

type StateFilter = 'all' | 'open' | 'overdue' | 'soon' | 'in_progress' | 'blocked' | 'questions' | 'done';

/** The assignee filter's value for steps nobody has taken yet (a name is never empty). */
const UNASSIGNED = '\u0000unassigned';

function matches(step: RunStep, state: StateFilter, role: string, assignee: string, soon: boolean): boolean {
  if (role && step.role !== role) return false;
  if (assignee === UNASSIGNED ? step.assignee !== '' : assignee && step.assignee !== assignee) return false;
  if (state === 'open') return !isSettled(step);
  if (state === 'overdue') return step.overdue;
  if (state === 'soon') return soon;
  if (state === 'in_progress') return step.state === 'in_progress';
  if (state === 'blocked') return step.state === 'blocked';
  if (state === 'questions') return step.kind === 'decision' && step.state === 'pending';
  if (state === 'done') return isSettled(step);
  return true;
}

/**
 * What the keys do on a focused step, said once above the list rather than on every row: only the
 * keys this run answers to (a read-only case changes nothing; an indicator run has no done or skip).
 */
function KeysHint({ id, detail, readOnly }: { id: string; detail: RunDetail; readOnly: boolean }) {
  const marks = !readOnly && detail.template.kind === 'checklist';
  const questions = !readOnly && detail.steps.some((s) => s.kind === 'decision');
  const hints: { keys: string[]; range?: boolean; what: string; shown: boolean }[] = [
    { keys: ['↑', '↓'], what: 'move', shown: true },
    { keys: ['Enter'], what: 'details', shown: true },
    { keys: ['D'], what: 'done', shown: marks },
    { keys: ['S'], what: 'skip', shown: marks },
    { keys: ['B'], what: 'block', shown: marks },
    { keys: ['N'], what: 'not applicable', shown: !readOnly },
    { keys: ['1', '9'], range: true, what: 'answer a question', shown: questions },
    { keys: ['Esc'], what: 'close', shown: true },
  ];
  return (
    <p className="keys-hint" id={id}>
      On a step:{' '}
      {hints
        .filter((h) => h.shown)
        .map((h, i) => (
          <Fragment key={h.what}>
            {i > 0 ? ' · ' : null}
            {h.keys.map((k, j) => (
              <Fragment key={k}>
                {j > 0 ? (h.range ? '–' : ' ') : null}
                <kbd>{k}</kbd>
              </Fragment>
            ))}{' '}
            {h.what}
          </Fragment>
        ))}
    </p>
  );
}

/** Rows drawn on opening a run (more than a screen), and how many more each moment after. */
const FIRST_ROWS = 30;
const MORE_ROWS = 80;

/** A run: its header, the filters, and its steps by phase, one row at a time in the tab order. */
export function RunView({
  detail,
  readAt,
  readOnly: caseReadOnly,
}: {
  detail: RunDetail;
  readAt: number;
  readOnly: boolean;
}) {
  // A closed run is a finished record: its steps take no changes until it is reopened.
  const readOnly = caseReadOnly || detail.run.status === 'closed';
  const examiner = useAppStore((s) => s.info?.profile?.name ?? '');
  const [state, setState] = useState<StateFilter>('all');
  const [role, setRole] = useState('');
  const [assignee, setAssignee] = useState('');
  const [active, setActive] = useState<string | null>(null);
  const rows = useRef(new Map<string, HTMLLIElement>());
  const filterId = useId();
  const roles = [...new Set(detail.steps.map((s) => s.role).filter(Boolean))].sort();
  const assignees = [...new Set(detail.steps.map((s) => s.assignee).filter(Boolean))].sort();
  const names = [...new Set([examiner, ...assignees].filter(Boolean))];
  const soonIds = new Set(
    detail.steps.filter((s) => isDueSoon({ ...s, settled: isSettled(s) }, readAt)).map((s) => s.stepId),
  );
  const shown = detail.steps.filter((s) => matches(s, state, role, assignee, soonIds.has(s.stepId)));
  const shownIds = new Set(shown.map((s) => s.stepId));
  // Steps whose phase the template does not list still show, at the end, rather than vanish.
  const known = new Set(detail.template.phases.map((p) => p.code));
  const phases = [
    ...detail.template.phases,
    ...(detail.steps.some((s) => !known.has(s.phase)) ? [{ code: '', title: 'Other steps', description: '' }] : []),
  ].map((phase) => {
    const all = detail.steps.filter((s) => (phase.code ? s.phase === phase.code : !known.has(s.phase)));
    return { phase, all, rows: all.filter((s) => shownIds.has(s.stepId)) };
  });
  // The rows in the order they are on screen: the arrow keys follow it.
  const order = phases.flatMap((p) => p.rows.map((s) => s.stepId));
  const current = active !== null && order.includes(active) ? active : order[0];
  const shownOrder = order.join('\n');
  const lastOrder = useRef<string[]>([]);

  // A row worked from the keyboard can leave the list (done, under the "Open" filter): the focus
  // goes to the row that took its place rather than to nowhere, so the keys go on working.
  useEffect(() => {
    const now = shownOrder ? shownOrder.split('\n') : [];
    const before = lastOrder.current;
    lastOrder.current = now;
    if (active === null || now.includes(active) || document.activeElement !== document.body) return;
    const at = before.indexOf(active);
    const next = now[Math.min(Math.max(at, 0), now.length - 1)];
    if (at >= 0 && next) rows.current.get(next)?.focus();
  }, [shownOrder, active]);

  // Rows keep the same move and ref functions across renders (they read the latest order from a
  // ref, set after each render), so a row whose step did not change is not drawn again when
  // another step changes.
  const orderRef = useRef<string[]>([]);
  useLayoutEffect(() => {
    orderRef.current = order;
  });
  const move = useCallback((from: string, where: RowMove) => {
    const order = orderRef.current;
    const at = order.indexOf(from);
    const to =
      where === 'first'
        ? 0
        : where === 'last'
          ? order.length - 1
          : Math.min(order.length - 1, Math.max(0, at + (where === 'next' ? 1 : -1)));
    const target = order[to];
    if (target) rows.current.get(target)?.focus();
  }, []);
  const rowRef = useCallback((stepId: string, element: HTMLLIElement | null) => {
    if (element) rows.current.set(stepId, element);
    else rows.current.delete(stepId);
  }, []);

  // The first screen first: a long run (hundreds of steps) shows its first rows at once and the
  // rest a chunk at a time just after, so opening it never waits for rows nobody can see yet.
  const [limit, setLimit] = useState(FIRST_ROWS);
  useEffect(() => {
    if (limit >= shown.length) return;
    // After the next frame is painted, so the first screen shows before any more rows are drawn.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setLimit((l) => l + MORE_ROWS), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [limit, shown.length]);

  // A search hit opened a step of this run: every filter off and every row drawn so its row is
  // there, then it is marked, its details opened, brought into view and focused.
  const focus = useAppStore((s) =>
    s.searchFocus?.kind === 'step' && s.searchFocus.runId === detail.run.id ? s.searchFocus : null,
  );
  const searchFocusCleared = useAppStore((s) => s.searchFocusCleared);
  const [found, setFound] = useState<{ stepId: string; of: unknown } | null>(null);
  if (focus && found?.of !== focus) {
    setFound({ stepId: focus.stepId ?? focus.id, of: focus });
    setState('all');
    setRole('');
    setAssignee('');
    setLimit(Math.max(limit, detail.steps.length));
  }
  useEffect(() => {
    if (!focus || found?.of !== focus) return;
    const row = rows.current.get(found.stepId);
    row?.scrollIntoView({ block: 'center' });
    row?.focus({ preventScroll: true });
    searchFocusCleared();
  }, [focus, found, searchFocusCleared]);

  let budget = limit;

  return (
    <div className="card stack">
      <RunHeader detail={detail} readAt={readAt} caseReadOnly={caseReadOnly} />
      <div className="register-tools" role="group" aria-label="Filter steps">
        <label className="inline-field">
          Show{' '}
          <select value={state} onChange={(e) => setState(e.target.value as StateFilter)}>
            <option value="all">All steps</option>
            <option value="open">Open</option>
            <option value="overdue">Overdue</option>
            <option value="soon">Due within the hour</option>
            <option value="in_progress">In progress</option>
            <option value="blocked">Blocked</option>
            <option value="questions">Questions to answer</option>
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
        <label className="inline-field">
          Assignee{' '}
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">Anyone</option>
            <option value={UNASSIGNED}>Nobody yet</option>
            {assignees.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <p className="muted run-filter-count" role="status">
          {shown.length} of {detail.steps.length} steps shown
        </p>
      </div>
      <KeysHint id={`${filterId}-keys`} detail={detail} readOnly={readOnly} />
      {phases.map(({ phase, all, rows: allRows }) => {
        const phaseRows = allRows.slice(0, Math.max(0, budget));
        budget -= phaseRows.length;
        if (phaseRows.length === 0) return null;
        const headingId = `${filterId}-phase-${phase.code || 'other'}`;
        return (
          <section key={phase.code || 'other'} className="phase" aria-labelledby={headingId}>
            <div className="phase__head">
              <h4 id={headingId}>
                {phase.code ? <span className="step__code">{phase.code}</span> : null} <SafeText text={phase.title} />
              </h4>
              <span className="muted">
                {settledCount(all)} of {workCount(all)} settled
              </span>
            </div>
            <ul className="steps">
              {phaseRows.map((step) => (
                <StepRow
                  key={step.stepId}
                  step={step}
                  dueSoon={soonIds.has(step.stepId)}
                  detail={detail}
                  readOnly={readOnly}
                  names={names}
                  tabIndex={step.stepId === current ? 0 : -1}
                  rowRef={rowRef}
                  onMove={move}
                  onFocusWithin={setActive}
                  found={step.stepId === found?.stepId}
                />
              ))}
            </ul>
          </section>
        );
      })}
      {shown.length === 0 ? <p className="muted">No steps match these filters.</p> : null}
    </div>
  );
}
