/**
 * Control characters in names and text from a case (a file name can hold an escape sequence) are
 * shown escaped, so nothing from evidence can rewrite a terminal or hide in a message. So are the
 * bidirectional controls, which reorder what follows them: "invoice\u202Etxt.exe" displays as
 * "invoiceexe.txt", a text file to the eye.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const ESCAPED = new RegExp(`${CONTROL.source}|${BIDI.source}`, 'g');
/** A UTF-16 surrogate without its partner: text no file or database can hold as it is. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** Short names of the bidirectional controls, as Unicode gives them. */
export const BIDI_NAMES: Readonly<Record<string, string>> = {
  '\u061c': 'ALM',
  '\u200e': 'LRM',
  '\u200f': 'RLM',
  '\u202a': 'LRE',
  '\u202b': 'RLE',
  '\u202c': 'PDF',
  '\u202d': 'LRO',
  '\u202e': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
};

const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(4, '0');

export function escapeControl(text: string): string {
  return text
    .replace(ESCAPED, (c) =>
      c === '\n' ? '\\n' : c === '\t' ? '\\t' : BIDI.test(c) ? `\\u${hex(c)}` : `\\x${hex(c).slice(2)}`,
    )
    .replace(LONE_SURROGATES, (c) => `\\u${hex(c)}`);
}

/** A message for a person, from anything: escaped, and at most `max` characters. */
export function oneLine(message: string, max = 2000): string {
  return cut(escapeControl(message), max);
}

/** At most `max` characters of text, never cutting a character in half, with … if it was cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Whether a name holds characters that escapeControl would change. */
export function hasControl(text: string): boolean {
  return CONTROL.test(text) || BIDI.test(text) || LONE_SURROGATE.test(text);
}

/** Whether text holds a bidirectional control. */
export function hasBidi(text: string): boolean {
  return BIDI.test(text);
}

/** Text cut at each bidirectional control, which is given by name, for a screen to mark it. */
export function bidiParts(text: string): (string | { code: string; name: string })[] {
  const parts: (string | { code: string; name: string })[] = [];
  let plain = '';
  for (const c of text) {
    if (BIDI.test(c)) {
      if (plain) parts.push(plain);
      plain = '';
      parts.push({ code: `U+${hex(c).toUpperCase()}`, name: BIDI_NAMES[c]! });
    } else plain += c;
  }
  if (plain) parts.push(plain);
  return parts;
}

/** For places that take plain text only (a list option, a dialog): each control as a visible token. */
export function showBidi(text: string): string {
  return bidiParts(text)
    .map((part) => (typeof part === 'string' ? part : `⟦${part.name}⟧`))
    .join('');
}

/** Whether text is well-formed UTF-16 (every surrogate paired), so it stores and hashes as itself. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * The first place in a value (a request, a settings file) where text is not well-formed, as a path
 * like `profile.name` or `paths[2]`; undefined if there is none. Text that is not well-formed would
 * be stored as U+FFFD while its hash was taken of the original, so every such value is refused at
 * the boundary instead.
 */
export function findIllFormedText(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return isWellFormed(value) ? undefined : path || '(the value)';
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findIllFormedText(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, member] of Object.entries(value)) {
    if (!isWellFormed(key)) return `${path}${path ? '.' : ''}(a member name)`;
    const found = findIllFormedText(member, `${path}${path ? '.' : ''}${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
