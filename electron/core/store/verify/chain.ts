import { hash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CheckResult } from '../../../../shared/domain/audit.ts';
import type { Head } from '../../../../shared/domain/common.ts';
import { ZERO_HASH } from '../../../../shared/domain/common.ts';
import { fail, pass, plural } from './results.ts';
import { batches } from './rows.ts';

/**
 * SQLite builds each entry's hash input: prev_hash followed by the entry's canonical JSON. json_quote
 * escapes exactly as JSON.stringify does (a unit test holds the two equal), and `changes` is stored
 * canonical. Building the string in C halves the per-row cost of the check.
 */
const CHAIN_SQL = `SELECT seq, prev_hash, hash, prev_hash || '{"action":' || json_quote(action) ||
  ',"actor":{"name":' || json_quote(actor_name) || ',"organisation":' || json_quote(actor_organisation) ||
  ',"role":' || json_quote(actor_role) || '},"at":' || json_quote(at) || ',"changes":' || changes ||
  ',"entity":{"id":' || json_quote(entity_id) || ',"type":' || json_quote(entity_type) ||
  '},"prev_hash":' || json_quote(prev_hash) || ',"seq":' || seq || '}' FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`;

export type ChainOutcome = { check: CheckResult; head: Head; entries: number };

/** Check 1: recompute every hash and link; name the first entry that does not match. */
export function runChainCheck(db: Database): ChainOutcome {
  let failure: CheckResult | undefined;
  let expectedSeq = 1;
  let prevHash = ZERO_HASH;
  let entries = 0;
  for (const batch of batches<[number, string, string, string]>(db, CHAIN_SQL)) {
    for (const [seq, storedPrev, storedHash, payload] of batch) {
      entries++;
      if (!failure) {
        if (seq !== expectedSeq) {
          failure =
            seq > expectedSeq
              ? fail(
                  'chain',
                  `Entry ${expectedSeq}${seq - expectedSeq > 1 ? `–${seq - 1}` : ''} is missing: the log jumps from entry ${expectedSeq - 1} to ${seq}`,
                  { seq: expectedSeq },
                )
              : fail('chain', `Entry ${seq} is out of order (expected ${expectedSeq})`, { seq });
        } else if (storedPrev !== prevHash) {
          failure = fail(
            'chain',
            `Entry ${seq} does not link to entry ${seq - 1} (its prev_hash differs): entries were changed, removed or inserted`,
            { seq },
          );
        } else if (hash('sha256', payload, 'hex') !== storedHash) {
          failure = fail('chain', `Entry ${seq} was altered: its content no longer matches its hash`, { seq });
        }
      }
      expectedSeq = seq + 1;
      prevHash = storedHash;
    }
  }
  return {
    check: failure ?? pass('chain', `${plural(entries, 'entry', 'entries')} recomputed; every hash and link matches`),
    head: { seq: expectedSeq - 1, hash: prevHash },
    entries,
  };
}
