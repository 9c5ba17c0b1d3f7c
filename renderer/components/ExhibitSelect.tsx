/** An exhibit as the pickers need it; `disposed` and `originalName` where the list has them. */
export type ExhibitChoice = {
  id: string;
  exhibit: string;
  description: string;
  originalName?: string;
  disposed?: boolean;
};

/**
 * An exhibit of the case by its number and description; the value sent is the exhibit number. One
 * picker for every form that names an exhibit (extortion, clocks, indicators), which each wrote its
 * own. `hideDisposed` leaves out exhibits disposed of, unless one is the value already chosen.
 */
export function ExhibitSelect({
  control,
  value,
  onChange,
  exhibits,
  hideDisposed = false,
}: {
  control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };
  value: string;
  onChange: (exhibit: string) => void;
  exhibits: readonly ExhibitChoice[];
  hideDisposed?: boolean;
}) {
  const shown = hideDisposed ? exhibits.filter((item) => !item.disposed || item.exhibit === value) : exhibits;
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">— none —</option>
      {shown.map((item) => (
        <option key={item.id} value={item.exhibit}>
          {item.exhibit} — {(item.description || item.originalName || '(no description)').slice(0, 80)}
        </option>
      ))}
    </select>
  );
}
