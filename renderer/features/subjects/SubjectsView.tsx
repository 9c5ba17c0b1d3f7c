/** Placeholder: the Subjects screen. */
export function SubjectsView() {
  return <h2>Subjects</h2>;
}
