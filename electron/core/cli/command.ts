import type { Cli } from './context.ts';

/** 0 success or intact; 1 integrity failure; 2 usage error or unreadable file. */
export const EXIT = { ok: 0, integrity: 1, usage: 2 } as const;

/** What a command does: gets the arguments after its words, returns the exit code. */
export type Runner = (args: string[], cli: Cli) => Promise<number> | number;

/** A domain's commands by their words (`note add`): one file of them per domain in commands/. */
export type Runners = Record<string, Runner>;

/**
 * One command as help lists it: its words, its usage line(s), and how to load what it does.
 * Help and usage errors need no command's code, so `custos --help` loads none of it.
 */
export type Command = { name: string; usage: string; load: () => Promise<Runner> };

/**
 * A domain's commands from their usage and the module that runs them. The module must run every
 * command the usage names (checked by the compiler); it is imported only when one of them runs.
 */
export function domain<K extends string>(
  usage: Record<K, string>,
  load: () => Promise<{ [name in K]: Runner }>,
): Command[] {
  return (Object.keys(usage) as K[]).map((name) => ({
    name,
    usage: usage[name],
    load: async () => (await load())[name],
  }));
}
