import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseDraft } from '../../shared/domain/case.ts';
import type { CaseDraft as CaseDraftInput } from '../../shared/domain/case.ts';
import { createCase } from '../../electron/core/services/cases.ts';
import type { MutationContext } from '../../electron/core/store/db/mutate.ts';

export const EXAMINER = { name: 'Dana Whitfield', role: 'Incident responder', organisation: 'Northwind Security' };

/** A clock that advances one second per call, so every audit entry has a distinct, known time. */
export function steppingClock(start = '2026-11-02T09:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

export function context(): MutationContext {
  return { actor: EXAMINER, clock: steppingClock() };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'custos-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function newCase(dir: string, draft: Partial<CaseDraftInput> = {}, name = 'case.custos') {
  const path = join(dir, name);
  const ctx = context();
  const caseDb = createCase(
    path,
    CaseDraft.parse({ title: 'Contractor "J. Kim" infiltration', reference: 'IR-2026-014', ...draft }),
    ctx,
  );
  return { path, ctx, caseDb };
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
