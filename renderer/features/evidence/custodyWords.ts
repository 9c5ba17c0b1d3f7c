import type { CustodyNow, EvidenceItem } from '../../../shared/domain/evidence.ts';
import { flagReason } from '../../../shared/logic/flagReason.ts';
import { formatZoned } from '../../../shared/logic/time.ts';

/**
 * Custody in words a lawyer or a police officer reads without a legend: where an exhibit is now,
 * and what each row of its history was. The command line says the same from `CustodyNow.text`.
 */

/** "2026-11-03 16:00 +01:00" in the examiner's zone, without the seconds nobody asked for. */
function minuteIn(utc: string, zone: string): string {
  const shown = formatZoned(utc, zone);
  return shown.replace(/^(\d{4}-\d\d-\d\d \d\d:\d\d):\d\d/, '$1');
}

/** Where the exhibit is: a short label for the register, and since when. */
export function custodyHeadline(now: CustodyNow, zone: string): { label: string; since: string } {
  const since = now.since ? minuteIn(now.since, zone) : '';
  switch (now.state) {
    case 'transferred':
      return { label: `With ${now.holder}`, since: since && `since ${since}` };
    case 'returned':
      return { label: `Returned to ${now.holder}`, since: since && `on ${since}` };
    case 'disposed':
      return { label: 'Disposed of', since: since && `on ${since}` };
    case 'held':
      return {
        label: 'In our store',
        since: [now.holder && `held by ${now.holder}`, since && `since ${since}`].filter(Boolean).join(' '),
      };
  }
}

/** The same as one sentence: "With DC Ruiz, Metropolitan Police, since 2026-11-03 16:00 +01:00". */
export function custodySentence(now: CustodyNow, zone: string): string {
  const { label, since } = custodyHeadline(now, zone);
  // "With DC Ruiz, Metropolitan Police, since …" but "Returned to R. Alvarez on …".
  const joint = now.state === 'returned' || now.state === 'disposed' ? ' ' : ', ';
  return since ? `${label}${joint}${since}` : label;
}

/** The reason an item is flagged, in a few words (shared with the Overview and the CLI). */
export function failureWords(item: Pick<EvidenceItem, 'integrity' | 'toolHashMatch'>): string {
  return flagReason(item).reason;
}
