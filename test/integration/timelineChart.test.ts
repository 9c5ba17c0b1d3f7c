import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportDoc } from '../../electron/core/reports/doc.ts';
import { renderReportPdf } from '../../electron/core/reports/pdf/render.ts';
import { pdfPages } from '../helpers/pdfText.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineChart } from '../../shared/domain/timelineChart.ts';
import { CHART_CATEGORIES, LANE_OF_MARK } from '../../shared/domain/timelineChart.ts';
import { handlerCase } from '../helpers/handlerCase.ts';
import type { HandlerCase } from '../helpers/handlerCase.ts';

let c: HandlerCase | undefined;
afterEach(() => c?.cleanup());

/** A clock that advances a second per call from a time the test can move. */
function movableClock(start: string) {
  let t = Date.parse(start);
  return { clock: () => new Date((t += 1000)), set: (iso: string) => (t = Date.parse(iso)) };
}

describe('chart:timeline, what the timeline picture draws', () => {
  it('gives the events as columns in time order and the rest of the case as marks on the same axis', async () => {
    const time = movableClock('2026-11-02T09:00:00.000Z');
    c = await handlerCase({
      title: 'Contractor J. Kim',
      clock: time.clock,
      record: { awareAt: '2026-10-31T18:00', awareZone: 'Asia/Seoul' },
    });
    const { ok } = c;
    const add = (at: string, title: string, category: string) =>
      ok<{ id: string }>('timeline:add', { at, zone: 'Asia/Seoul', title, category });
    const laptop = await add('2026-10-30T22:14', 'Laptop delivered to facilitator address', 'device');
    const hired = await add('2026-09-01T10:00', 'Offer letter signed', 'hiring');
    const removed = await add('2026-10-01T10:00', 'Entered by mistake', 'other');
    await ok('timeline:remove', { id: removed.id });
    const demand = await add('2026-11-01T08:00', 'Extortion e-mail: 40 BTC or we publish', 'extortion');

    const item = await ok<{ id: string; exhibit: string }>('evidence:addPhysical', {
      description: 'Laptop LT-4471 returned by courier',
      acquiredAt: '2026-11-01T15:00',
      acquiredZone: 'Europe/Berlin',
    });
    await ok('evidence:transfer', {
      id: item.id,
      draft: {
        from: 'Dana Whitfield',
        to: 'DC Ruiz, Metropolitan Police',
        purpose: 'Forensic examination',
        at: '2026-11-02T10:00',
        zone: 'Europe/Berlin',
      },
    });
    const ransom = await ok<{ id: string }>('extortion:addDemand', {
      amount: '40',
      asset: 'BTC',
      threat: 'Publish the payroll files',
      deadline: '2026-11-03T12:00',
      zone: 'Asia/Seoul',
    });
    await ok('clock:set', { ruleId: 'gdpr-33' });
    const templates = await ok<{ id: string; name: string }[]>('playbook:templates', {});
    const termination = templates.find((t) => t.name.startsWith('Termination'))!;
    const run = await ok<{ run: { id: string } }>('playbook:start', {
      template: termination.id,
      title: 'Offboarding J. Kim',
      t0: '2026-11-01T09:00',
      zone: 'Europe/Berlin',
    });
    await ok('playbook:step', {
      runId: run.run.id,
      step: 'B1',
      state: 'done',
      at: '2026-11-01T09:30',
      zone: 'Europe/Berlin',
    });

    // Read on 2026-11-04 noon UTC: the demand's deadline and GDPR's 72 hours have passed.
    time.set('2026-11-04T12:00:00.000Z');
    const headBefore = (await ok<{ head: { seq: number } }>('case:current')).head;
    const bytesBefore = readFileSync(c.casePath);
    const chart = await ok<TimelineChart>('chart:timeline', {});

    expect(chart.now).toBeGreaterThanOrEqual(Date.parse('2026-11-04T12:00:00.000Z'));
    expect(chart.awareAt).toBe(Date.parse('2026-10-31T09:00:00.000Z'));
    expect(chart.categories).toEqual([...CHART_CATEGORIES]);
    expect(chart.events.id).toEqual([hired.id, laptop.id, demand.id]);
    expect(chart.events.at).toEqual([
      Date.parse('2026-09-01T01:00:00.000Z'),
      Date.parse('2026-10-30T13:14:00.000Z'),
      Date.parse('2026-10-31T23:00:00.000Z'),
    ]);
    expect(chart.events.category.map((i) => chart.categories[i])).toEqual(['hiring', 'device', 'extortion']);
    expect(chart.events.title[1]).toBe('Laptop delivered to facilitator address');

    const byKind = (kind: string) => chart.marks.filter((m) => m.kind === kind);
    expect(byKind('acquisition')).toEqual([
      expect.objectContaining({
        at: Date.parse('2026-11-01T14:00:00.000Z'),
        zone: 'Europe/Berlin',
        label: `${item.exhibit} Laptop LT-4471 returned by courier`,
        target: { kind: 'evidence', id: item.id },
      }),
    ]);
    expect(byKind('transfer')).toEqual([
      expect.objectContaining({
        at: Date.parse('2026-11-02T09:00:00.000Z'),
        label: `${item.exhibit} Laptop LT-4471 returned by courier: handed to DC Ruiz, Metropolitan Police by Dana Whitfield`,
      }),
    ]);
    expect(byKind('demand-deadline')).toEqual([
      expect.objectContaining({
        at: Date.parse('2026-11-03T03:00:00.000Z'),
        label: '40 BTC: Publish the payroll files',
        late: true,
        target: { kind: 'demand', id: ransom.id },
      }),
    ]);
    expect(byKind('clock-due')).toEqual([
      expect.objectContaining({
        at: Date.parse('2026-11-03T09:00:00.000Z'),
        late: true,
        target: { kind: 'clock', id: 'gdpr-33' },
      }),
    ]);
    expect(byKind('run-start')).toEqual([
      expect.objectContaining({
        label: 'Offboarding J. Kim (T0)',
        target: { kind: 'step', id: run.run.id, runId: run.run.id, stepId: '' },
      }),
    ]);
    const done = byKind('step-done');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ at: Date.parse('2026-11-01T08:30:00.000Z'), target: { runId: run.run.id } });
    expect(done[0]!.label).toMatch(/^Offboarding J\. Kim: B1 /);
    // Steps still open whose due time has passed are overdue; none is both done and overdue.
    expect(byKind('step-overdue').length).toBeGreaterThan(0);
    expect(byKind('step-overdue').every((m) => m.late && m.target.stepId !== done[0]!.target.stepId)).toBe(true);

    // Every mark has a lane, and the marks come in time order.
    expect(chart.marks.every((m) => LANE_OF_MARK[m.kind])).toBe(true);
    expect(chart.marks.map((m) => m.at)).toEqual([...chart.marks.map((m) => m.at)].sort((a, b) => a - b));

    // Reading the picture changes nothing in the case.
    expect((await ok<{ head: { seq: number } }>('case:current')).head).toEqual(headBefore);
    expect(readFileSync(c.casePath).equals(bytesBefore)).toBe(true);
  });

  it('answers for an empty case, and refuses without an open case', async () => {
    c = await handlerCase({ title: 'Empty' });
    const chart = await c.ok<TimelineChart>('chart:timeline', {});
    expect(chart).toMatchObject({ awareAt: null, events: { id: [], at: [], category: [], title: [] }, marks: [] });
    await c.ok('case:close', {});
    expect((await c.refused('chart:timeline', {})).code).toBe('NO_CASE_OPEN');
  });
});

describe('the same picture in a report', () => {
  it('draws a chart block on the page with its lanes, axis in the zone named, and its caption', async () => {
    const day = 86_400_000;
    const start = Date.parse('2026-10-01T00:00:00.000Z');
    const doc: ReportDoc = {
      meta: {
        title: 'Counsel report',
        caseTitle: 'Contractor J. Kim',
        reference: 'IR-2026-014',
        tlp: 'AMBER',
        classification: 'Privileged & confidential',
        privilegeBanner: null,
        examiner: 'Dana Whitfield',
        examinerRole: 'Incident responder',
        organisation: 'Northwind Security',
        generatedAt: '2026-12-01T14:03:27.123Z',
        zone: 'UTC',
        reportId: '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      },
      sections: [
        {
          id: 'timeline',
          title: 'Timeline',
          blocks: [
            {
              type: 'chart',
              zone: 'UTC',
              lanes: [
                { label: 'Events: access', at: Array.from({ length: 500 }, (_, i) => start + 20 * day + i * 60_000) },
                { label: 'Events: device', at: [start + 29 * day, start + 30 * day] },
                { label: 'Exhibits acquired', at: [start + 31 * day] },
                { label: 'Custody hand-overs', at: [start + 32 * day] },
              ],
              caption: '503 events from 2026-10-01 to 2026-11-02 UTC; a taller bar is several marks close together.',
            },
            { type: 'paragraph', text: 'The table follows.' },
          ],
        },
      ],
      verification: { headSeq: 1, headHash: 'a'.repeat(64), verifiedOk: true, verifyLines: [], howToCheck: [] },
      coverLines: [],
    };
    const pdf = renderReportPdf(doc);
    if (process.env.CUSTOS_KEEP_CHART_PDF) {
      writeFileSync(join(process.env.CUSTOS_KEEP_CHART_PDF, 'chart.pdf'), pdf.bytes);
    }
    const text = (await pdfPages(pdf.bytes)).join('\n');
    for (const words of [
      'Events: access',
      'Custody hand-overs',
      '2026-10',
      'a taller bar is several marks',
      'The table follows.',
    ]) {
      expect(text).toContain(words);
    }
  });
});
