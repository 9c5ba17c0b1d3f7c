import { describe, expect, it } from 'vitest';
import { CaseDraft, CasePatch } from '../../shared/domain/case.ts';
import { TimelineDraft } from '../../shared/domain/timeline.ts';
import { Profile } from '../../shared/domain/profile.ts';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { CHANNELS } from '../../shared/ipc/channels.ts';
import { parseHead } from '../../shared/domain/common.ts';

describe('validation at the boundary', () => {
  it('fills sensible defaults for a new case and requires only a title', () => {
    const draft = CaseDraft.parse({ title: '  Extortion e-mail from former contractor  ' });
    expect(draft).toMatchObject({
      title: 'Extortion e-mail from former contractor',
      status: 'open',
      tlp: 'AMBER',
      caseType: 'infiltration',
    });
    expect(draft.privilegeMarking).toMatch(/Privileged & Confidential/);
    const missing = CaseDraft.safeParse({ title: '   ' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.message).toBe('Title is required');
  });

  it('names the allowed values when an enum is wrong', () => {
    const bad = CaseDraft.safeParse({ title: 'x', tlp: 'PURPLE' });
    expect(bad.error?.issues[0]?.message).toBe('TLP must be one of: CLEAR, GREEN, AMBER, AMBER+STRICT, RED');
  });

  it('refuses unknown fields in a patch rather than ignoring them', () => {
    expect(CasePatch.safeParse({ titel: 'typo' }).success).toBe(false);
    expect(CasePatch.safeParse({ title: 'ok' }).success).toBe(true);
  });

  it('limits lengths and says so', () => {
    const long = TimelineDraft.safeParse({ at: '2026-01-01T00:00Z', title: 'x'.repeat(301) });
    expect(long.error?.issues[0]?.message).toBe('Title is too long (at most 300 characters)');
    expect(Profile.safeParse({ name: 'A', role: '', organisation: 'B' }).error?.issues[0]?.message).toBe(
      'Role is required',
    );
  });

  it('has a schema for every channel and only for those', () => {
    expect(Object.keys(ipcContract).sort()).toEqual([...CHANNELS].sort());
  });

  it('reads a written-down head back', () => {
    expect(parseHead(`12:${'AB'.repeat(32)}`)).toEqual({ seq: 12, hash: 'ab'.repeat(32) });
    expect(parseHead('12:abc')).toBeUndefined();
  });
});
