import { useEffect } from 'react';
import type { ExtortionRecord } from '../../../shared/domain/extortion.ts';
import type { EXTORTION_CHANNELS } from '../../../shared/domain/extortion.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore } from '../../store/selectors.ts';
import type { ExtortionChoices } from '../../store/extortion.ts';
import { indicatorLabel } from './pickers.tsx';

export const CHANNEL_LABELS: Record<(typeof EXTORTION_CHANNELS)[number], string> = {
  email: 'E-mail',
  telegram: 'Telegram',
  signal: 'Signal',
  whatsapp: 'WhatsApp',
  slack: 'Slack',
  phone: 'Phone',
  letter: 'Letter',
  other: 'Other',
};

/** What the extortion forms and lists share: the record, the pickers' choices, the examiner's zone. */
export type ExtortionContext = {
  record: ExtortionRecord;
  choices: ExtortionChoices | null;
  zone: string;
  /** The element id marked by a search hit or a header deadline, or null. */
  highlight: string | null;
};

/**
 * Scrolls once to the record a search hit or a header deadline asked for and puts the focus there,
 * when it is on the screen (`ready`). Returns the element id to mark.
 */
export function useHighlight(ready: boolean): string | null {
  const highlight = useAppStore((s) => s.extortionHighlight);
  const highlightScrolled = useAppStore((s) => s.highlightScrolled);
  useEffect(() => {
    if (!ready || !highlight || highlight.scrolled) return;
    const element = document.getElementById(highlight.elementId);
    if (!element) return;
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
    highlightScrolled();
  }, [ready, highlight, highlightScrolled]);
  return highlight?.elementId ?? null;
}

/** An exhibit of the case as a button that opens it on the Evidence screen. */
export function ExhibitLink({ itemId, choices }: { itemId: string; choices: ExtortionChoices | null }) {
  const evidenceSelected = useAppStore((s) => s.evidenceSelected);
  const sectionChosen = useAppStore((s) => s.sectionChosen);
  const item = choices?.exhibits.find((e) => e.id === itemId);
  return (
    <button
      type="button"
      className="ext-link"
      onClick={() => {
        void evidenceSelected(itemId);
        sectionChosen('evidence');
      }}
    >
      {item ? (
        <>
          <span className="mono">{item.exhibit}</span> <SafeText text={item.description || '(no description)'} />
        </>
      ) : (
        'Open the exhibit'
      )}
    </button>
  );
}

/** An indicator of the case in its canonical form, or a note that it is gone. */
export function IndicatorText({ id, choices }: { id: string; choices: ExtortionChoices | null }) {
  if (!choices) return null;
  const indicator = choices.indicators.find((i) => i.id === id);
  return indicator ? (
    <span className="ext-indicator">
      Indicator: <SafeText text={indicatorLabel(indicator)} />
    </span>
  ) : (
    <span className="ext-indicator muted">Linked indicator no longer in the list</span>
  );
}

/** Text written by the other side or the team, kept as written: line breaks stay, nothing is formatted. */
export function Written({ text, empty = '—' }: { text: string; empty?: string }) {
  return text ? (
    <span className="ext-written">
      <SafeText text={text} />
    </span>
  ) : (
    <span className="muted">{empty}</span>
  );
}
