import { formatZoned } from '../../shared/logic/time.ts';

/** One instant three ways: the examiner's zone, UTC, and the zone it was entered in. */
export function ZonedTime({
  utc,
  enteredZone,
  examinerZone,
}: {
  utc: string;
  enteredZone?: string | null;
  examinerZone: string;
}) {
  return (
    <span className="zoned">
      <span className="zoned__main">{formatZoned(utc, examinerZone)}</span>
      <span className="zoned__sub">{formatZoned(utc, 'UTC')}</span>
      {enteredZone && enteredZone !== examinerZone && enteredZone !== 'UTC' ? (
        <span className="zoned__sub">
          entered {formatZoned(utc, enteredZone)}{' '}
          {enteredZone.startsWith('+') || enteredZone.startsWith('-') ? '' : enteredZone}
        </span>
      ) : null}
    </span>
  );
}
