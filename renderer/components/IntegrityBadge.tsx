import type { EvidenceItem } from '../../shared/domain/evidence.ts';

const LABEL = {
  verified: 'Verified',
  unverified: 'Not verified',
  mismatch: 'HASH MISMATCH',
  missing: 'FILE MISSING',
} as const;

/**
 * Integrity at a glance, only where it applies: a physical item has no bytes to hash, and a
 * disposed-of item's bytes are gone, so neither claims "Verified" (its disposal is said once, by
 * its custody). A flag from any earlier failure stays visible whatever the item is now.
 */
export function IntegrityBadge({
  item,
}: {
  item: Pick<EvidenceItem, 'integrity' | 'flagged' | 'storage' | 'kind' | 'disposed'>;
}) {
  const flag = (
    <span className="integrity integrity--flagged" title="A verification of this item failed; the flag stays">
      Flagged
    </span>
  );
  if (item.disposed) {
    return item.flagged ? flag : <span className="integrity integrity--none">No longer checked</span>;
  }
  if (item.kind === 'physical') return <span className="integrity integrity--none">No bytes to hash</span>;
  return (
    <span className="integrity-wrap">
      <span className={`integrity integrity--${item.integrity}`}>{LABEL[item.integrity]}</span>
      {item.flagged && item.integrity === 'verified' ? flag : null}
    </span>
  );
}
