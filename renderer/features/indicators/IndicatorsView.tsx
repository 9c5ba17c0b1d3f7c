/** Placeholder: the Indicators screen. */
export function IndicatorsView() {
  return <h2>Indicators</h2>;
}
