import { performance } from 'node:perf_hooks';
import { INDICATOR_TYPES } from '../../../shared/domain/indicator.ts';
import { SEARCH_KINDS, SEARCH_KIND_LABELS } from '../../../shared/domain/search.ts';
import type { SearchGroup, SearchHit, SearchKind, SearchResults } from '../../../shared/domain/search.ts';
import { normaliseIndicator } from '../indicators/normalise.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { highlight } from '../store/search/highlight.ts';
import { searchIndexOf } from '../store/search/index.ts';
import type { KindHits, SearchIndex } from '../store/search/index.ts';
import { compileQuery } from '../store/search/text.ts';
import { indicatorsByNormalised } from '../store/tables/indicators.ts';

/**
 * One search over the whole case (Ctrl+K in the app, `custos search` on the command line): timeline,
 * notes (privileged ones too: this is the examiner's own tool), evidence, subjects, indicators,
 * extortion messages and demands, and playbook steps. Case and accents are ignored, every word must
 * match (as the start of a word), and an indicator is also found by any form of it that has the same
 * canonical form (a URL without its scheme, an IPv6 address written out in full).
 */

const TITLE_WIDTH = 120;
const SNIPPET_WIDTH = 160;
const SAME_INDICATOR = 'same indicator in canonical form';

export type SearchInput = { text: string; limit?: number };
export type SearchOptions = { kinds?: readonly SearchKind[] };

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Every canonical form the whole query has as an indicator of some type (a URL with http or https). */
function canonicalForms(text: string): string[] {
  const typed = text.trim();
  if (!typed) return [];
  const forms = new Set<string>();
  for (const type of INDICATOR_TYPES) {
    const form = normaliseIndicator(type, typed);
    if (form.ok) forms.add(form.value);
  }
  if (!HAS_SCHEME.test(typed)) {
    const http = normaliseIndicator('url', `http://${typed}`);
    if (http.ok) forms.add(http.value);
  }
  return [...forms];
}

type Found = KindHits & { because: Set<string> };

/**
 * Indicators whose canonical form is the query's join the text hits, first (the same indicator is
 * the best answer there is); those the words alone did not find say why they are there.
 */
function withSameIndicators(
  caseDb: CaseDb,
  index: SearchIndex,
  text: string,
  match: string | null,
  found: KindHits | undefined,
  limit: number,
): Found | undefined {
  const same = indicatorsByNormalised(caseDb, canonicalForms(text)).map((indicator) => indicator.id);
  if (same.length === 0) return found && { ...found, because: new Set() };
  const byText = match ? index.matching(match, 'indicator', same) : new Set<string>();
  const because = new Set(same.filter((id) => !byText.has(id)));
  const ids = [...new Set([...same, ...(found?.ids ?? [])])].slice(0, limit);
  return { kind: 'indicator', total: (found?.total ?? 0) + because.size, ids, because };
}

/** Searches the open case; the index is built on the first search and kept fresh after. */
export function searchCase(caseDb: CaseDb, input: SearchInput, options: SearchOptions = {}): SearchResults {
  const index = searchIndexOf(caseDb);
  const started = performance.now();
  const limit = input.limit ?? 20;
  const kinds = SEARCH_KINDS.filter((kind) => !options.kinds || options.kinds.includes(kind));
  const { match, terms } = compileQuery(input.text);
  const found = new Map<SearchKind, Found>(
    (match ? index.query(match, kinds, limit) : []).map((hits) => [hits.kind, { ...hits, because: new Set() }]),
  );
  if (kinds.includes('indicator')) {
    const indicators = withSameIndicators(caseDb, index, input.text, match, found.get('indicator'), limit);
    if (indicators) found.set('indicator', indicators);
  }
  const groups: SearchGroup[] = [];
  for (const kind of kinds) {
    const hits = found.get(kind);
    if (!hits || hits.total === 0) continue;
    groups.push({
      kind,
      label: SEARCH_KIND_LABELS[kind],
      total: hits.total,
      hits: index.docs(kind, hits.ids).map((doc): SearchHit => ({
        kind,
        id: doc.id,
        title: highlight(doc.title, terms, TITLE_WIDTH),
        snippet: highlight(doc.body, terms, SNIPPET_WIDTH),
        ...(doc.runId !== undefined ? { runId: doc.runId, stepId: doc.stepId! } : {}),
        ...(hits.because.has(doc.id) ? { because: SAME_INDICATOR } : {}),
      })),
    });
  }
  return {
    text: input.text,
    groups,
    total: groups.reduce((sum, group) => sum + group.total, 0),
    tookMs: Math.round((performance.now() - started) * 10) / 10,
    indexed: index.size,
  };
}
