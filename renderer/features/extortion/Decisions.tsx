import { useState } from 'react';
import type { FormEvent } from 'react';
import { DECISIONS, DECISION_LABELS, DecisionDraft, SignOffRequest } from '../../../shared/domain/extortion.ts';
import type { Decision, ExtortionDecision } from '../../../shared/domain/extortion.ts';
import { toLocalInput } from '../../../shared/logic/time.ts';
import { DateTimeInput, TIME_FORM_HINT } from '../../components/DateTimeInput.tsx';
import { Fact } from '../../components/Fact.tsx';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { RemoveAction } from '../../components/RemoveAction.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { WhenFields, whenError } from '../../components/WhenFields.tsx';
import { fieldErrors, utcPreview, zonedTimeError } from '../../lib/formErrors.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore, useCaseRecord } from '../../store/selectors.ts';
import { WallTime } from '../clocks/bits.tsx';
import { demandTitle } from '../clocks/countdown.ts';
import { SanctionsNoticeBox, namesPayment } from './SanctionsNotice.tsx';
import { Written } from './shared.tsx';
import type { ExtortionContext } from './shared.tsx';

const nowIn = (zone: string) => toLocalInput(new Date().toISOString(), zone);

type DecisionValues = {
  demandId: string;
  decision: Decision | '';
  reasons: string;
  decidedBy: string;
  at: string;
  zone: string;
  counsel: string;
  counselSignedAt: string;
};

/**
 * "Record the decision": what was decided, why, by whom and when, and counsel's name (sign-off now
 * or later). The sanctions notice stands beside it whenever a payment is named.
 */
export function DecisionForm({
  context,
  demandId,
  onDone,
}: {
  context: ExtortionContext;
  /** The demand the decision is on, when it was opened from one. */
  demandId: string | null;
  onDone: () => void;
}) {
  const decisionRecorded = useAppStore((s) => s.decisionRecorded);
  const profileName = useAppStore((s) => s.info?.profile?.name ?? '');
  const caseRecord = useCaseRecord();
  const demands = context.record.demands;
  const { values, errors, setErrors, change } = useFormState<DecisionValues>({
    demandId: demandId ?? (demands.length === 1 ? demands[0]!.id : ''),
    decision: '',
    reasons: '',
    decidedBy: profileName,
    at: nowIn(context.zone),
    zone: context.zone,
    counsel: caseRecord?.legalCounsel ?? '',
    counselSignedAt: '',
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const draft = {
      decision: values.decision,
      reasons: values.reasons,
      decidedBy: values.decidedBy,
      at: values.at,
      zone: values.zone,
      counsel: values.counsel.trim(),
      ...(values.demandId ? { demandId: values.demandId } : {}),
      ...(values.counselSignedAt ? { counselSignedAt: values.counselSignedAt } : {}),
      // What the record says about the notice is what this form showed beside the decision.
      sanctionsShown: showNotice,
    };
    const parsed = DecisionDraft.safeParse(draft);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    if (!values.decision) found.decision = 'Choose what was decided';
    const timeProblem = whenError(values, 'Give the time the decision was taken');
    if (timeProblem) found.at = timeProblem;
    if (values.counselSignedAt) {
      const signedProblem = zonedTimeError(values.counselSignedAt, values.zone);
      if (signedProblem) found.counselSignedAt = signedProblem;
      if (!draft.counsel) found.counsel = 'Name the counsel who signed off';
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return;
    await run(async () => {
      await decisionRecorded(parsed.data);
      onDone();
    });
  }

  const chosen = demands.find((d) => d.id === values.demandId);
  // The notice stands beside the form when the decision is on a payment: the demand chosen names
  // one, no demand is chosen while one in the record names one, or the choice is to pay.
  const showNotice =
    values.decision === 'pay' || (chosen ? namesPayment(chosen) : demands.some((d) => namesPayment(d)));
  return (
    <div className={showNotice ? 'ext-decide' : undefined}>
      <form className="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="decision-form-title">
        <h4 id="decision-form-title">Record the decision</h4>
        {demands.length > 0 ? (
          <Field label="On the demand" error={errors.demandId}>
            {(p) => (
              <select {...p} value={values.demandId} onChange={(e) => change('demandId', e.target.value)}>
                <option value="">— the extortion as a whole —</option>
                {demands.map((d) => (
                  <option key={d.id} value={d.id}>
                    {demandTitle(d)}
                    {d.payTo ? ` to ${d.payTo.slice(0, 40)}` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <fieldset className={`ext-choice${errors.decision ? ' ext-choice--invalid' : ''}`}>
          <legend>
            Decision{' '}
            <span className="field__required" aria-hidden="true">
              *
            </span>
          </legend>
          {DECISIONS.map((d) => (
            <label key={d} className="check">
              <input
                type="radio"
                name="decision"
                value={d}
                checked={values.decision === d}
                onChange={() => change('decision', d)}
              />
              {DECISION_LABELS[d]}
            </label>
          ))}
          {errors.decision ? (
            <p className="field__error" role="alert">
              {errors.decision}
            </p>
          ) : null}
        </fieldset>
        <Field label="Reasons" required error={errors.reasons} hint="Why, in the words of those who decided">
          {(p) => (
            <textarea {...p} rows={4} value={values.reasons} onChange={(e) => change('reasons', e.target.value)} />
          )}
        </Field>
        <div className="form-grid">
          <Field label="Decided by" required error={errors.decidedBy} hint="Name and role of who took it">
            {(p) => (
              <input
                {...p}
                type="text"
                value={values.decidedBy}
                onChange={(e) => change('decidedBy', e.target.value)}
              />
            )}
          </Field>
          <div />
          <WhenFields
            label="Decided at"
            values={values}
            error={errors.at}
            zoneError={errors.zone}
            onAt={(at) => change('at', at)}
            onZone={(zone) => change('zone', zone)}
            hint="When the decision was taken"
          />
          <Field label="Counsel's name" error={errors.counsel} hint="The lawyer who advises on it">
            {(p) => (
              <input {...p} type="text" value={values.counsel} onChange={(e) => change('counsel', e.target.value)} />
            )}
          </Field>
          <Field
            label="Counsel signed off at"
            error={errors.counselSignedAt}
            hint={
              utcPreview(values.counselSignedAt, values.zone) ||
              `Empty if counsel has not signed off yet: it can be recorded later. In ${values.zone || 'the time zone above'}; ${TIME_FORM_HINT}`
            }
          >
            {(p) => (
              <DateTimeInput {...p} value={values.counselSignedAt} onChange={(at) => change('counselSignedAt', at)} />
            )}
          </Field>
        </div>
        <FormFooter
          error={errors._}
          onCancel={onDone}
          busy={busy}
          busyLabel="Recording…"
          submitLabel="Record decision"
        />
      </form>
      {showNotice ? <SanctionsNoticeBox notice={context.record.sanctions} /> : null}
    </div>
  );
}

/** Counsel's sign-off on a decision recorded without it: who, and when. */
function SignOffForm({ decision, zone, onDone }: { decision: ExtortionDecision; zone: string; onDone: () => void }) {
  const decisionSignedOff = useAppStore((s) => s.decisionSignedOff);
  const { values, errors, setErrors, change } = useFormState({
    counsel: decision.counsel,
    at: nowIn(zone),
    zone,
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const request = { id: decision.id, counsel: values.counsel.trim(), at: values.at, zone: values.zone };
    const parsed = SignOffRequest.safeParse(request);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    const timeProblem = whenError(values, 'Give the time counsel signed off');
    if (timeProblem) found.at = timeProblem;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      await decisionSignedOff(request);
      onDone();
    });
  }
  return (
    <form
      className="ext-subform stack"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Record counsel's sign-off"
    >
      <div className="form-grid form-grid--3">
        <Field label="Counsel's name" required error={errors.counsel}>
          {(p) => (
            <input
              {...p}
              type="text"
              value={values.counsel}
              onChange={(e) => change('counsel', e.target.value)}
              autoFocus
            />
          )}
        </Field>
        <WhenFields
          label="Signed off at"
          values={values}
          error={errors.at}
          zoneError={errors.zone}
          onAt={(at) => change('at', at)}
          onZone={(z) => change('zone', z)}
          hint="When counsel signed off"
        />
      </div>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Recording…" submitLabel="Record sign-off" />
    </form>
  );
}

/** One decision as the record keeps it: what, on which demand, why, who and when, and counsel's sign-off. */
export function DecisionCard({ decision, context }: { decision: ExtortionDecision; context: ExtortionContext }) {
  const extortionRemoved = useAppStore((s) => s.extortionRemoved);
  const [signing, setSigning] = useState(false);
  const demand = context.record.demands.find((d) => d.id === decision.demandId);
  const titleId = `decision-${decision.id}-title`;
  return (
    <article className="card ext-item ext-decision" aria-labelledby={titleId}>
      <div className="ext-item__head">
        <h4 id={titleId}>{DECISION_LABELS[decision.decision]}</h4>
        {decision.counselSignedAt ? (
          <span className="ext-signoff ext-signoff--signed">Signed off by counsel</span>
        ) : (
          <span className="ext-signoff ext-signoff--awaiting">Awaiting counsel&apos;s sign-off</span>
        )}
      </div>
      <p className="muted">
        {demand ? (
          <>
            On the demand <SafeText text={demandTitle(demand)} />
            {demand.payTo ? (
              <>
                {' '}
                to <SafeText text={demand.payTo} />
              </>
            ) : null}
          </>
        ) : decision.demandId ? (
          'On a demand since marked removed'
        ) : (
          'On the extortion as a whole'
        )}
      </p>
      <dl className="ext-facts">
        <Fact term="Reasons" className="ext-facts__wide">
          <Written text={decision.reasons} />
        </Fact>
        <Fact term="Decided by">
          <SafeText text={decision.decidedBy} />
          <br />
          <WallTime utc={decision.decidedAt} zone={decision.decidedZone} />
        </Fact>
        <Fact term="Counsel">
          {decision.counsel ? <SafeText text={decision.counsel} /> : <span className="muted">Not named yet</span>}
        </Fact>
        <Fact term="Counsel's sign-off">
          {decision.counselSignedAt ? (
            <>
              Signed off
              <br />
              <WallTime utc={decision.counselSignedAt} zone={decision.counselSignedZone ?? decision.decidedZone} />
            </>
          ) : (
            <span className="ext-signoff ext-signoff--awaiting">Awaiting counsel&apos;s sign-off</span>
          )}
        </Fact>
      </dl>
      {decision.sanctionsShown ? (
        <p className="muted ext-note">The sanctions notice was on screen when this decision was recorded.</p>
      ) : null}
      {signing ? (
        <SignOffForm decision={decision} zone={decision.decidedZone} onDone={() => setSigning(false)} />
      ) : null}
      {signing ? null : (
        <div className="ext-item__actions">
          {decision.counselSignedAt ? null : (
            <button type="button" className="button button--small button--primary" onClick={() => setSigning(true)}>
              Record sign-off…
            </button>
          )}
          <RemoveAction what="decision" onRemove={() => extortionRemoved('decision', decision.id)} />
        </div>
      )}
    </article>
  );
}
