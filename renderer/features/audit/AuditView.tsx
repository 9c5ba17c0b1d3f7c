import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, CheckResult, RowChange } from '../../../shared/domain/audit.ts';
import { formatHead } from '../../../shared/domain/common.ts';
import type { Head } from '../../../shared/domain/common.ts';
import { changedFields, describeAuditEntry } from '../../../shared/logic/auditSentence.ts';
import { describeRecord } from '../../../shared/logic/recordNames.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { useAppStore, useExaminerZone, useHead } from '../../store/selectors.ts';
import { usePaged } from '../../lib/usePaged.ts';
import { api, call } from '../../lib/api.ts';
import { VirtualRows } from '../../components/VirtualRows.tsx';
import { Field } from '../../components/Field.tsx';
import { ProgressPanel } from '../../components/ProgressPanel.tsx';
import { FormError } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { technicalPlace } from '../../../shared/logic/recordNames.ts';
import './audit.css';

function CheckLine({ check }: { check: CheckResult }) {
  const aboutShown = check.subject && !check.message.toLowerCase().includes(check.subject.toLowerCase());
  return (
    <li className={`check-${check.status}`}>
      <span className="report__status">
        {check.status === 'pass' ? 'PASS' : check.status === 'fail' ? 'FAIL' : 'SKIPPED'}
      </span>
      <span>
        <strong>{check.title}.</strong> <SafeText text={check.message} />
        {check.status === 'fail' && (aboutShown || check.location) ? (
          <span className="check__where">
            {aboutShown ? (
              <span className="check__about">
                <SafeText text={check.subject!} />
              </span>
            ) : null}
            {check.location ? (
              <span className="mono check__place">
                Where in the file: <SafeText text={technicalPlace(check.location)} />
              </span>
            ) : null}
          </span>
        ) : null}
      </span>
    </li>
  );
}

function VerifyPanel({ head }: { head: Head | null }) {
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
          <code className="head" data-testid="audit-head">
            {headText}
          </code>
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
              <CheckLine key={c.id} check={c} />
            ))}
          </ul>
          {report.notes?.map((note) => (
            <p key={note} className="muted">
              <SafeText text={note} />
            </p>
          ))}
          <p className="muted">
            Head at verification: <code>{formatHead(report.head)}</code>
          </p>
        </div>
      ) : null}
    </div>
  );
}

/** One changed record: what it is, and each field that changed, labelled, before → after. */
function ChangeDetail({ change, names }: { change: RowChange; names: Record<string, string> }) {
  const fields = changedFields(change);
  const verb = change.before === null ? 'added' : change.after === null ? 'deleted' : 'changed';
  return (
    <li className="audit-change">
      <p className="audit-change__what">
        <SafeText text={describeRecord(change.table, change.after ?? change.before, names)} />{' '}
        <span className="muted">({verb})</span>
      </p>
      {fields.length > 0 ? (
        <dl className="audit-change__fields">
          {fields.map((f) => (
            <div key={f.column} className="audit-change__field">
              <dt title={f.column}>{f.label}</dt>
              <dd>
                {change.before && change.after ? (
                  <>
                    <del>
                      <SafeText text={f.before} />
                    </del>{' '}
                    →{' '}
                  </>
                ) : null}
                <ins className={change.after === null ? 'audit-change__gone' : undefined}>
                  <SafeText text={change.after ? f.after : f.before} />
                </ins>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No field a person sees changed.</p>
      )}
      <p className="mono audit-change__tech">
        table {change.table} · row <SafeText text={change.id} />
      </p>
    </li>
  );
}

function AuditRow({
  entry,
  zone,
  open,
  onToggle,
}: {
  entry: AuditEntry;
  zone: string;
  open: boolean;
  onToggle: () => void;
}) {
  const detailsId = `audit-details-${entry.seq}`;
  return (
    <article className="audit-row" aria-labelledby={`audit-sentence-${entry.seq}`}>
      <p className="audit-row__sentence" id={`audit-sentence-${entry.seq}`}>
        <SafeText text={describeAuditEntry(entry)} />
      </p>
      <div className="audit-row__meta">
        <span className="audit-row__seq">#{entry.seq}</span>
        <span>{formatZoned(entry.at, zone)}</span>
        {zone !== 'UTC' ? <span className="muted">{formatZoned(entry.at, 'UTC')}</span> : null}
        <span className="muted">
          <SafeText text={`${entry.actor.name} (${entry.actor.role}, ${entry.actor.organisation})`} />
        </span>
        <button
          type="button"
          className="button button--ghost button--small"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={onToggle}
        >
          {open ? 'Hide details' : 'Details'}
        </button>
      </div>
      {entry.damaged ? (
        <p className="alert audit-row__damaged" role="note">
          Unreadable: entry #{entry.seq}’s change data is damaged ({entry.damaged}). Its changes cannot be shown; verify
          the case for the full report.
        </p>
      ) : null}
      {open ? (
        <div className="audit-row__details" id={detailsId}>
          <ul className="audit-changes">
            {entry.changes.map((change) => (
              <ChangeDetail key={`${change.table}:${change.id}`} change={change} names={entry.names ?? {}} />
            ))}
          </ul>
          <dl className="audit-row__tech mono">
            <div>
              <dt>Action</dt>
              <dd>
                <SafeText text={entry.action} />
              </dd>
            </div>
            <div>
              <dt>Record</dt>
              <dd>
                <SafeText text={`${entry.entity.type} ${entry.entity.id}`} />
              </dd>
            </div>
            <div>
              <dt>Entry hash</dt>
              <dd className="audit-row__hash">{entry.hash}</dd>
            </div>
            <div>
              <dt>Previous hash</dt>
              <dd className="audit-row__hash">{entry.prevHash}</dd>
            </div>
          </dl>
        </div>
      ) : null}
    </article>
  );
}

export function AuditView() {
  const zone = useExaminerZone();
  const version = useAppStore((s) => s.auditVersion);
  const caseHead = useHead();
  const auditHeadSeen = useAppStore((s) => s.auditHeadSeen);
  const auditListStale = useAppStore((s) => s.auditListStale);
  // The head and count shown come from the same answer as the list, so they always agree.
  const [listHead, setListHead] = useState<Head | null>(null);
  const [openRows, setOpenRows] = useState<ReadonlySet<number>>(new Set());
  const fetchPage = useCallback(async (offset: number, limit: number) => {
    const page = await call(api().audit.list({ offset, limit }));
    if (offset === 0) setListHead(page.head);
    return page;
  }, []);
  const { total, error, rowAt } = usePaged<AuditEntry>(fetchPage, version);

  // Another part of the app may have written without telling this list (or read the head without
  // re-reading it): whichever is behind is read again.
  useEffect(() => {
    if (!listHead || !caseHead || listHead.hash === caseHead.hash) return;
    if (listHead.seq > caseHead.seq) void auditHeadSeen(listHead);
    else auditListStale();
  }, [listHead, caseHead, auditHeadSeen, auditListStale]);

  const toggle = (seq: number) =>
    setOpenRows((open) => {
      const next = new Set(open);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <section aria-labelledby="audit-title" className="stack">
      <h2 id="audit-title">
        Audit log{' '}
        {total !== null ? (
          <span className="count" data-testid="audit-count">
            {total}
          </span>
        ) : null}
      </h2>
      <VerifyPanel head={listHead ?? caseHead} />
      <FormError message={error} />
      <p className="muted audit-zone-note">
        Times in {zone}
        {zone !== 'UTC' ? ' and UTC' : ''}; newest first. Open an entry’s details for the values before and after, and
        where it is in the file.
      </p>
      <VirtualRows
        label="Audit entries, newest first"
        count={total ?? 0}
        rowAt={rowAt}
        estimate={84}
        renderRow={(entry) => (
          <AuditRow entry={entry} zone={zone} open={openRows.has(entry.seq)} onToggle={() => toggle(entry.seq)} />
        )}
      />
    </section>
  );
}
