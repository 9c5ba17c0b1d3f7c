import { z } from 'zod';

/** Case-wide search: what was asked, and the hits grouped by kind of record. */

export const SEARCH_KINDS = [
  'subject',
  'indicator',
  'message',
  'demand',
  'timeline',
  'note',
  'evidence',
  'step',
] as const;
export const SearchKind = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKind>;

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  subject: 'Subjects',
  indicator: 'Indicators',
  message: 'Extortion messages',
  demand: 'Demands',
  timeline: 'Timeline',
  note: 'Notes',
  evidence: 'Evidence',
  step: 'Playbook steps',
};

/** Text cut into pieces, the matched ones flagged: the screen marks them without any HTML. */
export const Highlighted = z.array(z.object({ text: z.string(), match: z.boolean() }));
export type Highlighted = z.infer<typeof Highlighted>;

export const SearchHit = z.object({
  kind: SearchKind,
  /** The record's id (for a step: the playbook_step row's run id and step id, see `runId`/`stepId`). */
  id: z.string(),
  title: Highlighted,
  snippet: Highlighted,
  /** Set for playbook steps: the run the step belongs to and its step id, so Enter opens it. */
  runId: z.string().optional(),
  stepId: z.string().optional(),
  /** Why it matched when the text did not: "indicator in canonical form". */
  because: z.string().optional(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchGroup = z.object({
  kind: SearchKind,
  label: z.string(),
  total: z.number().int(),
  hits: z.array(SearchHit),
});
export type SearchGroup = z.infer<typeof SearchGroup>;

export const SearchRequest = z
  .object({
    text: z.string().max(500, { error: 'the search is too long (at most 500 characters)' }),
    /** Hits per kind. */
    limit: z.number().int().min(1).max(500).default(20),
  })
  .strict();
export type SearchRequest = z.input<typeof SearchRequest>;

export const SearchResults = z.object({
  text: z.string(),
  groups: z.array(SearchGroup),
  total: z.number().int(),
  /** Milliseconds the query took (without building the index). */
  tookMs: z.number(),
  /** Records the index held when it answered. */
  indexed: z.number().int(),
});
export type SearchResults = z.infer<typeof SearchResults>;
