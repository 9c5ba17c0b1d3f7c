import type { ClockStatus, ClockView } from '../../../shared/domain/clock.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore } from '../../store/selectors.ts';
import { elementIdOf } from '../../store/extortion.ts';
import { ClockStatusBadge, Countdown, WallTime } from './bits.tsx';
import { LIVE_STATUSES, demandIsLive, demandTitle, liveStatus, shortClockName, useNow } from './countdown.ts';
import './clocks.css';

/** What needs someone first: overdue, then due soon, then late reports, then the rest. */
const ORDER: ClockStatus[] = [
  'overdue',
  'due-soon',
  'submitted-late',
  'running',
  'not-started',
  'no-fixed-time',
  'submitted',
  'off',
];

function byUrgency(now: number) {
  return (a: ClockView, b: ClockView) =>
    ORDER.indexOf(liveStatus(a, now)) - ORDER.indexOf(liveStatus(b, now)) ||
    Date.parse(a.dueAt ?? '9999-12-31') - Date.parse(b.dueAt ?? '9999-12-31');
}

/**
 * The overview's panel of deadlines: the notification clocks switched on for the case with their
 * status (overdue, due soon and late reports first), and the open demands' deadlines.
 */
export function OverviewClocks() {
  const record = useAppStore((s) => s.extortion);
  const clocks = useAppStore((s) => s.clocks);
  const problem = useAppStore((s) => s.extortionProblem);
  const deadlineOpened = useAppStore((s) => s.deadlineOpened);
  const sectionChosen = useAppStore((s) => s.sectionChosen);
  const now = useNow();

  const applied = (clocks?.clocks ?? []).filter((c) => c.applies).sort(byUrgency(now));
  const demands = (record?.demands ?? []).filter(demandIsLive);
  return (
    <section className="card stack overview-clocks" aria-labelledby="overview-clocks-title">
      <div className="section-head">
        <h3 id="overview-clocks-title">Notification clocks</h3>
        <button type="button" className="button button--small" onClick={() => sectionChosen('clocks')}>
          All notification rules
        </button>
      </div>
      {clocks === null ? (
        <p className="muted">{problem ? `The clocks could not be read: ${problem}` : 'Reading the clocks…'}</p>
      ) : applied.length === 0 ? (
        <p className="muted">
          No notification clock is switched on for this case. Choose the rules that apply (GDPR, NIS2, DORA, SEC…) under
          Notification clocks.
        </p>
      ) : (
        <table className="overview-clocks__table">
          <caption className="visually-hidden">The notification clocks that apply to this case</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Status</th>
              <th scope="col">Due ({clocks.zone} and UTC)</th>
              <th scope="col">Time left</th>
            </tr>
          </thead>
          <tbody>
            {applied.map((c) => {
              const status = liveStatus(c, now);
              return (
                <tr key={c.rule.id} className={`overview-clocks__row--${status}`}>
                  <th scope="row">
                    <button
                      type="button"
                      className="ext-link"
                      onClick={() => deadlineOpened('clocks', elementIdOf('clock', c.rule.id))}
                    >
                      {shortClockName(c)}
                    </button>
                  </th>
                  <td>
                    <ClockStatusBadge status={status} />
                  </td>
                  <td>
                    {c.dueAt ? (
                      <WallTime utc={c.dueAt} zone={clocks.zone} />
                    ) : (
                      <span className="muted">
                        {status === 'no-fixed-time' ? 'Without undue delay' : 'Not started yet'}
                      </span>
                    )}
                  </td>
                  <td>
                    {c.dueAt && LIVE_STATUSES.includes(status) ? (
                      <Countdown dueAt={c.dueAt} now={now} />
                    ) : status === 'submitted' || status === 'submitted-late' ? (
                      <span className="muted">
                        {status === 'submitted' ? 'Submitted on time' : 'Submitted after the deadline'}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {record && record.demands.length > 0 ? (
        <div>
          <h4>Demand deadlines</h4>
          {demands.length === 0 ? (
            <p className="muted">No open demand has a deadline.</p>
          ) : (
            <ul className="overview-demands">
              {demands.map((d) => (
                <li key={d.id}>
                  <button
                    type="button"
                    className="ext-link"
                    onClick={() => deadlineOpened('extortion', elementIdOf('demand', d.id))}
                  >
                    <SafeText text={`Demand ${demandTitle(d)}`} />
                  </button>
                  <WallTime utc={d.deadlineAt} zone={d.deadlineZone ?? clocks?.zone ?? 'UTC'} />
                  <Countdown dueAt={d.deadlineAt} now={now} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}
