import { useCallback, useState } from 'react';
import type { AuditEntry, RowChange } from '../../../shared/domain/audit.ts';
import { formatHead } from '../../../shared/domain/common.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { useAppStore, useExaminerZone, useHead } from '../../store/selectors.ts';
import { usePaged } from '../../lib/usePaged.ts';
import { api, call } from '../../lib/api.ts';
import { VirtualRows } from '../../components/VirtualRows.tsx';
import { Field } from '../../components/Field.tsx';
import { ProgressPanel } from '../../components/ProgressPanel.tsx';
import { FormError } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';

const HIDDEN = new Set(['created_at', 'updated_at']);

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function ChangeLines({ change }: { change: RowChange }) {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const columns = Object.keys({ ...before, ...after }).filter(
    (c) =>
      !HIDDEN.has(c) && before[c] !== after[c] && (change.before !== null || (after[c] !== '' && after[c] !== null)),
  );
  return (
    <ul className="changes">
      {columns.map((c) => (
        <li key={c}>
          <span className="changes__col">{c}</span>{' '}
          {change.before ? (
            <>
              <del>
                <SafeText text={show(before[c])} />
              </del>{' '}
              →{' '}
              <ins>
                <SafeText text={show(after[c])} />
              </ins>
            </>
          ) : (
            <ins>
              <SafeText text={show(after[c])} />
            </ins>
          )}
        </li>
      ))}
    </ul>
  );
}

function VerifyPanel() {
  const head = useHead();
  const verifying = useAppStore((s) => s.verifying);
  const report = useAppStore((s) => s.verifyReport);
  const verifyError = useAppStore((s) => s.verifyError);
  const verifyRequested = useAppStore((s) => s.verifyRequested);
  const progress = useAppStore((s) => s.verifyProgress);
  const cancel = useAppStore((s) => s.evidenceJobCancelled);
  const [expected, setExpected] = useState('');
  const [copied, setCopied] = useState(false);
  const headText = head ? formatHead(head) : '';

  return (
    <div className="card verify">
      <div className="verify__head">
        <div>
          <h3>Current head</h3>
          <p className="muted">
            Write this down or put it in your report. Giving it back later proves nothing was cut off the end of the
            log.
          </p>
          {/* Named by the heading above: ARIA prohibits naming a code element, and a screen reader may
              ignore such a label or read it in place of the head. */}
          <code className="head">{headText}</code>
          <button
            type="button"
            className="button button--ghost"
            onClick={() =>
              void navigator.clipboard?.writeText(headText).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      </div>
      <form
        className="verify__form"
        onSubmit={(e) => {
          e.preventDefault();
          void verifyRequested(expected.trim() || undefined);
        }}
      >
        <Field label="Recorded head (optional)" hint="SEQ:HASH as written down earlier, e.g. from a report.">
          {(p) => (
            <input
              {...p}
              type="text"
              className="mono"
              value={expected}
              onChange={(e) => setExpected(e.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={verifying}>
          {verifying ? 'Verifying…' : 'Verify case'}
        </button>
      </form>
      {verifying && progress ? (
        <ProgressPanel
          title="Verifying the case"
          detail="— re-hashing every evidence byte (check 3)"
          bytes={progress.bytes}
          total={progress.total}
          elapsed={progress.elapsed}
          label="Progress of the verification"
          onCancel={() => void cancel('verifyCase')}
        />
      ) : null}
      <FormError message={verifyError} />
      {report ? (
        <div className={`report ${report.ok ? 'report--ok' : 'report--fail'}`} role="status" aria-live="polite">
          <p className="report__verdict">
            {report.ok ? '✓ Case intact' : '✗ Integrity failure'} — {report.entries} entries checked in{' '}
            {report.durationMs} ms at {formatZoned(report.verifiedAt, 'UTC')}
          </p>
          <ul className="report__checks">
            {report.checks.map((c) => (
              <li key={c.id} className={`check-${c.status}`}>
                <span className="report__status">
                  {c.status === 'pass' ? 'PASS' : c.status === 'fail' ? 'FAIL' : 'SKIPPED'}
                </span>
                <span>
                  <strong>{c.title}.</strong> {c.message}
                </span>
              </li>
            ))}
          </ul>
          <p className="muted">
            Head at verification: <code>{formatHead(report.head)}</code>
          </p>
        </div>
      ) : null}
    </div>
  );
}

export function AuditView() {
  const zone = useExaminerZone();
  const version = useAppStore((s) => s.auditVersion);
  const fetchPage = useCallback((offset: number, limit: number) => call(api().audit.list({ offset, limit })), []);
  const { total, error, rowAt } = usePaged<AuditEntry>(fetchPage, version);

  return (
    <section aria-labelledby="audit-title" className="stack">
      <h2 id="audit-title">Audit log {total !== null ? <span className="count">{total}</span> : null}</h2>
      <VerifyPanel />
      <FormError message={error} />
      <VirtualRows
        label="Audit entries, newest first"
        count={total ?? 0}
        rowAt={rowAt}
        estimate={96}
        renderRow={(entry) => (
          <article className="audit-row">
            <div className="audit-row__meta">
              <span className="audit-row__seq">#{entry.seq}</span>
              <span>{formatZoned(entry.at, zone)}</span>
              <span className="muted">{formatZoned(entry.at, 'UTC')}</span>
              <span>
                <strong>
                  <SafeText text={entry.actor.name} />
                </strong>{' '}
                <span className="muted">
                  (<SafeText text={`${entry.actor.role}, ${entry.actor.organisation}`} />)
                </span>
              </span>
              <span className="chip">{entry.action}</span>
            </div>
            {entry.damaged ? (
              <p className="alert audit-row__damaged" role="note">
                Unreadable: entry #{entry.seq}’s change data is damaged ({entry.damaged}). Its changes cannot be shown;
                verify the case for the full report.
              </p>
            ) : null}
            {entry.changes.map((change) => (
              <ChangeLines key={`${change.table}:${change.id}`} change={change} />
            ))}
            <p className="audit-row__hash mono" title="Entry hash">
              {entry.hash}
            </p>
          </article>
        )}
      />
    </section>
  );
}
