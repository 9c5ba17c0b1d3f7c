import { FormError } from './FormFooter.tsx';

/**
 * A screen whose record is not read yet: its heading, then "Reading …" or why it could not be read
 * with "Try again". The Extortion and Clocks screens, which read the same record, each had this.
 */
export function ReadingSection({
  titleId,
  title,
  what,
  problem,
  onRetry,
}: {
  titleId: string;
  title: string;
  /** What is read, e.g. "the extortion record". */
  what: string;
  problem: string | null;
  onRetry: () => void;
}) {
  return (
    <section aria-labelledby={titleId} className="stack">
      <h2 id={titleId}>{title}</h2>
      {problem ? (
        <>
          <FormError message={`${what[0]!.toUpperCase()}${what.slice(1)} could not be read: ${problem}`} />
          <div className="actions actions--start">
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          </div>
        </>
      ) : (
        <p className="muted">Reading {what}…</p>
      )}
    </section>
  );
}
