import { hash } from 'node:crypto';
import { canonicalJson } from '../../../../shared/logic/canonicalJson.ts';
import type { Actor } from '../../../../shared/domain/common.ts';

/** The fields of an audit entry that its hash covers (everything but the hash itself). */
export type EntryFields = {
  seq: number;
  at: string;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  /** The `changes` array, already in canonical JSON (Custos writes it that way). */
  changesJson: string;
  prevHash: string;
};

/**
 * The canonical JSON of an entry, as docs/case-file-format.md defines it:
 * {"action","actor":{"name","organisation","role"},"at","changes","entity":{"id","type"},"prev_hash","seq"}.
 * Built by concatenation because this runs once per entry during verification; a unit test holds it
 * equal to canonicalJson() of the same object.
 */
export function entryCanonical(f: EntryFields): string {
  const s = JSON.stringify;
  return (
    `{"action":${s(f.action)},"actor":{"name":${s(f.actor.name)},"organisation":${s(f.actor.organisation)},` +
    `"role":${s(f.actor.role)}},"at":${s(f.at)},"changes":${f.changesJson},` +
    `"entity":{"id":${s(f.entityId)},"type":${s(f.entityType)}},"prev_hash":${s(f.prevHash)},"seq":${f.seq}}`
  );
}

/** hash = SHA-256( prev_hash as ASCII hex ‖ canonical JSON of the entry as UTF-8 ), lowercase hex. */
export function entryHash(f: EntryFields): string {
  return hash('sha256', f.prevHash + entryCanonical(f), 'hex');
}

/** The object form of the same entry, for canonicalJson() (tests and the format document). */
export function entryObject(f: EntryFields): unknown {
  return {
    seq: f.seq,
    at: f.at,
    actor: f.actor,
    action: f.action,
    entity: { type: f.entityType, id: f.entityId },
    changes: JSON.parse(f.changesJson) as unknown,
    prev_hash: f.prevHash,
  };
}

export { canonicalJson };
