/** Placeholder: the case-wide search (Ctrl+K). */
export function SearchPalette() {
  return null;
}
