import { useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import type { EvidenceItem } from '../../../shared/domain/evidence.ts';
import { useAppStore } from '../../store/selectors.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { IntegrityBadge } from '../../components/IntegrityBadge.tsx';
import { VirtualRows } from '../../components/VirtualRows.tsx';
import { ProgressPanel } from '../../components/ProgressPanel.tsx';
import { AddEvidence } from './AddEvidence.tsx';
import { AddOther } from './AddOther.tsx';
import { CaseHolds } from './Holds.tsx';
import { EvidenceDetail } from './EvidenceDetail.tsx';
import { formatBytes } from '../../lib/format.ts';
import { SafeText } from '../../components/SafeText.tsx';

type SortKey = 'exhibit' | 'name' | 'size' | 'integrity' | 'acquired';
const SORTS: Record<SortKey, (a: EvidenceItem, b: EvidenceItem) => number> = {
  exhibit: (a, b) => a.exhibit.localeCompare(b.exhibit),
  name: (a, b) => a.originalName.localeCompare(b.originalName),
  size: (a, b) => (b.size ?? -1) - (a.size ?? -1),
  // Problems first: they are what a person must see.
  integrity: (a, b) => Number(b.flagged) - Number(a.flagged) || a.integrity.localeCompare(b.integrity),
  acquired: (a, b) => a.acquiredAt.localeCompare(b.acquiredAt),
};

/** The height a register row is estimated at: also where to scroll to reach a row. */
const ROW_ESTIMATE = 52;

/** The running re-verification or export, with its progress and Cancel. */
function JobProgress() {
  const job = useAppStore((s) => s.job);
  const cancel = useAppStore((s) => s.evidenceJobCancelled);
  if (!job) return null;
  const doing = job.task === 'verify' ? 'Verifying' : 'Exporting';
  const p = job.progress;
  return (
    <ProgressPanel
      title={p ? `${doing} ${p.file}` : `${doing}…`}
      detail={
        p
          ? `(${p.fileIndex + 1} of ${p.fileCount}) — ${job.task === 'verify' ? 're-hashing its bytes' : 'writing a copy, then reading it back to check its hash'}`
          : `${job.count} ${job.count === 1 ? 'item' : 'items'}`
      }
      bytes={p?.bytes ?? 0}
      total={p?.total ?? 0}
      elapsed={p?.elapsed ?? 0}
      label={job.task === 'verify' ? 'Progress of the verification' : 'Progress of the export'}
      onCancel={() => void cancel(job.task)}
    />
  );
}

export function EvidenceView() {
  const items = useAppStore((s) => s.evidence);
  const loaded = useAppStore((s) => s.evidenceLoaded);
  const requested = useAppStore((s) => s.evidenceRequested);
  const selectedId = useAppStore((s) => s.selectedEvidence?.item.id ?? null);
  const select = useAppStore((s) => s.evidenceSelected);
  const verify = useAppStore((s) => s.evidenceVerifyRequested);
  const exportItems = useAppStore((s) => s.evidenceExportRequested);
  const busy = useAppStore((s) => s.job !== null || s.adding);
  const [adding, setAdding] = useState<false | 'files' | 'physical' | 'text'>(false);
  const [filter, setFilter] = useState('');
  const [dropped, setDropped] = useState<string[] | undefined>();
  const [dragging, setDragging] = useState(false);
  const toastShown = useAppStore((s) => s.toastShown);
  const [sort, setSort] = useState<SortKey>('exhibit');

  useEffect(() => {
    if (!loaded) void requested();
  }, [loaded, requested]);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matches = needle
      ? items.filter((i) =>
          [i.exhibit, i.originalName, i.description, i.source, i.custodian, i.sha256 ?? ''].some((v) =>
            v.toLowerCase().includes(needle),
          ),
        )
      : items;
    return [...matches].sort(SORTS[sort]);
  }, [items, filter, sort]);
  const flagged = items.filter((i) => i.flagged).length;

  // A search hit opened an item: it is selected (its detail opens below the register), the filter
  // is cleared so its row shows, the register scrolls to the row and the detail takes the focus.
  const focus = useAppStore((s) => (s.searchFocus?.kind === 'evidence' ? s.searchFocus : null));
  const searchFocusCleared = useAppStore((s) => s.searchFocusCleared);
  const root = useRef<HTMLElement>(null);
  const pending = useRef<string | null>(null);
  const [opened, setOpened] = useState(0);
  useEffect(() => {
    if (!focus) return;
    const id = focus.id;
    // An item added since the register was read: the register is read again to show its row.
    const { evidence, evidenceLoaded } = useAppStore.getState();
    if (evidenceLoaded && !evidence.some((i) => i.id === id)) void requested();
    void select(id).then(() => {
      pending.current = id;
      setFilter('');
      setOpened((n) => n + 1);
      searchFocusCleared();
    });
  }, [focus, select, requested, searchFocusCleared]);
  useEffect(() => {
    if (!pending.current || pending.current !== selectedId) return;
    pending.current = null;
    const index = shown.findIndex((i) => i.id === selectedId);
    const scroller = root.current?.querySelector<HTMLElement>('.virtual');
    if (scroller && index >= 0) scroller.scrollTop = Math.max(0, index * ROW_ESTIMATE - scroller.clientHeight / 3);
    const detail = root.current?.querySelector<HTMLElement>('.evidence-detail');
    detail?.scrollIntoView({ block: 'start' });
    detail?.focus({ preventScroll: true });
  }, [opened, selectedId, shown]);

  async function onDrop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length === 0) return;
    const paths = await window.api.files.dropped(files);
    if (paths.length === 0) {
      toastShown({
        kind: 'error',
        text: 'Only files from this computer can be dropped here; save the item to a folder first, then drop or choose it',
      });
      return;
    }
    setDropped(paths);
    setAdding('files');
  }

  return (
    <section
      ref={root}
      aria-labelledby="evidence-title"
      className={`stack${dragging ? ' dropzone--active' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => void onDrop(event)}
    >
      <div className="section-head">
        <h2 id="evidence-title">Evidence {loaded ? <span className="count">{items.length}</span> : null}</h2>
        <div className="actions actions--inline">
          <button
            type="button"
            className="button"
            onClick={() => void verify([])}
            disabled={items.length === 0 || busy}
          >
            Verify all
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void exportItems([])}
            disabled={items.length === 0 || busy}
          >
            Export all…
          </button>
          <button type="button" className="button" onClick={() => setAdding('physical')} disabled={adding !== false}>
            Log physical item…
          </button>
          <button type="button" className="button" onClick={() => setAdding('text')} disabled={adding !== false}>
            Record text…
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => setAdding('files')}
            disabled={adding !== false}
          >
            Add files…
          </button>
        </div>
      </div>
      <JobProgress />
      <CaseHolds />
      {flagged > 0 ? (
        <p className="alert" role="alert">
          {flagged} {flagged === 1 ? 'item has' : 'items have'} failed a verification. Sort by integrity to see{' '}
          {flagged === 1 ? 'it' : 'them'}.
        </p>
      ) : null}
      {dragging ? (
        <p className="dropzone" role="status">
          Drop files to log them as evidence
        </p>
      ) : null}
      {adding === 'files' ? (
        <AddEvidence
          key={dropped?.join('\u0000') ?? 'dialog'}
          {...(dropped ? { dropped } : {})}
          onClose={() => {
            setAdding(false);
            setDropped(undefined);
          }}
        />
      ) : null}
      {adding === 'physical' || adding === 'text' ? <AddOther kind={adding} onClose={() => setAdding(false)} /> : null}
      {loaded && items.length === 0 ? (
        <EmptyState title="No evidence yet">
          Add the extortion e-mail, chat exports, screenshots and logs. Each file is hashed and stored in the case with
          its chain of custody.
        </EmptyState>
      ) : (
        <>
          <div className="register-tools">
            <label className="inline-field">
              Filter{' '}
              <input
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                placeholder="exhibit, name, source, hash…"
              />
            </label>
            <label className="inline-field">
              Sort by{' '}
              <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
                <option value="exhibit">Exhibit number</option>
                <option value="name">File name</option>
                <option value="size">Size</option>
                <option value="integrity">Integrity (problems first)</option>
                <option value="acquired">Acquisition time</option>
              </select>
            </label>
          </div>
          <div className="register-head" aria-hidden="true">
            <span>Exhibit</span>
            <span>Name / description</span>
            <span>Size</span>
            <span>Stored</span>
            <span>Integrity</span>
          </div>
          <VirtualRows
            label="Evidence register"
            fit
            count={shown.length}
            rowAt={(i) => shown[i]}
            estimate={ROW_ESTIMATE}
            renderRow={(item) => (
              <button
                type="button"
                className={`register-row${item.id === selectedId ? ' register-row--selected' : ''}`}
                onClick={() => void select(item.id)}
                aria-pressed={item.id === selectedId}
              >
                <span className="mono">{item.exhibit}</span>
                <span className="register-row__name">
                  <strong>
                    <SafeText text={item.originalName || item.description} />
                    {item.kind === 'physical' && item.serialNumber ? ` (S/N ${item.serialNumber})` : ''}
                  </strong>
                  {item.description && item.originalName ? (
                    <span className="muted clamp">
                      <SafeText text={item.description} />
                    </span>
                  ) : null}
                </span>
                <span>{formatBytes(item.size)}</span>
                <span className="muted">
                  {item.disposed
                    ? 'disposed of'
                    : item.storage === 'embedded'
                      ? 'in case'
                      : item.storage === 'reference'
                        ? 'referenced'
                        : item.kind === 'physical'
                          ? 'physical'
                          : 'text'}
                </span>
                <IntegrityBadge item={item} />
              </button>
            )}
          />
        </>
      )}
      <EvidenceDetail />
    </section>
  );
}
