import { formatBytes } from '../../shared/logic/units.ts';
import { formatDuration } from '../lib/format.ts';
import { Bytes } from './Bytes.tsx';

/**
 * Below this much time a rate says more about start-up (opening files, the first buffer) than about
 * the disk, and the time left computed from it swings wildly: "Measuring speed…" until then.
 */
const MEASURE_SECONDS = 0.5;

/** The line under the bar: what is known so far, never "0 B/s · — left". Sizes show exact bytes on hover. */
function ProgressLine({ bytes, total, elapsed }: { bytes: number; total: number; elapsed: number }) {
  if (total <= 0 || (bytes <= 0 && elapsed < MEASURE_SECONDS)) return <>Starting…</>;
  const done = (
    <>
      <Bytes bytes={bytes} /> of <Bytes bytes={total} />
    </>
  );
  if (bytes >= total) return <>{done} · finishing…</>;
  if (bytes <= 0 || elapsed < MEASURE_SECONDS) return <>{done} · measuring speed…</>;
  const rate = bytes / elapsed;
  return (
    <>
      {done} · {formatBytes(rate)}/s · {formatDuration((total - bytes) / rate)} left
    </>
  );
}

/** A running long task: what it is doing, a bar, bytes, rate and time left, and Cancel. */
export function ProgressPanel({
  title,
  detail,
  bytes,
  total,
  elapsed,
  label,
  onCancel,
}: {
  title: string;
  detail: string;
  bytes: number;
  total: number;
  /** Seconds since the bytes counted here began. */
  elapsed: number;
  label: string;
  onCancel: () => void;
}) {
  const fraction = total > 0 ? Math.min(1, bytes / total) : 0;
  return (
    <div className="progress-panel" role="status" aria-live="polite">
      <p>
        <strong>{title}</strong> {detail}
      </p>
      {/* Without a value the bar is indeterminate: nothing has been counted yet. */}
      {total > 0 ? <progress max={1} value={fraction} aria-label={label} /> : <progress aria-label={label} />}
      <p className="muted">
        <ProgressLine bytes={bytes} total={total} elapsed={elapsed} />
      </p>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
