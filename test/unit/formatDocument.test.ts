import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entryHash } from '../../electron/core/store/format/chain.ts';

const DOC = readFileSync(new URL('../../docs/case-file-format.md', import.meta.url), 'utf8');

describe('the worked example of docs/case-file-format.md still reproduces', () => {
  it('the entry as stored hashes, by Custos’s own rule, to the hash the document shows', () => {
    // "Entry 2 as stored", as the sqlite3 shell printed it.
    const block =
      /sqlite3 -readonly -line \/tmp\/x-copy\.custos "SELECT \* FROM audit_log WHERE seq = 2"\n([\s\S]*?)\n```/.exec(
        DOC,
      )![1]!;
    const field = (name: string) => new RegExp(`^\\s*${name} = (.*)$`, 'm').exec(block)![1]!;
    const hash = entryHash({
      seq: Number(field('seq')),
      at: field('at'),
      actor: { name: field('actor_name'), role: field('actor_role'), organisation: field('actor_organisation') },
      action: field('action'),
      entityType: field('entity_type'),
      entityId: field('entity_id'),
      changesJson: field('changes'),
      prevHash: field('prev_hash'),
    });
    expect(hash).toBe(field('hash'));
    expect(DOC).toContain(`**Hash** = SHA-256 of those 810 bytes:\n\n\`\`\`\n${hash}\n\`\`\``);
  });

  it('the shell command it gives prints that hash', () => {
    const [, input, printed] = /\$ printf '%s' '(.*)' \| sha256sum\n([0-9a-f]{64}) {2}-/.exec(DOC)!;
    expect(Buffer.byteLength(input!, 'utf8')).toBe(810);
    expect(createHash('sha256').update(input!, 'utf8').digest('hex')).toBe(printed);
  });
});
