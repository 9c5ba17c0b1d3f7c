import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { DisposalDraft } from '../../../shared/domain/evidence.ts';
import type { EvidenceItem } from '../../../shared/domain/evidence.ts';
import { Field } from '../../components/Field.tsx';
import { FormActions, FormFooter } from '../../components/FormFooter.tsx';
import { useAppStore } from '../../store/selectors.ts';
import { api, call, messageOf } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/formErrors.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { ReasonForm } from '../../components/ReasonForm.tsx';
import { showBidi } from '../../../shared/logic/text.ts';

export function DisposeForm({ item, onDone }: { item: EvidenceItem; onDone: () => void }) {
  const disposed = useAppStore((s) => s.evidenceDisposed);
  const { values, errors, setErrors, change } = useFormState({ method: '', reason: '', authorisedBy: '' });
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => change(key, e.target.value);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = DisposalDraft.safeParse(values);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    try {
      await disposed(item.id, parsed.data);
      onDone();
    } catch (error) {
      setErrors({ _: messageOf(error) });
    }
  }
  return (
    <form className="card card--inset" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="dispose-title">
      <h4 id="dispose-title">Dispose of {item.exhibit}</h4>
      <p className="muted">
        The record, its hashes and its custody history stay in the case.{' '}
        {item.storage === 'embedded' ? 'The stored bytes are removed unless another item shares them.' : ''}
      </p>
      <div className="form-grid">
        <Field label="Method" required error={errors.method} hint="Returned to owner, securely erased, destroyed…">
          {(p) => <input {...p} type="text" value={values.method} onChange={set('method')} />}
        </Field>
        <Field label="Authorised by" required error={errors.authorisedBy}>
          {(p) => <input {...p} type="text" value={values.authorisedBy} onChange={set('authorisedBy')} />}
        </Field>
        <div className="span-2">
          <Field label="Reason" required error={errors.reason}>
            {(p) => <input {...p} type="text" value={values.reason} onChange={set('reason')} />}
          </Field>
        </div>
      </div>
      <FormFooter error={errors._} onCancel={onDone} tone="danger" submitLabel="Record disposal" />
    </form>
  );
}

type Option = { id: string; label: string };

/** What this item supports: timeline events, notes, other items — and adding a link. */
export function Links({ item }: { item: EvidenceItem }) {
  const links = useAppStore((s) => s.selectedEvidence?.links ?? []);
  const evidence = useAppStore((s) => s.evidence);
  const linked = useAppStore((s) => s.evidenceLinked);
  const unlinked = useAppStore((s) => s.evidenceUnlinked);
  const [adding, setAdding] = useState(false);
  const [type, setType] = useState<'timeline_event' | 'note' | 'evidence_item'>('timeline_event');
  const [options, setOptions] = useState<Option[]>([]);
  const [target, setTarget] = useState('');
  const [relation, setRelation] = useState('');
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (!adding) return;
    let live = true;
    const load = async (): Promise<Option[]> => {
      if (type === 'timeline_event') {
        return (await call(api().timeline.list({ offset: 0, limit: 1000 }))).items.map((e) => ({
          id: e.id,
          label: `${e.occurredAt.slice(0, 16).replace('T', ' ')} UTC — ${showBidi(e.title)}`,
        }));
      }
      if (type === 'note') {
        return (await call(api().notes.list())).map((n) => ({ id: n.id, label: n.body.slice(0, 80) }));
      }
      return evidence
        .filter((i) => i.id !== item.id)
        .map((i) => ({ id: i.id, label: `${i.exhibit} ${showBidi(i.originalName || i.description)}` }));
    };
    void load().then((o) => {
      if (!live) return;
      setOptions(o);
      setTarget(o[0]?.id ?? '');
    });
    return () => {
      live = false;
    };
  }, [adding, type, evidence, item.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!target) return setError('Choose what to link to');
    try {
      await linked(item.id, type, target, relation.trim() || 'related');
      setAdding(false);
      setRelation('');
      setError(undefined);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const TYPE_LABEL: Record<string, string> = {
    timeline_event: 'Timeline event',
    note: 'Note',
    evidence_item: 'Evidence item',
  };
  return (
    <section className="links" aria-labelledby="links-title">
      <h4 id="links-title">Linked to</h4>
      {links.length === 0 ? (
        <p className="muted">Nothing yet. Link this item to the events and notes it supports.</p>
      ) : null}
      <ul className="links__list">
        {links.map((l) => (
          <li key={l.id}>
            <span className="chip">{TYPE_LABEL[l.targetType]}</span> <em>{l.relation}</em> {l.label}{' '}
            <button
              type="button"
              className="button button--ghost"
              onClick={() => void unlinked(l.id)}
              aria-label={`Remove link to ${l.label}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {adding ? (
        <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="form-grid form-grid--3">
            <Field label="Link to">
              {(p) => (
                <select {...p} value={type} onChange={(e) => setType(e.target.value as typeof type)}>
                  <option value="timeline_event">Timeline event</option>
                  <option value="note">Note</option>
                  <option value="evidence_item">Evidence item</option>
                </select>
              )}
            </Field>
            <Field label="Which" error={error}>
              {(p) => (
                <select {...p} value={target} onChange={(e) => setTarget(e.target.value)}>
                  {options.length === 0 ? <option value="">Nothing to link to</option> : null}
                  {options.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Relation" hint="e.g. shows, photo of, source of">
              {(p) => <input {...p} type="text" value={relation} onChange={(e) => setRelation(e.target.value)} />}
            </Field>
          </div>
          {/* The error belongs to the "Which" field and is shown there. */}
          <FormActions onCancel={() => setAdding(false)} submitLabel="Add link" />
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add link…
        </button>
      )}
    </section>
  );
}

export function ItemHold({ item }: { item: EvidenceItem }) {
  const placed = useAppStore((s) => s.holdPlaced);
  const [placing, setPlacing] = useState(false);
  if (placing) {
    return (
      <ReasonForm
        label="Place hold on this item"
        submit={(reason) => placed(item.id, reason)}
        onDone={() => setPlacing(false)}
      />
    );
  }
  return (
    <button type="button" className="button" onClick={() => setPlacing(true)}>
      Place legal hold…
    </button>
  );
}
