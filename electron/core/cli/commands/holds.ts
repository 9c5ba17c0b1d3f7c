import { HoldDraft } from '../../../../shared/domain/evidence.ts';
import { listLegalHolds, placeLegalHold, releaseLegalHold } from '../../services/evidence/hold.ts';
import { listEvidence } from '../../services/evidence/register.ts';
import { UsageError, checked, option, parseCommand } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, withCase, changeCase } from '../context.ts';
import { safe } from '../format.ts';

export const holdCommands = {
  'hold place'(args, cli) {
    const { values, file, rest } = parseCommand(args, { options: { reason: { type: 'string' } }, max: 1 });
    const draft = checked(
      HoldDraft,
      { ...(rest[0] ? { item: rest[0] } : {}), reason: option(values, 'reason') ?? '' },
      { reason: '--reason', item: 'ID' },
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const hold = placeLegalHold(caseDb, ctx, draft);
      return {
        json: { hold },
        text: `Legal hold ${hold.id} placed on ${rest[0] ? safe(rest[0]) : 'the whole case'}: disposal is refused while it is in force`,
      };
    });
  },
  'hold release'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: { reason: { type: 'string' } },
      min: 1,
      names: 'the HOLD_ID (custos hold list shows them)',
    });
    const reason = option(values, 'reason')?.trim() ?? '';
    if (!reason) throw new UsageError('--reason is required: say why the hold is released');
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const hold = releaseLegalHold(caseDb, ctx, rest[0]!, reason);
      return { json: { hold }, text: `Legal hold ${hold.id} released` };
    });
  },
  'hold list'(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const holds = listLegalHolds(caseDb);
      const exhibits = new Map(listEvidence(caseDb).map((i) => [i.id, i.exhibit]));
      if (values.json) cli.io.out(JSON.stringify(holds, null, 2));
      else if (holds.length === 0) cli.io.out('No legal holds in this case');
      else {
        for (const h of holds) {
          const on = h.itemId ? (exhibits.get(h.itemId) ?? h.itemId) : 'whole case';
          const state = h.releasedAt ? `released ${h.releasedAt} by ${safe(h.releasedBy)}` : 'IN FORCE';
          cli.io.out(
            `${h.id}  ${state.padEnd(9)}  ${on}: ${safe(h.reason)} (placed ${h.placedAt} by ${safe(h.placedBy)})`,
          );
        }
      }
      return EXIT.ok;
    });
  },
} satisfies Runners;
