/**
 * Evidence figures for scripts/bench.ts, each beside its physical limit measured in the same run:
 * storing a 1 GiB file beside `cp` of it, referencing it beside `openssl dgst -sha256`, the peak
 * RSS growth of ingesting, and re-verification throughput. In its own process so the RSS growth is
 * this work's alone. Usage: node scripts/benchEvidenceChild.ts <dir> <MiB>. Prints one line of JSON.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createCase } from '../electron/core/services/caseService.ts';
import { addFileEvidence } from '../electron/core/services/evidence/addFile.ts';
import { verifyEvidenceItems } from '../electron/core/services/evidence/custody.ts';
import { CaseDraft } from '../shared/domain/case.ts';
import { FileEvidenceDraft } from '../shared/domain/evidence.ts';

export type BenchEvidenceResult = {
  mib: number;
  cpMs: number;
  storedMs: number;
  opensslMs: number;
  referenceMs: number;
  rssGrowthMb: number;
  verifyStoredMs: number;
};

const [dir, mibArg] = process.argv.slice(2);
const mib = Number(mibArg ?? 1024);
if (!dir) {
  process.stderr.write('usage: node scripts/benchEvidenceChild.ts <dir> <MiB>\n');
  process.exit(2);
}

const file = join(dir, 'evidence.bin');
const fd = openSync(file, 'w');
const block = randomBytes(16 * 1024 * 1024);
for (let written = 0; written < mib; written += 16) writeSync(fd, block);
closeSync(fd);
const time = (run: () => unknown) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};
// Warm the page cache for both sides alike; then the limits.
execFileSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] });
const copy = join(dir, 'copy.bin');
const cpMs = time(() => execFileSync('sh', ['-c', `cp "${file}" "${copy}" && sync "${copy}"`]));
rmSync(copy);
const opensslMs = time(() => execFileSync('openssl', ['dgst', '-sha256', file], { stdio: ['ignore', 'ignore', 'ignore'] }));

const ctx = { actor: { name: 'Bench', role: 'Bench', organisation: 'Custos' }, clock: () => new Date() };
const caseDb = createCase(join(dir, 'evidence.custos'), CaseDraft.parse({ title: 'Evidence bench' }), ctx);
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
let start = performance.now();
const stored = await addFileEvidence(caseDb, ctx, file, FileEvidenceDraft.parse({}));
const storedMs = performance.now() - start;
start = performance.now();
await addFileEvidence(caseDb, ctx, file, FileEvidenceDraft.parse({ byReference: true, onDuplicate: 'link' }));
const referenceMs = performance.now() - start;
clearInterval(sample);
peak = Math.max(peak, process.memoryUsage().rss);
const verifyStoredMs = time(() => verifyEvidenceItems(caseDb, ctx, [stored.id]));
caseDb.close();
if (statSync(file).size !== mib * 1024 * 1024) throw new Error('bench file has the wrong size');
const result: BenchEvidenceResult = {
  mib,
  cpMs,
  storedMs,
  opensslMs,
  referenceMs,
  rssGrowthMb: (peak - rssBefore) / (1024 * 1024),
  verifyStoredMs,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
