import { readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFileEvidence } from '../../electron/core/services/evidence/addFile.ts';
import { verifyEvidenceItemsOffThread } from '../../electron/core/services/evidence/custody.ts';
import type { JobOptions } from '../../electron/core/services/evidence/custody.ts';
import { exportEvidence } from '../../electron/core/services/evidence/export.ts';
import { listCustody } from '../../electron/core/store/tables/custodyEvents.ts';
import type { CaseDb } from '../../electron/core/store/db/caseDb.ts';
import { verifyCaseInWorkers } from '../../electron/core/store/verify/workers.ts';
import { CustosError } from '../../electron/core/errors.ts';
import { FileEvidenceDraft } from '../../shared/domain/evidence.ts';
import type { EvidenceItem } from '../../shared/domain/evidence.ts';
import { newCase, sha256File, tempDir } from '../helpers/tempCase.ts';
import { MiB, sparseFile } from '../helpers/evidence.ts';

// Re-verification and export read every byte of many items: on a worker, with progress, and a
// cancel that keeps (and records) what was finished.

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Three stored items large enough to take a few tenths of a second to read. */
async function threeItems(): Promise<{
  caseDb: CaseDb;
  ctx: ReturnType<typeof newCase>['ctx'];
  items: EvidenceItem[];
}> {
  const { caseDb, ctx } = newCase(dir);
  const items = [];
  for (const [i, size] of [96 * MiB, 96 * MiB + 1, 96 * MiB + 2].entries()) {
    const file = join(dir, `image-${i}.bin`);
    sparseFile(file, size);
    items.push(await addFileEvidence(caseDb, ctx, file, FileEvidenceDraft.parse({})));
  }
  return { caseDb, ctx, items };
}

type Seen = Parameters<NonNullable<JobOptions['onProgress']>>[0];

async function cancelled(promise: Promise<unknown>): Promise<CustosError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CustosError);
    expect((error as CustosError).code).toBe('CANCELLED');
    return error as CustosError;
  }
  throw new Error('expected a cancel');
}

const eventsOf = (caseDb: CaseDb, item: EvidenceItem, type: string) =>
  listCustody(caseDb, item.id).filter((e) => e.type === type);

describe('re-verification', () => {
  it('reports progress over all items, ending at the total, and records each result', async () => {
    const { caseDb, ctx, items } = await threeItems();
    const seen: Seen[] = [];
    const outcomes = await verifyEvidenceItemsOffThread(caseDb, ctx, [], { onProgress: (p) => seen.push(p) });
    expect(outcomes.map((o) => o.check.result)).toEqual(['match', 'match', 'match']);
    const total = items.reduce((sum, i) => sum + i.size!, 0);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p) => p.total === total && p.count === 3)).toBe(true);
    expect(seen.map((p) => p.bytes)).toEqual([...seen.map((p) => p.bytes)].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ bytes: total, label: 'E-0003', index: 2 });
    for (const item of items) expect(eventsOf(caseDb, item, 'verification')).toHaveLength(1);
    caseDb.close();
  });

  it('cancelled part-way: says which items were checked, and only those have a verification event', async () => {
    const { caseDb, ctx, items } = await threeItems();
    const controller = new AbortController();
    const error = await cancelled(
      verifyEvidenceItemsOffThread(caseDb, ctx, [], {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    );
    const checked = items.filter((i) => eventsOf(caseDb, i, 'verification').length === 1);
    expect(checked.length).toBeLessThan(3);
    expect(error.message).toMatch(
      new RegExp(`^Verification cancelled: ${checked.length} of 3 items re-hashed and recorded`),
    );
    for (const item of checked) expect(error.message).toContain(item.exhibit);
    caseDb.close();
  });
});

describe('export', () => {
  it('cancelled part-way: no unfinished copy is left; what was exported is hash-checked, recorded and in a manifest', async () => {
    const { caseDb, ctx, items } = await threeItems();
    const out = join(dir, 'for-police');
    mkdirSync(out);
    const controller = new AbortController();
    const seen: Seen[] = [];
    const error = await cancelled(
      exportEvidence(caseDb, ctx, [], out, {
        signal: controller.signal,
        // Let the first item finish, then cancel inside the second.
        onProgress: (p) => {
          seen.push(p);
          if (p.index === 1) controller.abort();
        },
      }),
    );
    const exported = items.filter((i) => eventsOf(caseDb, i, 'export').length === 1);
    expect(exported.map((i) => i.exhibit)).toEqual(['E-0001']);
    expect(error.message).toMatch(
      /^E-0001 was exported with a manifest \(.*manifest\.json\); then the export was cancelled; its unfinished copy was removed$/,
    );
    expect(readdirSync(out).sort()).toEqual(['E-0001 image-0.bin', 'manifest.csv', 'manifest.json']);
    expect(sha256File(join(out, 'E-0001 image-0.bin'))).toBe(items[0]!.sha256);
    // In bytes of the items, though each is written and then read back.
    expect(seen[0]!.total).toBe(items.reduce((sum, i) => sum + i.size!, 0));
    caseDb.close();
  });

  it('cancelled before the first copy is finished: nothing is written and nothing recorded', async () => {
    const { caseDb, ctx, items } = await threeItems();
    const out = join(dir, 'empty');
    mkdirSync(out);
    const controller = new AbortController();
    const error = await cancelled(
      exportEvidence(caseDb, ctx, [], out, { signal: controller.signal, onProgress: () => controller.abort() }),
    );
    expect(error.message).toBe('Export cancelled; nothing was exported');
    expect(readdirSync(out)).toEqual([]);
    for (const item of items) expect(eventsOf(caseDb, item, 'export')).toHaveLength(0);
    caseDb.close();
  });
});

describe('verification of the case', () => {
  it('on the workers, reports check 3 progress over all evidence bytes and can be cancelled', async () => {
    const { caseDb, items } = await threeItems();
    const total = items.reduce((sum, i) => sum + i.size!, 0);
    const seen: { bytes: number; total: number }[] = [];
    const report = await verifyCaseInWorkers(caseDb, { onProgress: (p) => seen.push(p) });
    expect(report.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.total === total && p.bytes <= total)).toBe(true);

    const controller = new AbortController();
    const error = await cancelled(
      verifyCaseInWorkers(caseDb, { signal: controller.signal, onProgress: () => controller.abort() }),
    );
    expect(error.message).toBe('Verification of the case was cancelled before it finished; run it again for a verdict');
    // Nothing half-done is left: the next run gives the full verdict.
    expect((await verifyCaseInWorkers(caseDb)).ok).toBe(true);
    caseDb.close();
  });
});
