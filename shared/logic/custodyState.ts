import type { CustodyEvent, EvidenceItem } from '../domain/evidence.ts';

/**
 * Where an exhibit is now, read from its custody history: still where it was acquired, handed to
 * someone (a police officer, say), returned to its owner, or disposed of. Exports and verifications
 * do not move the item (an export is a copy), so they do not change the answer.
 */
export type CustodyStateKind = 'held' | 'transferred' | 'returned' | 'disposed';

export type CustodyState = {
  state: CustodyStateKind;
  /** Who has it: the receiver of the last hand-over, else the custodian or whoever acquired it. */
  holder: string;
  /** Since when (UTC), the time of the event that put it there; null when nothing says. */
  since: string | null;
  /** In words: "with DC Ruiz, Metropolitan Police, since 2026-11-03 15:00 UTC". */
  text: string;
};

const MOVES: ReadonlySet<CustodyEvent['type']> = new Set(['acquisition', 'transfer', 'return', 'disposal']);

/** "2026-11-03 15:00 UTC" from an ISO instant. */
function minute(utc: string): string {
  return `${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC`;
}

export function custodyStateOf(item: EvidenceItem, events: readonly CustodyEvent[]): CustodyState {
  const moves = events.filter((e) => MOVES.has(e.type)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const last = moves.at(-1);
  const keeper = item.custodian || item.acquiredBy;
  if (item.disposed || last?.type === 'disposal') {
    const since = last?.type === 'disposal' ? last.at : null;
    return {
      state: 'disposed',
      holder: '',
      since,
      text: since ? `disposed of on ${minute(since)}` : 'disposed of',
    };
  }
  if (last?.type === 'transfer' && last.receivedBy) {
    return {
      state: 'transferred',
      holder: last.receivedBy,
      since: last.at,
      text: `with ${last.receivedBy} since ${minute(last.at)}`,
    };
  }
  if (last?.type === 'return' && last.receivedBy) {
    return {
      state: 'returned',
      holder: last.receivedBy,
      since: last.at,
      text: `returned to ${last.receivedBy} on ${minute(last.at)}`,
    };
  }
  const since = last?.at ?? item.acquiredAt ?? null;
  return {
    state: 'held',
    holder: keeper,
    since,
    text: `held by ${keeper || 'the organisation'}${since ? ` since ${minute(since)}` : ''}`,
  };
}
