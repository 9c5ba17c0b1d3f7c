import { Fragment, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ACCESS_STATUSES, AccessDraft } from '../../../shared/domain/playbook.ts';
import type { AccessItem } from '../../../shared/domain/playbook.ts';
import { AccessStatusBadge, accessStatusLabel } from '../../components/Badges.tsx';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { ZonedTime } from '../../components/ZonedTime.tsx';
import { fieldErrors } from '../../lib/formErrors.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { AccessImport } from './AccessImport.tsx';
import { AccessUpdateForm } from './AccessUpdateForm.tsx';
import type { AccessOutcome } from './AccessUpdateForm.tsx';

type AccessValues = {
  system: string;
  identifier: string;
  category: string;
  owner: string;
  status: AccessItem['status'];
  notes: string;
  proof: string;
};

const EMPTY: AccessValues = {
  system: '',
  identifier: '',
  category: '',
  owner: '',
  status: 'active',
  notes: '',
  proof: '',
};

/** "3 accounts: 1 still active": what a lead needs to know before calling the termination done. */
export function accessCountLine(items: readonly AccessItem[]): string {
  const active = items.filter((i) => i.status === 'active').length;
  return `${items.length} ${items.length === 1 ? 'account' : 'accounts'}: ${active} still active`;
}

/** One account, key or device added to the inventory; the backend's refusal is the form's error. */
function AddAccessForm({ onDone }: { onDone: () => void }) {
  const accessAdded = useAppStore((s) => s.accessAdded);
  const { values, errors, setErrors, change } = useFormState<AccessValues>(EMPTY);
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const set = (key: keyof AccessValues) => (e: { target: { value: string } }) =>
    change(key, e.target.value as AccessValues[typeof key]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const proof = values.proof.trim();
    const draft = {
      system: values.system,
      identifier: values.identifier,
      category: values.category,
      owner: values.owner,
      status: values.status,
      notes: values.notes,
      ...(proof ? { proof } : {}),
    };
    const parsed = AccessDraft.safeParse(draft);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      await accessAdded(draft);
      onDone();
    });
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add access">
      <div className="form-grid form-grid--3">
        <Field label="System" required error={errors.system} hint="GitHub, Okta, AWS, a laptop…">
          {(p) => <input {...p} type="text" value={values.system} onChange={set('system')} autoFocus />}
        </Field>
        <Field label="Identifier" required error={errors.identifier} hint="The account, key or device.">
          {(p) => <input {...p} type="text" value={values.identifier} onChange={set('identifier')} />}
        </Field>
        <Field label="Category" error={errors.category} hint="Account, API key, device…">
          {(p) => <input {...p} type="text" value={values.category} onChange={set('category')} />}
        </Field>
        <Field label="Owner" error={errors.owner}>
          {(p) => <input {...p} type="text" value={values.owner} onChange={set('owner')} />}
        </Field>
        <Field label="Status" error={errors.status}>
          {(p) => (
            <select {...p} value={values.status} onChange={set('status')}>
              {ACCESS_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {accessStatusLabel(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Proof" error={errors.proof} hint="An exhibit number (E-0001).">
          {(p) => <input {...p} type="text" value={values.proof} onChange={set('proof')} />}
        </Field>
        <div className="span-3">
          <Field label="Notes" error={errors.notes}>
            {(p) => <textarea {...p} rows={2} value={values.notes} onChange={set('notes')} />}
          </Field>
        </div>
      </div>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Adding…" submitLabel="Add access" />
    </form>
  );
}

/** What can still happen to an item: it is cut (unless it already was), then checked dead. */
function outcomesOf(item: AccessItem): AccessOutcome[] {
  if (item.status === 'active' || item.status === 'not_applicable') return ['revoked', 'verified_dead'];
  if (item.status === 'revoked') return ['verified_dead'];
  return [];
}

const OUTCOME_BUTTONS: Record<AccessOutcome, string> = { revoked: 'Revoked…', verified_dead: 'Verified dead…' };
const COLUMNS = 9;

/** A time in the inventory: the examiner's zone, with UTC under it; a dash when it has not happened. */
function When({ utc, zone }: { utc: string | null; zone: string }) {
  return utc ? <ZonedTime utc={utc} examinerZone={zone} /> : <span className="muted">—</span>;
}

/** The accounts, keys and devices the subject held, and whether each is cut yet. */
export function AccessInventory({ readOnly }: { readOnly: boolean }) {
  const items = useAppStore((s) => s.accessItems);
  const loaded = useAppStore((s) => s.accessLoaded);
  const accessRequested = useAppStore((s) => s.accessRequested);
  const evidence = useAppStore((s) => s.evidence);
  const evidenceLoaded = useAppStore((s) => s.evidenceLoaded);
  const evidenceRequested = useAppStore((s) => s.evidenceRequested);
  const zone = useExaminerZone();
  const [panel, setPanel] = useState<'add' | 'import' | null>(null);
  const [updating, setUpdating] = useState<{ id: string; outcome: AccessOutcome; openedAt: number } | null>(null);
  const headingId = useId();
  const anyProof = items.some((i) => i.proofItemId);

  useEffect(() => {
    if (!loaded) void accessRequested();
  }, [loaded, accessRequested]);

  // Proof is stored as the item's id: its exhibit number comes from the register, which the
  // revoked / verified dead form also offers as proof.
  useEffect(() => {
    if ((anyProof || updating) && !evidenceLoaded) void evidenceRequested();
  }, [anyProof, updating, evidenceLoaded, evidenceRequested]);

  const exhibitOf = (id: string) => evidence.find((e) => e.id === id)?.exhibit ?? 'Recorded';

  return (
    <section className="card stack access" aria-labelledby={headingId}>
      <div className="section-head">
        <h3 id={headingId}>Access inventory</h3>
        {!readOnly && panel === null ? (
          <div className="actions actions--inline">
            <button type="button" className="button" onClick={() => setPanel('import')}>
              Import CSV…
            </button>
            <button type="button" className="button" onClick={() => setPanel('add')}>
              Add access…
            </button>
          </div>
        ) : null}
      </div>
      {panel === 'import' ? <AccessImport onDone={() => setPanel(null)} /> : null}
      {/* Until the open case's inventory is read, nothing is said either way. */}
      {!loaded ? null : items.length === 0 ? (
        <p className="muted">
          No access recorded yet. List every account, key and device the subject held, so none is left live.
        </p>
      ) : (
        <>
          <p className="access__count" role="status">
            {accessCountLine(items)}
          </p>
          <table className="custody access__table">
            <thead>
              <tr>
                <th scope="col">System</th>
                <th scope="col">Identifier</th>
                <th scope="col">Category</th>
                <th scope="col">Owner</th>
                <th scope="col">Status</th>
                <th scope="col">Revoked</th>
                <th scope="col">Verified dead</th>
                <th scope="col">Proof</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => {
                const nameId = `${headingId}-${i.id}`;
                const outcomes = readOnly ? [] : outcomesOf(i);
                const open = updating?.id === i.id ? updating : null;
                return (
                  <Fragment key={i.id}>
                    <tr>
                      <td>
                        <SafeText text={i.system} />
                      </td>
                      <td>
                        <span className="access__identifier" id={nameId}>
                          <SafeText text={i.identifier} />
                        </span>
                        {i.notes ? (
                          <>
                            <br />
                            <span className="muted">
                              <SafeText text={i.notes} />
                            </span>
                          </>
                        ) : null}
                      </td>
                      <td>{i.category ? <SafeText text={i.category} /> : <span className="muted">—</span>}</td>
                      <td>{i.owner ? <SafeText text={i.owner} /> : <span className="muted">—</span>}</td>
                      <td>
                        <AccessStatusBadge status={i.status} />
                      </td>
                      <td>
                        <When utc={i.revokedAt} zone={zone} />
                      </td>
                      <td>
                        <When utc={i.verifiedAt} zone={zone} />
                      </td>
                      <td>{i.proofItemId ? exhibitOf(i.proofItemId) : <span className="muted">—</span>}</td>
                      <td className="access__actions">
                        {open
                          ? null
                          : outcomes.map((outcome) => (
                              <button
                                key={outcome}
                                type="button"
                                className="button button--small"
                                aria-describedby={nameId}
                                onClick={() => setUpdating({ id: i.id, outcome, openedAt: Date.now() })}
                              >
                                {OUTCOME_BUTTONS[outcome]}
                              </button>
                            ))}
                      </td>
                    </tr>
                    {open ? (
                      <tr className="access__form-row">
                        <td colSpan={COLUMNS}>
                          <AccessUpdateForm
                            item={i}
                            outcome={open.outcome}
                            openedAt={open.openedAt}
                            zone={zone}
                            onDone={() => setUpdating(null)}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      {panel === 'add' ? <AddAccessForm onDone={() => setPanel(null)} /> : null}
    </section>
  );
}
