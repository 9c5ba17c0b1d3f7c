import { describe, expect, it } from 'vitest';
import { flagReason, flaggedHeadline } from '../../shared/logic/flagReason.ts';

describe('why an exhibit is flagged', () => {
  it('says "failed verification" only when the bytes changed or are gone', () => {
    expect(flagReason({ integrity: 'mismatch', toolHashMatch: true })).toMatchObject({
      failed: true,
      kind: 'mismatch',
    });
    expect(flagReason({ integrity: 'missing', toolHashMatch: null }).reason).toBe('its file is missing');
    const tool = flagReason({ integrity: 'verified', toolHashMatch: false });
    expect(tool).toMatchObject({ failed: false, kind: 'tool-hash' });
    expect(tool.reason).toContain('the file itself verifies');
    expect(flagReason({ integrity: 'verified', toolHashMatch: null }).kind).toBe('earlier');
  });

  it('heads a list as a lawyer would read it', () => {
    expect(flaggedHeadline([{ exhibit: 'E-0002', failed: true }])).toBe('E-0002 failed verification');
    expect(flaggedHeadline([{ exhibit: 'E-0003', failed: false }])).toBe('E-0003 is flagged');
    expect(
      flaggedHeadline([
        { exhibit: 'E-0002', failed: true },
        { exhibit: 'E-0003', failed: false },
      ]),
    ).toBe('2 exhibits flagged');
    expect(
      flaggedHeadline([
        { exhibit: 'E-0002', failed: true },
        { exhibit: 'E-0004', failed: true },
      ]),
    ).toBe('2 exhibits failed verification');
  });
});
