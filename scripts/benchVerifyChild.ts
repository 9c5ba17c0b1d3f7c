/**
 * Verification timings for scripts/bench.ts, in a process of its own: the bench process has just
 * inserted 100,000 events and V8 is still collecting that garbage on the same two cores, which a
 * person pressing Verify (or running `custos verify`) does not pay for.
 *
 * Usage: node scripts/benchVerifyChild.ts <case file> <runs>. Prints one line of JSON.
 */
import { openCase } from '../electron/core/services/cases.ts';
import { stopVerifyWorkers, verifyCaseInWorkers } from '../electron/core/store/verify/workers.ts';
import { verifyCase } from '../electron/core/store/verify/index.ts';

export type VerifyRun = { ms: number; entries: number; ok: boolean };
export type BenchVerifyResult = { single: VerifyRun[]; workersCold: VerifyRun; workers: VerifyRun[] };

const [path, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
if (!path || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: node scripts/benchVerifyChild.ts <case file> <runs>\n');
  process.exit(2);
}

async function time(
  run: () => Promise<{ entries: number; ok: boolean }> | { entries: number; ok: boolean },
): Promise<VerifyRun> {
  const started = performance.now();
  const report = await run();
  return { ms: performance.now() - started, entries: report.entries, ok: report.ok };
}

const caseDb = openCase(path);
try {
  const single: VerifyRun[] = [];
  for (let i = 0; i < runs; i++) single.push(await time(() => verifyCase(caseDb)));
  // The first worker run starts the threads; the app starts them when it opens a large case.
  const workersCold = await time(() => verifyCaseInWorkers(caseDb));
  const workers: VerifyRun[] = [];
  for (let i = 0; i < runs; i++) workers.push(await time(() => verifyCaseInWorkers(caseDb)));
  process.stdout.write(`${JSON.stringify({ single, workersCold, workers } satisfies BenchVerifyResult)}\n`);
} finally {
  await stopVerifyWorkers();
  caseDb.close();
}
