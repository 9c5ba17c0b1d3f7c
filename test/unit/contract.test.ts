import { describe, expect, it } from 'vitest';
import { contractBreach } from '../helpers/contract.ts';

// The check every test applies to the handler table's answers (test/helpers/contract.ts).

const note = {
  id: '0c6f3f3e-8d0e-4b8a-9a53-0d0b5a6c1e11',
  body: 'Call with counsel',
  author: 'Dana Whitfield',
  privileged: true,
  createdAt: '2026-11-02T09:30:00.000Z',
  updatedAt: '2026-11-02T09:30:00.000Z',
  removed: false,
};

describe('holding an answer to the IPC contract', () => {
  it('passes an answer that is exactly what the response schema says, and every refusal', () => {
    expect(contractBreach('notes:list', { ok: true, value: [note] })).toBeNull();
    expect(contractBreach('case:current', { ok: true, value: null })).toBeNull();
    expect(contractBreach('notes:list', { ok: false, error: { code: 'X', message: 'no' } })).toBeNull();
  });

  it('names an answer the schema refuses', () => {
    expect(contractBreach('notes:list', { ok: true, value: [{ ...note, privileged: 'yes' }] })).toMatch(
      /^notes:list answered what its response schema refuses: .*privileged/,
    );
  });

  it('names an answer with a field the schema does not describe, which parsing would drop', () => {
    expect(contractBreach('notes:list', { ok: true, value: [{ ...note, caseId: 'x' }] })).toMatch(
      /^notes:list answered fields its response schema does not describe/,
    );
  });
});
