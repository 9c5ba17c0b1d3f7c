import type { Runners } from '../command.ts';

const todo = (): never => {
  throw new Error('not built yet');
};

export const extortionCommands = {
  'message add': todo,
  'demand add': todo,
  'demand list': todo,
  'demand validate': todo,
  'demand decide': todo,
} satisfies Runners;
