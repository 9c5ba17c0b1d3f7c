import type { Runners } from '../command.ts';

const todo = (): never => {
  throw new Error('not built yet');
};

export const searchCommands = {
  search: todo,
} satisfies Runners;
