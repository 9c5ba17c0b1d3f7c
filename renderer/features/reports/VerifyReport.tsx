import { useState } from 'react';
import type { DragEvent } from 'react';
import type { OutputRecord } from '../../../shared/domain/report.ts';
import { SafeText } from '../../components/SafeText.tsx';
import type { ReportVerified } from '../../store/reports.ts';
import { useAppStore } from '../../store/selectors.ts';
import { FullHash, OutcomeNotice, RecordedTime } from './bits.tsx';
import { outputLabel } from './words.ts';

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** The record of a report as facts: kind, when, by whom, from which audit entry. */
function RecordFacts({ record }: { record: OutputRecord }) {
  return (
    <dl className="facts rep-result">
      <div>
        <dt>Report</dt>
        <dd>{outputLabel(record)}</dd>
      </div>
      <div>
        <dt>Generated</dt>
        <dd>
          <RecordedTime utc={record.generatedAt} zone={record.zone} />
        </dd>
      </div>
      <div>
        <dt>By</dt>
        <dd>
          <SafeText text={record.generatedBy} />
          {record.organisation ? (
            <>
              , <SafeText text={record.organisation} />
            </>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>From the case at</dt>
        <dd>
          audit entry {record.head.seq.toLocaleString('en-GB')}
          <span className="rep-head mono">{record.head.hash}</span>
        </dd>
      </div>
      <div>
        <dt>Recorded as</dt>
        <dd className="mono">
          <SafeText text={record.fileName} />
        </dd>
      </div>
    </dl>
  );
}

function Verdict({ value }: { value: ReportVerified }) {
  const { file, verdict } = value;
  if (verdict.match) {
    return (
      <div className="rep-verdict rep-verdict--match">
        <p className="rep-verdict__word">MATCH</p>
        <p>
          <span className="mono">
            <SafeText text={fileName(file)} />
          </span>{' '}
          is exactly a report generated from this case, byte for byte.
        </p>
        <RecordFacts record={verdict.record} />
        <p className="rep-verdict__hash">
          SHA-256 of the file: <FullHash sha256={verdict.sha256} label="SHA-256 of the checked file" />
        </p>
      </div>
    );
  }
  const altered = verdict.claimed !== null;
  return (
    <div className="rep-verdict rep-verdict--fail">
      <p className="rep-verdict__word">{altered ? 'ALTERED' : 'NOT FROM THIS CASE'}</p>
      <p>
        <span className="mono">
          <SafeText text={fileName(file)} />
        </span>
        {altered
          ? ' claims to be a report of this case, but its bytes are not the ones Custos wrote: do not rely on it.'
          : ' is not a report generated from this case.'}
      </p>
      <p className="rep-verdict__reason">
        <SafeText text={verdict.reason.charAt(0).toUpperCase() + verdict.reason.slice(1)} />
      </p>
      {verdict.claimed ? (
        <>
          <p className="rep-verdict__claims">It claims to be this recorded report:</p>
          <RecordFacts record={verdict.claimed} />
          <p className="muted">
            Recorded SHA-256: <FullHash sha256={verdict.claimed.sha256} label="recorded SHA-256" />
          </p>
        </>
      ) : null}
      <p className="rep-verdict__hash">
        SHA-256 of the file: <FullHash sha256={verdict.sha256} label="SHA-256 of the checked file" />
      </p>
    </div>
  );
}

/** Whether a PDF handed back is exactly one this case produced: dropped on the target or chosen. */
export function VerifyReport() {
  const verify = useAppStore((s) => s.reportVerifyRequested);
  const verifying = useAppStore((s) => s.reportVerifying);
  const outcome = useAppStore((s) => s.reportVerified);
  const dismissed = useAppStore((s) => s.reportResultDismissed);
  const [dragging, setDragging] = useState(false);
  const [dropError, setDropError] = useState<string | null>(null);

  async function onDrop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length === 0) return;
    if (files.length > 1) return setDropError('Drop one PDF at a time');
    const paths = await window.api.files.dropped(files);
    if (paths.length === 0) {
      return setDropError('Only files from this computer can be checked; save the PDF to a folder first, then drop it');
    }
    setDropError(null);
    await verify(paths[0]);
  }

  return (
    <section aria-labelledby="rep-verify-title" className="card stack">
      <h3 id="rep-verify-title">Verify a report</h3>
      <p className="muted">
        Someone sends you a PDF and says Custos made it: check that it is exactly a report generated from this case,
        when, by whom and from which state of the case. One changed byte fails.
      </p>
      <div
        className={`rep-drop${dragging ? ' rep-drop--active' : ''}`}
        aria-label="Drop a PDF here to verify it"
        role="group"
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => void onDrop(e)}
      >
        <p>Drop a PDF here, or</p>
        <button type="button" className="button" onClick={() => void verify()} disabled={verifying}>
          {verifying ? 'Checking…' : 'Choose PDF…'}
        </button>
      </div>
      {dropError ? (
        <OutcomeNotice tone="error" title="Not checked" onDismiss={() => setDropError(null)}>
          <p>{dropError}</p>
        </OutcomeNotice>
      ) : null}
      {outcome?.state === 'done' ? (
        <div className="rep-verdict-wrap" role="status">
          <Verdict value={outcome.value} />
          <button type="button" className="button button--small" onClick={() => dismissed('verify')}>
            Dismiss
          </button>
        </div>
      ) : outcome ? (
        <OutcomeNotice tone="error" title="The file could not be checked" onDismiss={() => dismissed('verify')}>
          <p>
            <SafeText text={outcome.message} />
          </p>
        </OutcomeNotice>
      ) : null}
    </section>
  );
}
