import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { cut, escapeControl } from '../../../shared/logic/text.ts';

/** A mistake in how the command was called: one line on stderr and exit code 2. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

export type CommandSpec = {
  options?: Options;
  /** Whether the first positional is a case FILE (made absolute). Default true. */
  file?: boolean;
  /** How many positionals after FILE: at least `min` (default 0), at most `max` (default `min`). */
  min?: number;
  max?: number;
  /** What the positionals after FILE are, for the message when some are missing ("ID", "PATH…"). */
  names?: string;
  /** The message when there are too many ("exactly one item …"); else the first extra one is named. */
  tooMany?: string;
};

export type Parsed = { values: Values; file: string; rest: string[] };

/** Options every command takes: who acts (writing commands), and machine-readable output. */
const COMMON: Options = { as: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

/**
 * The one argument parser of the command line: options (with --as, --json and --help always
 * allowed), then FILE, then the command's other positionals. Every mistake is a UsageError that
 * names the fix; input is quoted escaped and cut short.
 */
export function parseCommand(args: string[], spec: CommandSpec = {}): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...spec.options, ...COMMON }, allowPositionals: true, strict: true });
  } catch (error) {
    const first = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '');
    throw new UsageError(`${escapeControl(cut(first, 200))}; the command's --help lists its options`);
  }
  const values = parsed.values as Values;
  const positionals = [...parsed.positionals];
  const wantsFile = spec.file ?? true;
  if (values.help) return { values, file: '', rest: positionals };
  if (wantsFile && positionals.length === 0) throw new UsageError('a case FILE is required');
  const file = wantsFile ? resolve(positionals.shift()!) : '';
  const min = spec.min ?? 0;
  const max = spec.max ?? min;
  if (positionals.length < min) {
    throw new UsageError(
      `give ${spec.names ?? `${min} more argument${min === 1 ? '' : 's'}`}${wantsFile ? ' after FILE' : ''}`,
    );
  }
  if (positionals.length > max) {
    throw new UsageError(spec.tooMany ? `give ${spec.tooMany}` : `unexpected argument ${quoted(positionals[max]!)}`);
  }
  return { values, file, rest: positionals };
}

/** An option's text, or undefined when it was not given. */
export function option(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function quoted(text: string): string {
  return `"${escapeControl(cut(text, 120))}"`;
}

/**
 * Input checked with the same schema the app uses; a refusal names the command-line option, not
 * the field (`--aware-at: …`, not `awareAt: …`).
 */
export function checked<S extends z.ZodType>(schema: S, input: unknown, flags: Record<string, string>): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 3).map((issue) => {
    const field = String(issue.path[0] ?? '');
    const where = flags[field] ?? (field ? field : '');
    return `${where ? `${where}: ` : ''}${escapeControl(cut(issue.message, 200))}`;
  });
  const more = result.error.issues.length - issues.length;
  throw new UsageError(`${issues.join('; ')}${more > 0 ? `; and ${more} more` : ''}`);
}

/** Only the options that were given, so a patch changes nothing else. */
export function given<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
