import { useEffect, useState } from 'react';
import { INDICATOR_TYPE_LABELS } from '../../../shared/domain/indicator.ts';
import type { IndicatorRow, IndicatorType } from '../../../shared/domain/indicator.ts';
import { messageOf } from '../../lib/api.ts';
import { useAppStore } from '../../store/selectors.ts';
import type { ExtortionChoices } from '../../store/extortion.ts';

/** The case's exhibits and indicators for the forms' pickers, read when the screen opens. */
export function useExtortionChoices(): ExtortionChoices | null {
  const requested = useAppStore((s) => s.extortionChoicesRequested);
  const [choices, setChoices] = useState<ExtortionChoices | null>(null);
  useEffect(() => {
    let live = true;
    requested().then(
      (found) => live && setChoices(found),
      (error: unknown) => live && setChoices({ exhibits: [], indicators: [], problem: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [requested]);
  return choices;
}

type ControlProps = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };

/** "Bitcoin wallet: bc1q…", the indicator as its canonical form reads, with the platform when it has one. */
export function indicatorLabel(indicator: Pick<IndicatorRow, 'type' | 'normalised' | 'platform'>): string {
  const platform = indicator.platform ? ` (${indicator.platform})` : '';
  return `${INDICATOR_TYPE_LABELS[indicator.type]}: ${indicator.normalised}${platform}`;
}

/** An indicator of the case of one of `types`, by its canonical form; the value sent is its id. */
export function IndicatorSelect({
  control,
  value,
  onChange,
  indicators,
  types,
}: {
  control: ControlProps;
  value: string;
  onChange: (id: string) => void;
  indicators: readonly IndicatorRow[];
  types: readonly IndicatorType[];
}) {
  const shown = indicators.filter((i) => types.includes(i.type));
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)} disabled={shown.length === 0}>
      <option value="">{shown.length === 0 ? '— none in this case yet —' : '— none —'}</option>
      {shown.map((i) => (
        <option key={i.id} value={i.id}>
          {indicatorLabel(i).slice(0, 120)}
        </option>
      ))}
    </select>
  );
}

/** Indicators a sender can be. */
export const SENDER_TYPES: readonly IndicatorType[] = ['email', 'phone', 'username', 'domain', 'ip', 'url'];
/** Indicators a demand can name as where to pay. */
export const PAY_TO_TYPES: readonly IndicatorType[] = ['btc', 'eth', 'tron', 'wallet', 'iban', 'payment-account'];
