/** Placeholder: the Extortion screen. */
export function ExtortionView() {
  return <h2>Extortion</h2>;
}
