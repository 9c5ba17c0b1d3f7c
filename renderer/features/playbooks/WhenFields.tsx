import { Field } from '../../components/Field.tsx';
import { ZoneInput } from '../../components/ZoneInput.tsx';
import { utcPreview, zonedTimeError } from '../../lib/formErrors.ts';

/** A time as a person reads it off a clock, and the zone of that clock. */
export type WhenValues = { at: string; zone: string };

/** Why the time cannot be read (missing, no such zone, a gap in that zone), or undefined. */
export function whenError(values: WhenValues, missing: string): string | undefined {
  if (!values.at) return missing;
  return zonedTimeError(values.at, values.zone);
}

/**
 * "When" and "Time zone of that clock" side by side, with the time in UTC under it as it is typed:
 * the same pair in every form that records when something happened on the Playbooks screen.
 */
export function WhenFields({
  label,
  values,
  error,
  zoneError,
  onAt,
  onZone,
  hint,
  autoFocus = false,
}: {
  label: string;
  values: WhenValues;
  error?: string | undefined;
  zoneError?: string | undefined;
  onAt: (at: string) => void;
  onZone: (zone: string) => void;
  /** Shown until the typed time reads, then replaced by its UTC preview. */
  hint: string;
  /** Opened from a row's button or key: the person types the time next. */
  autoFocus?: boolean;
}) {
  const preview = utcPreview(values.at, values.zone);
  return (
    <>
      <Field label={label} required error={error} hint={preview || hint}>
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            value={values.at}
            onChange={(e) => onAt(e.target.value)}
            {...(autoFocus ? { autoFocus: true } : {})}
          />
        )}
      </Field>
      <Field label="Time zone of that clock" required error={zoneError}>
        {(p) => <ZoneInput {...p} value={values.zone} onChange={onZone} />}
      </Field>
    </>
  );
}
