import { describe, expect, it } from 'vitest';
import { readChangeData } from '../../electron/core/store/format/changeData.ts';

/** One change whose after-image has the given member text (already in braces). */
const change = (image: string) => `[{"after":${image},"before":null,"id":"x","table":"note"}]`;

describe('readChangeData: the canonical form of change data', () => {
  it('accepts members in UTF-16 order, including names that look like array indices', () => {
    // JCS sorts "10" before "9"; JavaScript lists index-like names numerically, so the order of the
    // text cannot be read off the parsed object and must be compared in full.
    expect(readChangeData(change('{"10":"a","9":"b","body":"c"}')).problem).toBeUndefined();
    expect(readChangeData(change('{"a":1,"b":null}')).problem).toBeUndefined();
  });

  it('refuses the same members in any other order', () => {
    expect(readChangeData(change('{"9":"b","10":"a","body":"c"}')).problem).toBe(
      'it is not written in canonical form (RFC 8785)',
    );
    expect(readChangeData(change('{"b":null,"a":1}')).problem).toBe(
      'the members of a row image are not in canonical order',
    );
  });

  it('refuses a value that is not text, a safe whole number or null, even under an index-like name', () => {
    expect(readChangeData(change('{"1":true}')).problem).toBe(
      'a row image holds a value that is not text, a whole number or null',
    );
    expect(readChangeData(change('{"1":9007199254740993}')).problem).toBe(
      'a row image holds a value that is not text, a whole number or null',
    );
  });
});
