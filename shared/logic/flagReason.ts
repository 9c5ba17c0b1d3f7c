import type { EvidenceItem } from '../domain/evidence.ts';

/**
 * Why an exhibit is flagged, in words a lawyer reads correctly. A flag stays once raised, and not
 * every flag means the bytes changed: the hash an acquisition tool reported may have disagreed with
 * the one Custos computed while the file itself verifies, or an earlier check failed and the file
 * matches again. Saying "failed verification" for those would read as tampering.
 */
export type FlagKind = 'mismatch' | 'missing' | 'tool-hash' | 'earlier';

export type FlagReason = {
  kind: FlagKind;
  /** True when the latest check found the bytes changed or gone. */
  failed: boolean;
  /** "its bytes no longer match the recorded hash", … */
  reason: string;
};

export function flagReason(item: Pick<EvidenceItem, 'integrity' | 'toolHashMatch'>): FlagReason {
  if (item.integrity === 'mismatch') {
    return { kind: 'mismatch', failed: true, reason: 'its bytes no longer match the recorded hash' };
  }
  if (item.integrity === 'missing') return { kind: 'missing', failed: true, reason: 'its file is missing' };
  if (item.toolHashMatch === false) {
    return {
      kind: 'tool-hash',
      failed: false,
      reason: 'the hash its acquisition tool reported differs from the one Custos computed (the file itself verifies)',
    };
  }
  return { kind: 'earlier', failed: false, reason: 'an earlier verification failed; it matches now' };
}

/** "E-0002 failed verification", "E-0003 is flagged", "3 exhibits flagged", "2 exhibits failed verification". */
export function flaggedHeadline(flags: readonly { exhibit: string; failed: boolean }[]): string {
  if (flags.length === 1) return `${flags[0]!.exhibit} ${flags[0]!.failed ? 'failed verification' : 'is flagged'}`;
  return flags.every((f) => f.failed)
    ? `${flags.length} exhibits failed verification`
    : `${flags.length} exhibits flagged`;
}
