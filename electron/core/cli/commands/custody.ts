import { formatHead } from '../../../../shared/domain/common.ts';
import { CustodyTransferDraft } from '../../../../shared/domain/evidence.ts';
import { caseInfo } from '../../services/cases.ts';
import { transferCustody } from '../../services/evidence/custody.ts';
import { evidenceDetail } from '../../services/evidence/register.ts';
import { checked, option, parseCommand } from '../args.ts';
import type { Runner, Runners } from '../command.ts';
import { EXIT, withCase } from '../context.ts';
import { safe } from '../format.ts';

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  purpose: { type: 'string' },
  'seal-before': { type: 'string' },
  'seal-after': { type: 'string' },
  'from-location': { type: 'string' },
  'to-location': { type: 'string' },
  'check-hash': { type: 'boolean' },
} as const;

const FLAGS = {
  from: '--from',
  to: '--to',
  purpose: '--purpose',
  sealBefore: '--seal-before',
  sealAfter: '--seal-after',
  fromLocation: '--from-location',
  toLocation: '--to-location',
};

/** A hand-over to someone else, or an item going back to its owner; with a hash check on request. */
function handOver(kind: 'transfer' | 'return'): Runner {
  return (args, cli) => {
    const { values, file, rest } = parseCommand(args, {
      options: OPTIONS,
      min: 1,
      names: `the item (id or exhibit number) to ${kind}`,
      tooMany: `exactly one item (id or exhibit number) to ${kind}`,
    });
    const draft = checked(
      CustodyTransferDraft,
      {
        kind,
        from: option(values, 'from') ?? '',
        to: option(values, 'to') ?? '',
        purpose: option(values, 'purpose') ?? '',
        sealBefore: option(values, 'seal-before'),
        sealAfter: option(values, 'seal-after'),
        fromLocation: option(values, 'from-location'),
        toLocation: option(values, 'to-location'),
        checkHash: values['check-hash'] === true,
      },
      FLAGS,
    );
    const ctx = cli.context(values);
    return withCase(cli, file, 'write', async (caseDb) => {
      const event = await transferCustody(caseDb, ctx, rest[0]!, draft);
      const { item } = evidenceDetail(caseDb, event.itemId);
      const head = caseInfo(caseDb).head;
      cli.io.out(
        values.json
          ? JSON.stringify({ event, head }, null, 2)
          : `${item.exhibit}: ${safe(event.releasedBy)} → ${safe(event.receivedBy)} (${safe(event.purpose)})${event.hashResult ? `, hash ${event.hashResult}` : ''}\nAudit head: ${formatHead(head)}`,
      );
      if (event.hashResult === 'mismatch' || event.hashResult === 'missing') {
        cli.io.err(`custos: integrity failure: ${item.exhibit}: hash check at ${kind}: ${safe(event.details)}`);
        return EXIT.integrity;
      }
      return EXIT.ok;
    });
  };
}

export const custodyCommands = {
  'custody transfer': handOver('transfer'),
  'custody return': handOver('return'),
} satisfies Runners;
