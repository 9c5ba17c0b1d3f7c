import type { Runners } from '../command.ts';

const todo = (): never => {
  throw new Error('not built yet');
};

export const subjectCommands = {
  'subject add': todo,
  'subject list': todo,
  'subject show': todo,
  'subject link': todo,
} satisfies Runners;
