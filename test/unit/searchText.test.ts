import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesSearch } from '../../shared/logic/searchText.ts';

// Names as they reach a case (Latin with diacritics, Hangul, Cyrillic), found by what a responder
// types on whatever keyboard is at hand.

describe('search ignores case and accents, in any script', () => {
  it('finds Latin names with diacritics by their plain spelling', () => {
    expect(matchesSearch('Hans Müller', 'muller')).toBe(true);
    expect(matchesSearch('Hans Müller', 'MÜLLER')).toBe(true);
    expect(matchesSearch('João Gonçalves', 'joao goncalves')).toBe(true);
    expect(matchesSearch('João Gonçalves', 'goncalves joao')).toBe(true);
    expect(matchesSearch('Łukasz Żółć', 'lukasz zolc')).toBe(true);
    expect(matchesSearch('Straße 5, København', 'strasse kobenhavn')).toBe(true);
    expect(matchesSearch('İstanbul', 'istanbul')).toBe(true);
    expect(matchesSearch('Đorđe', 'dorde')).toBe(true);
  });

  it('finds Hangul and Cyrillic as written, in part, and Cyrillic in either case', () => {
    expect(matchesSearch('김정호 (Kim Jong-ho)', '정호')).toBe(true);
    expect(matchesSearch('김정호', '김정호')).toBe(true);
    expect(matchesSearch('Ярослав Ковальчук', 'ярослав')).toBe(true);
    expect(matchesSearch('ЁЛКИН', 'ёлкин')).toBe(true);
    // Й and Ё compare as И and Е, as they are often typed; the stored name keeps its letters.
    expect(matchesSearch('Андрій', 'андріи')).toBe(true);
    expect(matchesSearch('Фёдор', 'федор')).toBe(true);
  });

  it('finds nothing for an empty query, and does not match across what is not there', () => {
    expect(matchesSearch('Hans Müller', '')).toBe(false);
    expect(matchesSearch('Hans Müller', '   ')).toBe(false);
    expect(matchesSearch('Hans Müller', 'mueller')).toBe(false);
    expect(matchesSearch('김정호', '김정수')).toBe(false);
  });

  it('folds compatibility forms and spacing, and leaves the stored text alone', () => {
    expect(foldForSearch('ＡＢＣ　１２３')).toBe('abc 123');
    expect(foldForSearch('  Ġ  ')).toBe('g');
    const name = 'Müller';
    foldForSearch(name);
    expect(name).toBe('Müller');
  });
});
