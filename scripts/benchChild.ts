/**
 * One "launch the app and open the case" measurement for scripts/bench.ts, in a process of its own
 * so nothing the bench already did (loaded native addon, prepared statements, JIT-compiled code,
 * SQLite's page cache) makes the open look faster than it is after a restart. The OS page cache is
 * warm unless the bench evicted the file first (it does both: a re-launch, and a first read from disk).
 *
 * Usage: node scripts/benchChild.ts <case file>. Prints one line of JSON (BenchChildResult).
 */
import { performance } from 'node:perf_hooks';

export type OpenTimings = {
  /** openCase(): header check, writer lock, connection, pragmas, schema check. */
  openMs: number;
  /** caseInfo(): the case record and audit head that 'case:open' replies with. */
  infoMs: number;
  /** countTimeline() + listTimeline(0, 200): what the timeline view asks for first. */
  firstPageMs: number;
  /** The two parts of firstPageMs: count scans the whole time index, the page reads 200 rows. */
  countMs: number;
  listMs: number;
  /** openMs + firstPageMs: the figure held against the 300 ms target. */
  openFirstPageMs: number;
};

export type BenchChildResult = {
  /** Loading the case modules (already loaded in a running app, so outside the target). */
  importMs: number;
  /** The first open in this process: includes loading the better-sqlite3 addon. */
  cold: OpenTimings;
  /** The same again in the same process, to show what the first-open overheads cost. */
  warm: OpenTimings;
  timelineTotal: number;
  pageRows: number;
  /** process.resourceUsage().maxRSS after the cold open and first page, in KB. */
  maxRssKb: number;
};

const PAGE = 200;

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: node scripts/benchChild.ts <case file>\n');
  process.exit(2);
}

// Dynamic imports so their cost can be reported apart from the open itself.
const importStart = performance.now();
const { openCase, caseInfo } = await import('../electron/core/services/cases.ts');
const { countTimeline, listTimeline } = await import('../electron/core/store/tables/timelineEvents.ts');
const importMs = performance.now() - importStart;

let timelineTotal = 0;
let pageRows = 0;

function openAndFirstPage(): OpenTimings {
  const t0 = performance.now();
  const caseDb = openCase(path!);
  const t1 = performance.now();
  try {
    caseInfo(caseDb);
    const t2 = performance.now();
    timelineTotal = countTimeline(caseDb);
    const tCount = performance.now();
    pageRows = listTimeline(caseDb, 0, PAGE).length;
    const t3 = performance.now();
    return {
      openMs: t1 - t0,
      infoMs: t2 - t1,
      firstPageMs: t3 - t2,
      countMs: tCount - t2,
      listMs: t3 - tCount,
      openFirstPageMs: t1 - t0 + (t3 - t2),
    };
  } finally {
    caseDb.close();
  }
}

const cold = openAndFirstPage();
const maxRssKb = process.resourceUsage().maxRSS;
const warm = openAndFirstPage();

const result: BenchChildResult = { importMs, cold, warm, timelineTotal, pageRows, maxRssKb };
process.stdout.write(`${JSON.stringify(result)}\n`);
