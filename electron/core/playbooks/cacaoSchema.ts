import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { resourcesDir } from '../resources.ts';

/**
 * The official OASIS CACAO 2.0 JSON schemas (resources/standards/cacao-2.0, Apache 2.0), checked as
 * they declare themselves: JSON Schema draft-07. (Their `unevaluatedProperties` is a later keyword
 * that draft-07 does not have; read as 2019-09 it would refuse every manual command, because the
 * generic command object is referenced without the manual one's properties.)
 */

const PLAYBOOK_SCHEMA = 'https://raw.githubusercontent.com/oasis-open/cacao-json-schemas/main/schemas/playbook.json';

let compiled: ValidateFunction | undefined;

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? schemaFiles(join(dir, entry.name))
      : entry.name.endsWith('.json')
        ? [join(dir, entry.name)]
        : [],
  );
}

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  for (const file of schemaFiles(join(resourcesDir(), 'standards/cacao-2.0/schemas'))) {
    ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')) as object);
  }
  const playbook = ajv.getSchema(PLAYBOOK_SCHEMA);
  if (!playbook) throw new Error('the CACAO 2.0 playbook schema is missing from resources/standards');
  compiled = playbook;
  return compiled;
}

/** A JSON path a person can find in the file: $.workflow["action--…"].commands[0]. */
export function jsonPath(pointer: string): string {
  if (!pointer) return '$';
  return `$${pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) =>
      /^\d+$/.test(part)
        ? `[${part}]`
        : /^[A-Za-z_][A-Za-z0-9_]*$/.test(part)
          ? `.${part}`
          : `[${JSON.stringify(part)}]`,
    )
    .join('')}`;
}

function describe(error: ErrorObject): string {
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
      : error.keyword === 'enum'
        ? ` (one of ${((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')})`
        : '';
  return `${jsonPath(error.instancePath)}: ${error.message ?? 'is not valid'}${extra}`;
}

/**
 * What the official schemas refuse in a document, deepest first and without repeats (one wrong
 * field makes its parents fail too); empty when they accept it.
 */
export function cacaoSchemaErrors(doc: unknown): string[] {
  const validate = validator();
  if (validate(doc)) return [];
  const errors = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
  return [...new Set(errors.map(describe))];
}
