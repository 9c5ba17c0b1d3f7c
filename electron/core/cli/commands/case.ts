import { CaseDraft, CasePatch } from '../../../../shared/domain/case.ts';
import { formatHead } from '../../../../shared/domain/common.ts';
import { caseCounts, caseInfo, createCase, editCase } from '../../services/cases.ts';
import type { Values } from '../args.ts';
import { UsageError, checked, given, option, parseCommand } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, withCase, changeCase } from '../context.ts';
import { formatInfo, safe } from '../format.ts';

const TYPE_ALIASES: Record<string, string> = { both: 'infiltration_and_extortion' };

/** The case record's options, shared by `new` and `case set`. */
const RECORD_OPTIONS = {
  title: { type: 'string' },
  reference: { type: 'string' },
  type: { type: 'string' },
  status: { type: 'string' },
  severity: { type: 'string' },
  tlp: { type: 'string' },
  'privilege-marking': { type: 'string' },
  lead: { type: 'string' },
  counsel: { type: 'string' },
  'aware-at': { type: 'string' },
  'aware-zone': { type: 'string' },
  summary: { type: 'string' },
} as const;

const RECORD_FLAGS = {
  title: '--title',
  reference: '--reference',
  caseType: '--type',
  status: '--status',
  severity: '--severity',
  tlp: '--tlp',
  privilegeMarking: '--privilege-marking',
  leadInvestigator: '--lead',
  legalCounsel: '--counsel',
  awareAt: '--aware-at',
  awareZone: '--aware-zone',
  summary: '--summary',
};

function recordFields(values: Values) {
  const type = option(values, 'type');
  return {
    title: option(values, 'title'),
    reference: option(values, 'reference'),
    caseType: type === undefined ? undefined : (TYPE_ALIASES[type] ?? type),
    status: option(values, 'status'),
    severity: option(values, 'severity'),
    tlp: option(values, 'tlp')?.toUpperCase(),
    privilegeMarking: option(values, 'privilege-marking'),
    leadInvestigator: option(values, 'lead'),
    legalCounsel: option(values, 'counsel'),
    awareAt: option(values, 'aware-at'),
    awareZone: option(values, 'aware-zone'),
    summary: option(values, 'summary'),
  };
}

export const caseCommands = {
  new(args, cli) {
    const { values, file } = parseCommand(args, { options: RECORD_OPTIONS });
    const draft = checked(
      CaseDraft,
      given({ ...recordFields(values), title: option(values, 'title') ?? '' }),
      RECORD_FLAGS,
    );
    const caseDb = createCase(file, draft, cli.context(values));
    const info = caseInfo(caseDb);
    caseDb.close();
    cli.io.out(
      values.json
        ? JSON.stringify({ path: info.path, id: info.record.id, head: info.head })
        : `Created ${safe(info.path)}\nAudit head: ${formatHead(info.head)}`,
    );
    return EXIT.ok;
  },
  info(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const info = caseInfo(caseDb);
      const counts = caseCounts(caseDb);
      cli.io.out(
        values.json
          ? JSON.stringify({ path: info.path, case: info.record, counts, head: info.head }, null, 2)
          : formatInfo(info, counts),
      );
      return EXIT.ok;
    });
  },
  'case set'(args, cli) {
    const { values, file } = parseCommand(args, { options: RECORD_OPTIONS });
    const fields = given(recordFields(values));
    if (Object.keys(fields).length === 0) {
      throw new UsageError('give at least one field to change, e.g. --status contained or --lead "Dana Whitfield"');
    }
    // An empty --aware-at clears the date; the patch says so with null, as the app does.
    const patch = checked(
      CasePatch,
      { ...fields, ...(fields.awareAt === '' ? { awareAt: null, awareZone: null } : {}) },
      RECORD_FLAGS,
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const info = editCase(caseDb, ctx, patch);
      return { json: { case: info.record }, text: `Updated the case record of ${safe(info.path)}` };
    });
  },
} satisfies Runners;
