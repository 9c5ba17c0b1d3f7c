import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/logic/canonicalJson.ts';
import { entryCanonical, entryHash, entryObject } from '../../electron/core/store/format/chain.ts';
import type { EntryFields } from '../../electron/core/store/format/chain.ts';
import { createHash } from 'node:crypto';

const awkward = [
  'plain',
  'quote " and backslash \\',
  'line\nbreak\ttab\r\u0001\u001f',
  '김민준 Ł ü 😀',
  '\u2028\u2029',
  '</script>',
];

function fields(text: string, seq = 7): EntryFields {
  return {
    seq,
    at: '2026-11-02T09:00:01.000Z',
    actor: { name: text, role: 'Incident responder', organisation: 'Northwind' },
    action: 'timeline.add',
    entityType: 'timeline_event',
    entityId: '0b9f4a52-5b5c-4a8f-9f55-6c7e0a1d2e3f',
    changesJson: canonicalJson([
      { table: 'timeline_event', id: 'x', before: null, after: { title: text, removed: 0 } },
    ]),
    prevHash: 'a'.repeat(64),
  };
}

describe('audit entry hashing', () => {
  it('builds exactly the RFC 8785 form of the entry object', () => {
    for (const text of awkward) expect(entryCanonical(fields(text))).toBe(canonicalJson(entryObject(fields(text))));
  });

  it('hashes prev_hash followed by the canonical entry, as the format document says', () => {
    const f = fields('Dana');
    const expected = createHash('sha256')
      .update(f.prevHash + canonicalJson(entryObject(f)), 'utf8')
      .digest('hex');
    expect(entryHash(f)).toBe(expected);
    expect(entryHash({ ...f, seq: 8 })).not.toBe(expected);
    expect(entryHash({ ...f, prevHash: 'b'.repeat(64) })).not.toBe(expected);
  });

  it('SQLite json_quote escapes every character as JSON.stringify does (verification relies on it)', () => {
    const db = new Database(':memory:');
    const quote = db.prepare('SELECT json_quote(?)').pluck();
    const samples = [...awkward];
    for (let c = 0; c < 0x800; c++) samples.push(`a${String.fromCharCode(c)}b`);
    for (const s of samples) expect(quote.get(s)).toBe(JSON.stringify(s));
    db.close();
  });
});
