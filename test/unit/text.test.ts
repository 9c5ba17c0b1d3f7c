import { describe, expect, it } from 'vitest';
import { bidiParts, escapeControl, hasBidi, hasControl, showBidi } from '../../shared/logic/text.ts';
import { describeBytes, isUtf8, rawBytesOf, shownPath } from '../../shared/logic/storedPath.ts';

describe('text from a case cannot pass for something else', () => {
  const disguised = 'invoice\u202Etxt.exe';

  it('escapes control characters and every bidirectional control for a terminal', () => {
    expect(escapeControl(disguised)).toBe('invoice\\u202etxt.exe');
    expect(escapeControl('a\u001b[31mred\u0007')).toBe('a\\x1b[31mred\\x07');
    expect(escapeControl('line\nnext\ttab')).toBe('line\\nnext\\ttab');
    for (const c of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200e',
      '\u200f',
      '\u061c',
    ]) {
      expect(escapeControl(`x${c}y`), c.charCodeAt(0).toString(16)).toBe(
        `x\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}y`,
      );
      expect(hasControl(c)).toBe(true);
    }
    // Letters of right-to-left scripts are text, not controls.
    expect(escapeControl('שלום مرحبا 김민준 Łódź')).toBe('שלום مرحبا 김민준 Łódź');
    expect(hasBidi('שלום')).toBe(false);
  });

  it('cuts text at each control for the screen to mark it, and names it where only plain text can go', () => {
    expect(bidiParts(disguised)).toEqual(['invoice', { code: 'U+202E', name: 'RLO' }, 'txt.exe']);
    expect(showBidi(disguised)).toBe('invoice⟦RLO⟧txt.exe');
    expect(showBidi('plain')).toBe('plain');
  });
});

describe('paths whose bytes are not UTF-8', () => {
  it('are shown with each stray byte as \\xNN, and read back from their bytes: form', () => {
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x78, 0x74]);
    expect(isUtf8(latin1)).toBe(false);
    expect(describeBytes(latin1)).toBe('caf\\xe9.txt');
    expect(describeBytes(new TextEncoder().encode('café 김 😀'))).toBe('café 김 😀');
    // Overlong forms and surrogates are not UTF-8 either.
    expect(isUtf8(new Uint8Array([0xc0, 0xaf]))).toBe(false);
    expect(isUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(false);
    expect(rawBytesOf('bytes:636166e9')).toEqual(new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    expect(rawBytesOf('/tmp/plain.txt')).toBeUndefined();
    expect(shownPath('bytes:2f746d702f636166e9')).toBe('/tmp/caf\\xe9');
  });
});
