import { formatBytes, formatDuration } from '../lib/format.ts';

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
  const fraction = total > 0 ? bytes / total : 0;
  const rate = elapsed > 0 ? bytes / elapsed : 0;
  const left = rate > 0 ? (total - bytes) / rate : Number.NaN;
  return (
    <div className="progress-panel" role="status" aria-live="polite">
      <p>
        <strong>{title}</strong> {detail}
      </p>
      <progress max={1} value={fraction} aria-label={label} />
      <p className="muted">
        {formatBytes(bytes)} of {formatBytes(total)} · {formatBytes(rate)}/s · {formatDuration(left)} left
      </p>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
