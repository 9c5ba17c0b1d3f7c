/** Placeholder: the countdowns to every deadline, shown wherever the case is open. */
export function Deadlines() {
  return null;
}
