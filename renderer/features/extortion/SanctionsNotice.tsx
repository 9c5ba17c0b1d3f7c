import { useId } from 'react';
import type { ExtortionDemand, SanctionsNotice } from '../../../shared/domain/extortion.ts';
import { SafeText } from '../../components/SafeText.tsx';

/** Whether a demand names a payment (an amount, or somewhere to pay it): then the notice stands beside it. */
export const namesPayment = (demand: Pick<ExtortionDemand, 'amount' | 'payTo'>): boolean =>
  demand.amount !== '' || demand.payTo !== '';

/**
 * What the law says about paying, as Custos ships it: plain, unmissable, not alarmist. Its sources
 * are text to select and copy; nothing here opens a link. The decision stays with the people.
 */
export function SanctionsNoticeBox({
  notice,
  wide = false,
}: {
  notice: SanctionsNotice;
  /** Across a demand (the text, its sources beside it), not in a column beside a form. */
  wide?: boolean;
}) {
  const id = useId();
  return (
    <div className={`ext-sanctions${wide ? ' ext-sanctions--wide' : ''}`} role="note" aria-labelledby={`${id}-title`}>
      <div>
        <p className="ext-sanctions__title" id={`${id}-title`}>
          Before any payment: sanctions law
        </p>
        <p className="ext-sanctions__text">
          <SafeText text={notice.text} />
        </p>
      </div>
      <div>
        <p className="ext-sanctions__sources-title">Sources</p>
        <ul className="ext-sanctions__sources">
          {notice.sources.map((s) => (
            <li key={s.url}>
              <SafeText text={s.name} />
              <br />
              <span className="source__url" title="Select to copy; Custos does not open links">
                <SafeText text={s.url} />
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
