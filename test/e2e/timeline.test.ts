import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

let h: Harness;
const ZONE = 'Asia/Seoul';
let laptopId = '';
let exhibit = '';

async function ok<T = Record<string, unknown>>(channel: string, req: unknown): Promise<T> {
  const answer = await h.handlers.invoke(channel as Parameters<Harness['handlers']['invoke']>[0], req);
  if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer)}`);
  return answer.value as T;
}

/** Events of a remote-worker case, in several categories, with a busy night of sign-ins among them. */
const EVENTS: [string, string, string][] = [
  ['2026-09-01T10:00', 'Offer letter signed by contractor J. Kim', 'hiring'],
  ['2026-09-03T11:00', 'Identity documents fail the issuer check', 'identity'],
  ['2026-10-30T22:14', 'Laptop delivered to facilitator address', 'device'],
  ['2026-10-31T02:10', 'Salary paid to a new Payoneer account', 'payment'],
  ['2026-11-01T08:00', 'Extortion e-mail: 40 BTC or we publish the payroll files', 'extortion'],
  ['2026-11-01T09:40', 'Outbound transfer of 38 GB to a hosting provider', 'exfiltration'],
  ['2026-11-01T11:00', 'Counsel engaged; privilege instructions issued', 'legal'],
  ['2026-11-01T13:00', 'EDR alert: remote-control tool on LT-4471', 'detection'],
];

beforeAll(async () => {
  h = await startHarness('Europe/Berlin');
  await ok('profile:set', {
    name: 'Dana Whitfield',
    role: 'Incident responder',
    organisation: 'Northwind Security',
    timeZone: ZONE,
  });
  const path = join(h.workDir, 'kim.custos');
  h.nextSavePath(path);
  await ok('dialog:chooseNewCasePath', {});
  await ok('case:create', {
    path,
    draft: {
      title: 'Contractor J. Kim',
      reference: 'IR-2026-014',
      caseType: 'infiltration_and_extortion',
      awareAt: '2026-10-31T18:00',
      awareZone: ZONE,
    },
  });
  for (const [at, title, category] of EVENTS) await ok('timeline:add', { at, zone: ZONE, title, category });
  // A night of sign-ins a few minutes apart: too close to tell apart until zoomed in.
  for (let i = 0; i < 30; i++) {
    const minute = String(i * 2).padStart(2, '0');
    await ok('timeline:add', {
      at: `2026-10-31T03:${minute}`,
      zone: ZONE,
      title: `Sign-in ${i + 1} from 175.45.176.${i} via VPN`,
      category: 'access',
    });
  }
  const laptop = await ok<{ id: string; exhibit: string }>('evidence:addPhysical', {
    description: 'Laptop LT-4471 returned by courier',
    acquiredAt: '2026-11-01T15:00',
    acquiredZone: ZONE,
    serialNumber: 'PF3K9Z',
  });
  laptopId = laptop.id;
  exhibit = laptop.exhibit;
  await ok('evidence:transfer', {
    id: laptop.id,
    draft: {
      from: 'Dana Whitfield',
      to: 'DC Ruiz, Metropolitan Police',
      purpose: 'Forensic examination',
      at: '2026-11-02T10:00',
      zone: ZONE,
    },
  });
  await ok('extortion:addDemand', {
    amount: '40',
    asset: 'BTC',
    threat: 'Publish the payroll files',
    deadline: '2026-11-03T12:00',
    zone: ZONE,
  });
  await ok('clock:set', { ruleId: 'gdpr-33' });
  const templates = await ok<{ id: string; name: string }[]>('playbook:templates', {});
  const run = await ok<{ run: { id: string } }>('playbook:start', {
    template: templates.find((t) => t.name.startsWith('Termination'))!.id,
    title: 'Offboarding J. Kim',
    t0: '2026-11-02T09:00',
    zone: ZONE,
  });
  await ok('playbook:step', { runId: run.run.id, step: 'B1', state: 'done', at: '2026-11-02T09:20', zone: ZONE });
  await h.page.reload();
});
afterAll(async () => {
  await h?.close();
});

const status = () => h.page.locator('.tl-chart__status');
const counts = () => h.page.locator('.tl-chart__counts');
const picture = () => h.page.getByRole('application', { name: /^Timeline picture/ });

/** Steps right from the first mark until the one announced starts with `text`. */
async function walkTo(text: string): Promise<void> {
  await picture().focus();
  await h.page.keyboard.press('Home');
  for (let i = 0; i < 200 && !(await status().textContent())?.startsWith(text); i++) {
    await h.page.keyboard.press('ArrowRight');
  }
  expect(await status().textContent()).toContain(text);
}

/** The span shown, in minutes, read from the line above the picture. */
async function spanMinutes(): Promise<number> {
  const text = (await counts().textContent()) ?? '';
  const [, from, to] = /from (\d{4}-\d\d-\d\d \d\d:\d\d) to (\d{4}-\d\d-\d\d \d\d:\d\d)/.exec(text) ?? [];
  return (Date.parse(`${to}Z`) - Date.parse(`${from}Z`)) / 60_000;
}

describe('the timeline as a picture', () => {
  it('draws every event and the case around it on one axis, in the examiner’s zone', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    await picture().waitFor();
    await expect.poll(() => counts().textContent()).toMatch(/^Showing 38 of 38 events and \d+ of \d+ other marks/);
    expect(await counts().textContent()).toContain('Times in Asia/Seoul (UTC+09:00)');
    // The lanes name what they count: one acquisition, one hand-over, the demand's deadline and GDPR's.
    await expect.poll(() => page.locator('.tl-chart__legend').nth(1).textContent()).toContain('Custody hand-overs (1)');
    expect(await page.locator('.tl-chart__legend').nth(1).textContent()).toContain('Evidence acquired (1)');
    expect(await page.locator('.tl-chart__legend').nth(1).textContent()).toContain('Extortion deadlines (1)');
    expect(await page.locator('.tl-chart__legend').nth(1).textContent()).toContain('Notification deadlines (1)');
    expect(await page.locator('.tl-chart__legend').nth(1).textContent()).toMatch(/Playbook \(\d\d+\)/);

    // Narrow: a week around the laptop's delivery, the event selected; wide: the whole case.
    await page.setViewportSize({ width: 1280, height: 900 });
    await walkTo('Timeline event ‘Laptop delivered');
    await page.getByRole('button', { name: 'Show 1 week' }).click();
    await expect.poll(spanMinutes).toBe(7 * 24 * 60);
    await h.screenshot('timeline-chart-narrow');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Fit all' }).click();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await h.screenshot('timeline-chart-wide');
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  it('zooms with the buttons, the keys and the presets', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Fit all' }).click();
    const all = await spanMinutes();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await spanMinutes()).toBeCloseTo(all / 2, -1);
    await picture().focus();
    await page.keyboard.press('-');
    expect(await spanMinutes()).toBeCloseTo(all, -1);
    await page.getByRole('button', { name: 'Show 1 day' }).click();
    expect(await spanMinutes()).toBe(24 * 60);
    // Ctrl+wheel over the picture zooms in about the pointer.
    const box = (await picture().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(spanMinutes).toBeLessThan(24 * 60);
    await page.getByRole('button', { name: 'Fit all' }).click();
  });

  it('filters by category and by words in the titles', async () => {
    const { page } = h;
    await page.getByRole('checkbox', { name: 'Access' }).uncheck();
    await expect.poll(() => counts().textContent()).toMatch(/^Showing 8 of 38 events/);
    await page.getByRole('checkbox', { name: 'Access' }).check();
    await page.getByLabel('Filter by text').fill('laptop');
    // The event about the laptop, and the laptop's acquisition and hand-over in their lanes (with
    // any playbook step about laptops).
    await expect.poll(() => counts().textContent()).toMatch(/^Showing 1 of 38 events and \d+ of \d+ other marks/);
    const others = async () => Number(/and (\d+) of/.exec((await counts().textContent()) ?? '')?.[1]);
    const withHandOver = await others();
    expect(withHandOver).toBeGreaterThanOrEqual(2);
    await page.getByRole('checkbox', { name: 'Custody hand-overs' }).uncheck();
    await expect.poll(others).toBe(withHandOver - 1);
    await h.screenshot('timeline-chart-filtered');
    await page.getByRole('checkbox', { name: 'Custody hand-overs' }).check();
    await page.getByLabel('Filter by text').fill('');
    await expect.poll(() => counts().textContent()).toMatch(/^Showing 38 of 38 events/);
  });

  it('walks the marks with the keyboard, announcing each, and Enter opens the event in the table', async () => {
    const { page } = h;
    // Every mark shown, events and the others, is one step of the walk.
    const [, events, others] =
      /^Showing (\d+) of \d+ events and (\d+) of/.exec((await counts().textContent()) ?? '') ?? [];
    const marks = String(Number(events) + Number(others));
    expect(Number(marks)).toBeGreaterThan(42);
    await picture().focus();
    await page.keyboard.press('Home');
    await expect
      .poll(() => status().textContent())
      .toBe(
        'Timeline event ‘Offer letter signed by contractor J. Kim’ (Hiring & onboarding) 2026-09-01 10:00 Asia/Seoul, 1 of ' +
          marks,
      );
    // The second event comes later than some playbook steps due before T0: the walk takes in every lane.
    await page.keyboard.press('ArrowRight');
    expect(await status().textContent()).toMatch(
      /^Timeline event ‘Identity documents fail the issuer check’ .*, 2 of \d+$/,
    );
    await walkTo('Timeline event ‘Laptop delivered');
    expect(await status().textContent()).toMatch(
      /^Timeline event ‘Laptop delivered to facilitator address’ \(Devices & shipping\) 2026-10-30 22:14 Asia\/Seoul, \d+ of \d+$/,
    );
    await page.keyboard.press('Enter');
    const row = page.locator('.timeline-row.search-found');
    await expect.poll(() => row.textContent()).toContain('Laptop delivered to facilitator address');
    await expect.poll(() => row.evaluate((el) => el === document.activeElement)).toBe(true);
    await h.screenshot('timeline-chart-event-opened');
  });

  it('opens a hand-over on the exhibit’s page in Evidence', async () => {
    const { page } = h;
    await picture().focus();
    await page.keyboard.press('End');
    // From the last mark back to the hand-over, announced with who received the laptop.
    for (let i = 0; i < 200; i++) {
      if ((await status().textContent())?.startsWith('Custody hand-over')) break;
      await page.keyboard.press('ArrowLeft');
    }
    expect(await status().textContent()).toMatch(
      new RegExp(
        `^Custody hand-over ‘${exhibit} Laptop LT-4471 returned by courier: handed to DC Ruiz, Metropolitan Police by Dana Whitfield’ 2026-11-02 10:00 Asia/Seoul, \\d+ of \\d+$`,
      ),
    );
    await page.getByRole('button', { name: 'Open in Evidence' }).click();
    await page
      .getByRole('heading', { name: /^Evidence/ })
      .first()
      .waitFor();
    await expect.poll(() => page.getByText('Laptop LT-4471 returned by courier').count()).toBeGreaterThan(0);
    expect(laptopId).not.toBe('');
    expect(h.consoleErrors).toEqual([]);
  });
});
