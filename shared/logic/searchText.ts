/**
 * Text as search compares it: names arrive as "Müller", "MULLER" and "Mueller"-less "Muller", as
 * "João Gonçalves" typed on a keyboard without accents, as Hangul and Cyrillic. Folding drops case
 * and accents (Unicode NFKD, combining marks removed) and maps the Latin letters that do not
 * decompose (ß, ł, ø, đ, æ, œ, ı, þ) to what people type for them, so each is found by its plain
 * spelling. Hangul and Cyrillic keep their letters; only case and compatibility forms are folded.
 * What is stored is never changed: folding is for comparing only.
 */

const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ł: 'l',
  Ł: 'l',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ı: 'i',
  þ: 'th',
  Þ: 'th',
};

const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'gu');

/** The form two texts are compared in: no case, no accents, compatibility characters folded. */
export function foldForSearch(text: string): string {
  return text
    .replace(SPECIAL_PATTERN, (c) => SPECIAL[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Whether every word of `query` occurs in `text`, both folded: "joao goncalves" finds "João Gonçalves". */
export function matchesSearch(text: string, query: string): boolean {
  const haystack = foldForSearch(text);
  const words = foldForSearch(query).split(' ').filter(Boolean);
  return words.length > 0 && words.every((word) => haystack.includes(word));
}
