import { INDICATOR_TYPES, normaliseIndicator } from '../../indicators/normalise.ts';
import type { IndicatorType } from '../../indicators/normalise.ts';
import { UsageError, parseCommand } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT } from '../context.ts';
import { safe } from '../format.ts';

const todo = (): never => {
  throw new Error('not built yet');
};

export const indicatorCommands = {
  'indicator check'(args, cli) {
    const { values, rest } = parseCommand(args, { file: false, min: 2, max: 2, names: 'the TYPE and the VALUE' });
    const type = rest[0]!.toLowerCase();
    if (!(INDICATOR_TYPES as readonly string[]).includes(type)) {
      throw new UsageError(`"${type}" is not an indicator type; the types are ${INDICATOR_TYPES.join(', ')}`);
    }
    const result = normaliseIndicator(type as IndicatorType, rest[1]!);
    if (values.json) cli.io.out(JSON.stringify({ type, input: rest[1], ...result }, null, 2));
    else if (result.ok) cli.io.out(`${type} ${safe(result.value)}${result.note ? `  (${safe(result.note)})` : ''}`);
    else cli.io.err(`custos: ${type} ${safe(rest[1]!)} ${safe(result.reason)}`);
    // As verify: 1 when what was checked does not pass.
    return result.ok ? EXIT.ok : EXIT.integrity;
  },
  'indicator add': todo,
  'indicator import': todo,
  'indicator list': todo,
  'indicator types': todo,
} satisfies Runners;
