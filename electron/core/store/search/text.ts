import { foldForSearch } from '../../../../shared/logic/searchText.ts';

/**
 * The text the search index holds, and a person's query made into an FTS5 expression. Both sides
 * are folded the same way (foldForSearch: no case, no accents), and cut into the tokens SQLite's
 * unicode61 tokenizer sees (runs of letters, digits and private-use characters), so what is indexed
 * and what is asked always agree.
 *
 * Scripts written without spaces between words (Hangul, Han, kana) make one token of a whole name or
 * phrase: 김정호 is one token, and a query for 정호 would never match it. Such runs are indexed with
 * their syllable pairs (bigrams) and their last syllable as well, and a query for part of a run asks
 * for its bigrams as a phrase: any two or more consecutive syllables, or one syllable anywhere.
 */

const UNSPACED_CLASS = '\\p{Script=Hangul}\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const HAS_UNSPACED = new RegExp(`[${UNSPACED_CLASS}]`, 'u');
const UNSPACED_RUN = new RegExp(`[${UNSPACED_CLASS}]+`, 'gu');
const ONLY_UNSPACED = new RegExp(`^[${UNSPACED_CLASS}]+$`, 'u');

/** What unicode61 (the default) keeps inside a token: letters, numbers and private-use characters. */
export const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
/** One character of a token, for boundary checks. */
export const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;

/** At most this many words of a query are used: more only slow the query and narrow nothing. */
const MAX_WORDS = 32;

/** The syllable pairs of a run and its last syllable ("김정호" → "김정 정호 호"). */
function pieces(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  out.push(chars.at(-1)!);
  return out;
}

const PLAIN_ASCII = /^[^\u0080-\uffff]*$/;
const NON_ASCII_RUN = /[\u0080-\uffff]+/g;

/**
 * The same text as foldForSearch gives, sooner: building the index of a large case spends much of
 * its time folding, and most of a case's text is ASCII, where folding is lower case and single
 * spaces. Only the runs of other characters go through Unicode folding, each between two letters so
 * that its spaces stay spaces (foldForSearch trims the ends) and nothing else changes.
 */
export function foldForIndex(text: string): string {
  const ascii = PLAIN_ASCII.test(text)
    ? text
    : text.replace(NON_ASCII_RUN, (run) => foldForSearch(`a${run}a`).slice(1, -1));
  return ascii.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A field as the index holds it: folded, and each token with unspaced script followed by its pieces. */
export function indexText(text: string): string {
  const folded = foldForIndex(text);
  if (!HAS_UNSPACED.test(folded)) return folded;
  return folded.replace(TOKEN, (token) => {
    if (!HAS_UNSPACED.test(token)) return token;
    const extra = (token.match(UNSPACED_RUN) ?? []).flatMap(pieces);
    return [token, ...extra].join(' ');
  });
}

export type CompiledQuery = {
  /** The FTS5 MATCH expression; null when the query has nothing to search for. */
  match: string | null;
  /** What to mark in a hit's text, folded: each word as typed (trimmed of punctuation) and its tokens. */
  terms: string[];
};

/**
 * A phrase of tokens, the last one matched as a prefix: `"203 0 113 7"*`. Tokens hold only letters,
 * digits and private-use characters, so no quote, operator or column filter a person types can reach
 * FTS5's syntax: every query is well formed, and means only the words in it.
 */
const phrase = (tokens: readonly string[]) => `"${tokens.join(' ')}"*`;

/** An unspaced run asked for in part: its bigrams as a phrase, or one syllable as a prefix. */
function unspacedPhrase(token: string): string {
  const chars = [...token];
  if (chars.length < 2) return phrase([token]);
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
  return phrase(pairs);
}

/**
 * A query as FTS5 should run it: every word must match (AND), each as a prefix, so "joao gon" finds
 * João Gonçalves while it is being typed. A word of several tokens ("203.0.113.7",
 * "evil.example/login") is a phrase, so its parts must be next to each other.
 */
export function compileQuery(text: string): CompiledQuery {
  const words = foldForSearch(text).split(' ').filter(Boolean).slice(0, MAX_WORDS);
  const clauses: string[] = [];
  const terms = new Set<string>();
  for (const word of words) {
    const tokens = word.match(TOKEN);
    if (!tokens) continue;
    if (tokens.some((t) => HAS_UNSPACED.test(t))) {
      for (const token of tokens) clauses.push(ONLY_UNSPACED.test(token) ? unspacedPhrase(token) : phrase([token]));
    } else {
      clauses.push(phrase(tokens));
    }
    const trimmed = word.replace(/^[^\p{L}\p{N}\p{Co}]+|[^\p{L}\p{N}\p{Co}]+$/gu, '');
    if (trimmed) terms.add(trimmed);
    if (tokens.length > 1) for (const token of tokens) terms.add(token);
  }
  return { match: clauses.length > 0 ? [...new Set(clauses)].join(' AND ') : null, terms: [...terms] };
}
