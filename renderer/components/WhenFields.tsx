import { DateTimeInput, TIME_FORM_HINT } from './DateTimeInput.tsx';
import { Field } from './Field.tsx';
import { ZoneInput } from './ZoneInput.tsx';
import { utcPreview, zonedTimeError } from '../lib/formErrors.ts';

/** A time as a person reads it off a clock, and the zone of that clock. */
export type WhenValues = { at: string; zone: string };

/** Why the time cannot be read (missing, no such zone, a gap in that zone), or undefined. */
export function whenError(values: WhenValues, missing: string): string | undefined {
  if (!values.at) return missing;
  return zonedTimeError(values.at, values.zone);
}

/**
 * "When" and "Time zone of that clock" side by side, with the time in UTC under it as it is typed:
 * the same pair in every form that records when something happened (playbooks, extortion, clocks),
 * shared so that they all read and check a time alike. `optional` for a time that may stay empty.
 */
export function WhenFields({
  label,
  zoneLabel = 'Time zone of that clock',
  values,
  error,
  zoneError,
  onAt,
  onZone,
  hint,
  optional = false,
  autoFocus = false,
}: {
  label: string;
  zoneLabel?: string;
  values: WhenValues;
  error?: string | undefined;
  zoneError?: string | undefined;
  onAt: (at: string) => void;
  onZone: (zone: string) => void;
  /** Shown until the typed time reads, then replaced by its UTC preview. */
  hint: string;
  /** The time may be left empty: neither field is marked required. */
  optional?: boolean;
  /** Opened from a row's button or key: the person types the time next. */
  autoFocus?: boolean;
}) {
  const preview = utcPreview(values.at, values.zone);
  return (
    <>
      <Field label={label} required={!optional} error={error} hint={preview || `${hint}. ${TIME_FORM_HINT}`}>
        {(p) => <DateTimeInput {...p} value={values.at} onChange={onAt} autoFocus={autoFocus} />}
      </Field>
      <Field label={zoneLabel} required={!optional} error={zoneError}>
        {(p) => <ZoneInput {...p} value={values.zone} onChange={onZone} />}
      </Field>
    </>
  );
}
