import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import {
  INDICATOR_TYPES,
  INDICATOR_TYPE_LABELS,
  IndicatorDraft,
  TYPES_WITH_PLATFORM,
} from '../../../shared/domain/indicator.ts';
import type { IndicatorCheckResult, IndicatorType } from '../../../shared/domain/indicator.ts';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { messageOf } from '../../lib/api.ts';
import { fieldErrors, zonedTimeError } from '../../lib/formErrors.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { SubjectPicker } from './pickers.tsx';
import { SeenFields } from './SeenFields.tsx';
import type { SeenValues } from './SeenFields.tsx';

/** How long typing must pause before the value is checked. */
const CHECK_DELAY_MS = 300;

type Values = SeenValues & {
  type: IndicatorType | '';
  value: string;
  platform: string;
  notes: string;
  subjectIds: string[];
};

/** Platform hints for the types that need one. */
export const PLATFORM_HINTS: Partial<Record<IndicatorType, string>> = {
  username: 'Where the name is used: GitHub, Telegram, Slack, LinkedIn…',
  'payment-account': 'Payoneer, Wise, PayPal…',
  wallet: 'The coin or chain: Litecoin, Monero, Solana…',
  'remote-tool': 'The product: AnyDesk, TeamViewer, PiKVM, TinyPilot…',
};

type Check = { key: string; result?: IndicatorCheckResult; error?: string };

/**
 * What the case would store for the value typed: its one canonical form, or why it is refused, and
 * whether the case already has it. Asked of main after a pause in typing, never on each key.
 */
export function useIndicatorCheck(type: IndicatorType | '', value: string, platform = '') {
  const indicatorChecked = useAppStore((s) => s.indicatorChecked);
  const [check, setCheck] = useState<Check | null>(null);
  const key = `${type}\n${platform}\n${value}`;
  useEffect(() => {
    if (!type || !value.trim()) return;
    let live = true;
    const timer = setTimeout(() => {
      indicatorChecked(type, value, platform).then(
        (result) => live && setCheck({ key, result }),
        (error: unknown) => live && setCheck({ key, error: messageOf(error) }),
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [type, value, platform, key, indicatorChecked]);
  if (!type || !value.trim()) return null;
  return check?.key === key ? check : { key };
}

/** The line under the value: the canonical form (to check against the source), or the refusal. */
function CheckLine({ check, onShow }: { check: Check | null; onShow: (id: string) => void }) {
  if (!check) return null;
  const { result, error } = check;
  return (
    <div className="ind-check" role="status" aria-live="polite">
      {error ? (
        <span className="field__error">
          <SafeText text={error} />
        </span>
      ) : !result ? (
        <span className="muted">Checking…</span>
      ) : result.ok ? (
        <>
          <span className="ind-check__label">Stored as</span>{' '}
          <code className="ind-canonical">
            <SafeText text={result.normalised} />
          </code>
          {result.note ? (
            <span className="muted ind-check__note">
              {' '}
              (<SafeText text={result.note} />)
            </span>
          ) : null}
          {result.existingId ? (
            <span className="ind-check__existing">
              Already in the case{' '}
              <button type="button" className="button button--small" onClick={() => onShow(result.existingId!)}>
                Show it
              </button>
            </span>
          ) : null}
        </>
      ) : (
        <span className="ind-check__refused">
          Refused: <SafeText text={result.reason} />
        </span>
      )}
    </div>
  );
}

/** One indicator typed by hand, checked as it is typed. */
export function IndicatorForm({
  onDone,
  onShow,
}: {
  /** Closes the form; with the id of the indicator added (or found already there). */
  onDone: (id?: string) => void;
  onShow: (id: string) => void;
}) {
  const indicatorAdded = useAppStore((s) => s.indicatorAdded);
  const zone = useExaminerZone();
  const { values, setValues, errors, setErrors, change } = useFormState<Values>({
    type: '',
    value: '',
    platform: '',
    firstSeen: '',
    lastSeen: '',
    zone,
    source: '',
    confidence: 'medium',
    tlp: 'AMBER',
    notes: '',
    subjectIds: [],
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const check = useIndicatorCheck(
    values.type,
    values.value,
    values.type !== '' && TYPES_WITH_PLATFORM.includes(values.type) ? values.platform : '',
  );
  const withPlatform = values.type !== '' && TYPES_WITH_PLATFORM.includes(values.type);
  const set = (key: 'value' | 'platform' | 'notes') => (e: { target: { value: string } }) =>
    change(key, e.target.value);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const draft = {
      type: values.type,
      value: values.value,
      platform: withPlatform ? values.platform : '',
      ...(values.firstSeen ? { firstSeen: values.firstSeen } : {}),
      ...(values.lastSeen ? { lastSeen: values.lastSeen } : {}),
      ...(values.firstSeen || values.lastSeen ? { zone: values.zone } : {}),
      ...(values.source ? { source: values.source } : {}),
      confidence: values.confidence,
      tlp: values.tlp,
      notes: values.notes,
      subjectIds: values.subjectIds,
    };
    const parsed = IndicatorDraft.safeParse(draft);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    if (!values.type) found.type = 'Choose what kind of indicator it is';
    if (withPlatform && !values.platform.trim()) found.platform = 'Say where it is: this type needs its platform';
    if (check?.result && !check.result.ok && !found.value) found.value = `Refused: ${check.result.reason}`;
    for (const key of ['firstSeen', 'lastSeen'] as const) {
      const problem = values[key] ? zonedTimeError(values[key], values.zone) : undefined;
      if (problem) found[key] = problem;
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return;
    await run(async () => {
      const { indicator } = await indicatorAdded(parsed.data);
      onDone(indicator.id);
    });
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add an indicator">
      <h3 className="ind-form__title">Add an indicator</h3>
      <div className="form-grid form-grid--3">
        <Field label="Type" required error={errors.type}>
          {(p) => (
            <ChoiceSelect<IndicatorType | ''>
              choices={INDICATOR_TYPES}
              labels={INDICATOR_TYPE_LABELS}
              {...p}
              value={values.type}
              empty="— choose a type —"
              onChange={(type) => {
                setValues((v) => ({ ...v, type }));
                setErrors(({ type: _t, value: _v, ...rest }) => rest);
              }}
            />
          )}
        </Field>
        <div className="span-2">
          <Field
            label="Value"
            required
            error={errors.value}
            hint="As the source shows it: case, spaces and separators do not matter; a checksum is checked."
          >
            {(p) => (
              <input
                {...p}
                type="text"
                className="ind-value-input"
                spellCheck={false}
                autoComplete="off"
                value={values.value}
                onChange={set('value')}
              />
            )}
          </Field>
          <CheckLine check={check} onShow={onShow} />
        </div>
        {withPlatform ? (
          <Field
            label="Platform"
            required
            error={errors.platform}
            hint={values.type ? PLATFORM_HINTS[values.type] : undefined}
          >
            {(p) => <input {...p} type="text" value={values.platform} onChange={set('platform')} />}
          </Field>
        ) : null}
        <SeenFields
          values={values}
          errors={errors}
          change={change}
          setErrors={setErrors}
          emptyHint="Optional."
          zoneHint="IANA name (Asia/Seoul) or offset (+09:00)."
        />
        <div className="span-3">
          <SubjectPicker selected={values.subjectIds} onChange={(ids) => change('subjectIds', ids)} />
        </div>
        <div className="span-3">
          <Field label="Notes" error={errors.notes}>
            {(p) => <textarea {...p} rows={2} value={values.notes} onChange={set('notes')} />}
          </Field>
        </div>
      </div>
      <FormFooter
        error={errors._}
        onCancel={() => onDone()}
        busy={busy}
        busyLabel="Adding…"
        submitLabel="Add indicator"
      />
    </form>
  );
}
