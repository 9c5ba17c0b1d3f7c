/**
 * The counsel report of a large case, for scripts/bench.ts, in a process of its own so its peak RSS
 * is the report's: a case of 10,000 timeline events, 2,000 evidence items each handed over once,
 * a playbook run of 500 steps (a fifth of them done), subjects, indicators and notes. Times the
 * whole generation as the app runs it (full verification, the document, the layout on a worker
 * thread, the write and the record) and reports pages, size and peak RSS.
 *
 * Usage: node scripts/benchReportChild.ts <folder>. Prints one line of JSON (BenchReportResult);
 * progress goes to stderr.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CaseDraft } from '../shared/domain/case.ts';
import { CustodyTransferDraft, TextEvidenceDraft } from '../shared/domain/evidence.ts';
import { EVENT_CATEGORIES } from '../shared/domain/timeline.ts';
import { ReportOptions } from '../shared/domain/report.ts';
import { createCase } from '../electron/core/services/cases.ts';
import { addTextEvidence } from '../electron/core/services/evidence/addOther.ts';
import { transferCustody } from '../electron/core/services/evidence/custody.ts';
import { addNote } from '../electron/core/services/notes.ts';
import { changeStep, startRun } from '../electron/core/services/playbooks.ts';
import { generateReport } from '../electron/core/services/reports.ts';
import type { CaseDb } from '../electron/core/store/db/caseDb.ts';
import { insertTimelineEvent } from '../electron/core/store/tables/timelineEvents.ts';
import { HOSTS, PEOPLE, batched, benchContext, sampler } from './benchSample.ts';
import { syntheticTemplate } from './benchPlaybook.ts';

export type BenchReportResult = {
  events: number;
  evidence: number;
  steps: number;
  /** The whole generation: verify, build, lay out off thread, write, record. */
  generateMs: number;
  pages: number;
  bytes: number;
  fonts: string[];
  /** Peak RSS of this process (the worker thread's memory included), over the generation. */
  peakRssMb: number;
};

const EVENTS = 10_000;
const EVIDENCE = 2_000;
const STEPS = 500;

const [folder] = process.argv.slice(2);
if (!folder) {
  process.stderr.write('usage: node scripts/benchReportChild.ts <folder>\n');
  process.exit(2);
}
const progress = (message: string) => process.stderr.write(`bench report: ${message}\n`);

const sample = sampler(20261202);
const { pick, int, sentences } = sample;
const ctx = benchContext;

async function build(caseDb: CaseDb): Promise<void> {
  progress(`${EVENTS.toLocaleString('en-US')} timeline events`);
  batched(caseDb, EVENTS, 5_000, (i) => {
    insertTimelineEvent(caseDb, ctx, randomUUID(), {
      occurredAt: new Date(Date.UTC(2026, 8, 1) + i * 300_000).toISOString(),
      zone: pick(['UTC', 'Asia/Seoul', 'Europe/Berlin', 'America/Chicago']),
      title: sample.title(),
      description: sentences(60, 240),
      source: pick(['Okta system log', 'M365 unified audit log', 'CrowdStrike Falcon telemetry', '']),
      category: pick(EVENT_CATEGORIES),
    });
  });
  progress(`${EVIDENCE.toLocaleString('en-US')} evidence items, each handed over once`);
  const ids: string[] = [];
  batched(caseDb, EVIDENCE, 500, (i) => {
    const item = addTextEvidence(
      caseDb,
      ctx,
      TextEvidenceDraft.parse({
        description: `${pick(['Chat transcript', 'E-mail', 'Screenshot text'])} ${i}: ${pick(PEOPLE)} on ${pick(HOSTS)}`,
        capturedText: sentences(100, 600),
        method: 'Copied from the admin export',
        acquiredAt: '2026-11-02T10:00Z',
      }),
    );
    ids.push(item.id);
  });
  for (const id of ids) {
    await transferCustody(
      caseDb,
      ctx,
      id,
      CustodyTransferDraft.parse({
        from: 'Dana Whitfield',
        to: 'DC Ruiz, Metropolitan Police',
        purpose: 'Referral to law enforcement',
        sealAfter: `MPS-${int(100000, 999999)}`,
      }),
    );
  }
  progress('notes and a playbook run of 500 steps');
  caseDb.transaction(() => {
    for (let i = 0; i < 300; i++) addNote(caseDb, ctx, { body: sentences(80, 600), privileged: i % 5 === 0 });
  });
  const { run } = startRun(caseDb, ctx, syntheticTemplate(STEPS), { t0: '2026-11-03T09:00', zone: 'UTC' });
  for (let i = 1; i <= STEPS / 5; i++) changeStep(caseDb, ctx, run.id, `S${i}`, { state: 'done', outcome: 'Done' });
}

const path = join(folder, 'report-bench.custos');
const caseDb = createCase(
  path,
  CaseDraft.parse({
    title: 'Northwind — remote IT worker infiltration and extortion',
    reference: 'NW-2026-014',
    tlp: 'AMBER',
    privilegeMarking: 'Privileged & confidential — attorney work product',
  }),
  ctx,
);
try {
  await build(caseDb);
  progress('the counsel report');
  const start = performance.now();
  const made = await generateReport(caseDb, ctx, {
    options: ReportOptions.parse({ kind: 'counsel' }),
    path: join(folder, 'counsel.pdf'),
    zone: 'Europe/Berlin',
    generator: 'Custos bench',
  });
  const generateMs = performance.now() - start;
  const result: BenchReportResult = {
    events: EVENTS,
    evidence: EVIDENCE,
    steps: STEPS,
    generateMs,
    pages: made.pages,
    bytes: made.record.size,
    fonts: made.fonts,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  caseDb.close();
}
