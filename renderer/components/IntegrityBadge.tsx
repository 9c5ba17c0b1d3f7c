import type { EvidenceItem } from '../../shared/domain/evidence.ts';

const LABEL = {
  verified: 'Verified',
  unverified: 'Not verified',
  mismatch: 'HASH MISMATCH',
  missing: 'FILE MISSING',
} as const;

/** Integrity at a glance; a flag from any earlier mismatch stays visible. */
export function IntegrityBadge({
  item,
}: {
  item: Pick<EvidenceItem, 'integrity' | 'flagged' | 'storage' | 'kind' | 'disposed'>;
}) {
  if (item.disposed) return <span className="integrity integrity--none">Disposed of</span>;
  if (item.kind === 'physical') return <span className="integrity integrity--none">Physical item</span>;
  return (
    <span className="integrity-wrap">
      <span className={`integrity integrity--${item.integrity}`}>{LABEL[item.integrity]}</span>
      {item.flagged && item.integrity === 'verified' ? (
        <span className="integrity integrity--flagged" title="An earlier verification failed">
          Flagged
        </span>
      ) : null}
    </span>
  );
}
