import type { CustodyEvent, CustodyNow, EvidenceItem } from '../domain/evidence.ts';

/**
 * Where an exhibit is now, read from its custody history: still where it was acquired, handed to
 * someone (a police officer, say), returned to its owner, or disposed of. Exports and verifications
 * do not move the item (an export is a copy), so they do not change the answer.
 */
export type CustodyStateKind = CustodyNow['state'];
export type CustodyState = CustodyNow;

const MOVES: ReadonlySet<CustodyEvent['type']> = new Set(['acquisition', 'transfer', 'return', 'disposal']);

/** "2026-11-03 15:00 UTC" from an ISO instant. */
function minute(utc: string): string {
  return `${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC`;
}

export function custodyStateOf(
  item: Pick<EvidenceItem, 'acquiredBy' | 'acquiredAt' | 'disposed'>,
  events: readonly CustodyEvent[],
): CustodyState {
  const moves = events.filter((e) => MOVES.has(e.type)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const last = moves.at(-1);
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
  // Still with whoever acquired it for the organisation. Not the item's "custodian": that field
  // names whose data or device it was (the CFO whose mailbox it is), not who keeps the exhibit.
  const keeper = (last?.type === 'acquisition' && last.receivedBy) || item.acquiredBy;
  const since = last?.at ?? item.acquiredAt ?? null;
  return {
    state: 'held',
    holder: keeper,
    since,
    text: `held by ${keeper || 'the organisation'}${since ? ` since ${minute(since)}` : ''}`,
  };
}

const RESULT_WORDS: Record<CustodyEvent['hashResult'], string> = {
  '': '',
  match: 'match',
  mismatch: 'MISMATCH',
  missing: 'FILE MISSING',
};

/**
 * What a row of the history was, and who did it, in words instead of "— → —": "Verified", "by
 * Dana Whitfield: match"; "Handed over", "Dana Whitfield → DC Ruiz". The app and `evidence show` say the same.
 */
export function custodyEventWords(e: CustodyEvent): { event: string; who: string } {
  switch (e.type) {
    case 'acquisition':
      return {
        event: 'Acquired',
        who: e.releasedBy
          ? `from ${e.releasedBy} by ${e.receivedBy || e.recordedBy}`
          : `by ${e.receivedBy || e.recordedBy}`,
      };
    case 'transfer':
      return { event: 'Handed over', who: `${e.releasedBy || '(not said)'} → ${e.receivedBy || '(not said)'}` };
    case 'return':
      return { event: 'Returned', who: `${e.releasedBy || '(not said)'} → ${e.receivedBy || '(not said)'}` };
    case 'verification':
      // A check that failed is not "Verified": the row says what it found.
      return {
        event: e.hashResult === 'match' || e.hashResult === '' ? 'Verified' : 'Check failed',
        who: `by ${e.recordedBy}${e.hashResult ? `: ${RESULT_WORDS[e.hashResult]}` : ''}`,
      };
    case 'export':
      return { event: 'Copy exported', who: `by ${e.releasedBy || e.recordedBy}` };
    case 'disposal':
      return { event: 'Disposed of', who: `by ${e.releasedBy || e.recordedBy}` };
  }
}
