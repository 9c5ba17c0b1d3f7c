import { Actor } from '../../../shared/domain/common.ts';
import type { Values } from './args.ts';
import { UsageError, checked, option } from './args.ts';
import { defaultDataDir, openAppData, resolveDataDir } from '../appData.ts';
import type { AppData } from '../appData.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import { openCaseDb, openCaseDbReadOnly } from '../store/db/caseDb.ts';
import { safe } from './format.ts';
import { caseInfo } from '../services/cases.ts';
import { formatHead } from '../../../shared/domain/common.ts';
import { cliVersion } from './version.ts';

export type CliIo = { out: (text: string) => void; err: (text: string) => void };

/** What the command line needs from its surroundings; tests pass their own. */
export type CliEnv = {
  /** App data: the examiner profile and the store limit (CUSTOS_DATA_DIR, else the user's folder). */
  dataDir: string;
  /** Whether stderr is a terminal: progress lines are printed only then. */
  interactive: boolean;
};

import { EXIT } from './command.ts';

export { EXIT };

/** What every command gets: where to write, its surroundings, and the helpers they share. */
export type Cli = {
  io: CliIo;
  env: CliEnv;
  appData(): AppData;
  /** The examiner: --as "Name, Role, Organisation", else the profile. */
  context(values: Values): MutationContext;
  version(): string;
};

/** Where the command line runs for a person: their app data folder, and whether stderr is a terminal. */
export function processEnv(): CliEnv {
  return { dataDir: resolveDataDir(defaultDataDir()), interactive: Boolean(process.stderr.isTTY) };
}

export function createCli(io: CliIo, env: CliEnv): Cli {
  let appData: AppData | undefined;
  const cli: Cli = {
    io,
    env,
    appData: () => (appData ??= openAppData(env.dataDir)),
    context(values) {
      return { actor: actorFrom(cli, option(values, 'as')), clock: () => new Date() };
    },
    version: cliVersion,
  };
  return cli;
}

function actorFrom(cli: Cli, as: string | undefined) {
  if (as !== undefined) {
    const [name, role, ...org] = as.split(',').map((p) => p.trim());
    try {
      return checked(Actor, { name, role, organisation: org.join(', ') }, {});
    } catch (error) {
      throw new UsageError(`--as must be "Name, Role, Organisation" (${(error as Error).message})`);
    }
  }
  const profile = cli.appData().profile();
  if (!profile) {
    throw new UsageError(
      'no examiner profile is set up; set one with custos profile set --name N --role R --organisation O, or pass --as "Name, Role, Organisation"',
    );
  }
  return { name: profile.name, role: profile.role, organisation: profile.organisation };
}

/** Opens the case to read (changing nothing) or to write, runs `fn`, and always closes it. */
export async function withCase<T>(
  cli: Cli,
  file: string,
  mode: 'read' | 'write',
  fn: (caseDb: CaseDb) => T | Promise<T>,
): Promise<T> {
  const caseDb = mode === 'write' ? openCaseDb(file) : openCaseDbReadOnly(file);
  try {
    // How the case was read, when that matters (a -wal's commits included, say).
    for (const note of caseDb.notes) cli.io.err(`custos: note: ${safe(note)}`);
    return await fn(caseDb);
  } finally {
    caseDb.close();
  }
}

/**
 * Makes one change to the case and reports it: what `change` did, then the audit head that records
 * it; with --json, one object holding both. The shape every plain writing command shares.
 */
export function changeCase(
  cli: Cli,
  values: Values,
  file: string,
  change: (caseDb: CaseDb, ctx: MutationContext) => Done | Promise<Done>,
): Promise<number> {
  const ctx = cli.context(values);
  return withCase(cli, file, 'write', async (caseDb) => {
    const { json, text } = await change(caseDb, ctx);
    const { head } = caseInfo(caseDb);
    cli.io.out(values.json ? JSON.stringify({ ...json, head }, null, 2) : `${text}\nAudit head: ${formatHead(head)}`);
    return EXIT.ok;
  });
}

/** What a change did: the fields for --json, and the line for a person. */
type Done = { json: Record<string, unknown>; text: string };
