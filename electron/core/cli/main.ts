import { isWellFormed, oneLine } from '../../../shared/logic/text.ts';
import { UsageError, quoted } from './args.ts';
import { COMMANDS } from './catalogue.ts';
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import type { CliEnv, CliIo } from './context.ts';
import { cliVersion } from './version.ts';

export type { CliEnv, CliIo } from './context.ts';
export { EXIT } from './command.ts';

// This module and what it imports stay light: help, --version and usage errors answer without
// loading the store, the services or zod. A command's code and the core load when it runs.

const NOTES = `Files larger than the store limit are referenced in place instead of copied into the case: the
limit set in Custos (2 GiB unless changed), or --store-limit SIZE (e.g. 500M, 4G, 1048576).
Times are ISO 8601 with an offset (2026-10-29T09:05-05:00), or a local time with --zone (an IANA
name such as Asia/Seoul). Items are named by exhibit number (E-0001) or id.

Writing commands record the examiner from the Custos profile (custos profile set), or from
--as "Name, Role, Organisation". Every command takes --json for machine-readable output and
--help for its own usage.
Exit codes: 0 success or intact, 1 integrity failure, 2 usage error or unreadable file.`;

const USAGE = `Usage: custos <command> [options]\n\n${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}\n\n${NOTES}`;

/** The command named by the first one or two words, and the arguments after them. */
function find(argv: string[]): { command: Command; args: string[] } | undefined {
  const [first, second] = argv;
  const two = COMMANDS.find((c) => c.name === `${first} ${second}`);
  if (two) return { command: two, args: argv.slice(2) };
  const one = COMMANDS.find((c) => c.name === first);
  return one ? { command: one, args: argv.slice(1) } : undefined;
}

/** For "custos note frobnicate": the commands of that word. */
function siblings(word: string): string[] {
  return COMMANDS.filter((c) => c.name.startsWith(`${word} `)).map((c) => c.name.slice(word.length + 1));
}

async function run(argv: string[], io: CliIo, env: CliEnv | undefined): Promise<number> {
  const illFormed = argv.findIndex((arg) => !isWellFormed(arg));
  if (illFormed >= 0) {
    throw new UsageError(
      `argument ${illFormed + 1} is not well-formed text (it holds a lone UTF-16 surrogate); type it again`,
    );
  }
  const [word, sub] = argv;
  if (!word) {
    io.err(`custos: a command is required\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (word === 'help' || word === '--help' || word === '-h') {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (word === '--version' || word === '-v') {
    io.out(cliVersion());
    return EXIT.ok;
  }
  const found = find(argv);
  if (!found) {
    const subs = siblings(word);
    if (subs.length === 0) throw new UsageError(`unknown command ${quoted(word)}; run custos help`);
    throw new UsageError(
      sub
        ? `unknown ${word} command ${quoted(sub)} (${subs.join(', ')})`
        : `a ${word} command is required (${subs.join(', ')})`,
    );
  }
  if (found.args.includes('--help') || found.args.includes('-h')) {
    io.out(`Usage: ${found.command.usage}`);
    return EXIT.ok;
  }
  const [context, runner] = await Promise.all([import('./context.ts'), found.command.load()]);
  return runner(found.args, context.createCli(io, env ?? context.processEnv()));
}

/**
 * The `custos` command, in-process: tests call it directly, bin/custos.js for a person (whose app
 * data folder and terminal are used unless `env` says otherwise). Errors become one line on stderr
 * and exit code 2.
 */
export async function runCli(argv: string[], io: CliIo, env?: CliEnv): Promise<number> {
  try {
    return await run(argv, io, env);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`custos: ${oneLine(error.message)}`);
      return EXIT.usage;
    }
    const { asCustosError } = await import('../failures.ts');
    const failure = asCustosError(
      error,
      argv.find((arg) => arg.endsWith('.custos')),
    );
    const internal = failure.code === 'INTERNAL';
    io.err(
      `custos: ${internal ? 'unexpected error: ' : ''}${oneLine(internal ? failure.message.replace(/^Unexpected error: /, '') : failure.message)}`,
    );
    return EXIT.usage;
  }
}
