import { formatHead } from '../../../../shared/domain/common.ts';
import type { CaseOverview, NextAction } from '../../../../shared/domain/overview.ts';
import { timeLeft } from '../../../../shared/logic/deadlines.ts';
import { formatInZone, isValidZone } from '../../../../shared/logic/time.ts';
import { caseInfo } from '../../services/cases.ts';
import { caseOverview } from '../../services/overview.ts';
import { parseCommand } from '../args.ts';
import type { Runners } from '../command.ts';
import type { Cli } from '../context.ts';
import { EXIT, withCase } from '../context.ts';
import { safe } from '../format.ts';

/**
 * `custos overview CASE`: the case at a glance, as the app's Overview shows it: integrity, what the
 * case holds, what is out of the organisation's hands, deadlines, playbook progress, the latest
 * activity and what to do next, each with the command that does it. Every time is given in the
 * examiner's zone and in UTC.
 */

/** The zone the examiner chose in their profile, else UTC (a broken settings file is not this command's to fix). */
function examinerZone(cli: Cli): string {
  try {
    const zone = cli.appData().profile()?.timeZone ?? '';
    return zone && isValidZone(zone) ? zone : 'UTC';
  } catch {
    return 'UTC';
  }
}

/** "2026-11-05 10:00 Europe/Berlin (09:00 UTC)", with the UTC date when it is another day. */
function when(utc: string, zone: string): string {
  const inUtc = formatInZone(utc, 'UTC');
  const utcText = `${inUtc.date} ${inUtc.time.slice(0, 5)} UTC`;
  if (zone === 'UTC') return utcText;
  const local = formatInZone(utc, zone);
  const utcPart = local.date === inUtc.date ? `${inUtc.time.slice(0, 5)} UTC` : utcText;
  return `${local.date} ${local.time.slice(0, 5)} ${zone} (${utcPart})`;
}

/** "2 d 3 h", "17 h 12 min", "12 min" between two instants. */
function span(fromMs: number, toMs: number): string {
  return timeLeft(new Date(toMs).toISOString(), new Date(fromMs)).replace(/^in |^OVERDUE by /, '');
}

/** The case file as a shell word, quoted when it needs to be, for the commands printed to copy. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${safe(path).replaceAll("'", "'\\''")}'`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const section = (title: string, lines: string[]) => [``, title, ...lines.map((l) => `  ${l}`)];

/** The command that does what a "next" item asks. */
function commandFor(action: NextAction, overview: CaseOverview, file: string): string {
  const target = action.target;
  switch (target.type) {
    case 'verify':
      return `custos verify ${file}`;
    case 'record':
      return `custos case set ${file} --aware-at TIME --aware-zone ZONE`;
    case 'evidence': {
      const item = overview.integrity.flagged.find((f) => f.id === target.id);
      return `custos evidence show ${file} ${item?.exhibit ?? target.id}`;
    }
    case 'register':
      return `custos evidence list ${file}`;
    case 'step':
      return `custos playbook show ${file} ${target.runId}`;
    case 'clock':
      return `custos clock list ${file}`;
    case 'demand':
      return `custos demand list ${file}`;
  }
}

function integrityLines(o: CaseOverview, zone: string, file: string): string[] {
  const { integrity } = o;
  const lines: string[] = [];
  const last = integrity.last;
  if (!last) {
    lines.push(`NEVER VERIFIED   no verification of this case is known; run custos verify ${file}`);
  } else {
    const how = {
      app: 'in the app',
      cli: 'custos verify',
      report: 'for a report',
      export: 'for an export',
      package: 'for a referral package',
    }[last.source];
    lines.push(
      `${last.ok ? 'VERIFIED' : 'FAILED  '}         ${when(last.at, zone)} by ${safe(last.by)} (${how}): ${safe(last.summary)}`,
    );
    lines.push(`Verified head    ${formatHead(last.head)}`);
    lines.push(
      integrity.changesSince === 0
        ? 'Since            no change since'
        : `Since            ${plural(integrity.changesSince, 'change')} not verified yet`,
    );
  }
  lines.push(`Head now         ${formatHead(integrity.head)}`);
  if (integrity.otherCopies > 0) {
    lines.push(
      `Other copies     ${plural(integrity.otherCopies, 'logged verification')} of another copy of this case (its head is not in this file) left out`,
    );
  }
  for (const item of integrity.flagged) {
    lines.push(
      `FLAGGED          ${item.exhibit}  ${safe(item.description)}: ${item.failed ? 'failed verification' : 'flagged'}, ${item.reason}`,
    );
  }
  return lines;
}

export function formatOverview(o: CaseOverview, title: string, reference: string, file: string, zone: string): string {
  const now = Date.parse(o.readAt);
  const c = o.counts;
  const lines: string[] = [
    `${safe(title)}${reference ? `  (${safe(reference)})` : ''}`,
    `As of ${when(o.readAt, zone)}`,
    ...section('INTEGRITY', integrityLines(o, zone, file)),
    ...section('CONTENT', [
      [
        plural(c.events, 'timeline event'),
        plural(c.notes, 'note'),
        `${plural(c.exhibits, 'exhibit')}${c.flagged ? ` (${c.flagged} FLAGGED)` : ''}`,
        `${plural(c.holdsInForce, 'legal hold')} in force`,
        plural(c.subjects, 'subject'),
        plural(c.indicators, 'indicator'),
      ].join(' · '),
    ]),
    ...section('CUSTODY', [
      `${o.custody.held} held by the organisation · ${o.custody.transferred} handed over · ${o.custody.returned} returned · ${o.custody.disposed} disposed of`,
      ...o.custody.away.map((a) => `${a.exhibit}  ${safe(a.description)}: ${safe(a.text)}`),
    ]),
    ...section('AWARE', [
      o.aware
        ? `since ${when(o.aware.at, o.aware.zone)}: ${span(Date.parse(o.aware.at), now)} ago`
        : `not recorded; notification clocks count from it: custos case set ${file} --aware-at TIME --aware-zone ZONE`,
    ]),
    ...section('DEADLINES', [
      ...(o.deadlines.live.length === 0
        ? [
            o.deadlines.clocksOn === 0
              ? 'no notification clock switched on, no open demand with a deadline'
              : 'none running',
          ]
        : o.deadlines.live.map(
            (d) => `${timeLeft(d.dueAt, new Date(now)).padEnd(22)} ${safe(d.label)}   due ${when(d.dueAt, d.zone)}`,
          )),
      ...(o.deadlines.problem ? [`PROBLEM: ${safe(o.deadlines.problem)}`] : []),
    ]),
    ...section(
      'PLAYBOOKS',
      o.playbooks.runs.length === 0
        ? ['no playbook run']
        : [
            ...o.playbooks.runs.map((r) =>
              r.problem
                ? `${safe(r.title)}: cannot be read (${safe(r.problem)})`
                : `${safe(r.title)}${r.status === 'closed' ? ' (closed)' : ''}: ${r.settled}/${r.total} steps settled` +
                  `${r.overdue ? ` · ${r.overdue} OVERDUE` : ''}${r.dueSoon ? ` · ${r.dueSoon} due within a day` : ''}`,
            ),
            ...o.playbooks.overdue.map(
              (s) =>
                `OVERDUE   ${safe(`${s.code} ${s.name}`.trim())} (${safe(s.runTitle)}): was due ${when(s.dueAt, zone)}`,
            ),
            ...o.playbooks.dueSoon.map(
              (s) =>
                `DUE SOON  ${safe(`${s.code} ${s.name}`.trim())} (${safe(s.runTitle)}): due ${when(s.dueAt, zone)}`,
            ),
          ],
    ),
    ...section(
      'LATEST ACTIVITY',
      o.activity.map((a) => `#${String(a.seq).padEnd(6)} ${when(a.at, zone)}  ${safe(a.sentence)}`),
    ),
    ...section(
      'NEXT',
      o.next.length === 0
        ? ['nothing presses']
        : o.next.map(
            (n, i) =>
              `${i + 1}. ${safe(n.text)}${n.dueAt ? ` (${timeLeft(n.dueAt, new Date(now))})` : ''}\n       ${commandFor(n, o, file)}`,
          ),
    ),
  ];
  return lines.join('\n');
}

export const overviewCommands = {
  overview(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const overview = caseOverview(caseDb, { now: new Date(), dataDir: cli.env.dataDir });
      const { record } = caseInfo(caseDb);
      cli.io.out(
        values.json
          ? JSON.stringify(
              { case: { id: record.id, title: record.title, reference: record.reference }, ...overview },
              null,
              2,
            )
          : formatOverview(overview, record.title, record.reference, shellWord(file), examinerZone(cli)),
      );
      return EXIT.ok;
    });
  },
} satisfies Runners;
