import { TimeInputError, resolveTime } from '../../../shared/logic/time.ts';
import { CustosError } from '../errors.ts';

/** Times as people enter them (a local time and its zone, or an offset), checked and made UTC. */

/** A time as entered, or now when none was given (then in `zone`, or UTC). */
export function timeOrNow(
  at: string | undefined,
  zone: string | undefined,
  now: Date,
  what: string,
): { utc: string; zone: string } {
  return at ? resolveOrExplain(at, zone, what) : { utc: now.toISOString(), zone: zone || 'UTC' };
}

export function resolveOrExplain(at: string, zone: string | undefined, what: string): { utc: string; zone: string } {
  try {
    return resolveTime(at, zone);
  } catch (error) {
    if (error instanceof TimeInputError) throw new CustosError('INVALID_INPUT', `${what}: ${error.message}`);
    throw error;
  }
}
