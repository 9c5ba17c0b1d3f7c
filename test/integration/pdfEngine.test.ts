import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Block, ReportDoc } from '../../electron/core/reports/doc.ts';
import { renderReportOffThread } from '../../electron/core/reports/pdf/offThread.ts';
import { renderReportPdf } from '../../electron/core/reports/pdf/render.ts';
import { claimedReportId } from '../../electron/core/services/reports.ts';
import { pdfInfo, pdfPages, pdfTextItems } from '../helpers/pdfText.ts';

/**
 * The PDF engine read back the way a reader meets it: the text of every page (pdfjs), its metadata
 * and its bytes. Names in Hangul, Cyrillic and Latin with diacritics must come out intact, every
 * page must say "page X of Y", tables must repeat their header, the contents must point to where
 * the sections really start, and the same document must give the same bytes.
 */

const NAMES = ['Jürgen Müller', 'João Gonçalves', '김정호', 'Ярослав Коваленко', 'Łukasz Wiśniewski'];
const MIXED = '김정호 (Kim Jong-ho) — Łódź';
const REPORT_ID = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const HEAD_HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const TABLE_HEADER = ['When (UTC)', 'Who', 'What', 'SHA-256'];
const LONG_WORD = `https://example.invalid/${'x'.repeat(300)}/end`;

function meta(overrides: Partial<ReportDoc['meta']> = {}): ReportDoc['meta'] {
  return {
    title: 'Counsel report',
    caseTitle: 'Remote IT worker extortion — Acme GmbH',
    reference: 'CASE-2026-014',
    tlp: 'AMBER',
    classification: 'Privileged & confidential',
    privilegeBanner: 'Attorney–client privileged',
    examiner: 'Łukasz Wiśniewski',
    examinerRole: 'Lead examiner',
    organisation: 'Acme GmbH',
    generatedAt: '2026-12-01T14:03:27.123Z',
    zone: 'Europe/Berlin',
    reportId: REPORT_ID,
    ...overrides,
  };
}

const verification: ReportDoc['verification'] = {
  headSeq: 12345,
  headHash: HEAD_HASH,
  verifiedOk: true,
  verifyLines: ['Audit chain: intact (12,345 entries)', 'Evidence: 2,000 items, every hash matches'],
  howToCheck: ['Read the case file format document.', 'Run the independent verifier on the case file.'],
};

function timelineRows(count: number): string[][] {
  return Array.from({ length: count }, (_, i) => [
    `2026-11-${String((i % 28) + 1).padStart(2, '0')} 14:${String(i % 60).padStart(2, '0')}`,
    i % 7 === 0 ? MIXED : NAMES[i % NAMES.length]!,
    `Row ${i}: ${i % 3 === 0 ? 'laptop returned without the charger, disk imaged before wiping' : 'VPN login from an unexpected address'}`,
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  ]);
}

const LONG_PARAGRAPH = Array.from(
  { length: 60 },
  (_, i) => `Sentence ${i} says what the examiner found on the device and when, long enough to wrap.`,
).join(' ');

function fullDoc(): ReportDoc {
  const people: Block[] = [
    { type: 'heading', text: 'People named in the case' },
    { type: 'paragraph', text: `Subjects: ${NAMES.join(', ')}.\nAlso written as ${MIXED}.` },
    {
      type: 'facts',
      rows: [
        ['Lead examiner', 'Łukasz Wiśniewski'],
        ['Subject', MIXED],
      ],
    },
    { type: 'notice', tone: 'withheld', text: '3 privileged notes withheld (sections 4 and 6).' },
    { type: 'notice', tone: 'warning', text: 'The wallet in the demand is on a sanctions list.' },
    { type: 'paragraph', text: LONG_PARAGRAPH },
    { type: 'paragraph', text: LONG_WORD },
  ];
  return {
    meta: meta(),
    coverLines: ['320 timeline events', 'Decision: do not pay'],
    sections: [
      { id: 'people', title: 'Subjects and people', blocks: people },
      {
        id: 'timeline',
        title: 'Timeline',
        blocks: [
          {
            type: 'table',
            columns: [
              { title: 'When (UTC)', width: 2 },
              { title: 'Who', width: 2 },
              { title: 'What', width: 4 },
              { title: 'SHA-256', width: 3, mono: true },
            ],
            rows: timelineRows(320),
          },
        ],
      },
      {
        id: 'custody',
        title: 'Custody form: EV-001',
        newPage: true,
        blocks: [
          { type: 'facts', rows: [['Exhibit', 'EV-001 laptop of Ярослав Коваленко']] },
          { type: 'signatures', roles: ['Released by', 'Received by'] },
        ],
      },
      {
        id: 'checklist',
        title: 'Termination checklist',
        blocks: [
          {
            type: 'checklist',
            items: [
              { text: 'Disable the SSO account', done: true, detail: 'By Jürgen Müller' },
              { text: 'Collect the laptop', done: null },
            ],
          },
          { type: 'pageBreak' },
          { type: 'paragraph', text: 'After the page break.' },
        ],
      },
    ],
    verification,
  };
}

function latinDoc(): ReportDoc {
  return {
    meta: meta({ privilegeBanner: null, classification: 'Law enforcement sensitive', tlp: 'RED' }),
    coverLines: [],
    sections: [
      {
        id: 'summary',
        title: 'Summary',
        blocks: [
          { type: 'paragraph', text: 'Jürgen Müller, João Gonçalves and Łukasz Wiśniewski were interviewed.' },
          { type: 'paragraph', text: HEAD_HASH, style: 'mono' },
        ],
      },
    ],
    verification,
  };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

const full = renderReportPdf(fullDoc());
const pagesPromise = pdfPages(full.bytes);
const tmp = mkdtempSync(join(tmpdir(), 'custos-pdf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** "3 Timeline" → 4 from the contents page (the second page). */
function contentsEntries(contents: string): Map<string, number> {
  const entries = new Map<string, number>();
  for (const line of contents.split('\n')) {
    const match = /^(\d+) (.+) (\d+)$/.exec(line);
    if (match) entries.set(match[2]!, Number(match[3]));
  }
  return entries;
}

describe('PDF engine: what a reader sees', () => {
  it('prints every name intact, in Hangul, Cyrillic and Latin with diacritics, where the section is', async () => {
    const pages = await pagesPromise;
    const entries = contentsEntries(pages[1]!);
    const people = pages[entries.get('Subjects and people')! - 1]!;
    for (const name of NAMES) expect(people).toContain(name);
    expect(people).toContain(MIXED);
    expect(pages[0]).toContain('Łukasz Wiśniewski, Lead examiner');
    const custody = pages[entries.get('Custody form: EV-001')! - 1]!;
    expect(custody).toContain('EV-001 laptop of Ярослав Коваленко');
    // Signature lines: each role gets its name, signature and date lines.
    expect(custody.match(/^(Name|Signature|Date and time)$/gm)).toEqual([
      'Name',
      'Signature',
      'Date and time',
      'Name',
      'Signature',
      'Date and time',
    ]);
    expect(full.fonts).toEqual(['Noto Sans', 'Noto Sans KR']);
  });

  it('says "page X of Y" on every page, the cover included', async () => {
    const pages = await pagesPromise;
    expect(pages.length).toBe(full.pages);
    expect(full.pages).toBeGreaterThan(10);
    pages.forEach((text, i) => expect(text).toContain(`page ${i + 1} of ${full.pages}`));
    pages.forEach((text) => expect(text).toContain('Report 3f2a9c1e · generated 2026-12-01 14:03 UTC'));
  });

  it('prints the cover: markings, title, examiner, both times, the report id and the summary lines', async () => {
    const [cover] = await pagesPromise;
    for (const text of [
      'TLP:AMBER',
      'Privileged & confidential',
      'Attorney–client privileged',
      'Counsel report',
      'Remote IT worker extortion — Acme GmbH',
      'Reference CASE-2026-014',
      'Acme GmbH',
      '2026-12-01 14:03 UTC · 2026-12-01 15:03 Europe/Berlin (+01:00)',
      REPORT_ID,
      '320 timeline events',
    ]) {
      expect(cover).toContain(text);
    }
  });

  it('repeats the header (TLP, classification, privilege, reference) on every page after the cover', async () => {
    const pages = await pagesPromise;
    for (const text of pages.slice(1)) {
      const top = text.split('\n')[0]!;
      expect(top).toContain('TLP:AMBER');
      expect(top).toContain('Privileged & confidential');
      expect(top).toContain('Attorney–client privileged');
      expect(top).toContain('CASE-2026-014');
    }
  });

  it('repeats the table header on every page the table runs onto, and loses no row', async () => {
    const pages = await pagesPromise;
    const withRows = pages.filter((text) => /Row \d+:/.test(text));
    expect(withRows.length).toBeGreaterThan(5);
    for (const text of withRows) expect(text).toContain(TABLE_HEADER.join(' '));
    const all = withRows.join('\n');
    for (let i = 0; i < 320; i++) expect(all).toContain(`Row ${i}:`);
  });

  it('lists every section in the contents with the page it really starts on', async () => {
    const pages = await pagesPromise;
    const entries = contentsEntries(pages[1]!);
    const titles = ['Subjects and people', 'Timeline', 'Custody form: EV-001', 'Termination checklist', 'Verification'];
    expect([...entries.keys()]).toEqual(titles);
    titles.forEach((title, i) => {
      const page = entries.get(title)!;
      expect(pages[page - 1]!.split('\n')).toContain(`${i + 1} ${title}`);
      if (page > 3) expect(pages[page - 2]!.split('\n')).not.toContain(`${i + 1} ${title}`);
    });
    // The custody form asked for a page of its own, and a page break starts one.
    expect(entries.get('Custody form: EV-001')).toBeGreaterThan(entries.get('Timeline')!);
    const afterBreak = pages.find((text) => text.includes('After the page break.'))!;
    expect(afterBreak.split('\n')[1]).toBe('After the page break.');
  });

  it('ends with the verification block: head, verdict, report id and how to check', async () => {
    const pages = await pagesPromise;
    const last = pages.at(-1)!;
    for (const text of [
      '5 Verification',
      'Audit head sequence 12345',
      HEAD_HASH,
      REPORT_ID,
      'Audit chain: intact (12,345 entries)',
      'How to check independently',
      '1. Read the case file format document.',
      '2. Run the independent verifier on the case file.',
    ]) {
      expect(last).toContain(text);
    }
  });

  it('wraps long text and breaks a word longer than the line, keeping every character on the page', async () => {
    const pages = await pagesPromise;
    const joined = pages.join('\n');
    expect(joined.replace(/\n/g, '')).toContain(LONG_WORD);
    for (let i = 0; i < 60; i++) expect(joined).toContain(`Sentence ${i} says`);
    const items = await pdfTextItems(full.bytes);
    for (const page of items) {
      for (const item of page) {
        expect(item.x).toBeGreaterThanOrEqual(50);
        expect(item.x + item.width).toBeLessThanOrEqual(item.pageWidth - 50);
        expect(item.y).toBeGreaterThan(20);
        expect(item.y).toBeLessThan(item.pageHeight - 20);
      }
    }
  });

  it('draws no text over other text', async () => {
    const items = await pdfTextItems(full.bytes);
    for (const [p, page] of items.entries()) {
      const sorted = [...page].sort((a, b) => a.x - b.x);
      for (let i = 0; i < sorted.length; i++) {
        const a = sorted[i]!;
        for (let j = i + 1; j < sorted.length && sorted[j]!.x < a.x + a.width - 0.5; j++) {
          const b = sorted[j]!;
          const overlapY = Math.abs(a.y - b.y) < Math.min(a.size, b.size) * 0.9;
          if (overlapY) throw new Error(`page ${p + 1}: "${a.str}" and "${b.str}" overlap`);
        }
      }
    }
  });
});

describe('PDF engine: metadata and identity', () => {
  it('carries Custos-Report-Id in plain bytes and in the metadata, with fixed creator, producer and date', async () => {
    expect(claimedReportId(full.bytes)).toBe(REPORT_ID);
    expect(latin1(full.bytes)).toContain(`Custos-Report-Id: ${REPORT_ID}`);
    const { pages, info } = await pdfInfo(full.bytes);
    expect(pages).toBe(full.pages);
    expect(info.Keywords).toContain(`Custos-Report-Id: ${REPORT_ID}`);
    expect(info.Title).toBe('Counsel report — CASE-2026-014');
    expect(info.Creator).toBe('Custos');
    expect(info.Producer).toBe('Custos');
    expect(info.CreationDate).toBe("D:20261201140327+00'00'");
    expect(latin1(full.bytes)).toContain(`/ID [ <${REPORT_ID.replace(/-/g, '').toUpperCase()}>`);
  });

  it('keeps a title in Hangul readable in the metadata while the id stays plain ASCII', async () => {
    const doc = latinDoc();
    doc.meta.caseTitle = '김정호 사건';
    doc.meta.title = '보고서';
    const rendered = renderReportPdf(doc);
    const { info } = await pdfInfo(rendered.bytes);
    expect(info.Title).toBe('보고서 — CASE-2026-014');
    expect(claimedReportId(rendered.bytes)).toBe(REPORT_ID);
  });

  it('gives the same bytes for the same document: twice here, on a worker thread and in another process', async () => {
    const again = renderReportPdf(fullDoc());
    expect(sha256(again.bytes)).toBe(sha256(full.bytes));
    const threaded = await renderReportOffThread(fullDoc());
    expect(threaded).not.toBe('cancelled');
    expect(sha256((threaded as { bytes: Uint8Array }).bytes)).toBe(sha256(full.bytes));

    const docFile = join(tmp, 'doc.json');
    writeFileSync(docFile, JSON.stringify(fullDoc()));
    const render = resolve(import.meta.dirname, '../../electron/core/reports/pdf/render.ts');
    const script =
      `import { readFileSync } from 'node:fs'; import { createHash } from 'node:crypto';` +
      `const { renderReportPdf } = await import(${JSON.stringify(render)});` +
      `const r = renderReportPdf(JSON.parse(readFileSync(${JSON.stringify(docFile)}, 'utf8')));` +
      `process.stdout.write(createHash('sha256').update(r.bytes).digest('hex'));`;
    // Another zone and locale: nothing in the file may come from the machine.
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Pacific/Chatham', LANG: 'ko_KR.UTF-8' },
    });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe(sha256(full.bytes));
  });

  it('changes the bytes when the report id changes (the id is in the file)', () => {
    const doc = fullDoc();
    doc.meta.reportId = '00000000-0000-4000-8000-000000000001';
    expect(sha256(renderReportPdf(doc).bytes)).not.toBe(sha256(full.bytes));
  });
});

describe('PDF engine: fonts', () => {
  it('embeds only Noto Sans for a Latin-only report, which stays small', async () => {
    const rendered = renderReportPdf(latinDoc());
    expect(rendered.fonts).toEqual(['Noto Sans']);
    const raw = latin1(rendered.bytes);
    expect(raw).not.toContain('NotoSansKR');
    expect(raw).toContain('NotoSans-Regular');
    // About 20 kB: the subsets of two weights of Noto Sans and three pages of text.
    expect(rendered.bytes.byteLength).toBeLessThan(40_000);
    const text = (await pdfPages(rendered.bytes)).join('\n');
    expect(text).toContain('Jürgen Müller, João Gonçalves and Łukasz Wiśniewski were interviewed.');
    expect(text).toContain(HEAD_HASH);
    expect(text).toContain('TLP:RED');
  });

  it('embeds Noto Sans KR when a name is in Hangul, and prints a character no font has as its code point', async () => {
    const doc = latinDoc();
    doc.sections[0]!.blocks.push({ type: 'paragraph', text: '김정호 paid 😀 and wrote x\u200by' });
    const rendered = renderReportPdf(doc);
    expect(rendered.fonts).toEqual(['Noto Sans', 'Noto Sans KR']);
    expect(latin1(rendered.bytes)).toContain('NotoSansKR-Regular');
    const text = (await pdfPages(rendered.bytes)).join('\n');
    expect(text).toContain('김정호 paid [U+1F600] and wrote xy');
  });
});

describe('PDF engine: off the thread', () => {
  it('reports progress and hands back the bytes', async () => {
    const progress: Array<{ done: number; total: number }> = [];
    const result = await renderReportOffThread(fullDoc(), { onProgress: (p) => progress.push(p) });
    expect(result).not.toBe('cancelled');
    expect(progress.length).toBeGreaterThan(2);
    const total = progress[0]!.total;
    expect(progress.at(-1)).toEqual({ done: total, total });
    // Not more often than every 50 blocks or rows.
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(total / 50) + 1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThan(progress[i - 1]!.done);
  });

  it('resolves "cancelled" when cancelled while it works, and when cancelled before it starts', async () => {
    const big = fullDoc();
    (big.sections[1]!.blocks[0] as Extract<Block, { type: 'table' }>).rows = timelineRows(20_000);
    const controller = new AbortController();
    const result = await renderReportOffThread(big, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(result).toBe('cancelled');
    const already = new AbortController();
    already.abort();
    expect(await renderReportOffThread(fullDoc(), { signal: already.signal })).toBe('cancelled');
  });

  it('turns an error in the worker into a rejection with its message', async () => {
    const doc = fullDoc();
    doc.meta.generatedAt = 'yesterday';
    await expect(renderReportOffThread(doc)).rejects.toThrow(/generation time "yesterday" is not a valid ISO time/);
  });
});
