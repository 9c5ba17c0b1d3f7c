/** Placeholder: the Notification clocks screen. */
export function ClocksView() {
  return <h2>Notification clocks</h2>;
}
