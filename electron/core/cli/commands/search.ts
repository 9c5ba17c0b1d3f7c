import { SEARCH_KINDS, SearchRequest } from '../../../../shared/domain/search.ts';
import type { Highlighted, SearchHit, SearchKind, SearchResults } from '../../../../shared/domain/search.ts';
import { searchCase } from '../../services/search.ts';
import { UsageError, checked, option, parseCommand, quoted } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, withCase } from '../context.ts';
import { safe } from '../format.ts';

/** --kind timeline,notes: kinds by name, singular or plural. */
function kindsOf(given: string | undefined): SearchKind[] | undefined {
  if (given === undefined) return undefined;
  return given.split(',').map((name) => {
    const word = name.trim().toLowerCase();
    const kind = SEARCH_KINDS.find((k) => k === word || `${k}s` === word);
    if (!kind) {
      throw new UsageError(`--kind ${quoted(name)} is not a kind of record; the kinds are ${SEARCH_KINDS.join(', ')}`);
    }
    return kind;
  });
}

function limitOf(given: string | undefined): number | undefined {
  if (given === undefined) return undefined;
  if (!/^\d{1,4}$/.test(given.trim())) throw new UsageError('--limit takes a whole number of hits per kind, 1 to 500');
  return Number(given);
}

/** Matched text in [brackets]; every piece escaped, so case text cannot drive the terminal. */
const marked = (pieces: Highlighted) => pieces.map((p) => (p.match ? `[${safe(p.text)}]` : safe(p.text))).join('');

/** What to give another command to reach the hit. */
const reference = (hit: SearchHit) => (hit.runId ? `run ${hit.runId} step ${safe(hit.stepId ?? '')}` : `id ${hit.id}`);

function formatResults(results: SearchResults): string {
  const searched = `${results.indexed.toLocaleString('en-US')} records searched in ${results.tookMs} ms`;
  if (results.total === 0) return `No match for "${safe(results.text)}" (${searched})`;
  const lines = [
    `${results.total} ${results.total === 1 ? 'match' : 'matches'} for "${safe(results.text)}" (${searched})`,
  ];
  for (const group of results.groups) {
    const shown =
      group.hits.length < group.total ? `${group.hits.length} of ${group.total}; --limit N shows more` : group.total;
    lines.push('', `${group.label} (${shown})`);
    for (const hit of group.hits) {
      lines.push(`  ${marked(hit.title)}  (${reference(hit)})`);
      const snippet = marked(hit.snippet);
      if (snippet) lines.push(`      ${snippet}`);
      if (hit.because) lines.push(`      found as the ${hit.because}`);
    }
  }
  return lines.join('\n');
}

export const searchCommands = {
  search(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: { kind: { type: 'string' }, limit: { type: 'string' } },
      min: 1,
      max: 64,
      names: 'the TEXT to search for',
    });
    // Words given without quotes are one search, as typed into the search box.
    const request = checked(
      SearchRequest,
      { text: rest.join(' '), limit: limitOf(option(values, 'limit')) },
      {
        text: 'TEXT',
        limit: '--limit',
      },
    );
    const kinds = kindsOf(option(values, 'kind'));
    return withCase(cli, file, 'read', (caseDb) => {
      const results = searchCase(caseDb, request, kinds ? { kinds } : {});
      cli.io.out(values.json ? JSON.stringify(results, null, 2) : formatResults(results));
      return EXIT.ok;
    });
  },
} satisfies Runners;
