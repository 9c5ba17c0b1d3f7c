import type { CheckResult } from '../../../../shared/domain/audit.ts';
import type { Head } from '../../../../shared/domain/common.ts';

export type VerifyOptions = { expectHead?: Head; now?: () => Date };

/** Progress of check 3 (bytes re-hashed of all evidence) and a cancel, for verification on the workers. */
export type LongWork = { onProgress?: (progress: { bytes: number; total: number }) => void; signal?: AbortSignal };

export const TITLES = {
  schema: 'Schema',
  chain: 'Audit chain',
  replay: 'State matches the audit log',
  evidence: 'Evidence bytes',
  head: 'Head matches the recorded head',
} as const;

export function pass(id: keyof typeof TITLES, message: string): CheckResult {
  return { id, title: TITLES[id], status: 'pass', message };
}
export function fail(id: keyof typeof TITLES, message: string, location?: CheckResult['location']): CheckResult {
  return location
    ? { id, title: TITLES[id], status: 'fail', message, location }
    : { id, title: TITLES[id], status: 'fail', message };
}
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A check that could not run because the tables it reads are not Custos's. */
export const notRun = (id: 'chain' | 'replay' | 'evidence' | 'head'): CheckResult => ({
  id,
  title: TITLES[id],
  status: 'skipped',
  message: 'Not run: the tables it reads are not the ones Custos defines (see the schema check)',
});

/**
 * How a check names a row before it is named as a person knows it (names.ts replaces exactly this
 * text with "The timeline event '…' (…)"): the technical place, kept in `location` either way.
 */
export const rowRef = (table: string, id: string) => `${table} row ${id}`;
