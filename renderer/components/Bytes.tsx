import { exactBytes, formatBytes } from '../../shared/logic/units.ts';

/** A size in binary units, with the exact byte count on hover (and for screen readers on focus). */
export function Bytes({ bytes }: { bytes: number | null }) {
  if (bytes === null) return <span>—</span>;
  return <span title={exactBytes(bytes)}>{formatBytes(bytes)}</span>;
}
