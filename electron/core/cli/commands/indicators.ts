import { readFileSync, statSync } from 'node:fs';
import {
  INDICATOR_TYPE_ALIASES,
  INDICATOR_TYPE_LABELS,
  IndicatorBulkRequest,
  IndicatorDraft,
  MAX_INDICATOR_LIST_CHARS,
  TYPES_WITH_PLATFORM,
  indicatorTypeOf,
} from '../../../../shared/domain/indicator.ts';
import type { IndicatorLineVerdict, IndicatorRow } from '../../../../shared/domain/indicator.ts';
import { formatHead } from '../../../../shared/domain/common.ts';
import { INDICATOR_TYPES, normaliseIndicator } from '../../indicators/normalise.ts';
import type { IndicatorType } from '../../indicators/normalise.ts';
import { addIndicator, importIndicatorList, listIndicatorRows, removeIndicator } from '../../services/indicators.ts';
import { caseInfo } from '../../services/cases.ts';
import { findLinkTarget, findSubject } from '../../services/subjects.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { typeAndPlatform } from '../../indicators/list.ts';
import { UsageError, checked, option, parseCommand, quoted } from '../args.ts';
import type { Values } from '../args.ts';
import type { Cli } from '../context.ts';
import type { Runners } from '../command.ts';
import { EXIT, changeCase, withCase } from '../context.ts';
import { asEntered, safe } from '../format.ts';

const FLAGS = {
  type: 'TYPE',
  value: 'VALUE',
  platform: '--platform',
  firstSeen: '--first-seen',
  lastSeen: '--last-seen',
  zone: '--zone',
  source: '--source',
  confidence: '--confidence',
  tlp: '--tlp',
  notes: '--notes',
  subjectIds: '--subject',
  defaultType: '--type',
  defaultPlatform: '--type',
  text: 'LIST',
};

/** A type as typed on the command line: any of its short names (bitcoin, ipv6, payoneer…). */
function typeFrom(written: string, flag: string): IndicatorType {
  const type = indicatorTypeOf(written);
  if (!type) {
    throw new UsageError(
      `${flag} ${quoted(written)} is not an indicator type; the types are ${INDICATOR_TYPES.join(', ')} (custos indicator types lists their short names)`,
    );
  }
  return type;
}

/**
 * A type with its platform as typed: TYPE/PLATFORM (wallet/xmr, username/telegram), or a short name
 * that implies one (payoneer), as in a list.
 */
function typeWithPlatform(written: string, flag: string): { type: IndicatorType; platform: string } {
  const named = typeAndPlatform(written);
  if (named && 'problem' in named) {
    throw new UsageError(
      `${flag} ${quoted(written)} names two platforms; give one, as ${indicatorTypeOf(written.split('/')[0]!)}/PLATFORM`,
    );
  }
  return named ?? { type: typeFrom(written, flag), platform: '' };
}

/** The subjects named with --subject (each an id or a name), as ids. */
function subjectIds(caseDb: CaseDb, values: Values): string[] {
  return ((values.subject as unknown as string[] | undefined) ?? []).map((ref) => findSubject(caseDb, ref).id);
}

/** Seen times typed without an offset are read in the examiner's zone, when the profile names one. */
const profileZone = (cli: Cli, values: Values) =>
  option(values, 'as') === undefined ? cli.appData().profile()?.timeZone || undefined : undefined;

const platformOf = (platform: string) => (platform ? ` (${safe(platform)})` : '');

/** An indicator as a list shows it: type, canonical form, platform, confidence, whose, where seen. */
function formatRow(i: IndicatorRow): string {
  const subjects = i.subjects.length > 0 ? `  subjects: ${i.subjects.map((s) => safe(s.name)).join(', ')}` : '';
  const source = i.sourceExhibit ? `  in ${i.sourceExhibit}` : '';
  const zone = i.seenZone ?? 'UTC';
  const seen =
    i.firstSeen || i.lastSeen
      ? `  seen ${i.firstSeen ? asEntered(i.firstSeen, zone) : '?'} – ${i.lastSeen ? asEntered(i.lastSeen, zone) : '?'}`
      : '';
  return `${i.type.padEnd(16)} ${safe(i.normalised)}${platformOf(i.platform)}  confidence ${i.confidence}  TLP:${i.tlp}${subjects}${seen}${source}  (id ${i.id})`;
}

/** One verdict of an import: `line 3  added            btc bc1q…`. */
function formatVerdict(v: IndicatorLineVerdict, platform: string, width: number): string {
  const what =
    v.verdict === 'refused'
      ? v.reason
      : `${v.type} ${v.normalised}${platformOf(platform)}${v.reason ? `  (${v.reason})` : ''}`;
  return `line ${String(v.line).padEnd(width)}  ${v.verdict.padEnd(15)}  ${safe(what)}`;
}

/**
 * The text of a list file: a file (not a folder), at most 4 MiB, of UTF-8 text. Each refusal says
 * what is wrong with it and what to do.
 */
function readList(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new UsageError(`LIST ${quoted(path)} is a folder; give the file that holds the list`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `LIST ${quoted(path)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path`,
    );
  }
  if (size > MAX_INDICATOR_LIST_CHARS) {
    throw new UsageError(
      `LIST ${quoted(path)} is ${(size / 1024 / 1024).toFixed(1)} MiB; at most 4 MiB is read at once: split it into parts and import each`,
    );
  }
  const bytes = readFileSync(path);
  if (bytes.includes(0)) {
    throw new UsageError(`LIST ${quoted(path)} is not text (it holds NUL bytes); give a text or CSV file`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(
      `LIST ${quoted(path)} is not UTF-8 text; save it as UTF-8 (e.g. "CSV UTF-8" in a spreadsheet)`,
    );
  }
}

export const indicatorCommands = {
  'indicator check'(args, cli) {
    const { values, rest } = parseCommand(args, { file: false, min: 2, max: 2, names: 'the TYPE and the VALUE' });
    // Any short name of a type will do (bitcoin, ipv6, payoneer), as in a list.
    const type = typeFrom(rest[0]!, 'TYPE');
    const result = normaliseIndicator(type, rest[1]!);
    if (values.json) cli.io.out(JSON.stringify({ type, input: rest[1], ...result }, null, 2));
    else if (result.ok) cli.io.out(`${type} ${safe(result.value)}${result.note ? `  (${safe(result.note)})` : ''}`);
    else cli.io.err(`custos: ${type} ${safe(rest[1]!)} ${safe(result.reason)}`);
    // As verify: 1 when what was checked does not pass.
    return result.ok ? EXIT.ok : EXIT.integrity;
  },
  'indicator add'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: {
        platform: { type: 'string' },
        'first-seen': { type: 'string' },
        'last-seen': { type: 'string' },
        zone: { type: 'string' },
        source: { type: 'string' },
        confidence: { type: 'string' },
        tlp: { type: 'string' },
        subject: { type: 'string', multiple: true },
        notes: { type: 'string' },
      },
      min: 2,
      names: 'the TYPE and the VALUE',
    });
    // As in a list: TYPE/PLATFORM (username/github) or a name implying one (payoneer); --platform overrides.
    const { type, platform } = typeWithPlatform(rest[0]!, 'TYPE');
    const fields = {
      type,
      value: rest[1]!,
      platform: option(values, 'platform') ?? platform,
      firstSeen: option(values, 'first-seen'),
      lastSeen: option(values, 'last-seen'),
      zone: option(values, 'zone'),
      source: option(values, 'source'),
      confidence: option(values, 'confidence')?.toLowerCase(),
      tlp: option(values, 'tlp')?.toUpperCase(),
      notes: option(values, 'notes'),
    };
    const draft = checked(
      IndicatorDraft,
      Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      FLAGS,
    );
    const zone = profileZone(cli, values);
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const { indicator, verdict } = addIndicator(
        caseDb,
        ctx,
        { ...draft, subjectIds: subjectIds(caseDb, values) },
        zone,
      );
      const what = `${indicator.type} ${safe(indicator.normalised)}${platformOf(indicator.platform)}`;
      const said =
        verdict.verdict === 'already present'
          ? `Already present: ${what}, ${safe(verdict.reason)}`
          : `Added ${what}${verdict.reason ? ` (${safe(verdict.reason)})` : ''}`;
      const subjects =
        indicator.subjects.length > 0 ? `; subjects: ${indicator.subjects.map((s) => safe(s.name)).join(', ')}` : '';
      return { json: { indicator, verdict }, text: `${said}${subjects}; id ${indicator.id}` };
    });
  },
  'indicator import'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: { type: { type: 'string' }, source: { type: 'string' }, subject: { type: 'string', multiple: true } },
      min: 1,
      names: 'the LIST (a file with one indicator a line, or a CSV)',
    });
    // --type payoneer keeps the platform the name implies; --type wallet/xmr names one.
    const typed = option(values, 'type');
    const defaults = typed === undefined ? undefined : typeWithPlatform(typed, '--type');
    const text = readList(rest[0]!);
    const ctx = cli.context(values);
    const zone = profileZone(cli, values);
    return withCase(cli, file, 'write', (caseDb) => {
      const request = checked(
        IndicatorBulkRequest,
        {
          text,
          defaultType: defaults?.type,
          ...(defaults?.platform ? { defaultPlatform: defaults.platform } : {}),
          source: option(values, 'source'),
          subjectIds: subjectIds(caseDb, values),
        },
        FLAGS,
      );
      // Unlike the app (all or nothing), the command line adds the good lines and says by its exit
      // code that some were refused: a script imports what it can, a person reads the refusals.
      const { result, platforms } = importIndicatorList(caseDb, ctx, request, { partial: true, defaultZone: zone });
      const { head } = caseInfo(caseDb);
      if (values.json) cli.io.out(JSON.stringify({ ...result, head }, null, 2));
      else {
        const width = String(result.lines.at(-1)?.line ?? 0).length;
        result.lines.forEach((line, i) => cli.io.out(formatVerdict(line, platforms[i] ?? '', width)));
        cli.io.out(
          `${result.added} added, ${result.present} already present, ${result.refused} refused${result.refused > 0 ? ' (not imported: mend those lines and import the list again; lines already in the case are recognised)' : ''}`,
        );
        cli.io.out(`Audit head: ${formatHead(head)}`);
      }
      return result.refused > 0 ? EXIT.integrity : EXIT.ok;
    });
  },
  'indicator list'(args, cli) {
    const { values, file } = parseCommand(args, { options: { type: { type: 'string' } } });
    const type = option(values, 'type') === undefined ? undefined : typeFrom(option(values, 'type')!, '--type');
    return withCase(cli, file, 'read', (caseDb) => {
      const rows = listIndicatorRows(caseDb, type);
      if (values.json) cli.io.out(JSON.stringify(rows, null, 2));
      else if (rows.length === 0) {
        cli.io.out(
          type ? `No ${type} indicators in this case` : 'No indicators yet (custos indicator add FILE TYPE VALUE)',
        );
      } else for (const row of rows) cli.io.out(formatRow(row));
      return EXIT.ok;
    });
  },
  'indicator types'(args, cli) {
    const { values } = parseCommand(args, { file: false });
    const types = INDICATOR_TYPES.map((type) => ({
      type,
      label: INDICATOR_TYPE_LABELS[type],
      names: Object.keys(INDICATOR_TYPE_ALIASES).filter(
        (name) => INDICATOR_TYPE_ALIASES[name] === type && name !== type,
      ),
      needsPlatform: TYPES_WITH_PLATFORM.includes(type),
    }));
    if (values.json) cli.io.out(JSON.stringify(types, null, 2));
    else {
      for (const t of types) {
        cli.io.out(
          `${t.type.padEnd(16)} ${t.label}${t.needsPlatform ? ' (needs a platform)' : ''}${t.names.length > 0 ? `; also ${t.names.join(', ')}` : ''}`,
        );
      }
      cli.io.out(
        '\nIn a list: one a line as TYPE:VALUE, TYPE/PLATFORM:VALUE where a platform is needed (username/github:octocat,\nwallet/xmr:4…), payoneer:, wise: or paypal: for those accounts; or a CSV with a header type,value[,platform,…].',
      );
    }
    return EXIT.ok;
  },
  'indicator remove'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      min: 1,
      max: 1,
      names: 'the INDICATOR (its id, or its value in any form)',
    });
    return changeCase(cli, values, file, (caseDb, ctx) => {
      // The same lookup as linking: an id, or the value typed in any of its forms.
      const target = findLinkTarget(caseDb, rest[0]!);
      if (target.targetType !== 'indicator') {
        throw new UsageError(`${quoted(rest[0]!)} is not an indicator of this case; give an indicator's id or value`);
      }
      removeIndicator(caseDb, ctx, target.targetId);
      return {
        json: { removed: target.targetId },
        text: `Removed indicator ${safe(target.label)} (${target.targetId}); it stays in the file, marked removed, and comes back if added again`,
      };
    });
  },
} satisfies Runners;
