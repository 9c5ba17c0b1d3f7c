import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  DECISION_LABELS,
  DEMAND_STATUSES,
  DemandDraft,
  VALIDATION_RESULTS,
  ValidationDraft,
} from '../../../shared/domain/extortion.ts';
import type { ClaimValidation, ExtortionDemand } from '../../../shared/domain/extortion.ts';
import { toLocalInput } from '../../../shared/logic/time.ts';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { ExhibitSelect } from '../../components/ExhibitSelect.tsx';
import { Fact } from '../../components/Fact.tsx';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { RemoveAction } from '../../components/RemoveAction.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { WhenFields } from '../../components/WhenFields.tsx';
import { fieldErrors, zonedTimeError } from '../../lib/formErrors.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore } from '../../store/selectors.ts';
import { elementIdOf } from '../../store/extortion.ts';
import { Countdown, WallTime } from '../clocks/bits.tsx';
import { demandIsLive, demandTitle } from '../clocks/countdown.ts';
import { IndicatorSelect, PAY_TO_TYPES } from './pickers.tsx';
import { SanctionsNoticeBox, namesPayment } from './SanctionsNotice.tsx';
import { ExhibitLink, IndicatorText, Written } from './shared.tsx';
import type { ExtortionContext } from './shared.tsx';

export const DEMAND_STATUS_LABELS: Record<(typeof DEMAND_STATUSES)[number], string> = {
  open: 'Open',
  'deadline-passed': 'Deadline passed',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
};

export const VALIDATION_LABELS: Record<(typeof VALIDATION_RESULTS)[number], string> = {
  pending: 'Pending',
  confirmed: 'Claim confirmed',
  'not-confirmed': 'Claim not confirmed',
  inconclusive: 'Inconclusive',
};

const ASSETS = ['BTC', 'ETH', 'USDT', 'USDC', 'XMR', 'USD', 'EUR', 'GBP'];

type DemandValues = {
  messageId: string;
  amount: string;
  asset: string;
  payTo: string;
  payToIndicatorId: string;
  deadline: string;
  zone: string;
  threat: string;
  offeredProof: string;
};

/** "Record a demand": how much of what, paid where, by when, what they threaten and offer as proof. */
export function DemandForm({
  context,
  messageId,
  onDone,
}: {
  context: ExtortionContext;
  /** The message the demand came in, when it was recorded from one. */
  messageId: string | null;
  onDone: () => void;
}) {
  const demandAdded = useAppStore((s) => s.demandAdded);
  const { values, errors, setErrors, change } = useFormState<DemandValues>({
    messageId: messageId ?? '',
    amount: '',
    asset: '',
    payTo: '',
    payToIndicatorId: '',
    deadline: '',
    zone: context.zone,
    threat: '',
    offeredProof: '',
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const draft: DemandDraft = {
      asset: values.asset.trim(),
      payTo: values.payTo.trim(),
      threat: values.threat,
      offeredProof: values.offeredProof,
      ...(values.messageId ? { messageId: values.messageId } : {}),
      ...(values.amount.trim() ? { amount: values.amount.trim() } : {}),
      ...(values.payToIndicatorId ? { payToIndicatorId: values.payToIndicatorId } : {}),
      ...(values.deadline ? { deadline: values.deadline, zone: values.zone } : {}),
    };
    const parsed = DemandDraft.safeParse(draft);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    if (draft.amount && !draft.asset) found.asset = 'Say what the amount is in (BTC, USDT, USD…)';
    const deadlineProblem = values.deadline ? zonedTimeError(values.deadline, values.zone) : undefined;
    if (deadlineProblem) found.deadline = deadlineProblem;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      await demandAdded(draft);
      onDone();
    });
  }

  const from = context.record.messages.find((m) => m.id === values.messageId);
  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="demand-form-title">
      <h4 id="demand-form-title">Record a demand</h4>
      {from ? (
        <p className="muted">
          From the message “<SafeText text={from.summary} />”
        </p>
      ) : null}
      <div className="form-grid form-grid--3">
        <Field label="Amount" error={errors.amount} hint="As written: 0.5, 25000 (no commas)">
          {(p) => (
            <input
              {...p}
              type="text"
              inputMode="decimal"
              value={values.amount}
              onChange={(e) => change('amount', e.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
        <Field label="Asset" error={errors.asset} hint="BTC, USDT, USD…">
          {(p) => (
            <>
              <input
                {...p}
                type="text"
                list="ext-assets"
                value={values.asset}
                onChange={(e) => change('asset', e.target.value)}
                spellCheck={false}
              />
              <datalist id="ext-assets">
                {ASSETS.map((a) => (
                  <option key={a} value={a} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        {context.record.messages.length > 0 ? (
          <Field label="Came in the message" error={errors.messageId}>
            {(p) => (
              <select {...p} value={values.messageId} onChange={(e) => change('messageId', e.target.value)}>
                <option value="">— none —</option>
                {context.record.messages.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.summary.slice(0, 80)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <div />
        )}
        <div className="span-2">
          <Field
            label="Wallet or account to pay"
            error={errors.payTo}
            hint="As the demand writes it; Custos links it to the indicator with the same canonical form"
          >
            {(p) => (
              <input
                {...p}
                type="text"
                className="mono"
                value={values.payTo}
                onChange={(e) => change('payTo', e.target.value)}
                spellCheck={false}
              />
            )}
          </Field>
        </div>
        <Field label="Wallet or account as an indicator" error={errors.payToIndicatorId}>
          {(p) => (
            <IndicatorSelect
              control={p}
              value={values.payToIndicatorId}
              onChange={(id) => change('payToIndicatorId', id)}
              indicators={context.choices?.indicators ?? []}
              types={PAY_TO_TYPES}
            />
          )}
        </Field>
        <WhenFields
          label="Deadline"
          zoneLabel="Time zone of the deadline"
          values={{ at: values.deadline, zone: values.zone }}
          optional
          error={errors.deadline}
          zoneError={errors.zone}
          onAt={(at) => change('deadline', at)}
          onZone={(zone) => change('zone', zone)}
          hint="As they set it, in the zone they wrote (empty if they gave none)"
        />
        <div />
        <div className="span-3">
          <Field label="What they threaten" required error={errors.threat}>
            {(p) => (
              <textarea {...p} rows={3} value={values.threat} onChange={(e) => change('threat', e.target.value)} />
            )}
          </Field>
        </div>
        <div className="span-3">
          <Field
            label="What they offer as proof"
            error={errors.offeredProof}
            hint="Samples, file lists, screenshots they sent or promise"
          >
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={values.offeredProof}
                onChange={(e) => change('offeredProof', e.target.value)}
              />
            )}
          </Field>
        </div>
      </div>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Recording…" submitLabel="Record demand" />
    </form>
  );
}

/** A demand's status or deadline changed: withdrawn, closed, a deadline moved by the other side. */
function DemandChangeForm({ demand, zone, onDone }: { demand: ExtortionDemand; zone: string; onDone: () => void }) {
  const demandUpdated = useAppStore((s) => s.demandUpdated);
  const deadlineZone = demand.deadlineZone ?? zone;
  const initial = {
    status: demand.status,
    deadline: demand.deadlineAt ? toLocalInput(demand.deadlineAt, deadlineZone) : '',
    zone: deadlineZone,
  };
  const { values, errors, setErrors, change } = useFormState(initial);
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch: { status?: ExtortionDemand['status']; deadline?: string | null; zone?: string } = {};
    if (values.status !== initial.status) patch.status = values.status;
    if (values.deadline !== initial.deadline || values.zone !== initial.zone) {
      if (values.deadline) {
        const problem = zonedTimeError(values.deadline, values.zone);
        if (problem) return setErrors({ deadline: problem });
        patch.deadline = values.deadline;
        patch.zone = values.zone;
      } else {
        patch.deadline = null;
      }
    }
    if (Object.keys(patch).length === 0) return onDone();
    await run(async () => {
      await demandUpdated(demand.id, patch);
      onDone();
    });
  }
  return (
    <form className="ext-subform stack" onSubmit={(e) => void submit(e)} noValidate aria-label="Change the demand">
      <div className="form-grid form-grid--3">
        <Field label="Status" error={errors.status}>
          {(p) => (
            <ChoiceSelect
              {...p}
              choices={DEMAND_STATUSES}
              labels={DEMAND_STATUS_LABELS}
              value={values.status}
              onChange={(value) => change('status', value)}
            />
          )}
        </Field>
        <WhenFields
          label="Deadline"
          zoneLabel="Time zone of the deadline"
          values={{ at: values.deadline, zone: values.zone }}
          optional
          error={errors.deadline}
          zoneError={errors.zone}
          onAt={(at) => change('deadline', at)}
          onZone={(z) => change('zone', z)}
          hint="Moved by them? Give the new one; empty removes it"
        />
      </div>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Saving…" submitLabel="Save demand" />
    </form>
  );
}

type ValidationValues = {
  samples: string;
  comparedAgainst: string;
  result: (typeof VALIDATION_RESULTS)[number];
  at: string;
  zone: string;
  evidence: string;
  notes: string;
};

/** "Record a validation": what of their proof was checked, against what, and whether it holds. */
function ValidationForm({
  demand,
  context,
  onDone,
}: {
  demand: ExtortionDemand;
  context: ExtortionContext;
  onDone: () => void;
}) {
  const validationAdded = useAppStore((s) => s.validationAdded);
  const { values, errors, setErrors, change } = useFormState<ValidationValues>({
    samples: '',
    comparedAgainst: '',
    result: 'pending',
    at: '',
    zone: context.zone,
    evidence: '',
    notes: '',
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const draft: ValidationDraft = {
      demandId: demand.id,
      samples: values.samples,
      comparedAgainst: values.comparedAgainst,
      result: values.result,
      notes: values.notes,
      ...(values.at ? { at: values.at, zone: values.zone } : {}),
      ...(values.evidence ? { evidence: values.evidence } : {}),
    };
    const parsed = ValidationDraft.safeParse(draft);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    const timeProblem = values.at ? zonedTimeError(values.at, values.zone) : undefined;
    if (timeProblem) found.at = timeProblem;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      await validationAdded(draft);
      onDone();
    });
  }
  return (
    <form className="ext-subform stack" onSubmit={(e) => void submit(e)} noValidate aria-label="Record a validation">
      <div className="form-grid">
        <Field label="Samples checked" required error={errors.samples} hint="The files or records of their proof">
          {(p) => (
            <textarea {...p} rows={2} value={values.samples} onChange={(e) => change('samples', e.target.value)} />
          )}
        </Field>
        <Field
          label="Compared against"
          required
          error={errors.comparedAgainst}
          hint="Our copy: repository, commit, table"
        >
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={values.comparedAgainst}
              onChange={(e) => change('comparedAgainst', e.target.value)}
            />
          )}
        </Field>
        <Field label="Result" error={errors.result}>
          {(p) => (
            <ChoiceSelect
              {...p}
              choices={VALIDATION_RESULTS}
              labels={VALIDATION_LABELS}
              value={values.result}
              onChange={(value) => change('result', value)}
            />
          )}
        </Field>
        <Field label="Exhibit" error={errors.evidence} hint="The samples or the comparison, logged under Evidence">
          {(p) => (
            <ExhibitSelect
              hideDisposed
              control={p}
              value={values.evidence}
              onChange={(exhibit) => change('evidence', exhibit)}
              exhibits={context.choices?.exhibits ?? []}
            />
          )}
        </Field>
        <WhenFields
          label="Checked at"
          values={{ at: values.at, zone: values.zone }}
          optional
          error={errors.at}
          zoneError={errors.zone}
          onAt={(at) => change('at', at)}
          onZone={(z) => change('zone', z)}
          hint="Empty: now (none while still pending)"
        />
        <div className="span-2">
          <Field label="Notes" error={errors.notes}>
            {(p) => <textarea {...p} rows={2} value={values.notes} onChange={(e) => change('notes', e.target.value)} />}
          </Field>
        </div>
      </div>
      <FormFooter
        error={errors._}
        onCancel={onDone}
        busy={busy}
        busyLabel="Recording…"
        submitLabel="Record validation"
      />
    </form>
  );
}

function ValidationItem({ validation, context }: { validation: ClaimValidation; context: ExtortionContext }) {
  const extortionRemoved = useAppStore((s) => s.extortionRemoved);
  return (
    <li className="ext-validation">
      <div className="ext-item__head">
        <span className={`ext-result ext-result--${validation.result}`}>{VALIDATION_LABELS[validation.result]}</span>
      </div>
      <dl className="ext-facts">
        <Fact term="Samples checked">
          <Written text={validation.samples} />
        </Fact>
        <Fact term="Compared against">
          <Written text={validation.comparedAgainst} />
        </Fact>
        <Fact term="Checked by">
          <SafeText text={validation.validatedBy} />
          {validation.validatedAt ? (
            <>
              <br />
              <WallTime utc={validation.validatedAt} zone={context.zone} />
            </>
          ) : (
            <span className="muted"> (not yet)</span>
          )}
        </Fact>
        {validation.evidenceItemId ? (
          <Fact term="Exhibit">
            <ExhibitLink itemId={validation.evidenceItemId} choices={context.choices} />
          </Fact>
        ) : null}
        {validation.notes ? (
          <Fact term="Notes" className="ext-facts__wide">
            <Written text={validation.notes} />
          </Fact>
        ) : null}
      </dl>
      <RemoveAction what="validation" onRemove={() => extortionRemoved('validation', validation.id)} />
    </li>
  );
}

/** The decision taken on a demand, the latest first, in one line: what, and whether counsel signed. */
function DecisionLine({
  demand,
  context,
  onDecide,
}: {
  demand: ExtortionDemand;
  context: ExtortionContext;
  onDecide: () => void;
}) {
  const decisions = context.record.decisions.filter((d) => d.demandId === demand.id);
  const latest = decisions.at(-1);
  return (
    <p className="ext-decision-line">
      {latest ? (
        <>
          <strong>{DECISION_LABELS[latest.decision]}</strong>
          {' — '}
          {latest.counselSignedAt ? (
            <span className="ext-signoff ext-signoff--signed">Signed off by {latest.counsel}</span>
          ) : (
            <span className="ext-signoff ext-signoff--awaiting">Awaiting counsel&apos;s sign-off</span>
          )}
        </>
      ) : (
        <span className="muted">No decision recorded on this demand yet.</span>
      )}{' '}
      <button type="button" className="button button--small" onClick={onDecide}>
        {latest ? 'See or record a decision…' : 'Record the decision…'}
      </button>
    </p>
  );
}

/**
 * One demand: the amount and where it is to be paid (with the sanctions notice beside it when it
 * names a payment), the deadline counting down, the threat and the proof offered, the checks of
 * their claims, and the decision taken.
 */
export function DemandCard({
  demand,
  context,
  now,
  onDecide,
}: {
  demand: ExtortionDemand;
  context: ExtortionContext;
  now: number;
  onDecide: () => void;
}) {
  const extortionRemoved = useAppStore((s) => s.extortionRemoved);
  const [open, setOpen] = useState<'validation' | 'change' | null>(null);
  const elementId = elementIdOf('demand', demand.id);
  const titleId = `${elementId}-title`;
  const message = context.record.messages.find((m) => m.id === demand.messageId);
  const validations = context.record.validations.filter((v) => v.demandId === demand.id);
  const payment = namesPayment(demand);
  return (
    <article
      id={elementId}
      tabIndex={-1}
      className={`card ext-item ext-demand${context.highlight === elementId ? ' ext-item--marked' : ''}`}
      aria-labelledby={titleId}
    >
      <div className="ext-item__head">
        <h4 id={titleId} className="ext-demand__title">
          <SafeText text={demandTitle(demand)} />
        </h4>
        <span className={`ext-demand-status ext-demand-status--${demand.status}`}>
          {DEMAND_STATUS_LABELS[demand.status]}
        </span>
        {demandIsLive(demand) ? <Countdown dueAt={demand.deadlineAt} now={now} /> : null}
      </div>
      <dl className="ext-facts">
        <Fact term="Pay to" className="ext-facts__wide">
          {demand.payTo ? (
            <span className="mono ext-payto">
              <SafeText text={demand.payTo} />
            </span>
          ) : (
            <span className="muted">Not given</span>
          )}
          {demand.payToIndicatorId ? (
            <>
              <br />
              <IndicatorText id={demand.payToIndicatorId} choices={context.choices} />
            </>
          ) : null}
        </Fact>
        <Fact term="Deadline">
          {demand.deadlineAt ? (
            <WallTime utc={demand.deadlineAt} zone={demand.deadlineZone ?? context.zone} />
          ) : (
            <span className="muted">None given</span>
          )}
        </Fact>
        <Fact term="What they threaten" className="ext-facts__wide">
          <Written text={demand.threat} />
        </Fact>
        <Fact term="What they offer as proof">
          <Written text={demand.offeredProof} empty="Nothing offered" />
        </Fact>
        <Fact term="Decision" className="ext-facts__wide">
          <DecisionLine demand={demand} context={context} onDecide={onDecide} />
        </Fact>
        {message ? (
          <Fact term="In the message">
            <SafeText text={message.summary} />
          </Fact>
        ) : null}
      </dl>
      {payment ? <SanctionsNoticeBox notice={context.record.sanctions} wide /> : null}
      <section className="ext-validations" aria-labelledby={`${elementId}-checks`}>
        <h5 id={`${elementId}-checks`}>
          Claim validation <span className="count">{validations.length}</span>
        </h5>
        {validations.length === 0 ? (
          <p className="muted">Not checked yet: compare their samples with our own copy before anything else.</p>
        ) : (
          <ul className="ext-validations__list">
            {validations.map((v) => (
              <ValidationItem key={v.id} validation={v} context={context} />
            ))}
          </ul>
        )}
        {open === 'validation' ? (
          <ValidationForm demand={demand} context={context} onDone={() => setOpen(null)} />
        ) : null}
      </section>
      {open === 'change' ? <DemandChangeForm demand={demand} zone={context.zone} onDone={() => setOpen(null)} /> : null}
      {open === null ? (
        <div className="ext-item__actions">
          <button type="button" className="button button--small" onClick={() => setOpen('validation')}>
            Record a validation…
          </button>
          <button type="button" className="button button--small" onClick={() => setOpen('change')}>
            Change status or deadline…
          </button>
          <RemoveAction what="demand" onRemove={() => extortionRemoved('demand', demand.id)} />
        </div>
      ) : null}
    </article>
  );
}
