import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { TimelineEvent } from '../../../shared/domain/timeline.ts';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { usePaged } from '../../lib/usePaged.ts';
import { api, call, messageOf } from '../../lib/api.ts';
import { VirtualRows } from '../../components/VirtualRows.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { FormError } from '../../components/FormFooter.tsx';
import { ZonedTime } from '../../components/ZonedTime.tsx';
import { EventForm, categoryLabel, eventToValues } from './EventForm.tsx';
import type { EventFormValues } from './EventForm.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { showBidi } from '../../../shared/logic/text.ts';
import { TimelineChart } from './TimelineChart.tsx';

/** Rows a timeline page row is estimated at, as VirtualRows is told: where to scroll to reach a row. */
const ROW_ESTIMATE = 64;
/** How long a found row is kept centred while the rows around it are measured. */
const SETTLE_MS = 1500;
/** What the person does that ends the centring: their scroll wins. */
const USER_INPUT = ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const;
/** Rows asked for at once while looking for the event a search opened (the contract's page limit). */
const FIND_PAGE = 1000;

/**
 * The event a search hit opened: the timeline is a paged list, so its place in time order is found
 * first (reading pages until it turns up), the list is scrolled there, and once its row is drawn
 * it is brought into view, marked and focused.
 */
function useFoundEvent(
  fetchPage: (offset: number, limit: number) => Promise<{ total: number; items: TimelineEvent[] }>,
  listRef: RefObject<HTMLDivElement | null>,
) {
  const focus = useAppStore((s) => (s.searchFocus?.kind === 'timeline' ? s.searchFocus : null));
  const searchFocusCleared = useAppStore((s) => s.searchFocusCleared);
  const toastShown = useAppStore((s) => s.toastShown);
  const [found, setFound] = useState<{ id: string; index: number; by: 'search' | 'picture' } | null>(null);
  /** The row still to bring into view and focus, once drawn. */
  const pending = useRef<string | null>(null);

  useEffect(() => {
    if (!focus) return;
    const id = focus.id;
    let cancelled = false;
    void (async () => {
      try {
        for (let offset = 0; ; offset += FIND_PAGE) {
          const page = await fetchPage(offset, FIND_PAGE);
          if (cancelled) return;
          const at = page.items.findIndex((e) => e.id === id);
          if (at >= 0) {
            pending.current = id;
            setFound({ id, index: offset + at, by: 'search' });
            return;
          }
          if (page.items.length < FIND_PAGE || offset + FIND_PAGE >= page.total) break;
        }
        toastShown({ kind: 'error', text: 'The event the search found is no longer on the timeline' });
      } catch (error) {
        if (!cancelled) toastShown({ kind: 'error', text: messageOf(error) });
      } finally {
        if (!cancelled) searchFocusCleared();
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [focus, fetchPage, searchFocusCleared, toastShown]);

  // Scrolls the list near the row, so the virtual list draws it (and fetches its page); a row
  // already drawn is brought into view at once.
  useEffect(() => {
    if (!found) return;
    const scroller = listRef.current?.querySelector<HTMLElement>('.virtual');
    if (scroller) scroller.scrollTop = Math.max(0, found.index * ROW_ESTIMATE - scroller.clientHeight / 3);
    const drawn = listRef.current?.querySelector<HTMLElement>('.search-found');
    if (drawn) bringIntoView(drawn);
  }, [found, listRef]);

  function bringIntoView(element: HTMLElement) {
    if (pending.current === null) return;
    pending.current = null;
    element.focus({ preventScroll: true });
    // The rows around it are measured as they are drawn (their height differs from the estimate),
    // and the list moves under it: it is centred again whenever the list's height changes, until
    // the person scrolls, types or clicks, or a moment has passed.
    const centre = () => {
      if (element.isConnected) element.scrollIntoView({ block: 'center' });
    };
    centre();
    const scroller = element.closest('.virtual');
    const inner = scroller?.firstElementChild;
    if (!scroller || !inner) return;
    const observer = new ResizeObserver(centre);
    observer.observe(inner);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
      for (const type of USER_INPUT) scroller.removeEventListener(type, stop);
    };
    const timer = setTimeout(stop, SETTLE_MS);
    for (const type of USER_INPUT) scroller.addEventListener(type, stop, { passive: true });
  }

  // Called when the marked row is drawn: the first time, it is centred and takes the focus.
  const rowRef = useCallback((element: HTMLDivElement | null) => {
    if (element) bringIntoView(element);
  }, []);

  // The picture knows an event's place in time order already: no pages to read to find it.
  const show = useCallback((id: string, index: number) => {
    pending.current = id;
    setFound({ id, index, by: 'picture' });
  }, []);

  return { id: found?.id ?? null, by: found?.by ?? null, rowRef, show };
}

export function TimelineView() {
  const zone = useExaminerZone();
  const version = useAppStore((s) => s.timelineVersion);
  const timelineEventAdded = useAppStore((s) => s.timelineEventAdded);
  const timelineEventEdited = useAppStore((s) => s.timelineEventEdited);
  const timelineEventRemoved = useAppStore((s) => s.timelineEventRemoved);
  const toastShown = useAppStore((s) => s.toastShown);
  const fetchPage = useCallback((offset: number, limit: number) => call(api().timeline.list({ offset, limit })), []);
  const { total, error, rowAt } = usePaged<TimelineEvent>(fetchPage, version);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<TimelineEvent | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const found = useFoundEvent(fetchPage, listRef);
  const chartShown = useAppStore((s) => s.timelineChartShown);
  const chartToggled = useAppStore((s) => s.timelineChartToggled);
  const chartHasMarks = useAppStore((s) => (s.timelineChart ? s.timelineChart.marks.length > 0 : false));
  const chartRequested = useAppStore((s) => s.timelineChartRequested);
  const auditVersion = useAppStore((s) => s.auditVersion);
  // The picture is read again on every change to the case: a hand-over or a new deadline moves marks too.
  useEffect(() => {
    if (chartShown) void chartRequested();
  }, [chartShown, chartRequested, version, auditVersion]);

  const blank: EventFormValues = { at: '', zone, title: '', category: 'other', source: '', description: '' };

  async function remove(event: TimelineEvent) {
    if (
      !window.confirm(
        `Remove “${showBidi(event.title)}” from the timeline?\n\nThe removal is recorded in the audit log; the event stays there.`,
      )
    ) {
      return;
    }
    try {
      await timelineEventRemoved(event.id);
      setEditing(null);
    } catch (e) {
      toastShown({ kind: 'error', text: messageOf(e) });
    }
  }

  return (
    <section aria-labelledby="timeline-title" className="stack">
      <div className="section-head">
        <h2 id="timeline-title">Timeline {total !== null ? <span className="count">{total}</span> : null}</h2>
        <div className="actions actions--inline">
          <button type="button" className="button" onClick={chartToggled}>
            {chartShown ? 'Hide picture' : 'Show picture'}
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => setAdding((v) => !v)}
            aria-expanded={adding}
          >
            {adding ? 'Close form' : 'Add event'}
          </button>
        </div>
      </div>
      {adding ? (
        <div className="card">
          <EventForm
            initial={blank}
            submitLabel="Add to timeline"
            onSubmit={(v) => timelineEventAdded(v)}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : null}
      {editing ? (
        <div className="card" aria-label="Edit event">
          <h3>Edit event</h3>
          <p className="muted">Edited values replace the shown ones; the audit log keeps the old and the new.</p>
          <EventForm
            key={editing.id + editing.updatedAt}
            initial={eventToValues(editing)}
            submitLabel="Save event"
            onSubmit={async (v) => {
              await timelineEventEdited(editing.id, v);
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
          <div className="actions actions--start">
            <button type="button" className="button button--danger" onClick={() => void remove(editing)}>
              Remove event…
            </button>
          </div>
        </div>
      ) : null}
      <FormError message={error} />
      {chartShown && (total !== 0 || chartHasMarks) ? <TimelineChart zone={zone} onOpenEvent={found.show} /> : null}
      {total === 0 ? (
        <EmptyState title="No events yet">
          Add what happened and when: hiring, sign-ins, shipments, messages, payments, the extortion demand.
        </EmptyState>
      ) : (
        <>
          {found.id ? (
            <p className="muted" role="status">
              {found.by === 'picture'
                ? 'The event chosen in the picture is marked in the table below.'
                : 'The event the search opened is marked below.'}
            </p>
          ) : null}
          <div className="timeline-head" aria-hidden="true">
            <span>When ({zone} · UTC · as entered)</span>
            <span>What happened</span>
            <span>Category</span>
            <span>Source</span>
            <span />
          </div>
          <div ref={listRef}>
            <VirtualRows
              label="Timeline events in time order"
              count={total ?? 0}
              rowAt={rowAt}
              estimate={ROW_ESTIMATE}
              renderRow={(event) => (
                <div
                  className={`timeline-row${event.id === found.id ? ' search-found' : ''}`}
                  {...(event.id === found.id ? { ref: found.rowRef, tabIndex: -1 } : {})}
                >
                  <ZonedTime utc={event.occurredAt} enteredZone={event.zone} examinerZone={zone} />
                  <span className="timeline-row__title">
                    <strong>
                      <SafeText text={event.title} />
                    </strong>
                    {event.description ? (
                      <span className="muted clamp">
                        <SafeText text={event.description} />
                      </span>
                    ) : null}
                  </span>
                  <span className="chip">{categoryLabel(event.category)}</span>
                  <span className="muted">{event.source}</span>
                  <button
                    type="button"
                    className="button button--ghost"
                    onClick={() => setEditing(event)}
                    aria-label={`Edit ${event.title}`}
                  >
                    Edit
                  </button>
                </div>
              )}
            />
          </div>
        </>
      )}
    </section>
  );
}
