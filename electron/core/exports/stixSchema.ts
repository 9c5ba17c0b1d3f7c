import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { resourcesDir } from '../resources.ts';

/**
 * The official OASIS STIX 2.1 JSON schemas (resources/standards/stix-2.1, BSD-3-Clause, from
 * oasis-open/cti-stix2-json-schemas), checked as they declare themselves: JSON Schema 2020-12.
 *
 * Two things about reading them:
 * - Their patterns are ECMA-262 regular expressions written for the non-Unicode mode (`\-` outside
 *   a class is an error with the `u` flag), so they are compiled without it.
 * - They use three formats. In 2020-12 a format is an annotation unless the validator checks it;
 *   Custos checks all three: `uri` as a URL with a scheme, `idn-hostname` as a host name in any
 *   script (to ASCII by IDNA, labels of 1–63 letters, digits and hyphens), and `email` as an
 *   address whose domain is such a host name and whose local part has no space or control
 *   character (RFC 6531: Custos keeps addresses such as jürgen@… as entered).
 */

export const SCHEMA_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

/** The schema each object type is held to; types defined by an extension are held to the SCO core. */
const SCHEMA_OF_TYPE: Readonly<Record<string, string>> = {
  bundle: 'common/bundle.json',
  'marking-definition': 'common/marking-definition.json',
  'extension-definition': 'common/extension-definition.json',
  identity: 'sdos/identity.json',
  incident: 'sdos/incident.json',
  indicator: 'sdos/indicator.json',
  note: 'sdos/note.json',
  'observed-data': 'sdos/observed-data.json',
  report: 'sdos/report.json',
  'threat-actor': 'sdos/threat-actor.json',
  relationship: 'sros/relationship.json',
  'domain-name': 'observables/domain-name.json',
  'email-addr': 'observables/email-addr.json',
  file: 'observables/file.json',
  'ipv4-addr': 'observables/ipv4-addr.json',
  'ipv6-addr': 'observables/ipv6-addr.json',
  'mac-addr': 'observables/mac-addr.json',
  url: 'observables/url.json',
  'user-account': 'observables/user-account.json',
  'cryptocurrency-wallet': 'common/cyber-observable-core.json',
  'phone-number': 'common/cyber-observable-core.json',
  'bank-account': 'common/cyber-observable-core.json',
};

export const schemaFileOf = (type: string): string | undefined => SCHEMA_OF_TYPE[type];

function isHostname(text: string): boolean {
  if (!text || text.length > 253) return false;
  const ascii = domainToASCII(text.toLowerCase().replace(/\.$/, ''));
  if (!ascii || ascii.length > 253) return false;
  return ascii.split('.').every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
}

function isUri(text: string): boolean {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

function isEmail(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return false;
  const local = text.slice(0, at);
  // eslint-disable-next-line no-control-regex
  if (new TextEncoder().encode(local).length > 64 || /[\s\u0000-\u001f\u007f]/.test(local)) return false;
  return isHostname(text.slice(at + 1));
}

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? schemaFiles(join(dir, entry.name))
      : entry.name.endsWith('.json')
        ? [join(dir, entry.name)]
        : [],
  );
}

let ajv: InstanceType<typeof Ajv2020.default> | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): InstanceType<typeof Ajv2020.default> {
  if (ajv) return ajv;
  const made = new Ajv2020.default({ strict: false, allErrors: true, unicodeRegExp: false });
  made.addFormat('uri', isUri);
  made.addFormat('idn-hostname', isHostname);
  made.addFormat('email', isEmail);
  for (const file of schemaFiles(join(resourcesDir(), 'standards/stix-2.1/schemas'))) {
    made.addSchema(JSON.parse(readFileSync(file, 'utf8')) as object);
  }
  ajv = made;
  return made;
}

/** The compiled official schema at `file` (relative to schemas/, e.g. sdos/indicator.json). */
export function stixSchema(file: string): ValidateFunction {
  let validate = compiled.get(file);
  if (!validate) {
    validate = instance().getSchema(`${SCHEMA_BASE}${file}`);
    if (!validate) throw new Error(`the STIX 2.1 schema ${file} is missing from resources/standards`);
    compiled.set(file, validate);
  }
  return validate;
}

function describe(error: ErrorObject): string {
  return `${error.instancePath || '/'} ${error.message ?? 'is not valid'}`;
}

/**
 * What the official schema of its type refuses in one STIX object, deepest first and without
 * repeats; empty when it is accepted. An object of a type Custos has no schema for is refused.
 */
export function stixObjectErrors(object: { type?: unknown; [property: string]: unknown }): string[] {
  const file = typeof object.type === 'string' ? schemaFileOf(object.type) : undefined;
  if (!file) return [`no schema is known for objects of type ${String(object.type)}`];
  const validate = stixSchema(file);
  if (validate(object)) return [];
  const errors = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
  return [...new Set(errors.map(describe))];
}
