import {
  DECISION_LABELS,
  DecisionDraft,
  DemandDraft,
  MessageDraft,
  SignOffRequest,
  ValidationDraft,
} from '../../../../shared/domain/extortion.ts';
import type {
  ExtortionDecision,
  ExtortionDemand,
  ExtortionRecord,
  SanctionsNotice,
} from '../../../../shared/domain/extortion.ts';
import { timeLeft } from '../../../../shared/logic/deadlines.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { evidenceDetail } from '../../services/evidence/register.ts';
import {
  addDemand,
  addMessage,
  addValidation,
  decide,
  extortionRecord,
  namesPayment,
  sanctionsNotice,
  signOff,
} from '../../services/extortion.ts';
import { checked, given, option, parseCommand } from '../args.ts';
import type { Values } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, changeCase, withCase } from '../context.ts';
import { asEntered, safe } from '../format.ts';

/** Options as the usage names them, for refusals that point at the option, not the field. */
const FLAGS = {
  at: '--at',
  zone: '--zone',
  summary: '--summary',
  channel: '--channel',
  sender: '--sender',
  body: '--body',
  evidence: '--evidence',
  threat: '--threat',
  amount: '--amount',
  asset: '--asset',
  payTo: '--pay-to',
  deadline: '--deadline',
  messageId: '--message',
  offeredProof: '--offered-proof',
  demandId: 'DEMAND',
  samples: '--samples',
  comparedAgainst: '--compared-against',
  result: '--result',
  notes: '--notes',
  decision: '--decision',
  reasons: '--reasons',
  decidedBy: '--decided-by',
  counsel: '--counsel',
  counselSignedAt: '--signed-at',
};

const strings = (...names: string[]) => Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));

/** The given options by field name, leaving out the ones not given so the schema's defaults apply. */
const fields = (values: Values, map: Record<string, string>) =>
  given(Object.fromEntries(Object.entries(map).map(([field, name]) => [field, option(values, name)])));

/** Words wrapped to a terminal's width, so the notice reads as a paragraph. */
function wrap(text: string, width = 100, indent = '  '): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width - indent.length) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/** The sanctions notice as the terminal shows it: the statement, then where it comes from. */
export function noticeText(notice: SanctionsNotice): string {
  return [
    'SANCTIONS: before any payment',
    wrap(safe(notice.text)),
    '  Sources:',
    ...notice.sources.map((s) => `    ${safe(s.name)}: ${safe(s.url)}`),
  ].join('\n');
}

const payment = (d: ExtortionDemand) =>
  [d.amount && `${d.amount} ${safe(d.asset)}`, d.payTo && `to ${safe(d.payTo)}`].filter(Boolean).join(' ') ||
  'no payment named';

const exhibit = (caseDb: CaseDb, id: string | null) => (id ? evidenceDetail(caseDb, id).item.exhibit : null);

function decisionText(d: ExtortionDecision): string {
  const signed = d.counselSignedAt
    ? `counsel ${safe(d.counsel)} signed off ${asEntered(d.counselSignedAt, d.counselSignedZone ?? d.decidedZone)}`
    : d.counsel
      ? `counsel ${safe(d.counsel)} has not signed off yet`
      : 'no counsel sign-off yet';
  return `${DECISION_LABELS[d.decision]}: decided by ${safe(d.decidedBy)} ${asEntered(d.decidedAt, d.decidedZone)}; ${signed}  (id ${d.id})\n      reasons: ${safe(d.reasons)}`;
}

function demandText(caseDb: CaseDb, record: ExtortionRecord, d: ExtortionDemand, now: Date): string {
  const lines = [`Demand ${d.id}  ${d.status.toUpperCase()}`, `  ${payment(d)}`];
  if (d.payToIndicatorId) lines.push(`  pay-to is indicator ${d.payToIndicatorId} of this case`);
  lines.push(
    d.deadlineAt
      ? `  deadline ${d.deadlineAt} (${asEntered(d.deadlineAt, d.deadlineZone ?? 'UTC')}); ${timeLeft(d.deadlineAt, now)}`
      : '  no deadline given',
  );
  lines.push(`  threat: ${safe(d.threat)}`);
  if (d.offeredProof) lines.push(`  offered as proof: ${safe(d.offeredProof)}`);
  const message = record.messages.find((m) => m.id === d.messageId);
  if (message) {
    lines.push(
      `  in the ${message.channel} message from ${safe(message.sender) || 'an unnamed sender'} received ${asEntered(message.receivedAt, message.zone)}: ${safe(message.summary)}`,
    );
  }
  const validations = record.validations.filter((v) => v.demandId === d.id);
  if (validations.length === 0) lines.push('  claims not checked yet (custos demand validate FILE DEMAND …)');
  for (const v of validations) {
    const shown = exhibit(caseDb, v.evidenceItemId);
    lines.push(
      `  validation ${v.result.toUpperCase()}: ${safe(v.samples)} compared against ${safe(v.comparedAgainst)}; by ${safe(v.validatedBy)}${v.validatedAt ? ` ${asEntered(v.validatedAt, v.validatedZone ?? 'UTC')}` : ''}${shown ? `; exhibit ${shown}` : ''}`,
    );
  }
  for (const decision of record.decisions.filter((x) => x.demandId === d.id)) {
    lines.push(`  decision ${decisionText(decision)}`);
  }
  return lines.join('\n');
}

export const extortionCommands = {
  'message add'(args, cli) {
    const { values, file } = parseCommand(args, {
      options: strings('at', 'zone', 'summary', 'channel', 'sender', 'body', 'evidence'),
    });
    const draft = checked(
      MessageDraft,
      fields(values, {
        at: 'at',
        zone: 'zone',
        summary: 'summary',
        channel: 'channel',
        sender: 'sender',
        body: 'body',
        evidence: 'evidence',
      }),
      FLAGS,
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const message = addMessage(caseDb, ctx, draft);
      const shown = exhibit(caseDb, message.evidenceItemId);
      return {
        json: { message },
        text: `Added message ${message.id}: ${message.channel}${message.sender ? ` from ${safe(message.sender)}` : ''}, received ${asEntered(message.receivedAt, message.zone)} (${message.receivedAt})${shown ? `; captured as exhibit ${shown}` : ''}`,
      };
    });
  },
  'demand add'(args, cli) {
    const { values, file } = parseCommand(args, {
      options: strings('threat', 'amount', 'asset', 'pay-to', 'deadline', 'zone', 'message', 'offered-proof'),
    });
    const draft = checked(
      DemandDraft,
      fields(values, {
        threat: 'threat',
        amount: 'amount',
        asset: 'asset',
        payTo: 'pay-to',
        deadline: 'deadline',
        zone: 'zone',
        messageId: 'message',
        offeredProof: 'offered-proof',
      }),
      FLAGS,
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const demand = addDemand(caseDb, ctx, draft);
      const notice = namesPayment(demand) ? sanctionsNotice() : null;
      const lines = [
        `Added demand ${demand.id}: ${payment(demand)}${demand.deadlineAt ? `, by ${asEntered(demand.deadlineAt, demand.deadlineZone ?? 'UTC')} (${demand.deadlineAt})` : ''}`,
        ...(demand.payToIndicatorId
          ? [`The pay-to is indicator ${demand.payToIndicatorId}, already in this case`]
          : []),
        ...(notice ? ['', noticeText(notice), ''] : []),
      ];
      return { json: { demand, ...(notice ? { sanctions: notice } : {}) }, text: lines.join('\n') };
    });
  },
  'demand list'(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const record = extortionRecord(caseDb);
      if (values.json) {
        cli.io.out(JSON.stringify(record, null, 2));
        return EXIT.ok;
      }
      const now = new Date();
      const loose = record.decisions.filter((d) => !d.demandId);
      const out = [
        `${record.messages.length} message${record.messages.length === 1 ? '' : 's'}, ${record.demands.length} demand${record.demands.length === 1 ? '' : 's'}, ${record.decisions.length} decision${record.decisions.length === 1 ? '' : 's'}; now ${now.toISOString()}`,
        ...record.demands.map((d) => `\n${demandText(caseDb, record, d, now)}`),
        ...(loose.length > 0
          ? ['', 'Decisions on the extortion as a whole:', ...loose.map((d) => `  ${decisionText(d)}`)]
          : []),
        ...(record.demands.some(namesPayment) ? ['', noticeText(record.sanctions)] : []),
      ];
      if (record.demands.length === 0) out.push('No demands yet (custos demand add FILE --threat T …)');
      cli.io.out(out.join('\n'));
      return EXIT.ok;
    });
  },
  'demand validate'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: strings('samples', 'compared-against', 'result', 'at', 'zone', 'evidence', 'notes'),
      min: 1,
      names: 'the DEMAND id (custos demand list shows it)',
    });
    const draft = checked(
      ValidationDraft,
      {
        demandId: rest[0],
        ...fields(values, {
          samples: 'samples',
          comparedAgainst: 'compared-against',
          result: 'result',
          at: 'at',
          zone: 'zone',
          evidence: 'evidence',
          notes: 'notes',
        }),
      },
      FLAGS,
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const validation = addValidation(caseDb, ctx, draft);
      const shown = exhibit(caseDb, validation.evidenceItemId);
      return {
        json: { validation },
        text: `Recorded validation ${validation.id} of demand ${validation.demandId}: ${validation.result}, by ${safe(validation.validatedBy)}${validation.validatedAt ? ` at ${asEntered(validation.validatedAt, validation.validatedZone ?? 'UTC')} (${validation.validatedAt})` : ''}${shown ? `; exhibit ${shown}` : ''}`,
      };
    });
  },
  'demand decide'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: strings('decision', 'reasons', 'decided-by', 'at', 'zone', 'counsel', 'signed-at'),
      max: 1,
    });
    const draft = checked(
      DecisionDraft,
      {
        ...(rest[0] ? { demandId: rest[0] } : {}),
        ...fields(values, {
          decision: 'decision',
          reasons: 'reasons',
          decidedBy: 'decided-by',
          at: 'at',
          zone: 'zone',
          counsel: 'counsel',
          counselSignedAt: 'signed-at',
        }),
      },
      FLAGS,
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      // The notice is printed BEFORE the decision is written, whenever a live demand names a payment
      // (whatever was decided) or the decision is to pay, and the decision records whether it was
      // shown. With --json stdout stays one JSON object (which carries the notice): the notice goes
      // to stderr when that is a terminal a person reads, and otherwise was not shown before the write.
      const payment = draft.decision === 'pay' || extortionRecord(caseDb).demands.some(namesPayment);
      const notice = payment ? sanctionsNotice() : null;
      let shown = false;
      if (notice && !values.json) {
        cli.io.out(`${noticeText(notice)}\n`);
        shown = true;
      } else if (notice && cli.env.interactive) {
        cli.io.err(`${noticeText(notice)}\n`);
        shown = true;
      }
      const decision = decide(caseDb, ctx, { ...draft, sanctionsShown: shown });
      const lines = [
        `Recorded decision ${decision.id}${decision.demandId ? ` on demand ${decision.demandId}` : ''}`,
        `  ${decisionText(decision)}`,
        ...(notice ? ['  The sanctions notice above was shown before the decision was recorded.'] : []),
      ];
      return { json: { decision, ...(notice ? { sanctions: notice } : {}) }, text: lines.join('\n') };
    });
  },
  'demand sign-off'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: strings('counsel', 'at', 'zone'),
      min: 1,
      max: 1,
      names: 'the DECISION id',
    });
    const request = checked(
      SignOffRequest,
      { id: rest[0], ...fields(values, { counsel: 'counsel', at: 'at', zone: 'zone' }) },
      FLAGS,
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const decision = signOff(caseDb, ctx, request);
      return { json: { decision }, text: `Signed off decision ${decision.id}\n  ${decisionText(decision)}` };
    });
  },
} satisfies Runners;
