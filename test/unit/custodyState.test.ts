import { describe, expect, it } from 'vitest';
import type { CustodyEvent, EvidenceItem } from '../../shared/domain/evidence.ts';
import { custodyStateOf } from '../../shared/logic/custodyState.ts';

// Who holds an exhibit now, as the register, `custos evidence list` and `evidence show` say it.

const item = (over: Partial<EvidenceItem> = {}) =>
  ({
    custodian: '',
    acquiredBy: 'Dana Whitfield',
    acquiredAt: '2026-11-02T10:00:00.000Z',
    disposed: false,
    ...over,
  }) as EvidenceItem;

let n = 0;
const event = (type: CustodyEvent['type'], at: string, receivedBy = ''): CustodyEvent =>
  ({ id: `e${++n}`, itemId: 'i', type, at, zone: 'UTC', receivedBy }) as CustodyEvent;

describe('custodyStateOf', () => {
  it('is held where it was acquired until someone receives it', () => {
    expect(custodyStateOf(item(), [event('acquisition', '2026-11-02T10:00:00.000Z')])).toMatchObject({
      state: 'held',
      holder: 'Dana Whitfield',
      text: 'held by Dana Whitfield since 2026-11-02 10:00 UTC',
    });
    // The custodian is whose data or device it was (the CFO), not who keeps the exhibit.
    expect(custodyStateOf(item({ custodian: 'J. Berg (CFO)' }), []).holder).toBe('Dana Whitfield');
    expect(
      custodyStateOf(item(), [event('acquisition', '2026-11-02T10:00:00.000Z', 'Sam Okafor (forensics)')]).holder,
    ).toBe('Sam Okafor (forensics)');
  });

  it('is with the receiver of the latest hand-over, whatever order the events were recorded in', () => {
    const events = [
      event('transfer', '2026-11-05T09:00:00.000Z', 'DC Ruiz, Metropolitan Police'),
      event('acquisition', '2026-11-02T10:00:00.000Z'),
      event('transfer', '2026-11-03T09:00:00.000Z', 'Sam Okafor (forensics)'),
    ];
    expect(custodyStateOf(item(), events).text).toBe('with DC Ruiz, Metropolitan Police since 2026-11-05 09:00 UTC');
  });

  it('is not moved by an export or a verification (a copy, a check)', () => {
    const events = [
      event('transfer', '2026-11-03T09:00:00.000Z', 'DC Ruiz'),
      event('export', '2026-11-04T09:00:00.000Z'),
      event('verification', '2026-11-04T10:00:00.000Z'),
    ];
    expect(custodyStateOf(item(), events)).toMatchObject({ state: 'transferred', holder: 'DC Ruiz' });
  });

  it('says returned and disposed of as they are', () => {
    expect(custodyStateOf(item(), [event('return', '2026-11-06T12:00:00.000Z', 'Sam Patel (owner)')]).text).toBe(
      'returned to Sam Patel (owner) on 2026-11-06 12:00 UTC',
    );
    const disposed = custodyStateOf(item({ disposed: true }), [event('disposal', '2026-11-07T08:30:00.000Z')]);
    expect(disposed).toMatchObject({ state: 'disposed', holder: '', text: 'disposed of on 2026-11-07 08:30 UTC' });
  });
});
