import type { Dispatch, SetStateAction } from 'react';
import { CONFIDENCES } from '../../../shared/domain/indicator.ts';
import type { Confidence } from '../../../shared/domain/indicator.ts';
import type { Tlp } from '../../../shared/domain/case.ts';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { DateTimeInput } from '../../components/DateTimeInput.tsx';
import { Field } from '../../components/Field.tsx';
import { TlpSelect } from '../../components/TlpSelect.tsx';
import { ZoneInput } from '../../components/ZoneInput.tsx';
import { utcPreview } from '../../lib/formErrors.ts';
import { CONFIDENCE_WORDS, SourceExhibitField } from './pickers.tsx';

/** What the add and edit forms of an indicator both ask after its value: when and where seen, how sure. */
export type SeenValues = {
  firstSeen: string;
  lastSeen: string;
  zone: string;
  source: string;
  confidence: Confidence;
  tlp: Tlp;
};

/**
 * First seen, last seen, the zone of those times, the source exhibit, confidence and TLP: the run of
 * fields the add and the edit form shared line for line. A new zone drops the errors of both times.
 */
export function SeenFields({
  values,
  errors,
  change,
  setErrors,
  emptyHint,
  zoneHint,
  autoFocus = false,
}: {
  values: SeenValues;
  errors: Record<string, string>;
  change: <K extends keyof SeenValues>(key: K, value: SeenValues[K]) => void;
  setErrors: Dispatch<SetStateAction<Record<string, string>>>;
  /** Under an empty time. */
  emptyHint: string;
  zoneHint?: string;
  /** First seen takes the focus (the form opens on it). */
  autoFocus?: boolean;
}) {
  return (
    <>
      <Field label="First seen" error={errors.firstSeen} hint={utcPreview(values.firstSeen, values.zone) || emptyHint}>
        {(p) => (
          <DateTimeInput
            {...p}
            value={values.firstSeen}
            onChange={(at) => change('firstSeen', at)}
            autoFocus={autoFocus}
          />
        )}
      </Field>
      <Field label="Last seen" error={errors.lastSeen} hint={utcPreview(values.lastSeen, values.zone) || emptyHint}>
        {(p) => <DateTimeInput {...p} value={values.lastSeen} onChange={(at) => change('lastSeen', at)} />}
      </Field>
      <Field label="Time zone of those times" error={errors.zone} {...(zoneHint ? { hint: zoneHint } : {})}>
        {(p) => (
          <ZoneInput
            {...p}
            value={values.zone}
            onChange={(z) => {
              change('zone', z);
              setErrors(({ firstSeen: _f, lastSeen: _l, ...rest }) => rest);
            }}
          />
        )}
      </Field>
      <SourceExhibitField value={values.source} onChange={(s) => change('source', s)} error={errors.source} />
      <Field label="Confidence" error={errors.confidence}>
        {(p) => (
          <ChoiceSelect
            {...p}
            choices={CONFIDENCES}
            labels={CONFIDENCE_WORDS}
            value={values.confidence}
            onChange={(c) => change('confidence', c)}
          />
        )}
      </Field>
      <Field label="TLP" error={errors.tlp}>
        {(p) => <TlpSelect {...p} value={values.tlp} onChange={(t) => change('tlp', t)} />}
      </Field>
    </>
  );
}
