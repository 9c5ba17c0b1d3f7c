/// <reference lib="dom" />
/**
 * The timeline picture's timings for scripts/bench.ts, in a process of its own: a case of 100,000
 * timeline events (the bench's, copied, or made here) with exhibits, hand-overs and a deadline
 * beside them. Reports the chart:timeline answer (read, checked against the contract, and the
 * structured clone Electron's IPC makes of it), the layout of one frame in Node (the axis ticks
 * and the binning of every visible event, as each zoom or pan step redraws), and, with --screen,
 * the picture in Chromium on the built renderer: from a click on Timeline to the first drawing of
 * all 100,000 events, and one zoom step from the click to the frame redrawn.
 *
 * Usage: node scripts/benchTimelineChild.ts <folder> [<case with 100,000 events>] [--screen].
 * Needs `electron-vite build` first for --screen (bench.ts runs it). Prints one line of JSON
 * (BenchTimelineResult); progress goes to stderr.
 */
import { copyFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { CaseDraft } from '../shared/domain/case.ts';
import { EVENT_CATEGORIES } from '../shared/domain/timeline.ts';
import { TextEvidenceDraft } from '../shared/domain/evidence.ts';
import { TimelineChart } from '../shared/domain/timelineChart.ts';
import { axisTicks, binMarks, centredOn, filterEvents, fitted, zoomed } from '../shared/logic/timelineAxis.ts';
import { createCase, openCase } from '../electron/core/services/cases.ts';
import { addTextEvidence } from '../electron/core/services/evidence/addOther.ts';
import { transferCustody } from '../electron/core/services/evidence/custody.ts';
import { timelineChart } from '../electron/core/services/timelineChart.ts';
import type { CaseDb } from '../electron/core/store/db/caseDb.ts';
import type { MutationContext } from '../electron/core/store/db/mutate.ts';
import { insertTimelineEvent, countTimeline } from '../electron/core/store/tables/timelineEvents.ts';

export type BenchTimelineResult = {
  events: number;
  marks: number;
  /** timelineChart(): the case read into columns and marks (median of runs). */
  answerMs: number;
  /** The contract's check of that answer (zod), as the handler table's tests run it. */
  checkMs: number;
  /** v8.serialize of the answer: the structured clone Electron's IPC makes. */
  cloneMs: number;
  /** answerMs + cloneMs: the figure held against the target. */
  channelMs: number;
  answerMb: number;
  /** One frame's layout in Node: ticks and the binning of every visible event, per zoom level (median). */
  frameFitMs: number;
  frameZoomedMs: number;
  /** The text filter over every title (each keystroke). */
  filterMs: number;
  /** In Chromium (--screen): click on Timeline to the picture of every event drawn, and one zoom step. */
  screen: {
    firstDrawMs: number[];
    /** The page's own work (script, style, layout; Chromium's metrics) in each first drawing. */
    firstDrawWorkMs: number[];
    /** One chart:timeline from the page over the test bridge (JSON both ways, through the driver). */
    bridgeMs: number[];
    zoomStepMs: number[];
  } | null;
};

const EVENTS = 100_000;
const EXHIBITS = 300;
const HANDOVERS = 100;
const RUNS = 5;
const FRAMES = 60;
const WIDTH = 1600;

const args = process.argv.slice(2);
const screen = args.includes('--screen');
const [folder, given] = args.filter((a) => a !== '--screen');
if (!folder) {
  process.stderr.write('usage: node scripts/benchTimelineChild.ts <folder> [<case with 100,000 events>] [--screen]\n');
  process.exit(2);
}
const progress = (message: string) => process.stderr.write(`bench timeline: ${message}\n`);

const ctx: MutationContext = {
  actor: { name: 'Dana Whitfield', role: 'Incident responder', organisation: 'Northwind Security' },
  clock: () => new Date(),
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function addEvents(caseDb: CaseDb): void {
  progress(`${EVENTS.toLocaleString('en-US')} timeline events`);
  for (let done = 0; done < EVENTS; done += 10_000) {
    caseDb.transaction(() => {
      for (let i = done; i < done + 10_000; i++) {
        insertTimelineEvent(caseDb, ctx, randomUUID(), {
          occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000 * 3).toISOString(),
          zone: 'UTC',
          title: `Event ${i}: sign-in from 175.45.176.${i % 255} via VPN`,
          description: '',
          source: '',
          category: EVENT_CATEGORIES[i % EVENT_CATEGORIES.length]!,
        });
      }
    });
  }
}

async function addMarks(caseDb: CaseDb): Promise<void> {
  progress(`${EXHIBITS} exhibits, ${HANDOVERS} hand-overs`);
  const ids: string[] = [];
  caseDb.transaction(() => {
    for (let i = 0; i < EXHIBITS; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const item = addTextEvidence(
        caseDb,
        ctx,
        TextEvidenceDraft.parse({
          description: `Chat transcript ${i}`,
          capturedText: 'Copied from the admin export.',
          method: 'Copied from the admin export',
          acquiredAt: `2026-0${1 + (i % 9)}-${day}T10:00Z`,
        }),
      );
      ids.push(item.id);
    }
  });
  for (let i = 0; i < HANDOVERS; i++) {
    await transferCustody(caseDb, ctx, ids[i]!, {
      kind: 'transfer',
      from: 'Dana Whitfield',
      to: 'DC Ruiz, Metropolitan Police',
      purpose: 'Forensic examination',
      fromLocation: '',
      toLocation: '',
      sealBefore: '',
      sealAfter: '',
      at: '2026-10-02T10:00Z',
      details: '',
      checkHash: false,
    });
  }
}

async function timeScreen(path: string): Promise<BenchTimelineResult['screen']> {
  const { startHarness } = await import('../test/e2e/harness.ts');
  const h = await startHarness('UTC');
  try {
    const invoke = (channel: string, req: unknown) => h.ok(channel, req);
    await invoke('profile:set', { name: 'Bench', role: 'Responder', organisation: 'Bench', timeZone: 'UTC' });
    h.nextOpenPath(path);
    await invoke('dialog:chooseCaseToOpen', {});
    await invoke('case:open', { path });
    const { page } = h;
    await page.setViewportSize({ width: 1920, height: 1080 });
    const firstDrawMs: number[] = [];
    const firstDrawWorkMs: number[] = [];
    const bridgeMs: number[] = [];
    const zoomStepMs: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.reload();
      await page.getByRole('button', { name: 'Timeline', exact: true }).waitFor();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const work = async () => {
        const { metrics } = (await cdp.send('Performance.getMetrics')) as {
          metrics: { name: string; value: number }[];
        };
        const of = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
        return (of('ScriptDuration') + of('RecalcStyleDuration') + of('LayoutDuration')) * 1000;
      };
      const before = await work();
      // From the click to the first frame after the picture says it shows every event.
      firstDrawMs.push(
        await page.evaluate(
          (total) =>
            new Promise<number>((resolve) => {
              const tab = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Timeline');
              const start = performance.now();
              tab!.click();
              const check = () =>
                document.querySelector('.tl-chart__counts')?.textContent?.startsWith(`Showing ${total} of ${total}`)
                  ? requestAnimationFrame(() => resolve(performance.now() - start))
                  : requestAnimationFrame(check);
              check();
            }),
          (100_000).toLocaleString('en-GB'),
        ),
      );
      firstDrawWorkMs.push((await work()) - before);
      bridgeMs.push(
        await page.evaluate(async () => {
          const api = (globalThis as unknown as { api: { chart: { timeline: (r: unknown) => Promise<unknown> } } }).api;
          const start = performance.now();
          await api.chart.timeline({});
          return performance.now() - start;
        }),
      );
      for (let i = 0; i < 5; i++) {
        zoomStepMs.push(
          await page.evaluate(
            (label) =>
              new Promise<number>((resolve) => {
                const button = document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
                const before = document.querySelector('.tl-chart__counts')?.textContent;
                const start = performance.now();
                button.click();
                const check = () =>
                  document.querySelector('.tl-chart__counts')?.textContent !== before
                    ? requestAnimationFrame(() => resolve(performance.now() - start))
                    : requestAnimationFrame(check);
                check();
              }),
            i % 2 === 0 ? 'Zoom in' : 'Zoom out',
          ),
        );
      }
    }
    if (h.consoleErrors.length > 0) throw new Error(`the page reported errors: ${h.consoleErrors.join('; ')}`);
    return { firstDrawMs, firstDrawWorkMs, bridgeMs, zoomStepMs };
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  const path = join(folder!, 'timeline-chart.custos');
  let caseDb: CaseDb;
  if (given) {
    copyFileSync(given, path);
    caseDb = openCase(path);
  } else {
    caseDb = createCase(path, CaseDraft.parse({ title: 'Timeline picture bench' }), ctx);
    addEvents(caseDb);
  }
  await addMarks(caseDb);
  const events = countTimeline(caseDb);

  progress('chart:timeline answers');
  const now = new Date('2026-12-01T00:00:00Z');
  let chart = timelineChart(caseDb, now); // statements prepared, code compiled
  const answers: number[] = [];
  const checks: number[] = [];
  const clones: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    chart = timelineChart(caseDb, now);
    answers.push(performance.now() - t);
    t = performance.now();
    TimelineChart.parse(chart);
    checks.push(performance.now() - t);
    t = performance.now();
    bytes = serialize(chart).length;
    clones.push(performance.now() - t);
  }
  caseDb.close();

  progress('layout of a frame');
  const times = Float64Array.from(chart.events.at);
  const categories = Int32Array.from(chart.events.category);
  const on = chart.categories.map(() => true);
  const t = performance.now();
  const order = filterEvents(categories, chart.events.title, on, 'vpn 176');
  const filterMs = performance.now() - t;
  const all = filterEvents(categories, chart.events.title, on, '');
  const frame = (view: { start: number; end: number }) => {
    const started = performance.now();
    axisTicks(view, WIDTH, 'Asia/Seoul');
    binMarks(times, all, view, WIDTH, 6, categories, chart.categories.length);
    return performance.now() - started;
  };
  const fit = fitted([times[0]!, times[times.length - 1]!], now.getTime());
  const fitFrames: number[] = [];
  const zoomFrames: number[] = [];
  for (let i = 0; i < FRAMES; i++) {
    fitFrames.push(frame(zoomed(fit, 1 + (i % 3) * 0.01)));
    zoomFrames.push(frame(centredOn(times[(i * 1637) % times.length]!, 7 * 86_400_000)));
  }
  if (order.length === 0) throw new Error('the filter found nothing');

  const answerMs = median(answers);
  const cloneMs = median(clones);
  const result: BenchTimelineResult = {
    events,
    marks: chart.marks.length,
    answerMs,
    checkMs: median(checks),
    cloneMs,
    channelMs: answerMs + cloneMs,
    answerMb: bytes / (1024 * 1024),
    frameFitMs: median(fitFrames),
    frameZoomedMs: median(zoomFrames),
    filterMs,
    screen: screen ? await timeScreen(path) : null,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
