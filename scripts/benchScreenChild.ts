/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The Playbooks screen with a run of 500 steps, timed in the real renderer: Debian's Chromium on
 * the built renderer (out/renderer), window.api bridged to the real handler table, as the E2E
 * tests drive it. Prints JSON for bench.ts. Needs `electron-vite build` first (bench.ts runs it).
 *
 * Open: from a click on Playbooks (the page just reloaded, so nothing is loaded yet) until the run
 * and its last step are on the screen. Step change: from the click on "Record as done" until the
 * row says Done (one audited write, the run read again, the screen rendered again).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportCacaoPlaybook } from '../electron/core/playbooks/importCacao.ts';
import { startHarness } from '../test/e2e/harness.ts';
import { syntheticTemplate } from './benchPlaybook.ts';

export type BenchScreenResult = {
  steps: number;
  opens: number[];
  changes: number[];
  /** One read of the run (playbook:detail) from the page over the test bridge: JSON both ways. */
  bridgeDetailMs: number[];
  /** The page's own work in each open and change (script, style and layout, from Chromium's metrics). */
  openWorkMs: number[];
  changeWorkMs: number[];
};

const STEPS = Number(process.argv[2] ?? 500);
const OPENS = 5;
const CHANGES = 11;

const h = await startHarness('UTC');
try {
  const invoke = (channel: string, req: unknown) => h.ok(channel, req);
  await invoke('profile:set', { name: 'Bench', role: 'Responder', organisation: 'Bench', timeZone: 'UTC' });
  const path = join(h.workDir, 'screen.custos');
  h.nextSavePath(path);
  await invoke('dialog:chooseNewCasePath', {});
  await invoke('case:create', { path, draft: { title: 'Screen bench' } });
  const template = syntheticTemplate(STEPS);
  await invoke('playbook:import', { name: 'bench.json', text: exportCacaoPlaybook(template) });
  await invoke('playbook:start', { template: template.id, t0: '2026-12-03T09:00', zone: 'UTC' });

  const { page } = h;
  const row = (code: string) => page.getByRole('listitem', { name: new RegExp(`^${code} `) });
  // Timed inside the page, from the click to the first frame that shows the result (the next
  // animation frame after it is in the DOM), so the test driver's own round trips are not counted.
  const openMs = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const tab = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Playbooks');
          const start = performance.now();
          tab!.click();
          const check = () =>
            document.querySelector('.run-head') && document.querySelector('.steps .step')
              ? requestAnimationFrame(() => resolve(performance.now() - start))
              : requestAnimationFrame(check);
          check();
        }),
    );
  const saveMs = (code: string) =>
    page.evaluate(
      (code) =>
        new Promise<number>((resolve) => {
          const li = [...document.querySelectorAll<HTMLElement>('.steps .step')].find(
            (el) => el.querySelector('.step__code')?.textContent?.trim() === code,
          )!;
          const save = [...li.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Record as done')!;
          const start = performance.now();
          save.click();
          const check = () =>
            li.querySelector('.step-state')?.textContent?.trim() === 'Done'
              ? requestAnimationFrame(() => resolve(performance.now() - start))
              : requestAnimationFrame(check);
          check();
        }),
      code,
    );
  // Chromium's own account of the page's work (script, style, layout) during a timed action: the
  // part of the figure that is the screen's, apart from the wait for answers over the test bridge.
  let cdp = await page.context().newCDPSession(page);
  const work = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const of = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return (of('ScriptDuration') + of('RecalcStyleDuration') + of('LayoutDuration')) * 1000;
  };
  const opens: number[] = [];
  const openWorkMs: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    await page.reload();
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.getByRole('button', { name: 'Playbooks', exact: true }).waitFor();
    const before = await work();
    opens.push(await openMs());
    openWorkMs.push((await work()) - before);
    await row(`S${STEPS}`).waitFor();
  }
  const changes: number[] = [];
  const changeWorkMs: number[] = [];
  for (let i = 1; i <= CHANGES; i++) {
    const step = row(`S${i * 40}`);
    await step.getByRole('button', { name: 'Mark done…' }).click();
    await step.getByRole('button', { name: 'Record as done' }).waitFor();
    const before = await work();
    changes.push(await saveMs(`S${i * 40}`));
    changeWorkMs.push((await work()) - before);
  }
  const runId = ((await invoke('playbook:runs', {})) as { id: string }[])[0]!.id;
  const bridgeDetailMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    bridgeDetailMs.push(
      await page.evaluate(async (runId) => {
        const api = (globalThis as unknown as { api: { playbook: { detail: (r: unknown) => Promise<unknown> } } }).api;
        const start = performance.now();
        await api.playbook.detail({ runId });
        return performance.now() - start;
      }, runId),
    );
  }
  if (h.consoleErrors.length > 0) throw new Error(`the page reported errors: ${h.consoleErrors.join('; ')}`);
  const result: BenchScreenResult = { steps: STEPS, opens, changes, bridgeDetailMs, openWorkMs, changeWorkMs };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await h.close();
}
