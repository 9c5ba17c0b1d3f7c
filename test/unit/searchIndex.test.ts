import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../shared/logic/searchText.ts';
import { compileQuery, foldForIndex, indexText } from '../../electron/core/store/search/text.ts';
import { highlight } from '../../electron/core/store/search/highlight.ts';
import type { Highlighted } from '../../shared/domain/search.ts';

// The text the search index holds and the FTS5 expression a query becomes: folded alike on both
// sides, parts of Hangul names reachable, and nothing a person types able to reach FTS5's syntax.

const marked = (pieces: Highlighted) => pieces.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('what the index holds', () => {
  it('folds exactly as foldForSearch does, ASCII or not', () => {
    const texts = [
      'Jörg Müller signed in',
      'João Gonçalves\u00a0(Lisboa)',
      'Straße 5,\tKøbenhavn  ',
      'e\u0301cole and É',
      'ＡＢＣ　１２３ İstanbul',
      '김정호 (Kim Jong-ho) Ярослав Ковальчук',
      'Łukasz\u2003Żółć, Đorđe',
      '  plain ASCII \n text  ',
      'ﬁle ﬂow Ⅻ ½',
      '',
    ];
    for (const text of texts) expect(foldForIndex(text), text).toBe(foldForSearch(text));
  });

  it('adds the syllable pairs and the last syllable of a Hangul run after it', () => {
    expect(indexText('김정호 (Kim)')).toBe('김정호 김정 정호 호 (kim)');
    expect(indexText('Mr 박')).toBe('mr 박 박');
    expect(indexText('Müller')).toBe('muller');
  });
});

describe('a query as FTS5 runs it', () => {
  it('makes every word a prefix, all of them required, each word of several tokens a phrase', () => {
    expect(compileQuery('Jörg MÜLLER')).toEqual({ match: '"jorg"* AND "muller"*', terms: ['jorg', 'muller'] });
    expect(compileQuery('203.0.113.7').match).toBe('"203 0 113 7"*');
    expect(compileQuery('정호').match).toBe('"정호"*');
    expect(compileQuery('김정호').match).toBe('"김정 정호"*');
    expect(compileQuery('호').match).toBe('"호"*');
  });

  it('leaves no FTS5 syntax in what it runs: quotes, operators, columns and stars are not words', () => {
    expect(compileQuery('"NEAR(muller okta)"').match).toBe('"near muller"* AND "okta"*');
    expect(compileQuery('title:muller -x *').match).toBe('"title muller"* AND "x"*');
    expect(compileQuery('muller OR jorg').match).toBe('"muller"* AND "or"* AND "jorg"*');
    for (const text of ['', '   ', '"', '*', '-', ':', '()', '^', '\\"', '"" * - :']) {
      expect(compileQuery(text).match).toBeNull();
    }
    for (const text of ['a"b', 'x\u0000y', "o'brien", 'a{b}c', 'NEAR/3']) {
      const { match } = compileQuery(text);
      // Every phrase is a run of letters and digits between quotes, then a star: nothing else.
      expect(match, text).toMatch(/^"[\p{L}\p{N} ]+"\*( AND "[\p{L}\p{N} ]+"\*)*$/u);
    }
  });
});

describe('a hit as it is shown', () => {
  it('marks the match in the original spelling, whatever was typed', () => {
    const { terms } = compileQuery('muller goncalves');
    expect(marked(highlight('Jörg Müller and João Gonçalves', terms, 160))).toBe('Jörg [Müller] and João [Gonçalves]');
    expect(marked(highlight('김정호 (Kim)', compileQuery('정호').terms, 160))).toBe('김[정호] (Kim)');
    expect(marked(highlight('Straße 7', compileQuery('strasse').terms, 160))).toBe('[Straße] 7');
  });

  it('marks only the starts of words, as the index matches', () => {
    expect(marked(highlight('Smuller and Müllerson', compileQuery('muller').terms, 160))).toBe(
      'Smuller and [Müller]son',
    );
  });

  it('cuts a long text around the first match, with line breaks as spaces', () => {
    const text = `${'word '.repeat(100)}Ярослав\nsent it${' tail'.repeat(100)}`;
    const pieces = highlight(text, compileQuery('ярослав').terms, 160);
    const shown = pieces.map((p) => p.text).join('');
    expect(shown.length).toBeLessThanOrEqual(162);
    expect(shown).toMatch(/^…word word /);
    expect(marked(pieces)).toContain('[Ярослав] sent it');
    expect(shown.endsWith('…')).toBe(true);
    const deep = `${'Ünïcode filler, no match here. '.repeat(4000)}Zoë Ångström${' Ångström again.'.repeat(10)}`;
    const inView = highlight(deep, compileQuery('angstrom').terms, 160);
    const matched = inView.filter((p) => p.match).map((p) => p.text);
    expect(matched.length).toBeGreaterThan(3);
    expect(new Set(matched)).toEqual(new Set(['Ångström']));
    expect(marked(inView)).toMatch(/^….*Zoë \[Ångström\] \[Ångström\] again/);
    expect(highlight('short', [], 160)).toEqual([{ text: 'short', match: false }]);
    expect(highlight('', ['x'], 160)).toEqual([]);
  });
});
