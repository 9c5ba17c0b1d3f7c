import { useEffect } from 'react';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore } from '../../store/selectors.ts';
import { awareKeyOf } from '../../store/extortion.ts';
import { countdownText, liveDeadlines, urgencyOf, useNow } from '../clocks/countdown.ts';
import '../clocks/clocks.css';

/** How many deadlines the header names; the rest are one click away. */
const SHOWN = 4;

/**
 * The next deadlines wherever the case is open: open demands and the notification clocks still
 * running, each counting down and coloured by urgency; a click opens it in its section. The record
 * and the clocks are read once per case (and again after a write on their screens, or when the
 * case's awareness time moves); the countdown itself only ticks here.
 */
export function Deadlines() {
  const record = useAppStore((s) => s.extortion);
  const clocks = useAppStore((s) => s.clocks);
  const loading = useAppStore((s) => s.extortionLoading);
  const problem = useAppStore((s) => s.extortionProblem);
  const extortionRequested = useAppStore((s) => s.extortionRequested);
  const clocksRequested = useAppStore((s) => s.clocksRequested);
  const clocksAwareKey = useAppStore((s) => s.clocksAwareKey);
  const awareKey = useAppStore(awareKeyOf);
  const deadlineOpened = useAppStore((s) => s.deadlineOpened);
  const sectionChosen = useAppStore((s) => s.sectionChosen);
  const now = useNow();

  useEffect(() => {
    if ((record === null || clocks === null) && !loading && problem === null) void extortionRequested();
  }, [record, clocks, loading, problem, extortionRequested]);
  // The awareness time was set or moved on the Overview: the clocks counting from it move too.
  useEffect(() => {
    if (clocks !== null && awareKey !== null && clocksAwareKey !== awareKey) void clocksRequested();
  }, [clocks, awareKey, clocksAwareKey, clocksRequested]);

  const deadlines = liveDeadlines(record?.demands ?? null, clocks?.clocks ?? null, now);
  if (deadlines.length === 0) return null;
  const more = deadlines.length - SHOWN;
  return (
    <div className="case-deadlines">
      <span className="case-deadlines__label" id="deadlines-label">
        Deadlines
      </span>
      <ul className="case-deadlines__list" aria-labelledby="deadlines-label">
        {deadlines.slice(0, SHOWN).map((d) => (
          <li key={d.key}>
            <button
              type="button"
              className={`case-deadline case-deadline--${urgencyOf(d.dueAt, now)}`}
              onClick={() => deadlineOpened(d.section, d.elementId)}
            >
              <span className="case-deadline__what">
                <SafeText text={d.label} />
              </span>
              <span className="case-deadline__left">{countdownText(d.dueAt, now)}</span>
            </button>
          </li>
        ))}
      </ul>
      {more > 0 ? (
        <button type="button" className="ext-link case-deadlines__more" onClick={() => sectionChosen('clocks')}>
          {more} more…
        </button>
      ) : null}
    </div>
  );
}
