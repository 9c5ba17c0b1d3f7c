import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MAX_PLAYBOOK_BYTES, exportCacaoPlaybook } from '../../playbooks/importCacao.ts';
import {
  duplicateTemplate,
  findTemplate,
  importTemplate,
  listTemplates,
  templateSummary,
} from '../../playbooks/library.ts';
import { UsageError, option, parseCommand, quoted } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, changeCase, withCase } from '../context.ts';
import { asEntered, safe } from '../format.ts';
import { AccessStatus, SETTLED_STATES, StepState } from '../../../../shared/domain/playbook.ts';
import type { RunDetail, RunStep } from '../../../../shared/domain/playbook.ts';
import { formatZoned } from '../../../../shared/logic/time.ts';
import { CASE_EXTENSION } from '../../services/cases.ts';
import { resolveOrExplain } from '../../services/timeInput.ts';
import { exportRunCacao, writeExport } from '../../services/playbookExport.ts';
import {
  addAccessItems,
  changeStep,
  checkAccessCsv,
  decideBranch,
  findRun,
  importAccessCsv,
  listAccess,
  runDetail,
  setRunClosed,
  startRun,
  updateAccess,
} from '../../services/playbooks.ts';
import type { AccessLineVerdict } from '../../services/playbooks.ts';
import { checked } from '../args.ts';

const MAX_CSV_BYTES = 8 * 1024 * 1024;

/** Reads a file a person names, refusing what is not a regular file or is too large to be a playbook. */
function readPlaybookFile(path: string): Uint8Array {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${quoted(path)} is not a file; name a CACAO 2.0 JSON file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `cannot read ${quoted(path)} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path`,
    );
  }
  if (size > MAX_PLAYBOOK_BYTES) {
    throw new UsageError(`${quoted(path)} is ${size} bytes, more than the ${MAX_PLAYBOOK_BYTES} a playbook may have`);
  }
  return readFileSync(path);
}

export const playbookCommands = {
  'playbook templates'(args, cli) {
    const { values } = parseCommand(args, { file: false });
    const { usable, unusable } = listTemplates(cli.env.dataDir);
    if (values.json) {
      cli.io.out(
        JSON.stringify(
          {
            templates: usable.map((entry) => ({ ...templateSummary(entry), file: entry.file })),
            unusable,
          },
          null,
          2,
        ),
      );
      return EXIT.ok;
    }
    for (const { template, origin, file } of usable) {
      const actions = template.steps.filter((s) => s.type === 'action').length;
      cli.io.out(
        `${safe(template.name)}\n  ${template.id}  ${origin}, ${actions} steps, version ${template.modified}\n  ${safe(file)}`,
      );
    }
    for (const { file, problem } of unusable) cli.io.err(`custos: not usable: ${safe(file)}: ${safe(problem)}`);
    return EXIT.ok;
  },
  'playbook export'(args, cli) {
    const { values, rest } = parseCommand(args, {
      file: false,
      options: { out: { type: 'string' } },
      min: 1,
      max: 2,
      names: 'the TEMPLATE (name, id, or file name), or a CASE file and its RUN',
    });
    const out = option(values, 'out');
    if (!out) throw new UsageError('--out FILE is required: where to write the CACAO 2.0 JSON');
    const target = resolve(out);
    if (existsSync(target)) {
      throw new UsageError(`${quoted(target)} exists; choose a new file name (nothing is overwritten)`);
    }
    if (!existsSync(dirname(target))) throw new UsageError(`the folder ${quoted(dirname(target))} does not exist`);
    // A case file first: a run of it, with what was done; otherwise a template by name.
    if (rest[0]!.toLowerCase().endsWith(CASE_EXTENSION) || rest.length === 2) {
      return withCase(cli, rest[0]!, 'read', (caseDb) => {
        const run = findRun(caseDb, rest[1]);
        const written = writeExport(target, exportRunCacao(caseDb, run.id, new Date()), false);
        cli.io.out(
          values.json
            ? JSON.stringify({ run: run.id, ...written }, null, 2)
            : `Exported the run "${safe(run.title)}" with its step record as CACAO 2.0 to ${safe(target)} (SHA-256 ${written.sha256})`,
        );
        return EXIT.ok;
      });
    }
    const { template } = findTemplate(cli.env.dataDir, rest[0]!);
    const written = writeExport(target, exportCacaoPlaybook(template), false);
    cli.io.out(
      values.json
        ? JSON.stringify({ id: template.id, file: target, sha256: written.sha256 }, null, 2)
        : `Exported "${safe(template.name)}" as CACAO 2.0 to ${safe(target)}`,
    );
    return EXIT.ok;
  },
  'playbook import'(args, cli) {
    const { values, rest } = parseCommand(args, { file: false, min: 1, max: 1, names: 'the CACAO 2.0 FILE to import' });
    const path = resolve(rest[0]!);
    const { template, file } = importTemplate(cli.env.dataDir, readPlaybookFile(path), path);
    const actions = template.steps.filter((s) => s.type === 'action').length;
    cli.io.out(
      values.json
        ? JSON.stringify({ id: template.id, name: template.name, file }, null, 2)
        : `Imported "${safe(template.name)}" (${actions} steps) into your templates: ${safe(file)}`,
    );
    return EXIT.ok;
  },
  'playbook duplicate'(args, cli) {
    const { values, rest } = parseCommand(args, {
      file: false,
      options: { name: { type: 'string' } },
      min: 1,
      names: 'the TEMPLATE to copy (name, id, or file name)',
    });
    const name = option(values, 'name');
    if (!name?.trim()) throw new UsageError('--name is required: what the copy is called');
    const { template, file } = duplicateTemplate(cli.env.dataDir, rest[0]!, name, new Date());
    cli.io.out(
      values.json
        ? JSON.stringify({ id: template.id, name: template.name, file }, null, 2)
        : `Copied to "${safe(template.name)}" (${template.id}) in your templates: ${safe(file)}\nTo change its steps: custos playbook export "${safe(template.name)}" --out FILE, edit the CACAO JSON, custos playbook import FILE`,
    );
    return EXIT.ok;
  },
  'playbook start'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: { t0: { type: 'string' }, zone: { type: 'string' }, title: { type: 'string' } },
      min: 1,
      names: 'the TEMPLATE to start (name, id, or file name)',
    });
    const t0 = option(values, 't0');
    if (!t0) {
      throw new UsageError(
        '--t0 TIME is required: the anchor time the steps are due from (e.g. the planned revocation)',
      );
    }
    const { template } = findTemplate(cli.env.dataDir, rest[0]!);
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const detail = startRun(caseDb, ctx, template, {
        t0,
        zone: option(values, 'zone'),
        title: option(values, 'title'),
      });
      return {
        json: { run: detail.run },
        text: `Started "${safe(detail.run.title)}" (run ${detail.run.id}): ${detail.steps.filter((s) => s.kind === 'action').length} steps, ${detail.template.anchor.label} ${asEntered(detail.run.anchorAt, detail.run.anchorZone)}`,
      };
    });
  },
  'playbook show'(args, cli) {
    const { values, file, rest } = parseCommand(args, { max: 1 });
    return withCase(cli, file, 'read', (caseDb) => {
      const detail = runDetail(caseDb, findRun(caseDb, rest[0]).id, new Date());
      cli.io.out(
        values.json
          ? JSON.stringify(detail.run && { run: detail.run, steps: detail.steps }, null, 2)
          : formatRun(detail, new Date()),
      );
      return EXIT.ok;
    });
  },
  'playbook step'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: {
        state: { type: 'string' },
        at: { type: 'string' },
        zone: { type: 'string' },
        outcome: { type: 'string' },
        reason: { type: 'string' },
        assignee: { type: 'string' },
        proof: { type: 'string', multiple: true },
        run: { type: 'string' },
        'on-timeline': { type: 'boolean' },
      },
      min: 1,
      names: 'the STEP (its code, such as B4)',
    });
    const state = checked(StepState, option(values, 'state') ?? '', { '': '--state' });
    const proof = ((values.proof as unknown as string[] | undefined) ?? [])
      .flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter(Boolean);
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const step = changeStep(caseDb, ctx, option(values, 'run'), rest[0]!, {
        state,
        at: option(values, 'at'),
        zone: option(values, 'zone'),
        outcome: option(values, 'outcome'),
        reason: option(values, 'reason'),
        assignee: option(values, 'assignee'),
        proof,
        onTimeline: values['on-timeline'] === true,
      });
      return {
        json: { step },
        text: `${step.code} ${state.replace('_', ' ')}${step.doneAt ? ` at ${asEntered(step.doneAt, step.doneZone ?? 'UTC')} by ${safe(step.doneBy)}` : ''}${step.outOfOrder ? ' (out of order: steps before it are not finished)' : ''}${step.proof.length > 0 ? `; proof: ${step.proof.map((p) => safe(p.label)).join(', ')}` : ''}`,
      };
    });
  },
  'playbook decide'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: {
        answer: { type: 'string' },
        at: { type: 'string' },
        zone: { type: 'string' },
        reason: { type: 'string' },
        run: { type: 'string' },
      },
      min: 1,
      max: 1,
      names: 'the QUESTION step (its code, such as D4)',
    });
    const answer = option(values, 'answer');
    if (!answer) {
      throw new UsageError('--answer is required (yes or no for a question; a case such as US for a switch)');
    }
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const step = decideBranch(caseDb, ctx, option(values, 'run'), rest[0]!, {
        answer,
        at: option(values, 'at'),
        zone: option(values, 'zone'),
        reason: option(values, 'reason'),
      });
      const leads = step.options.find((o) => o.label === step.outcome)?.leadsTo ?? '';
      return {
        json: { step },
        text: `${step.code || step.name} answered ${safe(step.outcome)} (leads to ${safe(leads)}) at ${asEntered(step.doneAt ?? '', step.doneZone ?? 'UTC')} by ${safe(step.doneBy)}; steps on the other branches are not applicable`,
      };
    });
  },
  'playbook close'(args, cli) {
    const { values, file, rest } = parseCommand(args, { options: { reopen: { type: 'boolean' } }, max: 1 });
    const reopen = values.reopen === true;
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const run = setRunClosed(caseDb, ctx, rest[0], !reopen);
      const open = runDetail(caseDb, run.id, new Date()).steps.filter(
        (s) => s.kind === 'action' && !SETTLED_STATES.includes(s.state),
      ).length;
      return {
        json: { run },
        text: reopen
          ? `Reopened the run "${safe(run.title)}"`
          : `Closed the run "${safe(run.title)}"${open > 0 ? `; ${open} steps were still open and stay as they were` : ''}`,
      };
    });
  },
  'access update'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: {
        status: { type: 'string' },
        at: { type: 'string' },
        zone: { type: 'string' },
        proof: { type: 'string' },
        notes: { type: 'string' },
      },
      min: 1,
      max: 1,
      names: 'the ITEM (its id, or its first characters; custos access list shows them)',
    });
    const status = checked(AccessStatus, option(values, 'status') ?? '', { '': '--status' });
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const item = updateAccess(caseDb, ctx, rest[0]!, {
        status,
        at: option(values, 'at'),
        zone: option(values, 'zone'),
        proof: option(values, 'proof'),
        notes: option(values, 'notes'),
      });
      const when = item.status === 'verified_dead' ? item.verifiedAt : item.revokedAt;
      return {
        json: { item },
        text: `${safe(item.system)} ${safe(item.identifier)}: ${item.status.replace('_', ' ')}${when && (item.status === 'revoked' || item.status === 'verified_dead') ? ` at ${formatZoned(when, 'UTC')}` : ''}`,
      };
    });
  },
  'access add'(args, cli) {
    const { values, file } = parseCommand(args, {
      options: {
        system: { type: 'string' },
        identifier: { type: 'string' },
        category: { type: 'string' },
        owner: { type: 'string' },
        status: { type: 'string' },
        'revoked-at': { type: 'string' },
        zone: { type: 'string' },
        proof: { type: 'string' },
        notes: { type: 'string' },
      },
    });
    const system = option(values, 'system')?.trim();
    const identifier = option(values, 'identifier')?.trim();
    if (!system || !identifier) {
      throw new UsageError('--system and --identifier are required (e.g. --system GitHub --identifier jkim-dev)');
    }
    const status = checked(AccessStatus, option(values, 'status') ?? 'active', { '': '--status' });
    // A time read like every other: as entered, in its zone, refused with the reason if it is not one.
    const given = option(values, 'revoked-at');
    const revokedAt = given ? resolveOrExplain(given, option(values, 'zone'), '--revoked-at').utc : undefined;
    if (revokedAt && status === 'active') {
      throw new UsageError('--revoked-at with --status active; say --status revoked');
    }
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const [item] = addAccessItems(caseDb, ctx, [
        {
          category: option(values, 'category')?.trim() ?? '',
          system,
          identifier,
          owner: option(values, 'owner')?.trim() ?? '',
          status,
          revokedAt: revokedAt ?? null,
          verifiedAt: null,
          notes: option(values, 'notes')?.trim() ?? '',
          proof: option(values, 'proof'),
        },
      ]);
      return { json: { item }, text: `Added ${safe(system)} ${safe(identifier)} (${status}) to the access inventory` };
    });
  },
  'access import'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: { 'dry-run': { type: 'boolean' } },
      min: 1,
      names: 'the CSV file to import',
    });
    const csvPath = resolve(rest[0]!);
    let text: string;
    try {
      const stat = statSync(csvPath);
      if (!stat.isFile()) throw new UsageError(`${quoted(csvPath)} is not a file`);
      if (stat.size > MAX_CSV_BYTES) throw new UsageError(`${quoted(csvPath)} is larger than ${MAX_CSV_BYTES} bytes`);
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(csvPath));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(
        error instanceof TypeError
          ? `${quoted(csvPath)} is not UTF-8 text; save it as CSV UTF-8`
          : `cannot read ${quoted(csvPath)} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path`,
      );
    }
    const dryRun = values['dry-run'] === true;
    const report = (verdicts: AccessLineVerdict[]) =>
      verdicts.map((v) => `line ${v.line}: ${v.verdict}  ${safe(v.system)}  ${safe(v.identifier)}`).join('\n');
    if (dryRun) {
      return withCase(cli, file, 'read', (caseDb) => {
        const { verdicts } = checkAccessCsv(caseDb, text);
        cli.io.out(
          values.json
            ? JSON.stringify({ verdicts }, null, 2)
            : `${report(verdicts)}\nPreview only: nothing was imported`,
        );
        return EXIT.ok;
      });
    }
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const verdicts = importAccessCsv(caseDb, ctx, text);
      const added = verdicts.filter((v) => v.verdict === 'added').length;
      return { json: { verdicts }, text: `${report(verdicts)}\nImported ${added} of ${verdicts.length} lines` };
    });
  },
  'access list'(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const items = listAccess(caseDb);
      if (values.json) cli.io.out(JSON.stringify(items, null, 2));
      else if (items.length === 0) {
        cli.io.out('No access recorded yet (custos access add FILE --system S --identifier I)');
      } else {
        for (const i of items) {
          cli.io.out(
            `${i.id.slice(0, 8)}  ${i.status.padEnd(14)} ${safe(i.system)}  ${safe(i.identifier)}${i.owner ? `  owner ${safe(i.owner)}` : ''}${i.category ? `  [${safe(i.category)}]` : ''}${i.revokedAt ? `  revoked ${formatZoned(i.revokedAt, 'UTC')}` : ''}${i.verifiedAt ? `  verified dead ${formatZoned(i.verifiedAt, 'UTC')}` : ''}`,
          );
        }
      }
      return EXIT.ok;
    });
  },
} satisfies Runners;

/** T−72 h, T+15 min: a time relative to the anchor, as a team running a termination says it. */
function relative(at: string, anchor: string, label: string): string {
  const minutes = Math.round((Date.parse(at) - Date.parse(anchor)) / 60_000);
  const sign = minutes < 0 ? '−' : '+';
  const m = Math.abs(minutes);
  const parts = [
    Math.floor(m / 1440) && `${Math.floor(m / 1440)} d`,
    Math.floor((m % 1440) / 60) && `${Math.floor((m % 1440) / 60)} h`,
    m % 60 && `${m % 60} min`,
  ].filter(Boolean);
  return `${label}${sign}${parts.join(' ') || '0 min'}`;
}

/** A run on the terminal: by phase, with T0, progress, and what is overdue. */
function formatRun({ run, template, steps }: RunDetail, now: Date): string {
  const label = template.anchor.label;
  const settled = (s: RunStep) => SETTLED_STATES.includes(s.state);
  // Progress counts the steps to do; a question answered is not work done.
  const actions = steps.filter((s) => s.kind === 'action');
  const lines = [
    `${safe(run.title)}  (run ${run.id}, ${run.status})`,
    `Template: ${safe(template.name)}, version ${run.templateVersion}`,
    `${label}: ${asEntered(run.anchorAt, run.anchorZone)} (${formatZoned(run.anchorAt, 'UTC')}); now ${relative(now.toISOString(), run.anchorAt, label)}`,
    `Progress: ${actions.filter(settled).length} of ${actions.length} settled; ${steps.filter((s) => s.overdue).length} overdue`,
  ];
  // Steps of no known phase (a playbook made elsewhere has none) are listed together at the end.
  const known = new Set(template.phases.map((p) => p.code));
  const groups = [...template.phases, { code: '', title: template.phases.length > 0 ? 'Other steps' : 'Steps' }];
  for (const phase of groups) {
    const inPhase = steps.filter((s) => (phase.code ? s.phase === phase.code : !known.has(s.phase)));
    if (inPhase.length === 0) continue;
    const toDo = inPhase.filter((s) => s.kind === 'action');
    lines.push(
      '',
      `${phase.code ? `Phase ${phase.code}: ` : ''}${safe(phase.title)} (${toDo.filter(settled).length}/${toDo.length})`,
    );
    for (const s of inPhase) {
      if (s.kind === 'decision') {
        const answers = s.options.map((o) => `${o.label} → ${safe(o.leadsTo)}`).join(', ');
        lines.push(`  ${s.code.padEnd(5)} ${'question'.padEnd(14)} ${''.padEnd(28)} ${safe(s.name)}`);
        lines.push(
          `        ${
            s.state === 'done'
              ? `answered ${safe(s.outcome)} ${asEntered(s.doneAt ?? '', s.doneZone ?? 'UTC')} by ${safe(s.doneBy)}${s.reason ? `; reason: ${safe(s.reason)}` : ''}`
              : s.state === 'not_applicable'
                ? 'not asked: on a branch not taken'
                : `answers: ${answers}${s.overdue ? '; OVERDUE' : ''}`
          }`,
        );
        continue;
      }
      const due = s.dueAt ? `due ${relative(s.dueAt, run.anchorAt, label)}` : '';
      const done = s.doneAt
        ? `${s.state === 'done' ? 'done' : s.state} ${asEntered(s.doneAt, s.doneZone ?? 'UTC')} by ${safe(s.doneBy)}`
        : '';
      const notes = [
        s.overdue ? 'OVERDUE' : '',
        s.outOfOrder ? 'out of order' : '',
        s.reason ? `reason: ${safe(s.reason)}` : '',
        s.outcome ? `outcome: ${safe(s.outcome)}` : '',
        s.proof.length > 0 ? `proof: ${s.proof.map((p) => safe(p.label)).join(', ')}` : '',
      ].filter(Boolean);
      lines.push(`  ${s.code.padEnd(5)} ${s.state.padEnd(14)} ${safe(s.role).padEnd(28)} ${safe(s.name)}`);
      const detail = [due, done, ...notes].filter(Boolean).join('; ');
      if (detail) lines.push(`        ${detail}`);
    }
  }
  return lines.join('\n');
}
