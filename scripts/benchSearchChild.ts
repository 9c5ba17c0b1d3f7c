/**
 * Case-wide search timings for scripts/bench.ts, in a process of its own: a case of 100,000 timeline
 * events, 10,000 indicators and 2,000 evidence items (with subjects, notes and extortion messages
 * beside them), searched as a person types into Ctrl+K. Reports the first search (which builds the
 * index in memory), then about twenty varied queries on the built index, and a search right after
 * an edit (the index catches up from the audit log).
 *
 * Usage: node scripts/benchSearchChild.ts <folder> [<case with 100,000 events>]. With a case, a copy
 * of it gets the indicators and evidence (the bench has just built one); without, the events are
 * made here too. Prints one line of JSON (BenchSearchResult); progress goes to stderr.
 */
import { copyFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CaseDraft } from '../shared/domain/case.ts';
import { EVENT_CATEGORIES } from '../shared/domain/timeline.ts';
import { TextEvidenceDraft } from '../shared/domain/evidence.ts';
import type { IndicatorType } from '../shared/domain/indicator.ts';
import { createCase, openCase } from '../electron/core/services/cases.ts';
import { addTextEvidence } from '../electron/core/services/evidence/addOther.ts';
import { addNote } from '../electron/core/services/notes.ts';
import { searchCase } from '../electron/core/services/search.ts';
import { normaliseIndicator } from '../electron/core/indicators/normalise.ts';
import type { CaseDb } from '../electron/core/store/db/caseDb.ts';
import { insertTimelineEvent, countTimeline } from '../electron/core/store/tables/timelineEvents.ts';
import { countIndicators, writeIndicators } from '../electron/core/store/tables/indicators.ts';
import type { IndicatorWrite } from '../electron/core/store/tables/indicators.ts';
import { insertSubject } from '../electron/core/store/tables/subjects.ts';
import { CITIES, HOSTS, PEOPLE, batched, benchContext, sampler } from './benchSample.ts';
import { insertExtortion } from '../electron/core/store/tables/extortion.ts';

export type SearchQueryTiming = { text: string; ms: number; total: number };
export type BenchSearchResult = {
  events: number;
  indicators: number;
  evidence: number;
  /** Records in the index. */
  indexed: number;
  /** The first search of the case: builds the index, then answers. */
  firstSearchMs: number;
  /** Each query's median of its runs on the built index. */
  queries: SearchQueryTiming[];
  medianMs: number;
  worstMs: number;
  worst: string;
  /** A search right after one edit: the index reads the new audit entry and re-indexes one record. */
  afterEditMs: number;
  /** RSS growth over the first search: what the index in memory costs. */
  rssGrowthMb: number;
};

const EVENTS = 100_000;
const INDICATORS = 10_000;
const EVIDENCE = 2_000;
const RUNS_PER_QUERY = 5;

const [folder, given] = process.argv.slice(2);
if (!folder) {
  process.stderr.write('usage: node scripts/benchSearchChild.ts <folder> [<case with 100,000 events>]\n');
  process.exit(2);
}
const progress = (message: string) => process.stderr.write(`bench search: ${message}\n`);

const sample = sampler(20261210);
const { random, pick, sentences } = sample;
const ctx = benchContext;

function addEvents(caseDb: CaseDb): void {
  progress(`${EVENTS.toLocaleString('en-US')} timeline events`);
  batched(caseDb, EVENTS, 10_000, (i) => {
    insertTimelineEvent(caseDb, ctx, randomUUID(), {
      occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      zone: 'UTC',
      title: sample.title(),
      description: sentences(60, 200),
      source: pick(['Okta system log', 'M365 unified audit log', 'CrowdStrike Falcon telemetry', '']),
      category: pick(EVENT_CATEGORIES),
    });
  });
}

/** 40 hex digits made from a number: wallets and paths that are the same in every run. */
const digits = (i: number) => createHash('sha1').update(String(i)).digest('hex');

/** Values of each type, made from their index alone: what a responder pastes from reports and logs. */
const INDICATOR_MAKERS: [IndicatorType, (i: number) => string][] = [
  ['ip', (i) => `198.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
  ['ip', (i) => `2001:db8:${(i >> 8).toString(16)}::${(i & 255).toString(16)}:${digits(i).slice(0, 4)}`],
  ['domain', (i) => `login-${i}.${['example.com', 'example.net', 'corp-sso.example'][i % 3]}`],
  ['url', (i) => `https://files-${i}.example.org/download/${digits(i).slice(0, 6)}`],
  ['email', (i) => `recruiter.${i}@${['proton.me', 'mail.ru', 'onionmail.org'][i % 3]}`],
  ['eth', (i) => `0x${digits(i)}`],
  ['username', (i) => `devops_${i}_${digits(i).slice(0, 3)}`],
  ['phone', (i) => `+8210${String(10_000_000 + i)}`],
];
const valueOf = (i: number) => INDICATOR_MAKERS[i % INDICATOR_MAKERS.length]![1](i);

/** Indicators searched for by the bench: an IPv4, an IPv6, a URL and an e-mail address (by index). */
const SAMPLES = [4096, 4097, 6003, 5004];

/** An IPv6 address written out in full, as some tools print it. */
function longForm(address: string): string {
  const [head = '', tail = ''] = address.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  return [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t].map((g) => g.padStart(4, '0')).join(':');
}

function addIndicators(caseDb: CaseDb): void {
  progress(`${INDICATORS.toLocaleString('en-US')} indicators`);
  for (let done = 0; done < INDICATORS; done += 1000) {
    const writes: IndicatorWrite[] = [];
    for (let i = done; i < done + 1000; i++) {
      const type = INDICATOR_MAKERS[i % INDICATOR_MAKERS.length]![0];
      const value = valueOf(i);
      const normalised = normaliseIndicator(type, value);
      if (!normalised.ok) throw new Error(`${type} ${value}: ${normalised.reason}`);
      writes.push({
        kind: 'insert',
        id: randomUUID(),
        values: {
          type,
          value,
          normalised: normalised.value,
          platform: '',
          firstSeen: null,
          lastSeen: null,
          seenZone: null,
          sourceItemId: null,
          confidence: 'medium',
          tlp: 'AMBER',
          notes: random() < 0.3 ? sentences(20, 80) : '',
        },
      });
    }
    writeIndicators(caseDb, ctx, { type: 'indicator', id: writes[0]!.id }, 'indicator.import', writes, []);
  }
}

function addEvidence(caseDb: CaseDb): void {
  progress(`${EVIDENCE.toLocaleString('en-US')} evidence items (captured text)`);
  batched(caseDb, EVIDENCE, 500, (i) => {
    addTextEvidence(
      caseDb,
      ctx,
      TextEvidenceDraft.parse({
        description: `${pick(['Chat transcript', 'E-mail', 'Screenshot text', 'Ticket'])} ${i}: ${pick(PEOPLE)} on ${pick(HOSTS)}`,
        capturedText: sentences(200, 4000),
        method: 'Copied from the admin export',
        acquiredAt: '2026-11-02T10:00Z',
      }),
    );
  });
}

function addTheRest(caseDb: CaseDb): void {
  progress('subjects, notes and extortion messages');
  caseDb.transaction(() => {
    for (const name of PEOPLE) {
      insertSubject(caseDb, ctx, randomUUID(), {
        kind: 'person',
        role: 'worker',
        name,
        aliases: [],
        claimedName: '',
        claimedNationality: '',
        claimedLocation: pick(CITIES),
        claimedDocuments: '',
        verifiedName: '',
        verifiedNationality: '',
        verifiedLocation: '',
        findings: sentences(40, 200),
        identityVerdict: 'unverified',
        hiredOn: null,
        startedOn: null,
        terminatedOn: null,
        manager: '',
        notes: '',
        tlp: 'AMBER',
      });
    }
    for (let i = 0; i < 500; i++) addNote(caseDb, ctx, { body: sentences(80, 600), privileged: i % 5 === 0 });
    for (let i = 0; i < 20; i++) {
      insertExtortion(caseDb, ctx, 'message', randomUUID(), {
        receivedAt: new Date(Date.UTC(2026, 10, 3, i)).toISOString(),
        zone: 'UTC',
        channel: 'email',
        sender: `recovery-team-${i}@onionmail.org`,
        senderIndicatorId: null,
        summary: `Demand ${i}: pay or we publish`,
        body: sentences(200, 1200),
        evidenceItemId: null,
      });
    }
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function main(): void {
  const path = join(folder!, 'search.custos');
  let caseDb: CaseDb;
  if (given) {
    copyFileSync(given, path);
    caseDb = openCase(path);
  } else {
    caseDb = createCase(path, CaseDraft.parse({ title: 'Search bench' }), ctx);
    addEvents(caseDb);
  }
  const events = countTimeline(caseDb);
  // A case this child filled before (its search.custos, given again) is searched as it is.
  if (countIndicators(caseDb) < INDICATORS) {
    addIndicators(caseDb);
    addEvidence(caseDb);
    addTheRest(caseDb);
  }
  // As the app meets it: a case opened afresh, searched for the first time.
  caseDb.close();
  caseDb = openCase(path);

  try {
    progress('first search (builds the index)');
    const rssBefore = process.memoryUsage().rss;
    let started = performance.now();
    const first = searchCase(caseDb, { text: 'muller' });
    const firstSearchMs = performance.now() - started;
    const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / (1024 * 1024);

    // What people type: rare and common words, prefixes while typing, names in three scripts,
    // indicators in other forms than stored, several words, and nothing that matches.
    const [ipv4, ipv6, url, email] = SAMPLES.map(valueOf);
    const texts = [
      'muller',
      'joao goncalves',
      '정호',
      'ярослав',
      'the',
      'a',
      'sh',
      'shenyang laptop',
      'credential dumping',
      'inc-4242',
      ipv4!,
      longForm(ipv6!),
      url!.replace(/^https:\/\//, ''),
      email!.toUpperCase(),
      'onionmail',
      'angstrom zoe',
      'payroll files btc',
      'lt-4471 anydesk',
      'zzyzx',
      '"NEAR(muller okta)*',
    ];
    for (const text of texts) searchCase(caseDb, { text }); // statements prepared, code compiled
    const queries: SearchQueryTiming[] = texts.map((text) => {
      const runs: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS_PER_QUERY; i++) {
        const t = performance.now();
        total = searchCase(caseDb, { text }).total;
        runs.push(performance.now() - t);
      }
      return { text, ms: median(runs), total };
    });
    const worst = queries.reduce((a, b) => (b.ms > a.ms ? b : a));

    // One edit, then the next search: the index reads the new entry and re-indexes that record.
    const marker = `quokka${Date.now().toString(36)}`;
    insertTimelineEvent(caseDb, ctx, randomUUID(), {
      occurredAt: '2026-12-01T00:00:00.000Z',
      zone: 'UTC',
      title: `Backup restored by Jörg Müller, ticket ${marker}`,
      description: '',
      source: '',
      category: 'response',
    });
    started = performance.now();
    const afterEdit = searchCase(caseDb, { text: marker });
    const afterEditMs = performance.now() - started;
    if (afterEdit.total !== 1) throw new Error(`the edit was not found (${afterEdit.total} hits)`);

    const result: BenchSearchResult = {
      events,
      indicators: INDICATORS,
      evidence: EVIDENCE,
      indexed: first.indexed,
      firstSearchMs,
      queries,
      medianMs: median(queries.map((q) => q.ms)),
      worstMs: worst.ms,
      worst: worst.text,
      afterEditMs,
      rssGrowthMb,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    caseDb.close();
  }
}

main();
