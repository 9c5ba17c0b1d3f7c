import { useCallback, useState } from 'react';
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
        <button
          type="button"
          className="button button--primary"
          onClick={() => setAdding((v) => !v)}
          aria-expanded={adding}
        >
          {adding ? 'Close form' : 'Add event'}
        </button>
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
      {total === 0 ? (
        <EmptyState title="No events yet">
          Add what happened and when: hiring, sign-ins, shipments, messages, payments, the extortion demand.
        </EmptyState>
      ) : (
        <>
          <div className="timeline-head" aria-hidden="true">
            <span>When ({zone} · UTC · as entered)</span>
            <span>What happened</span>
            <span>Category</span>
            <span>Source</span>
            <span />
          </div>
          <VirtualRows
            label="Timeline events in time order"
            count={total ?? 0}
            rowAt={rowAt}
            estimate={64}
            renderRow={(event) => (
              <div className="timeline-row">
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
        </>
      )}
    </section>
  );
}
