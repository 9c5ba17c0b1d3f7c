import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/logic/canonicalJson.ts';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, as the RFC 8785 section 3.2.3 example', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = Object.keys(JSON.parse(canonicalJson(input)) as object);
    // Integer-like keys are re-ordered by JSON.parse itself, so compare the serialised order instead.
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    expect(keys).toHaveLength(7);
  });

  it('serialises numbers as ECMAScript does (RFC 8785 appendix B samples)', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1e21, '1e+21'],
      [1e-7, '1e-7'],
      [333333333.3333333, '333333333.3333333'],
      [4.5, '4.5'],
      [2e-3, '0.002'],
      [0.000001, '0.000001'],
      [9007199254740991, '9007199254740991'],
      [-1.7976931348623157e308, '-1.7976931348623157e+308'],
    ];
    for (const [value, expected] of cases) expect(canonicalJson(value)).toBe(expected);
  });

  it('matches the RFC 8785 section 3.2.2 structure example', () => {
    const input = {
      // eslint-disable-next-line no-loss-of-precision -- the RFC's own input, which JavaScript rounds exactly as RFC 8785 expects.
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000f\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('emits no whitespace and keeps arrays in order', () => {
    expect(canonicalJson({ b: [3, 1, 2], a: { d: null, c: 'x' } })).toBe('{"a":{"c":"x","d":null},"b":[3,1,2]}');
  });

  it('refuses values JSON cannot carry, naming where they are', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('$.a[1]');
    expect(() => canonicalJson({ a: Infinity })).toThrow(/cannot be represented/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  });
});
