import { useState } from 'react';
import type { ReactNode } from 'react';
import { formatZoned } from '../../../shared/logic/time.ts';
import type { ReportJob } from '../../store/reports.ts';
import { useAppStore } from '../../store/selectors.ts';

/**
 * A SHA-256 shortened to its first 16 digits: the rest is cut from view but a click selects all 64
 * (and copying takes them all), the full value shows on hover, and Copy puts it on the clipboard.
 */
export function ShortHash({ sha256, label }: { sha256: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="rep-hash">
      <code className="rep-hash__short" title={sha256}>
        {sha256}
      </code>
      <CopyButton text={sha256} label={`Copy the ${label}`} copied={copied} onCopied={setCopied} />
    </span>
  );
}

/** A full SHA-256, wrapped, with a Copy button. */
export function FullHash({ sha256, label }: { sha256: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="rep-hash rep-hash--full">
      <code className="rep-hash__full">{sha256}</code>
      <CopyButton text={sha256} label={`Copy the ${label}`} copied={copied} onCopied={setCopied} />
    </span>
  );
}

function CopyButton({
  text,
  label,
  copied,
  onCopied,
}: {
  text: string;
  label: string;
  copied: boolean;
  onCopied: (copied: boolean) => void;
}) {
  const toastShown = useAppStore((s) => s.toastShown);
  return (
    <button
      type="button"
      className="button button--small button--ghost"
      aria-label={label}
      onClick={() =>
        void navigator.clipboard.writeText(text).then(
          () => onCopied(true),
          () => toastShown({ kind: 'error', text: 'Could not copy; select the value and copy it by hand' }),
        )
      }
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** An instant in the zone it was recorded with (named), and in UTC. */
export function RecordedTime({ utc, zone }: { utc: string; zone: string }) {
  return (
    <span className="zoned">
      <span className="zoned__main">
        {formatZoned(utc, zone)} {zone !== 'UTC' ? <span className="muted">{zone}</span> : null}
      </span>
      {zone !== 'UTC' ? <span className="zoned__sub">{formatZoned(utc, 'UTC')}</span> : null}
    </span>
  );
}

const JOB_WORDS: Record<ReportJob['action'], string> = {
  generate: 'Generating the report',
  csv: 'Exporting CSV',
  stix: 'Exporting STIX 2.1',
  package: 'Building the referral package',
};

/** A running report, export or package: its stage in words, a bar with the percentage, and Cancel. */
export function JobProgress({ job, onCancel }: { job: ReportJob; onCancel: () => void }) {
  const fraction = job.total > 0 ? Math.min(1, job.done / job.total) : 0;
  const percent = Math.floor(fraction * 100);
  return (
    <div className="progress-panel rep-progress" role="status" aria-live="polite">
      <p>
        <strong>{JOB_WORDS[job.action]}</strong>{' '}
        {job.cancelling ? '— cancelling…' : job.stage ? `— ${job.stage}` : '— waiting to start'}
      </p>
      <div className="rep-progress__bar">
        <progress max={1} value={fraction} aria-label={`Progress: ${JOB_WORDS[job.action].toLowerCase()}`} />
        <span className="rep-progress__percent">{percent} %</span>
      </div>
      <p className="muted">
        {job.total > 1 ? `${job.done.toLocaleString('en-GB')} of ${job.total.toLocaleString('en-GB')} · ` : ''}
        The window stays responsive, but changes to the case wait until this is done (the report shows the case as
        verified at its start). A cancelled job leaves no file behind.
      </p>
      <button type="button" className="button" onClick={onCancel} disabled={job.cancelling}>
        Cancel
      </button>
    </div>
  );
}

/** A failure or cancel where the action was, kept until the person dismisses it. */
export function OutcomeNotice({
  tone,
  title,
  children,
  onDismiss,
}: {
  tone: 'error' | 'info' | 'ok';
  title: string;
  children?: ReactNode;
  onDismiss: () => void;
}) {
  return (
    <div className={`rep-notice rep-notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="rep-notice__body">
        <p className="rep-notice__title">{title}</p>
        {children}
      </div>
      <button type="button" className="button button--small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
