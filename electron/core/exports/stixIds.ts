import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/logic/canonicalJson.ts';
import type { JsonValue } from '../../../shared/logic/canonicalJson.ts';

/**
 * Identifiers for STIX 2.1 objects that come out the same every time the same case is exported.
 *
 * Observables (SCOs) get the spec's deterministic ids (STIX 2.1 section 2.9): a UUIDv5 in the
 * namespace OASIS fixed for it, over the RFC 8785 canonical JSON (JCS, shared/logic/canonicalJson.ts)
 * of the object's id-contributing properties, so the same e-mail address or wallet has the same id
 * in every producer's bundle. Domain objects (the incident, indicators, threat actors…) get a
 * UUIDv5 in Custos's own namespace over the record they come from: a re-export gives the same ids,
 * and a consumer sees a changed record as a new version of the same object. The spec forbids the
 * SCO namespace for anything but SCOs.
 */

/** STIX 2.1 section 2.9: the namespace of every deterministic SCO id. */
export const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** RFC 4122 appendix C: the namespace for names that are URLs. */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * Custos's namespace for the ids of domain and relationship objects and bundles: the UUIDv5 of
 * the URL https://custos.invalid/stix/2.1 in the URL namespace (test/unit/stix.test.ts derives it).
 */
export const CUSTOS_NAMESPACE = 'c99a04da-0186-56a7-8a57-806226584f0a';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** RFC 4122 section 4.3: SHA-1 of the namespace's 16 bytes and the name's UTF-8, version 5, variant 10. */
export function uuidv5(namespace: string, name: string): string {
  if (!UUID.test(namespace)) throw new Error(`uuidv5: ${namespace} is not a UUID`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id-contributing properties of the SCO types Custos writes, as the OASIS reference library
 * lists them (stix2/v21/observables.py), and of the extension-defined types as their definitions
 * declare them (muchdogesec/stix2extensions: `id_contrib_props`).
 */
export const ID_CONTRIBUTING: Readonly<Record<string, readonly string[]>> = {
  'email-addr': ['value'],
  'domain-name': ['value'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  file: ['hashes', 'name', 'parent_directory_ref', 'extensions'],
  'cryptocurrency-wallet': ['value'],
  'phone-number': ['value'],
  'bank-account': ['iban', 'account_number'],
};

/**
 * Of several hashes only one contributes to the id, in this order of preference, else the first
 * (stix2/base.py `_choose_one_hash`), so adding a second hash to a file does not change its id.
 */
function oneHash(hashes: Record<string, JsonValue>): Record<string, JsonValue> {
  for (const algorithm of ['MD5', 'SHA-1', 'SHA-256', 'SHA-512']) {
    if (Object.hasOwn(hashes, algorithm)) return { [algorithm]: hashes[algorithm]! };
  }
  const first = Object.keys(hashes)[0];
  return first === undefined ? {} : { [first]: hashes[first]! };
}

/**
 * The deterministic id of an SCO of `type` with `properties`. Custos only writes SCOs that have at
 * least one id-contributing property (the spec falls back to a random UUIDv4 otherwise, which would
 * make a re-export differ), so none is an error here.
 */
export function scoId(type: string, properties: Readonly<Record<string, unknown>>): string {
  const contributing = ID_CONTRIBUTING[type];
  if (!contributing) throw new Error(`scoId: no id-contributing properties are known for ${type}`);
  const picked: Record<string, JsonValue> = {};
  for (const key of contributing) {
    const value = properties[key];
    if (value === undefined) continue;
    picked[key] = key === 'hashes' ? oneHash(value as Record<string, JsonValue>) : (value as JsonValue);
  }
  if (Object.keys(picked).length === 0) throw new Error(`scoId: the ${type} has none of ${contributing.join(', ')}`);
  return `${type}--${uuidv5(SCO_NAMESPACE, canonicalJson(picked))}`;
}

/**
 * The id of a domain or relationship object (or a bundle) made from Custos records: the type and
 * the parts that make the object what it is (a record id, two ends and a relation), in canonical
 * JSON so that no two lists of parts can give the same name.
 */
export function sdoId(type: string, ...parts: readonly string[]): string {
  return `${type}--${uuidv5(CUSTOS_NAMESPACE, canonicalJson([type, ...parts]))}`;
}
