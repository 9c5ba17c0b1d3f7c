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
    // Signature lines: each role gets its name, signature and date lines, the two roles side by side.
    expect(custody.split('\n')).toEqual(
      expect.arrayContaining([
        'Released by Received by',
        'Name Name',
        'Signature Signature',
        'Date and time Date and time',
      ]),
    );
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

function briefDoc(): ReportDoc {
  const dates: string[][] = Array.from({ length: 6 }, (_, i) => [
    `2026-10-0${i + 1} 12:00 UTC (14:00 Europe/Berlin +02:00)`,
    `Deadline of the demand for ${i + 1} USDT: publish the source code`,
  ]);
  return {
    meta: meta({ title: 'Executive brief', classification: 'Confidential — for the board' }),
    layout: 'brief',
    coverLines: ['Not printed in the brief layout'],
    sections: [
      { id: 'status', title: 'Status', blocks: [{ type: 'facts', rows: [['Status', 'open · severity high']] }] },
      {
        id: 'dates',
        title: 'Key dates',
        blocks: [
          {
            type: 'table',
            columns: [
              { title: 'When', width: 42 },
              { title: 'What', width: 58 },
            ],
            rows: dates,
          },
          { type: 'paragraph', text: 'and 29 more dates — see the counsel report', style: 'muted' },
        ],
      },
    ],
    verification: { ...verification, howToCheckBriefly: 'To check: custos report verify CASE THIS.pdf.' },
  };
}

describe('PDF engine: the brief layout', () => {
  it('puts a title block and the sections on page 1, with no cover or contents page, and a compact verification', async () => {
    const rendered = renderReportPdf(briefDoc());
    expect(rendered.pages).toBe(1);
    const [page] = await pdfPages(rendered.bytes);
    const lines = page!.split('\n');
    // The markings first, then what the report is, who made it, when, and its id.
    expect(lines[0]).toBe('TLP:AMBER Confidential — for the board');
    expect(lines).toContain('Attorney–client privileged');
    expect(lines).toContain('Executive brief');
    expect(lines).toContain('Remote IT worker extortion — Acme GmbH');
    const flat = page!.replace(/\s+/g, ' ');
    for (const text of [
      'Reference CASE-2026-014',
      'Examiner Łukasz Wiśniewski, Lead examiner',
      'Organisation Acme GmbH',
      'Generated 2026-12-01 14:03 UTC · 2026-12-01 15:03 Europe/Berlin (+01:00)',
      `Report ID ${REPORT_ID}`,
    ]) {
      expect(flat).toContain(text);
    }
    // No cover and no contents: the sections straight under the title block, the verification after them.
    expect(page).not.toContain('Contents');
    expect(page).not.toContain('Not printed in the brief layout');
    const order = ['Executive brief', '1 Status', '2 Key dates', '3 Verification'].map((t) => lines.indexOf(t));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    for (const text of [
      'Audit head sequence 12345',
      `Audit head hash ${HEAD_HASH}`,
      'Verification before generating Passed — Audit chain: intact (12,345 entries) — Evidence: 2,000 items, every hash matches',
      'To check: custos report verify CASE THIS.pdf.',
    ]) {
      expect(flat).toContain(text);
    }
    expect(flat).toContain('page 1 of 1');
  });

  it('fills two pages before a third: the running header on the pages after the first', async () => {
    const doc = briefDoc();
    const table = doc.sections[1]!.blocks[0] as Extract<Block, { type: 'table' }>;
    table.rows = timelineRows(60).map((row) => [row[0]!, row[2]!]);
    const rendered = renderReportPdf(doc);
    expect(rendered.pages).toBe(2);
    const pages = await pdfPages(rendered.bytes);
    expect(pages[1]!.split('\n')[0]).toBe(
      'TLP:AMBER Confidential — for the board · Attorney–client privileged CASE-2026-014',
    );
    pages.forEach((text, i) => expect(text).toContain(`page ${i + 1} of 2`));
    // The compact verification block is never split from its title.
    const verification = pages.findIndex((text) => /^3 Verification$/m.test(text));
    expect(pages[verification]).toContain(`Report ID ${REPORT_ID}`);
  });
});

/** One-line paragraphs that move the cursor down the page a line at a time. */
const filler = (lines: number): Block[] =>
  Array.from({ length: lines }, (_, i) => ({ type: 'paragraph', text: `Filler line ${i}.` }) as Block);

function docOf(blocks: Block[]): ReportDoc {
  return { meta: meta(), coverLines: [], sections: [{ id: 'form', title: 'Custody form', blocks }], verification };
}

describe('PDF engine: what stays together', () => {
  const FORM_TABLE: Block = {
    type: 'table',
    columns: [
      { title: 'Time (UTC, as entered)', width: 16 },
      { title: 'Event', width: 10 },
      { title: 'Released by → received by', width: 15 },
      { title: 'Purpose and details', width: 26 },
      { title: 'From → to', width: 13 },
      { title: 'Seal before → after', width: 10 },
    ],
    rows: [
      [
        '2026-11-03 15:00 UTC\n(15:00 Europe/London +00:00)',
        'Transfer',
        'Dana Whitfield →\nDC Ruiz, Metropolitan Police',
        'Row 0: referral to the police; sealed in a bag and signed for at the front desk of the station',
        '— → Metropolitan Police property store',
        '00417 → 00418',
      ],
      ['2026-11-04 09:00 UTC', 'Return', 'DC Ruiz → Dana Whitfield', 'Row 1', '', ''],
    ],
  };

  /**
   * The same blocks after 0 to 56 one-line paragraphs: one of those puts the heading at every
   * height of the page, the foot included, where it used to be left alone.
   */
  async function everyOffset(tail: Block[], check: (pages: string[], offset: number) => void): Promise<void> {
    for (let offset = 0; offset <= 56; offset += 1) {
      const pages = await pdfPages(renderReportPdf(docOf([...filler(offset), ...tail])).bytes);
      check(pages, offset);
    }
  }
  const pageWith = (pages: string[], text: string) => pages.findIndex((p) => p.split('\n').includes(text));
  /** Every page that prints the table's header prints a row under it (the header repeats with the rows). */
  const headerWithRows = (pages: string[], where: string) => {
    const withHeader = pages.filter((p) => p.includes('Purpose and details'));
    expect(withHeader.length, where).toBeGreaterThan(0);
    for (const page of withHeader) expect(page, where).toMatch(/Row [01]/);
  };

  it('never leaves a heading alone at the foot of a page: it goes with the signatures under it', async () => {
    await everyOffset(
      [
        { type: 'heading', text: 'Next hand-over' },
        { type: 'signatures', roles: ['Released by', 'Received by'] },
      ],
      (pages, offset) => {
        const heading = pageWith(pages, 'Next hand-over');
        expect(heading, `after ${offset} lines`).toBeGreaterThan(0);
        expect(pages[heading]!.split('\n'), `after ${offset} lines`).toContain('Date and time Date and time');
      },
    );
  }, 60_000);

  it('keeps a heading with a table header and its whole first row, and a header never stands alone', async () => {
    await everyOffset([{ type: 'heading', text: 'Custody events' }, FORM_TABLE], (pages, offset) => {
      const heading = pageWith(pages, 'Custody events');
      const where = `after ${offset} lines`;
      expect(heading, where).toBeGreaterThan(0);
      const text = pages[heading]!;
      expect(text, where).toContain('Purpose and details');
      // The first row's last lines (cells wrap: the page's lines interleave the columns).
      expect(text, where).toContain('desk of the station');
      expect(text, where).toMatch(/ store$/m);
      headerWithRows(pages, where);
    });
    await everyOffset([FORM_TABLE], (pages, offset) => headerWithRows(pages, `after ${offset} lines`));
  }, 120_000);

  it('keeps a heading with the header of an empty table and the line that says why it is empty', async () => {
    await everyOffset(
      [
        { type: 'heading', text: 'Decisions' },
        {
          type: 'table',
          // A header of several lines: more than the three lines a heading used to keep below it.
          columns: [
            { title: 'Decision', width: 6 },
            { title: 'What the demand was about, what it threatened and by when', width: 1 },
          ],
          rows: [],
          empty: 'No decision is recorded.',
        },
      ],
      (pages, offset) => {
        const heading = pageWith(pages, 'Decisions');
        const where = `after ${offset} lines`;
        expect(heading, where).toBeGreaterThan(0);
        expect(pages[heading], where).toContain('by when');
        expect(pages[heading]!.split('\n'), where).toContain('No decision is recorded.');
      },
    );
  }, 60_000);
});

describe('PDF engine: words in narrow columns', () => {
  // What testers saw broken mid-word ("Confiden/ce", "Categor/y", "Exhibi/t", "AMBE/R", "Коваленк/о",
  // "Metropoli/tan"), and longer words a case in German or Korean holds.
  const WORDS = [
    'Confidence,',
    'Category',
    'Exhibit',
    'AMBER+STRICT',
    'Коваленко',
    'Metropolitan',
    '김정호',
    'Landeskriminalamt',
    'Staatsanwaltschaft',
    'Informationssicherheit',
  ];

  it('widens a column rather than break a word, unless the word is wider than any column can be', async () => {
    const doc = docOf([
      {
        type: 'table',
        columns: [
          { title: 'Type', width: 11 },
          { title: 'Value (canonical)', width: 28, mono: true },
          { title: 'Category', width: 6 },
          { title: 'Confidence, TLP', width: 8 },
          { title: 'Subjects', width: 8 },
          { title: 'Received by', width: 8 },
          { title: 'Exhibit', width: 5 },
        ],
        rows: [
          [
            'Bitcoin',
            'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
            'exfiltration',
            'high\nAMBER+STRICT',
            'Ярослав Коваленко, 김정호',
            'DC Ruiz, Metropolitan Police; Landeskriminalamt Berlin; Staatsanwaltschaft',
            'E-0003',
          ],
          ['Payment account', 'jpark.payouts@example.com', 'payment', 'low', '', 'Informationssicherheit', 'E-0004'],
        ],
      },
    ]);
    const pages = await pdfPages(renderReportPdf(doc).bytes);
    const text = pages.join('\n');
    for (const word of [...WORDS, 'exfiltration']) expect(text, word).toContain(word);
    // A wallet address in a monospaced column still breaks where the line ends, every character kept.
    const wallet = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
    const split = text.match(/bc1q[0-9a-z]+/)![0]!;
    expect(text).toContain(wallet.slice(split.length));
  });
});

describe('PDF engine: Courier', () => {
  it('writes Courier out in full (WinAnsi, its widths, a fixed-pitch descriptor) and hashes extract intact', async () => {
    const rendered = renderReportPdf(latinDoc());
    const raw = latin1(rendered.bytes);
    const font = /<<\s*\/Type \/Font\s*\/Subtype \/Type1\s*\/BaseFont \/Courier([\s\S]*?)>>/.exec(raw);
    expect(font).not.toBeNull();
    expect(font![1]).toContain('/Encoding /WinAnsiEncoding');
    expect(font![1]).toMatch(/\/FirstChar 32\s*\/LastChar 126/);
    expect(font![1]).toContain(`/Widths [${Array.from({ length: 95 }, () => '600').join(' ')}]`);
    const descriptor = /\/FontDescriptor (\d+) 0 R/.exec(font![1]!);
    expect(descriptor).not.toBeNull();
    const body = new RegExp(`\\n${descriptor![1]} 0 obj\\s*<<([\\s\\S]*?)>>`).exec(raw)![1]!;
    expect(body).toContain('/FontName /Courier');
    // FixedPitch and Nonsymbolic: a reader without Courier substitutes a monospaced face.
    expect(body).toContain('/Flags 33');
    const text = (await pdfPages(rendered.bytes)).join('\n');
    expect(text).toContain(HEAD_HASH);
    expect(text).toContain(REPORT_ID);
  });
});
