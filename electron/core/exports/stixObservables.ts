import { isIP } from 'node:net';
import type { Indicator, IndicatorType } from '../../../shared/domain/indicator.ts';
import { newScoExtension } from './stixDefinitions.ts';
import type { ExtensionScoType, StixObject } from './stixDefinitions.ts';
import { scoId } from './stixIds.ts';
import { patternString } from './stixPattern.ts';

/**
 * Each Custos indicator type as a STIX 2.1 observable (SCO) and the indicator pattern that
 * matches it. Values go in their canonical form, since a STIX pattern compares exact strings: the
 * same address written two ways must be one value. Types STIX has no object for are written as
 * the extension-defined SCOs declared in the bundle (wallets, phone numbers, IBANs); the two with
 * neither (postal addresses, device serial numbers) and host names that are not domain names stay
 * out of the bundle, and the bundle's note counts them.
 *
 * - email: email-addr value, [email-addr:value = '…']
 * - phone: phone-number value, the E.164 digits without the + (the extension's own examples),
 *   [phone-number:value = '…']
 * - ip: ipv4-addr or ipv6-addr value; domain, and a host name with a dot: domain-name value; url:
 *   url value; mac: mac-addr value; each [<type>:value = '…']
 * - username and payment-account: user-account with the platform or provider as account_type and
 *   the name as account_login, [user-account:account_type = '…' AND user-account:account_login = '…']
 * - remote-tool: user-account with the tool as account_type and its id as user_id
 * - btc, eth, tron, wallet: cryptocurrency-wallet value, [cryptocurrency-wallet:value = '…']
 * - iban: bank-account iban, [bank-account:iban = '…']
 * - file-hash: file hashes (MD5, SHA-1, SHA-256 or SHA-512, told by the length),
 *   [file:hashes.'SHA-256' = '…']
 */

export type Observable = {
  /** The SCO without its markings (the export adds those). */
  sco: StixObject;
  pattern: string;
  /** What the indicator is called in a consumer's list. */
  name: string;
};
/** Why an indicator has no observable, as a count reads it: one and many. */
export type NoObservable = { reason: string; plural: string };

const HASH_OF_LENGTH: Readonly<Record<number, string>> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256', 128: 'SHA-512' };

/** Types STIX 2.1 has no observable for, and no published extension Custos uses covers. */
export const NOT_IN_STIX: Readonly<Partial<Record<IndicatorType, NoObservable>>> = {
  'postal-address': { reason: 'postal address', plural: 'postal addresses' },
  'device-serial': { reason: 'device serial number', plural: 'device serial numbers' },
};

function sco(type: string, properties: Record<string, unknown>, extension?: ExtensionScoType): StixObject {
  const present = Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined && v !== ''));
  return {
    type,
    spec_version: '2.1',
    id: scoId(type, present),
    ...present,
    ...(extension ? { extensions: newScoExtension(extension) } : {}),
  };
}

/** `[type:property = 'value' AND …]` over the properties present, in the order given. */
function equals(type: string, properties: Record<string, string | undefined>): string {
  const tests = Object.entries(properties)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([property, value]) => `${type}:${property} = ${patternString(value)}`);
  return `[${tests.join(' AND ')}]`;
}

function account(indicator: Indicator, key: 'account_login' | 'user_id', what: string): Observable {
  const properties = { account_type: indicator.platform || undefined, [key]: indicator.normalised };
  return {
    sco: sco('user-account', properties),
    pattern: equals('user-account', properties),
    name: `${what}${indicator.platform ? ` on ${indicator.platform}` : ''}: ${indicator.normalised}`,
  };
}

function single(type: string, property: string, value: string, name: string, extension?: ExtensionScoType) {
  return { sco: sco(type, { [property]: value }, extension), pattern: equals(type, { [property]: value }), name };
}

/** The observable and pattern of an indicator, or why it has none in STIX 2.1. */
export function observableOf(indicator: Indicator): Observable | NoObservable {
  const value = indicator.normalised;
  switch (indicator.type) {
    case 'email':
      return single('email-addr', 'value', value, `E-mail address: ${value}`);
    case 'phone':
      // The extension's value is E.164 as digits, without the + (its examples: 14155552671).
      return single('phone-number', 'value', value.replace(/^\+/, ''), `Phone number: ${value}`, 'phone-number');
    case 'ip': {
      const type = isIP(value) === 4 ? 'ipv4-addr' : 'ipv6-addr';
      return single(type, 'value', value, `IP address: ${value}`);
    }
    case 'domain':
      return single('domain-name', 'value', value, `Domain: ${value}`);
    case 'hostname':
      return value.includes('.')
        ? single('domain-name', 'value', value, `Host name: ${value}`)
        : { reason: 'host name without a domain', plural: 'host names without a domain' };
    case 'url':
      return single('url', 'value', value, `URL: ${value}`);
    case 'mac':
      return single('mac-addr', 'value', value, `MAC address: ${value}`);
    case 'username':
      return account(indicator, 'account_login', 'User name');
    case 'payment-account':
      return account(indicator, 'account_login', 'Payment account');
    case 'remote-tool':
      return account(indicator, 'user_id', 'Remote-access id');
    case 'btc':
      return single('cryptocurrency-wallet', 'value', value, `Bitcoin wallet: ${value}`, 'cryptocurrency-wallet');
    case 'eth':
      return single('cryptocurrency-wallet', 'value', value, `Ethereum wallet: ${value}`, 'cryptocurrency-wallet');
    case 'tron':
      return single('cryptocurrency-wallet', 'value', value, `TRON wallet: ${value}`, 'cryptocurrency-wallet');
    case 'wallet':
      return single(
        'cryptocurrency-wallet',
        'value',
        value,
        `Wallet${indicator.platform ? ` (${indicator.platform})` : ''}: ${value}`,
        'cryptocurrency-wallet',
      );
    case 'iban':
      return single('bank-account', 'iban', value, `Bank account (IBAN): ${value}`, 'bank-account');
    case 'file-hash': {
      const algorithm = HASH_OF_LENGTH[value.length];
      if (!algorithm || !/^[0-9a-f]+$/.test(value)) {
        return { reason: 'file hash of no known length', plural: 'file hashes of no known length' };
      }
      return {
        sco: sco('file', { hashes: { [algorithm]: value } }),
        pattern: `[file:hashes.${patternString(algorithm)} = ${patternString(value)}]`,
        name: `File hash (${algorithm}): ${value}`,
      };
    }
    default:
      return (
        NOT_IN_STIX[indicator.type] ?? { reason: `${indicator.type} indicator`, plural: `${indicator.type} indicators` }
      );
  }
}
