import { useState } from 'react';
import type { FormEvent } from 'react';
import { CustodyTransferDraft } from '../../../shared/domain/evidence.ts';
import type { CustodyEvent, CustodyNow, EvidenceItem } from '../../../shared/domain/evidence.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { IntegrityBadge } from '../../components/IntegrityBadge.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { fieldErrors } from '../../lib/formErrors.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { exactBytes, formatBytes } from '../../lib/format.ts';
import { DisposeForm, ItemHold, Links } from './ItemActions.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { WhenFields } from '../../components/WhenFields.tsx';
import { shownPath } from '../../../shared/logic/storedPath.ts';
import { custodySentence } from './custodyWords.ts';
import { custodyEventWords } from '../../../shared/logic/custodyState.ts';
import './evidence.css';

function TransferForm({ item, onDone }: { item: EvidenceItem; onDone: () => void }) {
  const transferred = useAppStore((s) => s.custodyTransferred);
  const zone = useExaminerZone();
  const { values, errors, setErrors, change } = useFormState({
    at: '',
    zone,
    kind: 'transfer' as 'transfer' | 'return',
    from: '',
    to: '',
    purpose: '',
    fromLocation: '',
    toLocation: '',
    sealBefore: item.storage === 'none' ? '' : '',
    sealAfter: '',
    checkHash: item.storage !== 'none',
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const set = (key: keyof typeof values) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    change(key, e.target.type === 'checkbox' ? Boolean(e.target.checked) : e.target.value);
  const returning = values.kind === 'return';
  async function submit(event: FormEvent) {
    event.preventDefault();
    const { at, zone: atZone, ...rest } = values;
    const parsed = CustodyTransferDraft.safeParse({ ...rest, ...(at ? { at, zone: atZone } : {}) });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    await run(async () => {
      await transferred(item.id, parsed.data);
      onDone();
    });
  }
  return (
    <form className="card card--inset" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="transfer-title">
      <h4 id="transfer-title">
        Record a {returning ? 'return' : 'transfer'} of {item.exhibit}
      </h4>
      <div className="form-grid">
        <div className="span-2">
          <Field
            label="Kind of hand-over"
            error={errors.kind}
            hint={
              returning
                ? 'The item goes back to its owner or their representative; it stays on record.'
                : 'The item passes to another person or place, e.g. to the police.'
            }
          >
            {(p) => (
              <select {...p} value={values.kind} onChange={set('kind')}>
                <option value="transfer">Transfer to someone else</option>
                <option value="return">Return to its owner</option>
              </select>
            )}
          </Field>
        </div>
        <Field label="Released by" required error={errors.from}>
          {(p) => <input {...p} type="text" value={values.from} onChange={set('from')} />}
        </Field>
        <Field label="Received by" required error={errors.to}>
          {(p) => <input {...p} type="text" value={values.to} onChange={set('to')} />}
        </Field>
        <div className="span-2">
          <Field label="Purpose" required error={errors.purpose}>
            {(p) => <input {...p} type="text" value={values.purpose} onChange={set('purpose')} />}
          </Field>
        </div>
        <Field label="From location" error={errors.fromLocation}>
          {(p) => <input {...p} type="text" value={values.fromLocation} onChange={set('fromLocation')} />}
        </Field>
        <Field label="To location" error={errors.toLocation}>
          {(p) => <input {...p} type="text" value={values.toLocation} onChange={set('toLocation')} />}
        </Field>
        <WhenFields
          label="Handed over at"
          zoneLabel="…in time zone"
          optional
          hint="Leave empty: now"
          values={{ at: values.at, zone: values.zone }}
          error={errors.at}
          zoneError={errors.zone}
          onAt={(at) => change('at', at)}
          onZone={(z) => change('zone', z)}
        />
        <Field label="Seal before" error={errors.sealBefore}>
          {(p) => <input {...p} type="text" value={values.sealBefore} onChange={set('sealBefore')} />}
        </Field>
        <Field label="Seal after" error={errors.sealAfter}>
          {(p) => <input {...p} type="text" value={values.sealAfter} onChange={set('sealAfter')} />}
        </Field>
      </div>
      {item.storage !== 'none' ? (
        <label className="check">
          <input type="checkbox" checked={values.checkHash} onChange={set('checkHash')} /> Re-hash the item now and
          record the result
        </label>
      ) : null}
      <FormFooter
        error={errors._}
        onCancel={onDone}
        busy={busy}
        busyLabel="Recording…"
        submitLabel={returning ? 'Record return' : 'Record transfer'}
      />
    </form>
  );
}

/** Where the item is now, in one sentence, above the history that says how it got there. */
function CustodyHeadline({ now }: { now: CustodyNow }) {
  const zone = useExaminerZone();
  return (
    <section className={`custody-headline custody-headline--${now.state}`} aria-labelledby="custody-now-title">
      <h4 id="custody-now-title">Where it is now</h4>
      <p>
        <SafeText text={custodySentence(now, zone)} />
      </p>
    </section>
  );
}

function CustodyHistory({ events }: { events: CustodyEvent[] }) {
  const zone = useExaminerZone();
  return (
    <table className="custody">
      <caption>Chain of custody</caption>
      <thead>
        <tr>
          <th>When</th>
          <th>Event</th>
          <th>Who</th>
          <th>Purpose / details</th>
          <th>Seal</th>
          <th>Hash</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => {
          const words = custodyEventWords(e);
          return (
            <tr key={e.id}>
              <td>
                {formatZoned(e.at, zone)}
                <br />
                <span className="muted">{formatZoned(e.at, 'UTC')}</span>
              </td>
              <td>
                <span className={`custody-event custody-event--${e.type}${e.hashResult ? `-${e.hashResult}` : ''}`}>
                  {words.event}
                </span>
              </td>
              <td>
                <SafeText text={words.who} />
                {e.toLocation && e.type !== 'export' ? (
                  <>
                    <br />
                    <span className="muted">
                      to <SafeText text={e.toLocation} />
                    </span>
                  </>
                ) : null}
                {e.type === 'export' && e.toLocation ? (
                  <>
                    <br />
                    <span className="muted">
                      copy at <SafeText text={shownPath(e.toLocation)} />
                    </span>
                  </>
                ) : null}
              </td>
              <td>
                <SafeText text={e.purpose} />
                {e.details ? (
                  <>
                    <br />
                    <span className="muted">
                      <SafeText text={e.details} />
                    </span>
                  </>
                ) : null}
              </td>
              <td>
                {e.sealBefore && e.sealAfter
                  ? `${e.sealBefore} → ${e.sealAfter}`
                  : e.sealAfter
                    ? `sealed ${e.sealAfter}`
                    : e.sealBefore
                      ? `opened ${e.sealBefore}`
                      : '—'}
              </td>
              <td className={`hash-${e.hashResult || 'none'}`}>{e.hashResult || '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * When the item's bytes were last checked, never contradicting its badge: captured text is hashed
 * as it is recorded (older cases left no time for that, so its recording time stands in).
 */
function lastVerified(item: EvidenceItem, custody: CustodyEvent[], zone: string): string {
  const checkedSince = custody.some((e) => e.type === 'verification');
  const at = item.lastVerifiedAt ?? (item.kind === 'text' && !checkedSince ? item.createdAt : null);
  const when = at ? formatZoned(at, zone) : '';
  const recorded = item.kind === 'text' && !checkedSince ? ' (hashed when recorded)' : '';
  if (item.disposed) return `${when ? `${when}; ` : ''}not checked since its disposal`;
  return when ? `${when}${recorded}` : 'never';
}

/** One item: what it is, where it came from, its hashes, and every hand it passed through. */
export function EvidenceDetail() {
  const selected = useAppStore((s) => s.selectedEvidence);
  const verify = useAppStore((s) => s.evidenceVerifyRequested);
  const exportItems = useAppStore((s) => s.evidenceExportRequested);
  const busy = useAppStore((s) => s.job !== null || s.adding);
  const zone = useExaminerZone();
  const all = useAppStore((s) => s.evidence);
  const [transferring, setTransferring] = useState(false);
  const [disposing, setDisposing] = useState(false);
  if (!selected) return null;
  const { item, custody, custodyNow } = selected;
  const physical: [string, string][] =
    item.kind === 'physical'
      ? [
          ['Make and model', `${item.make} ${item.model}`.trim() || '—'],
          ['Serial number', item.serialNumber || '—'],
          ['Asset tag', item.assetTag || '—'],
          ['Seal or bag', item.sealNumber || '—'],
          ['Condition', item.condition || '—'],
        ]
      : [];
  const file: [string, string][] =
    item.kind === 'file'
      ? [
          ['Original name', item.originalName],
          ['Original path', shownPath(item.originalPath)],
          ['Size', item.size === null ? '—' : `${formatBytes(item.size)} (${exactBytes(item.size)})`],
          ['Media type', item.mediaType],
        ]
      : [];
  const facts: [string, string][] = [
    ['Kind', item.kind],
    ...file,
    ...physical,
    ['Source', item.source || '—'],
    ['Custodian', item.custodian || '—'],
    ['Acquired by', `${item.acquiredBy}${item.witness ? `, witnessed by ${item.witness}` : ''}`],
    ['Acquired at', `${formatZoned(item.acquiredAt, zone)} · ${formatZoned(item.acquiredAt, 'UTC')}`],
    ['Method and tool', [item.method, `${item.tool} ${item.toolVersion}`.trim()].filter(Boolean).join('; ') || '—'],
    ['Legal basis', item.legalBasis || '—'],
    [
      'Stored',
      item.disposed
        ? 'Disposed of (see the custody history); the record and hashes are kept'
        : item.storage === 'embedded'
          ? 'In the case file'
          : item.storage === 'reference'
            ? `Referenced in place: ${shownPath(item.referencePath ?? '')}`
            : item.kind === 'text'
              ? 'The text itself, in the case record'
              : 'Physically, see storage location',
    ],
    ['Storage location', item.storageLocation || '—'],
    ...(item.parentId
      ? ([['Derived from', all.find((i) => i.id === item.parentId)?.exhibit ?? item.parentId]] as [string, string][])
      : []),
    // Only what has bytes or a hash is verified: a physical item shows no claim either way.
    ...(item.kind === 'physical' ? [] : ([['Last verified', lastVerified(item, custody, zone)]] as [string, string][])),
  ];
  return (
    // Focusable from code: a search hit that opened this item moves the focus here.
    <section className="card evidence-detail" aria-labelledby="evidence-detail-title" tabIndex={-1}>
      <div className="section-head">
        <h3 id="evidence-detail-title">
          {item.exhibit} — <SafeText text={item.description || item.originalName} />
        </h3>
        <span className="integrity-wrap">
          {item.legalHold ? <span className="badge badge--hold">Legal hold</span> : null}
          {item.disposed ? <span className="badge badge--disposed">Disposed of</span> : null}
          <IntegrityBadge item={item} />
        </span>
      </div>
      {item.flagged ? (
        <p className="alert" role="alert">
          A verification of this item failed. The flag stays, whatever later checks show; see the custody history.
        </p>
      ) : null}
      <dl className="facts facts--grid">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              <SafeText text={v} />
            </dd>
          </div>
        ))}
      </dl>
      {item.kind === 'text' ? (
        <figure className="captured">
          <figcaption>Captured text</figcaption>
          <pre>{item.capturedText}</pre>
        </figure>
      ) : null}
      <dl className="hashes">
        {item.sha256 ? (
          <div>
            <dt>SHA-256</dt>
            <dd className="mono">{item.sha256}</dd>
          </div>
        ) : null}
        {item.sha1 ? (
          <div>
            <dt>SHA-1</dt>
            <dd className="mono">{item.sha1}</dd>
          </div>
        ) : null}
        {item.md5 ? (
          <div>
            <dt>MD5</dt>
            <dd className="mono">{item.md5}</dd>
          </div>
        ) : null}
        {item.toolHash ? (
          <div>
            <dt>Tool-reported {item.toolHashAlgorithm.toUpperCase()}</dt>
            <dd className="mono">
              {item.toolHash} {item.toolHashMatch ? '(matches ours)' : '(DOES NOT MATCH ours)'}
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="actions actions--start">
        {(item.storage !== 'none' || item.kind === 'text') && !item.disposed ? (
          <button type="button" className="button" onClick={() => void verify([item.id])} disabled={busy}>
            Verify now
          </button>
        ) : null}
        {/* A disposed-of item can no longer change hands; the service refuses it too. */}
        {!item.disposed ? (
          <button type="button" className="button" onClick={() => setTransferring(true)} disabled={transferring}>
            Record transfer or return…
          </button>
        ) : null}
        {item.storage !== 'none' && !item.disposed ? (
          <button type="button" className="button" onClick={() => void exportItems([item.id])} disabled={busy}>
            Export copy…
          </button>
        ) : null}
        {!item.disposed ? <ItemHold item={item} /> : null}
        {!item.disposed ? (
          <button
            type="button"
            className="button button--danger"
            onClick={() => setDisposing(true)}
            disabled={item.legalHold || disposing}
            title={item.legalHold ? 'A legal hold is in force: release it before disposal' : undefined}
          >
            Dispose of…
          </button>
        ) : null}
      </div>
      {item.legalHold && !item.disposed ? (
        <p className="muted">Disposal is not possible while a legal hold applies to this item or the case.</p>
      ) : null}
      {transferring ? <TransferForm item={item} onDone={() => setTransferring(false)} /> : null}
      {disposing ? <DisposeForm item={item} onDone={() => setDisposing(false)} /> : null}
      <Links item={item} />
      <CustodyHeadline now={custodyNow} />
      <CustodyHistory events={custody} />
    </section>
  );
}
