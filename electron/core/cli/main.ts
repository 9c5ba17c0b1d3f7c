import { isWellFormed, oneLine } from '../../../shared/logic/text.ts';
import { defaultDataDir, resolveDataDir } from '../appData.ts';
import { asCustosError } from '../failures.ts';
import { UsageError, quoted } from './args.ts';
import type { Command } from './command.ts';
import { EXIT, createCli } from './context.ts';
import type { CliEnv, CliIo } from './context.ts';
import { auditCommands } from './commands/audit.ts';
import { caseCommands } from './commands/case.ts';
import { custodyCommands } from './commands/custody.ts';
import { evidenceCommands } from './commands/evidence.ts';
import { holdCommands } from './commands/holds.ts';
import { noteCommands } from './commands/notes.ts';
import { profileCommands } from './commands/profile.ts';
import { timelineCommands } from './commands/timeline.ts';

export type { CliEnv, CliIo } from './context.ts';
export { EXIT } from './context.ts';

/** Every command, in the order help lists them: one file of commands per domain. */
const COMMANDS: Command[] = [
  ...profileCommands,
  ...caseCommands,
  ...timelineCommands,
  ...noteCommands,
  ...auditCommands,
  ...evidenceCommands,
  ...custodyCommands,
  ...holdCommands,
];

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

async function run(argv: string[], cli: ReturnType<typeof createCli>): Promise<number> {
  const illFormed = argv.findIndex((arg) => !isWellFormed(arg));
  if (illFormed >= 0) {
    throw new UsageError(
      `argument ${illFormed + 1} is not well-formed text (it holds a lone UTF-16 surrogate); type it again`,
    );
  }
  const [word, sub] = argv;
  if (!word) {
    cli.io.err(`custos: a command is required\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (word === 'help' || word === '--help' || word === '-h') {
    cli.io.out(USAGE);
    return EXIT.ok;
  }
  if (word === '--version' || word === '-v') {
    cli.io.out(cli.version());
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
    cli.io.out(`Usage: ${found.command.usage}`);
    return EXIT.ok;
  }
  return found.command.run(found.args, cli);
}

/** Where the command line runs: the user's app data folder, and whether stderr is a terminal. */
export function processEnv(): CliEnv {
  return { dataDir: resolveDataDir(defaultDataDir()), interactive: Boolean(process.stderr.isTTY) };
}

/**
 * The `custos` command, in-process: tests call it directly, bin/custos.js for a person. Errors
 * become one line on stderr and exit code 2.
 */
export async function runCli(argv: string[], io: CliIo, env: CliEnv = processEnv()): Promise<number> {
  const cli = createCli(io, env);
  try {
    return await run(argv, cli);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`custos: ${oneLine(error.message)}`);
      return EXIT.usage;
    }
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
