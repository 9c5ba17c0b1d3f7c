import type { Cli } from './context.ts';

/**
 * One command of `custos`: its words (`note add`), the usage line(s) help shows, and what it does.
 * `run` gets the arguments after the command's words and returns the exit code.
 */
export type Command = {
  name: string;
  usage: string;
  run(args: string[], cli: Cli): Promise<number> | number;
};
