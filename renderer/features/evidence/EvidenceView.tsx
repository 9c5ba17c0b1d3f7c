import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import type { RegisterItem } from '../../../shared/domain/evidence.ts';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { IntegrityBadge } from '../../components/IntegrityBadge.tsx';
import { VirtualRows } from '../../components/VirtualRows.tsx';
import { ProgressPanel } from '../../components/ProgressPanel.tsx';
import { AddEvidence } from './AddEvidence.tsx';
import { AddOther } from './AddOther.tsx';
import { CaseHolds } from './Holds.tsx';
import { EvidenceDetail } from './EvidenceDetail.tsx';
import { Bytes } from '../../components/Bytes.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { custodyHeadline, failureWords } from './custodyWords.ts';
import { flagReason } from '../../../shared/logic/flagReason.ts';
import './evidence.css';

type SortKey = 'exhibit' | 'name' | 'size' | 'integrity' | 'acquired' | 'custody';
const CUSTODY_ORDER = { transferred: 0, held: 1, returned: 2, disposed: 3 } as const;
const SORTS: Record<SortKey, (a: RegisterItem, b: RegisterItem) => number> = {
  exhibit: (a, b) => a.exhibit.localeCompare(b.exhibit),
  name: (a, b) => a.originalName.localeCompare(b.originalName),
  size: (a, b) => (b.size ?? -1) - (a.size ?? -1),
  // Problems first: they are what a person must see.
  integrity: (a, b) => Number(b.flagged) - Number(a.flagged) || a.integrity.localeCompare(b.integrity),
  acquired: (a, b) => a.acquiredAt.localeCompare(b.acquiredAt),
  // Out of the organisation's hands first: those are the ones someone asks about.
  custody: (a, b) =>
    CUSTODY_ORDER[a.custodyNow.state] - CUSTODY_ORDER[b.custodyNow.state] || a.exhibit.localeCompare(b.exhibit),
};

/** Where the bytes are, without repeating what the custody column says (a disposal is said there). */
function storedWords(item: RegisterItem): string {
  if (item.kind === 'physical') return 'physical';
  if (item.kind === 'text') return 'text in the case';
  if (item.disposed) return item.storage === 'embedded' ? 'bytes removed' : 'was referenced';
  return item.storage === 'embedded' ? 'in case' : 'referenced';
}

function CustodyCell({ item, zone }: { item: RegisterItem; zone: string }) {
  const { label, since } = custodyHeadline(item.custodyNow, zone);
  return (
    <span className={`custody-now custody-now--${item.custodyNow.state}`}>
      <span className="custody-now__label">
        <SafeText text={label} />
      </span>
      {since ? (
        <span className="muted custody-now__since">
          <SafeText text={since} />
        </span>
      ) : null}
    </span>
  );
}

/**
 * A failed verification, said where the register starts, with the way to the item in one click:
 * one item opens it, several filter the register to them.
 */
function FailureBanner({
  failed,
  onlyFailed,
  onOpen,
  onOnlyFailed,
}: {
  failed: RegisterItem[];
  onlyFailed: boolean;
  onOpen: (id: string) => void;
  onOnlyFailed: (only: boolean) => void;
}) {
  if (failed.length === 0) return null;
  const first = failed[0]!;
  return (
    <div className="alert evidence-failures" role="alert">
      {failed.length === 1 ? (
        <p>
          {first.exhibit} “<SafeText text={first.description || first.originalName} />”{' '}
          {flagReason(first).failed ? 'failed a verification' : 'is flagged'}: {failureWords(first)}.
        </p>
      ) : (
        <p>
          {failed.length} items are flagged: {failed.map((i) => i.exhibit).join(', ')}.
        </p>
      )}
      <div className="evidence-failures__actions">
        {failed.length === 1 ? (
          <button type="button" className="button button--danger" onClick={() => onOpen(first.id)}>
            Show {first.exhibit}
          </button>
        ) : onlyFailed ? (
          <button type="button" className="button" onClick={() => onOnlyFailed(false)}>
            Show every item
          </button>
        ) : (
          <button type="button" className="button button--danger" onClick={() => onOnlyFailed(true)}>
            Show only the {failed.length} failed items
          </button>
        )}
      </div>
    </div>
  );
}

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
  const [onlyFailed, setOnlyFailed] = useState(false);
  const addingFiles = useAppStore((s) => s.adding);
  const zone = useExaminerZone();

  useEffect(() => {
    if (!loaded) void requested();
  }, [loaded, requested]);

  const failed = useMemo(() => items.filter((i) => i.flagged), [items]);
  const filtering = onlyFailed && failed.length > 0;
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matches = items.filter(
      (i) =>
        (!filtering || i.flagged) &&
        (!needle ||
          [i.exhibit, i.originalName, i.description, i.source, i.custodian, i.custodyNow.holder, i.sha256 ?? ''].some(
            (v) => v.toLowerCase().includes(needle),
          )),
    );
    return [...matches].sort(SORTS[sort]);
  }, [items, filter, sort, filtering]);

  // A search hit opened an item: it is selected (its detail opens below the register), the filter
  // is cleared so its row shows, the register scrolls to the row and the detail takes the focus.
  const focus = useAppStore((s) => (s.searchFocus?.kind === 'evidence' ? s.searchFocus : null));
  const searchFocusCleared = useAppStore((s) => s.searchFocusCleared);
  const root = useRef<HTMLElement>(null);
  const pending = useRef<string | null>(null);
  const [opened, setOpened] = useState(0);
  /** Selects an item, clears what would hide its row, scrolls to the row and moves to its page. */
  const open = useCallback(
    (id: string) =>
      select(id).then(() => {
        pending.current = id;
        setFilter('');
        setOnlyFailed((only) => only && useAppStore.getState().evidence.some((i) => i.id === id && i.flagged));
        setOpened((n) => n + 1);
      }),
    [select],
  );
  useEffect(() => {
    if (!focus) return;
    const id = focus.id;
    // An item added since the register was read: the register is read again to show its row.
    const { evidence, evidenceLoaded } = useAppStore.getState();
    if (evidenceLoaded && !evidence.some((i) => i.id === id)) void requested();
    void open(id).then(() => searchFocusCleared());
  }, [focus, open, requested, searchFocusCleared]);
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
      className={`stack evidence-view${dragging ? ' dropzone--active' : ''}`}
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
      <FailureBanner
        failed={failed}
        onlyFailed={filtering}
        onOpen={(id) => void open(id)}
        onOnlyFailed={(only) => {
          setOnlyFailed(only);
          if (only) setFilter('');
        }}
      />
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
      {loaded && items.length === 0 && adding === false && !addingFiles ? (
        <EmptyState title="No evidence yet">
          Add the extortion e-mail, chat exports, screenshots and logs. Each file is hashed and stored in the case with
          its chain of custody.
        </EmptyState>
      ) : items.length === 0 ? null : (
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
                <option value="custody">Custody (handed over first)</option>
              </select>
            </label>
            {filtering ? (
              <p className="register-tools__note" role="status">
                Showing the {failed.length} failed items only.{' '}
                <button type="button" className="button button--ghost" onClick={() => setOnlyFailed(false)}>
                  Show every item
                </button>
              </p>
            ) : null}
          </div>
          <div className="register-head" aria-hidden="true">
            <span>Exhibit</span>
            <span>What it is</span>
            <span>Size</span>
            <span>Stored</span>
            <span>Custody</span>
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
                {/* What the exhibit is, in its own words; the file it came as beneath. */}
                <span className="register-row__name">
                  <strong className="clamp">
                    <SafeText text={item.description || item.originalName} />
                    {item.kind === 'physical' && item.serialNumber ? ` (S/N ${item.serialNumber})` : ''}
                  </strong>
                  {item.description && item.originalName ? (
                    <span className="muted register-row__file">
                      <SafeText text={item.originalName} />
                    </span>
                  ) : null}
                </span>
                <Bytes bytes={item.size} />
                <span className="muted">{storedWords(item)}</span>
                <CustodyCell item={item} zone={zone} />
                <IntegrityBadge item={item} />
              </button>
            )}
          />
        </>
      )}
      {/* Keyed by the item: a form left open on one item does not stay open on the next. */}
      <EvidenceDetail key={selectedId ?? 'none'} />
    </section>
  );
}
