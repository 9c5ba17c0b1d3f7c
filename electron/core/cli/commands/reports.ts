import { existsSync, mkdirSync, readdirSync, rmdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatHead } from '../../../../shared/domain/common.ts';
import { ExportOptions, REPORT_KIND_LABELS, ReportOptions } from '../../../../shared/domain/report.ts';
import type { OutputRecord } from '../../../../shared/domain/report.ts';
import { exactBytes, formatBytes } from '../../../../shared/logic/units.ts';
import { CustosError } from '../../errors.ts';
import { resolveItemRef } from '../../reports/content/index.ts';
import { writeExport } from '../../services/exports.ts';
import { writeReferralPackage } from '../../services/referralPackage.ts';
import { generateReport, listReports, regenerateReport, verifyReportFile } from '../../services/reports.ts';
import type { ReportWork } from '../../services/reports.ts';
import { UsageError, checked, option, parseCommand } from '../args.ts';
import type { Values } from '../args.ts';
import type { Runners } from '../command.ts';
import type { Cli } from '../context.ts';
import { EXIT, withCase } from '../context.ts';
import { asEntered, safe } from '../format.ts';
import { withCancel } from '../progress.ts';

/** The examiner's zone for the cover: the profile's, else this computer's. */
function zoneOf(cli: Cli): string {
  return cli.appData().profile()?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Who made an output: only this version lays a report out byte for byte again. */
const generatorOf = (cli: Cli) => `Custos ${cli.version()}`;

/** Options that only one kind reads are refused for the others, rather than silently ignored. */
function refuseOptionsOfOtherKinds(values: Values): void {
  const kind = option(values, 'kind');
  const only: Array<[string, boolean, string]> = [
    ['--summary', option(values, 'summary') !== undefined, 'law-enforcement'],
    ['--country', list(values, 'country').length > 0, 'law-enforcement'],
    ['--run', option(values, 'run') !== undefined, 'checklist'],
    ['--blank', Boolean(values.blank), 'checklist'],
  ];
  for (const [flag, given, of] of only) {
    if (given && kind !== of) throw new UsageError(`${flag} is for --kind ${of} only`);
  }
}

/** Progress on stderr when it is a terminal: the stage, and how far it is. */
function stagePrinter(cli: Cli): ReportWork['onProgress'] {
  if (!cli.env.interactive) return undefined;
  let last = '';
  return ({ stage, done, total }) => {
    const line = total > 1 ? `${stage} ${Math.floor((100 * done) / total)}%` : stage;
    if (line !== last) cli.io.err(`custos: ${line}`);
    last = line;
  };
}

const list = (values: Values, name: string): string[] => {
  const value = values[name];
  return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
};

/** "1.4 MiB (1,468,006 bytes)": the size as a file manager shows it, and the exact count beside it, as `evidence list` prints sizes. */
function sizeText(bytes: number): string {
  return `${formatBytes(bytes)} (${exactBytes(bytes)})`;
}

function recordText(r: OutputRecord): string {
  const what =
    r.kind === 'report'
      ? (REPORT_KIND_LABELS[r.subtype as keyof typeof REPORT_KIND_LABELS] ?? r.subtype)
      : `${r.kind} (${r.subtype})`;
  return [
    `${r.id}  ${what}`,
    `    generated ${r.generatedAt} (${asEntered(r.generatedAt, r.zone)}) by ${safe(r.generatedBy)}, ${safe(r.organisation)}`,
    `    from audit head ${formatHead(r.head)}; case verified ${r.verifiedOk ? 'intact' : 'NOT INTACT'} just before`,
    `    ${safe(r.fileName)}: ${sizeText(r.size)}${r.pages ? `, ${r.pages} pages` : ''}, SHA-256 ${r.sha256}`,
  ].join('\n');
}

/** A new folder the command may fill: made if missing (its parent must exist). */
function exportFolder(dir: string): { path: string; made: boolean } {
  const target = resolve(dir);
  if (existsSync(target)) return { path: target, made: false };
  if (!existsSync(dirname(target))) {
    throw new CustosError('NOT_FOUND', `${safe(dirname(target))} does not exist; create it first`);
  }
  mkdirSync(target);
  return { path: target, made: true };
}

export const reportCommands = {
  report(args, cli) {
    const { values, file } = parseCommand(args, {
      options: {
        kind: { type: 'string' },
        out: { type: 'string' },
        sections: { type: 'string' },
        exclude: { type: 'string', multiple: true },
        summary: { type: 'string' },
        country: { type: 'string', multiple: true },
        run: { type: 'string' },
        blank: { type: 'boolean' },
      },
    });
    const out = option(values, 'out');
    if (!out) throw new UsageError('--out FILE.pdf is required (where to write the report; never over a file)');
    if (!option(values, 'kind')) {
      throw new UsageError('--kind is required: counsel, law-enforcement, executive, custody or checklist');
    }
    refuseOptionsOfOtherKinds(values);
    const sectionsGiven = option(values, 'sections');
    if (sectionsGiven !== undefined && sectionsGiven.split(',').every((s) => s.trim() === '')) {
      throw new UsageError(
        '--sections is empty: name at least one section (custos report --help), or leave it out for all',
      );
    }
    const ctx = cli.context(values);
    return withCancel((signal) =>
      withCase(cli, file, 'write', async (caseDb) => {
        const options = checked(
          ReportOptions,
          {
            kind: option(values, 'kind'),
            ...(sectionsGiven !== undefined
              ? {
                  sections: option(values, 'sections')!
                    .split(',')
                    .map((s) => s.trim()),
                }
              : {}),
            exclude: list(values, 'exclude').map((given) => resolveItemRef(caseDb, given)),
            ...(option(values, 'summary') !== undefined ? { summary: option(values, 'summary') } : {}),
            countries: list(values, 'country').map((c) => c.toUpperCase()),
            ...(option(values, 'run') ? { runId: option(values, 'run') } : {}),
            checklistMode: values.blank ? 'blank' : 'done',
          },
          {
            kind: '--kind',
            sections: '--sections',
            exclude: '--exclude',
            summary: '--summary',
            countries: '--country',
            runId: '--run',
          },
        );
        const made = await generateReport(
          caseDb,
          ctx,
          { options, path: resolve(out), zone: zoneOf(cli), generator: generatorOf(cli) },
          { signal, inThread: true, onProgress: stagePrinter(cli) },
        );
        if (values.json) cli.io.out(JSON.stringify(made, null, 2));
        else {
          cli.io.out(`${REPORT_KIND_LABELS[options.kind]}: ${safe(made.path)}`);
          cli.io.out(`${made.pages} pages, ${sizeText(made.record.size)}, fonts: ${made.fonts.join(', ')}`);
          cli.io.out(`SHA-256 ${made.record.sha256}`);
          cli.io.out(`Report id ${made.record.id}, made from audit head ${formatHead(made.record.head)}`);
          if (!made.record.verifiedOk) {
            cli.io.out('The case did NOT verify as intact; the report says so on its verification page.');
          }
        }
        return EXIT.ok;
      }),
    );
  },
  'report verify'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      min: 1,
      names: 'the file to check (a report PDF, or the SHA256SUMS of a package or export)',
    });
    return withCancel((signal) =>
      withCase(cli, file, 'read', async (caseDb) => {
        const verdict = await verifyReportFile(caseDb, resolve(rest[0]!), { signal });
        if (values.json) cli.io.out(JSON.stringify(verdict, null, 2));
        else if (verdict.match) {
          const what =
            verdict.record.kind === 'report'
              ? 'a report generated from this case'
              : `the SHA256SUMS of ${verdict.record.kind === 'package' ? 'a referral package' : 'an export'} made from this case`;
          cli.io.out(`MATCH: this file is ${what}.\n${recordText(verdict.record)}`);
        } else {
          cli.io.out(`NO MATCH: ${safe(verdict.reason)}.\nSHA-256 of the file: ${verdict.sha256}`);
          if (verdict.claimed) cli.io.out(`What was generated:\n${recordText(verdict.claimed)}`);
        }
        return verdict.match ? EXIT.ok : EXIT.integrity;
      }),
    );
  },
  'report regenerate'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: { out: { type: 'string' } },
      min: 1,
      names: 'the report id (custos report list shows them)',
    });
    const out = option(values, 'out');
    if (!out) throw new UsageError('--out FILE.pdf is required (where to write the copy; never over a file)');
    const ctx = cli.context(values);
    return withCancel((signal) =>
      withCase(cli, file, 'read', async (caseDb) => {
        const made = await regenerateReport(
          caseDb,
          ctx,
          rest[0]!,
          { path: resolve(out), generator: generatorOf(cli) },
          { signal, inThread: true },
        );
        if (values.json) cli.io.out(JSON.stringify({ ...made, bytes: undefined }, null, 2));
        else {
          cli.io.out(
            made.identical
              ? `IDENTICAL: ${safe(made.path)} has the same bytes as report ${made.record.id} (SHA-256 ${made.record.sha256})`
              : `DIFFERENT: ${safe(made.path)} does not have the bytes recorded for report ${made.record.id}`,
          );
        }
        return made.identical ? EXIT.ok : EXIT.integrity;
      }),
    );
  },
  'report list'(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const records = listReports(caseDb);
      if (values.json) cli.io.out(JSON.stringify(records, null, 2));
      else {
        cli.io.out(
          records.length === 0 ? 'Nothing has been generated from this case yet.' : records.map(recordText).join('\n'),
        );
      }
      return EXIT.ok;
    });
  },
  export(args, cli) {
    const { values, file } = parseCommand(args, {
      options: { format: { type: 'string' }, out: { type: 'string' }, bom: { type: 'boolean' } },
    });
    const out = option(values, 'out');
    if (!out) throw new UsageError('--out DIR is required (made if missing; nothing in it is replaced)');
    const options = checked(
      ExportOptions,
      { format: option(values, 'format'), bom: Boolean(values.bom) },
      { format: '--format' },
    );
    const ctx = cli.context(values);
    return withCancel((signal) =>
      withCase(cli, file, 'write', async (caseDb) => {
        const folder = exportFolder(out);
        try {
          const written = await writeExport(
            caseDb,
            ctx,
            { options, dir: folder.path, zone: zoneOf(cli) },
            { signal, onProgress: stagePrinter(cli) },
          );
          if (values.json) cli.io.out(JSON.stringify(written, null, 2));
          else {
            for (const f of written.files) {
              // One line per file, as sha256sum lists them, with the exact size: kept exact for checking scripts.
              cli.io.out(`${f.sha256}  ${safe(f.name)}  (${exactBytes(f.size)})`);
            }
            cli.io.out(`Recorded as export ${written.record.id} from audit head ${formatHead(written.record.head)}`);
          }
          return EXIT.ok;
        } catch (error) {
          if (folder.made && readdirSync(folder.path).length === 0) rmdirSync(folder.path);
          throw error;
        }
      }),
    );
  },
  package(args, cli) {
    const { values, file } = parseCommand(args, {
      options: {
        out: { type: 'string' },
        exclude: { type: 'string', multiple: true },
        summary: { type: 'string' },
        country: { type: 'string', multiple: true },
      },
    });
    const out = option(values, 'out');
    if (!out) {
      throw new UsageError(
        '--out DIR is required: a new folder (its parent must exist; an existing one is never used)',
      );
    }
    const target = resolve(out);
    const ctx = cli.context(values);
    return withCancel((signal) =>
      withCase(cli, file, 'write', async (caseDb) => {
        const options = checked(
          ReportOptions,
          {
            kind: 'law-enforcement',
            exclude: list(values, 'exclude').map((given) => resolveItemRef(caseDb, given)),
            ...(option(values, 'summary') !== undefined ? { summary: option(values, 'summary') } : {}),
            countries: list(values, 'country').map((c) => c.toUpperCase()),
          },
          { exclude: '--exclude', summary: '--summary', countries: '--country' },
        );
        const written = await writeReferralPackage(
          caseDb,
          ctx,
          {
            dir: dirname(target),
            name: target.slice(dirname(target).length + 1),
            options,
            zone: zoneOf(cli),
            generator: generatorOf(cli),
          },
          { signal, inThread: true, onProgress: stagePrinter(cli) },
        );
        if (values.json) cli.io.out(JSON.stringify(written, null, 2));
        else {
          cli.io.out(`Referral package: ${safe(written.dir)} (${written.files.length} files and SHA256SUMS)`);
          cli.io.out(`SHA-256 of SHA256SUMS ${written.sumsSha256}, recorded as package ${written.record.id}`);
          cli.io.out(`Check it with: cd ${safe(written.dir)} && sha256sum -c SHA256SUMS`);
        }
        return EXIT.ok;
      }),
    );
  },
} satisfies Runners;
