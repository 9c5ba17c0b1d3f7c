import { LinkConfidence, SubjectDraft, SubjectLinkDraft } from '../../../../shared/domain/subject.ts';
import type { Subject, SubjectDetail } from '../../../../shared/domain/subject.ts';
import {
  addSubject,
  findLinkTarget,
  findSubject,
  linkSubject,
  listSubjects,
  removeSubject,
  subjectDetail,
  unlinkSubject,
} from '../../services/subjects.ts';
import { UsageError, checked, given, option, parseCommand } from '../args.ts';
import type { Values } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, changeCase, withCase } from '../context.ts';
import { safe } from '../format.ts';

const SUBJECT_OPTIONS = {
  name: { type: 'string' },
  role: { type: 'string' },
  kind: { type: 'string' },
  alias: { type: 'string', multiple: true },
  'claimed-name': { type: 'string' },
  'claimed-nationality': { type: 'string' },
  'claimed-location': { type: 'string' },
  documents: { type: 'string' },
  'verified-name': { type: 'string' },
  'verified-nationality': { type: 'string' },
  'verified-location': { type: 'string' },
  findings: { type: 'string' },
  verdict: { type: 'string' },
  hired: { type: 'string' },
  started: { type: 'string' },
  terminated: { type: 'string' },
  manager: { type: 'string' },
  notes: { type: 'string' },
  tlp: { type: 'string' },
} as const;

/** Each field of a subject and the option that sets it: the names refusals use. */
const FLAGS: Record<string, string> = {
  name: '--name',
  role: '--role',
  kind: '--kind',
  aliases: '--alias',
  claimedName: '--claimed-name',
  claimedNationality: '--claimed-nationality',
  claimedLocation: '--claimed-location',
  claimedDocuments: '--documents',
  verifiedName: '--verified-name',
  verifiedNationality: '--verified-nationality',
  verifiedLocation: '--verified-location',
  findings: '--findings',
  identityVerdict: '--verdict',
  hiredOn: '--hired',
  startedOn: '--started',
  terminatedOn: '--terminated',
  manager: '--manager',
  notes: '--notes',
  tlp: '--tlp',
};

function subjectFields(values: Values) {
  const flagOf = Object.fromEntries(Object.entries(FLAGS).map(([field, flag]) => [field, flag.slice(2)]));
  const fields: Record<string, unknown> = {};
  for (const [field, flag] of Object.entries(flagOf)) {
    if (field === 'aliases') continue;
    const value = option(values, flag);
    if (value !== undefined) fields[field] = field === 'tlp' ? value.toUpperCase() : value;
  }
  const aliases = values.alias as unknown as string[] | undefined;
  if (aliases) fields.aliases = aliases;
  return given(fields);
}

const aliasText = (s: Subject) => (s.aliases.length > 0 ? `, aka ${s.aliases.map(safe).join(', ')}` : '');

/** A subject's page: what was claimed beside what was found, then what it is linked to. */
function formatSubject(detail: SubjectDetail): string {
  const s = detail.subject;
  const out = [`${safe(s.name)}  (${s.role}, ${s.kind})  TLP:${s.tlp}${s.removed ? '  REMOVED' : ''}`];
  if (s.aliases.length > 0) out.push(`Aliases:   ${s.aliases.map(safe).join(', ')}`);
  const pairs: [string, string, string][] = [
    ['Name', s.claimedName, s.verifiedName],
    ['Nationality', s.claimedNationality, s.verifiedNationality],
    ['Location', s.claimedLocation, s.verifiedLocation],
  ];
  const shown = pairs.filter(([, claimed, verified]) => claimed || verified);
  if (shown.length > 0) {
    out.push('', `${''.padEnd(13)}${'Claimed'.padEnd(32)}Verified`);
    for (const [what, claimed, verified] of shown) {
      out.push(`${what.padEnd(13)}${safe(claimed || '—').padEnd(32)}${safe(verified || '—')}`);
    }
  }
  if (s.claimedDocuments) out.push(`Documents shown: ${safe(s.claimedDocuments)}`);
  out.push(`Identity:  ${s.identityVerdict}`);
  if (s.findings) out.push(`Findings:  ${safe(s.findings)}`);
  const dates = [
    s.hiredOn && `hired ${s.hiredOn}`,
    s.startedOn && `started ${s.startedOn}`,
    s.terminatedOn && `terminated ${s.terminatedOn}`,
    s.manager && `manager ${safe(s.manager)}`,
  ].filter(Boolean);
  if (dates.length > 0) out.push(`Employment: ${dates.join(', ')}`);
  if (s.notes) out.push(`Notes:     ${safe(s.notes)}`);
  out.push(
    '',
    detail.links.length > 0 ? 'Links:' : 'Links: none (custos subject link FILE SUBJECT --to X --relation R)',
  );
  for (const l of detail.links) {
    out.push(
      `  ${safe(l.relation)} → ${safe(l.label)}  (${l.targetType.replace('_', ' ')}${l.confidence ? `; confidence ${l.confidence}` : ''}; link ${l.id})`,
    );
  }
  if (detail.linkedFrom.length > 0) {
    out.push('Linked from:');
    for (const l of detail.linkedFrom) {
      out.push(
        `  ${safe(l.label)}: ${safe(l.relation)}${l.confidence ? ` (confidence ${l.confidence})` : ''}  (link ${l.id})`,
      );
    }
  }
  out.push('', `Id: ${s.id}`);
  return out.join('\n');
}

export const subjectCommands = {
  'subject add'(args, cli) {
    const { values, file } = parseCommand(args, { options: SUBJECT_OPTIONS });
    const fields = subjectFields(values);
    if (!fields.name) throw new UsageError('--name is required: the name the subject is known by in this case');
    const draft = checked(SubjectDraft, fields, FLAGS);
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const subject = addSubject(caseDb, ctx, draft);
      return {
        json: { subject },
        text: `Added subject ${safe(subject.name)} (${subject.role}${aliasText(subject)}), id ${subject.id}`,
      };
    });
  },
  'subject list'(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const subjects = listSubjects(caseDb);
      if (values.json) cli.io.out(JSON.stringify(subjects, null, 2));
      else if (subjects.length === 0) cli.io.out('No subjects yet (custos subject add FILE --name N --role R)');
      else {
        for (const s of subjects) {
          cli.io.out(`${safe(s.name)}  ${s.role}, identity ${s.identityVerdict}${aliasText(s)}  (id ${s.id})`);
        }
      }
      return EXIT.ok;
    });
  },
  'subject show'(args, cli) {
    const { values, file, rest } = parseCommand(args, { min: 1, names: 'the SUBJECT (its id or name)' });
    return withCase(cli, file, 'read', (caseDb) => {
      const detail = subjectDetail(caseDb, findSubject(caseDb, rest[0]!).id);
      cli.io.out(values.json ? JSON.stringify(detail, null, 2) : formatSubject(detail));
      return EXIT.ok;
    });
  },
  'subject link'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: { to: { type: 'string' }, relation: { type: 'string' }, confidence: { type: 'string' } },
      min: 1,
      names: 'the SUBJECT (its id or name)',
    });
    const to = option(values, 'to');
    if (!to?.trim()) {
      throw new UsageError(
        '--to is required: a subject (id or name), an exhibit number, an indicator, an event or a note',
      );
    }
    const relation = option(values, 'relation');
    if (!relation?.trim()) throw new UsageError('--relation is required, e.g. --relation "received the laptop for"');
    const confidence = checked(LinkConfidence, option(values, 'confidence')?.toLowerCase() ?? '', {
      '': '--confidence',
    });
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const subject = findSubject(caseDb, rest[0]!);
      const target = findLinkTarget(caseDb, to);
      const draft = checked(
        SubjectLinkDraft,
        { subjectId: subject.id, targetType: target.targetType, targetId: target.targetId, relation, confidence },
        { relation: '--relation', confidence: '--confidence' },
      );
      const detail = linkSubject(caseDb, ctx, draft);
      const link = detail.links.find(
        (l) => l.targetId === draft.targetId && l.targetType === draft.targetType && l.relation === draft.relation,
      )!;
      return {
        json: { link, subject: detail.subject },
        text: `Linked ${safe(subject.name)} ${safe(link.relation)} → ${safe(link.label)}${link.confidence ? ` (confidence ${link.confidence})` : ''}; link ${link.id}`,
      };
    });
  },
  'subject unlink'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      min: 1,
      max: 1,
      names: 'the LINK id (subject show lists them)',
    });
    return changeCase(cli, values, file, (caseDb, ctx) => {
      unlinkSubject(caseDb, ctx, rest[0]!.trim());
      return { json: { unlinked: rest[0]!.trim() }, text: `Unlinked ${rest[0]!.trim()} (kept in the file as removed)` };
    });
  },
  'subject remove'(args, cli) {
    const { values, file, rest } = parseCommand(args, { min: 1, max: 1, names: 'the SUBJECT (its id or name)' });
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const subject = findSubject(caseDb, rest[0]!);
      removeSubject(caseDb, ctx, subject.id);
      return {
        json: { removed: subject.id },
        text: `Removed subject ${safe(subject.name)} (${subject.id}); the record and its links stay in the file, marked removed`,
      };
    });
  },
} satisfies Runners;
