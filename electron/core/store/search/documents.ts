import type { SearchKind } from '../../../../shared/domain/search.ts';
import { templateFromCacao } from '../../playbooks/cacao.ts';
import type { CaseDb } from '../db/caseDb.ts';
import type { StateTable } from '../format/stateTables.ts';

/**
 * What search finds, read from the case: each record of a kind as one document with a title and a
 * body, in the person's own words (never folded: hits are shown from this text). Removed records are
 * not documents. A playbook step's words are its run's template (the step's name and description)
 * and what was recorded for it (outcome, reason, assignee).
 */

export type SearchDoc = {
  kind: SearchKind;
  id: string;
  title: string;
  body: string;
  runId?: string;
  stepId?: string;
};

type Row = Record<string, string | number | null>;
const s = (row: Row, column: string) => (row[column] === null || row[column] === undefined ? '' : String(row[column]));
/** Fields of a body, the empty ones left out; " · " keeps them apart in a snippet and in the index. */
const join = (...fields: string[]) => fields.filter((f) => f.trim() !== '').join(' · ');

function aliases(text: string): string {
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) ? list.map(String).join(', ') : text;
  } catch {
    return text;
  }
}

/** A step's words from its run's template, parsed once per run. */
export type StepWords = { code: string; name: string; description: string };
export type StepWordCache = Map<string, Map<string, StepWords>>;

function stepWords(caseDb: CaseDb, cache: StepWordCache, runId: string, stepId: string): StepWords | undefined {
  let steps = cache.get(runId);
  if (!steps) {
    steps = new Map();
    const cacao = caseDb.statement('SELECT template_cacao FROM playbook_run WHERE id = ?').pluck().get(runId);
    try {
      // The run's copy was checked when the run started; verification checks it against its hash.
      // A copy that no longer parses only leaves its steps without their template words here.
      const template = templateFromCacao(JSON.parse(String(cacao)) as Record<string, unknown>);
      for (const step of template.steps) {
        steps.set(step.id, { code: step.code, name: step.name, description: step.description });
      }
    } catch {
      // See above: the step is still found by its outcome, reason and assignee.
    }
    cache.set(runId, steps);
  }
  return steps.get(stepId);
}

type Source = {
  table: StateTable;
  /** Every live record, in the order they were added. */
  all: string;
  /** One record by id, if it is live. */
  one: string;
  toDoc(row: Row, caseDb: CaseDb, steps: StepWordCache): SearchDoc;
};

const SOURCES: Record<SearchKind, Source> = {
  subject: {
    table: 'subject',
    all: 'SELECT * FROM subject WHERE removed = 0 ORDER BY rowid',
    one: 'SELECT * FROM subject WHERE id = ? AND removed = 0',
    toDoc: (r) => ({
      kind: 'subject',
      id: s(r, 'id'),
      title: s(r, 'name'),
      body: join(
        aliases(s(r, 'aliases')),
        s(r, 'claimed_name'),
        s(r, 'verified_name'),
        s(r, 'claimed_nationality'),
        s(r, 'claimed_location'),
        s(r, 'verified_nationality'),
        s(r, 'verified_location'),
        s(r, 'claimed_documents'),
        s(r, 'findings'),
        s(r, 'manager'),
        s(r, 'notes'),
      ),
    }),
  },
  indicator: {
    table: 'indicator',
    all: 'SELECT id, type, value, normalised, platform, notes FROM indicator WHERE removed = 0 ORDER BY rowid',
    one: 'SELECT id, type, value, normalised, platform, notes FROM indicator WHERE id = ? AND removed = 0',
    toDoc: (r) => ({
      kind: 'indicator',
      id: s(r, 'id'),
      title: s(r, 'value'),
      // The canonical form is indexed as well as the value entered: either finds it. The type is
      // its short name (eth, btc, ip), as the command line takes it: its label ("IP address") would
      // make every address of the case a hit for "address".
      body: join(
        s(r, 'type'),
        s(r, 'normalised') === s(r, 'value') ? '' : s(r, 'normalised'),
        s(r, 'platform'),
        s(r, 'notes'),
      ),
    }),
  },
  message: {
    table: 'extortion_message',
    all: 'SELECT id, channel, sender, summary, body FROM extortion_message WHERE removed = 0 ORDER BY rowid',
    one: 'SELECT id, channel, sender, summary, body FROM extortion_message WHERE id = ? AND removed = 0',
    toDoc: (r) => ({
      kind: 'message',
      id: s(r, 'id'),
      title: s(r, 'summary') || join(s(r, 'channel'), s(r, 'sender')) || 'Extortion message',
      body: join(s(r, 'sender'), s(r, 'channel'), s(r, 'body')),
    }),
  },
  demand: {
    table: 'extortion_demand',
    all: 'SELECT id, amount, asset, pay_to, threat, offered_proof FROM extortion_demand WHERE removed = 0 ORDER BY rowid',
    one: 'SELECT id, amount, asset, pay_to, threat, offered_proof FROM extortion_demand WHERE id = ? AND removed = 0',
    toDoc: (r) => ({
      kind: 'demand',
      id: s(r, 'id'),
      title: `${s(r, 'amount')} ${s(r, 'asset')}`.trim() || 'Demand',
      body: join(s(r, 'pay_to'), s(r, 'threat'), s(r, 'offered_proof')),
    }),
  },
  timeline: {
    table: 'timeline_event',
    all: 'SELECT id, title, description, source FROM timeline_event WHERE removed = 0 ORDER BY rowid',
    one: 'SELECT id, title, description, source FROM timeline_event WHERE id = ? AND removed = 0',
    toDoc: (r) => ({
      kind: 'timeline',
      id: s(r, 'id'),
      title: s(r, 'title'),
      body: join(s(r, 'description'), s(r, 'source')),
    }),
  },
  note: {
    table: 'note',
    all: 'SELECT id, body FROM note WHERE removed = 0 ORDER BY rowid',
    one: 'SELECT id, body FROM note WHERE id = ? AND removed = 0',
    toDoc: (r) => {
      // A note has no title: its first line stands for one, the rest is its body.
      const text = s(r, 'body').trim();
      const end = text.indexOf('\n');
      return {
        kind: 'note',
        id: s(r, 'id'),
        title: end < 0 ? text : text.slice(0, end).trim(),
        body: end < 0 ? '' : text.slice(end + 1).trim(),
      };
    },
  },
  evidence: {
    table: 'evidence_item',
    all: 'SELECT id, exhibit, description, original_name, source, notes, captured_text FROM evidence_item ORDER BY rowid',
    one: 'SELECT id, exhibit, description, original_name, source, notes, captured_text FROM evidence_item WHERE id = ?',
    toDoc: (r) => ({
      kind: 'evidence',
      id: s(r, 'id'),
      title: `${s(r, 'exhibit')} ${s(r, 'description') || s(r, 'original_name')}`.trim(),
      body: join(
        s(r, 'description') ? s(r, 'original_name') : '',
        s(r, 'source'),
        s(r, 'notes'),
        s(r, 'captured_text'),
      ),
    }),
  },
  step: {
    table: 'playbook_step',
    all: 'SELECT id, run_id, step_id, assignee, outcome, reason FROM playbook_step ORDER BY rowid',
    one: 'SELECT id, run_id, step_id, assignee, outcome, reason FROM playbook_step WHERE id = ?',
    toDoc: (r, caseDb, cache) => {
      const words = stepWords(caseDb, cache, s(r, 'run_id'), s(r, 'step_id'));
      return {
        kind: 'step',
        id: s(r, 'id'),
        runId: s(r, 'run_id'),
        stepId: s(r, 'step_id'),
        title: words ? `${words.code} ${words.name}`.trim() : s(r, 'step_id'),
        body: join(words?.description ?? '', s(r, 'outcome'), s(r, 'reason'), s(r, 'assignee')),
      };
    },
  },
};

/** The kind of document a row of `table` is, for the tables search reads. */
export const KIND_OF_TABLE: ReadonlyMap<string, SearchKind> = new Map(
  Object.entries(SOURCES).map(([kind, source]) => [source.table, kind as SearchKind]),
);

/** Every live record of a kind, one at a time (a case of 100,000 events is not held twice). */
export function* allDocs(caseDb: CaseDb, kind: SearchKind, steps: StepWordCache): Generator<SearchDoc> {
  const source = SOURCES[kind];
  // A statement of its own: the cached one may be iterating already (a nested read of the same kind).
  for (const row of caseDb.db.prepare(source.all).iterate() as IterableIterator<Row>) {
    yield source.toDoc(row, caseDb, steps);
  }
}

/** These records as documents, in the order asked; records no longer live are left out. */
export function docsById(caseDb: CaseDb, kind: SearchKind, ids: readonly string[], steps: StepWordCache): SearchDoc[] {
  const source = SOURCES[kind];
  const docs: SearchDoc[] = [];
  for (const id of ids) {
    const row = caseDb.statement(source.one).get(id) as Row | undefined;
    if (row) docs.push(source.toDoc(row, caseDb, steps));
  }
  return docs;
}
