/**
 * A select over a fixed list of values, each shown by its label: the same map-to-<option> that the
 * status, result, channel, role, kind, type, confidence and TLP fields all wrote out by hand. Spread
 * the Field's control props on it; `empty` adds a first "no value" choice.
 */
export type ChoiceSelectProps<T extends string> = {
  choices: readonly T[];
  /** The words for each value, as a map or a function. */
  labels: Readonly<Partial<Record<T, string>>> | ((choice: T) => string);
  value: T | '';
  onChange: (value: T) => void;
  /** The label of a first choice with the empty value; without it there is none. */
  empty?: string;
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  required?: boolean;
  autoFocus?: boolean;
  disabled?: boolean;
};

export function ChoiceSelect<T extends string>({
  choices,
  labels,
  value,
  onChange,
  empty,
  ...control
}: ChoiceSelectProps<T>) {
  const label = (choice: T) => (typeof labels === 'function' ? labels(choice) : (labels[choice] ?? choice));
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value as T)}>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {label(choice)}
        </option>
      ))}
    </select>
  );
}
