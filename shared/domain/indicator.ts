import { z } from 'zod';
import { text, requiredText, Uuid } from './common.ts';
import { Tlp } from './case.ts';

/**
 * Indicators (observables): the addresses, accounts, wallets and devices a case turns on. Each is
 * stored as entered and in one canonical form per type; the canonical form is what makes the same
 * wallet entered twice one indicator, and what search matches.
 */

export const INDICATOR_TYPES = [
  'email',
  'phone',
  'ip',
  'domain',
  'url',
  'username',
  'btc',
  'eth',
  'tron',
  'wallet',
  'iban',
  'payment-account',
  'postal-address',
  'device-serial',
  'mac',
  'hostname',
  'remote-tool',
  'file-hash',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export const IndicatorTypeSchema = z.enum(INDICATOR_TYPES, {
  error: `type must be one of: ${INDICATOR_TYPES.join(', ')}`,
});

export const INDICATOR_TYPE_LABELS: Record<IndicatorType, string> = {
  email: 'E-mail address',
  phone: 'Phone (E.164)',
  ip: 'IP address',
  domain: 'Domain',
  url: 'URL',
  username: 'User name on a platform',
  btc: 'Bitcoin wallet',
  eth: 'Ethereum wallet (also USDT-ERC20)',
  tron: 'TRON wallet (also USDT-TRC20)',
  wallet: 'Other cryptocurrency wallet',
  iban: 'Bank account (IBAN)',
  'payment-account': 'Payment account (Payoneer, Wise, PayPal…)',
  'postal-address': 'Postal / shipping address',
  'device-serial': 'Device serial number',
  mac: 'MAC address',
  hostname: 'Host name',
  'remote-tool': 'Remote-access tool or hardware',
  'file-hash': 'File hash',
};

/** Types whose value means something only with a platform, provider or product beside it. */
export const TYPES_WITH_PLATFORM: readonly IndicatorType[] = ['username', 'payment-account', 'wallet', 'remote-tool'];

/** The names people type for a type (CLI, CSV and pasted lists), mapped to the type. */
export const INDICATOR_TYPE_ALIASES: Readonly<Record<string, IndicatorType>> = {
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  phone: 'phone',
  tel: 'phone',
  telephone: 'phone',
  ip: 'ip',
  ipv4: 'ip',
  ipv6: 'ip',
  'ip-address': 'ip',
  domain: 'domain',
  fqdn: 'domain',
  url: 'url',
  link: 'url',
  username: 'username',
  user: 'username',
  handle: 'username',
  account: 'username',
  btc: 'btc',
  bitcoin: 'btc',
  eth: 'eth',
  ethereum: 'eth',
  erc20: 'eth',
  'usdt-erc20': 'eth',
  tron: 'tron',
  trx: 'tron',
  trc20: 'tron',
  'usdt-trc20': 'tron',
  wallet: 'wallet',
  crypto: 'wallet',
  iban: 'iban',
  bank: 'iban',
  'payment-account': 'payment-account',
  payment: 'payment-account',
  payoneer: 'payment-account',
  wise: 'payment-account',
  paypal: 'payment-account',
  'postal-address': 'postal-address',
  address: 'postal-address',
  postal: 'postal-address',
  shipping: 'postal-address',
  'device-serial': 'device-serial',
  serial: 'device-serial',
  device: 'device-serial',
  mac: 'mac',
  hostname: 'hostname',
  host: 'hostname',
  'remote-tool': 'remote-tool',
  rat: 'remote-tool',
  kvm: 'remote-tool',
  'file-hash': 'file-hash',
  hash: 'file-hash',
  md5: 'file-hash',
  sha1: 'file-hash',
  sha256: 'file-hash',
  sha512: 'file-hash',
};

/** The type a typed name stands for, or undefined. Case-insensitive; spaces and underscores as hyphens. */
export function indicatorTypeOf(name: string): IndicatorType | undefined {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return Object.hasOwn(INDICATOR_TYPE_ALIASES, key) ? INDICATOR_TYPE_ALIASES[key] : undefined;
}

/** For aliases that also name the platform (payoneer:…, wise:…), the platform they imply. */
export const PLATFORM_OF_ALIAS: Readonly<Record<string, string>> = {
  payoneer: 'payoneer',
  wise: 'wise',
  paypal: 'paypal',
  'usdt-erc20': '',
  'usdt-trc20': '',
};

export const CONFIDENCES = ['low', 'medium', 'high', 'confirmed'] as const;
export const Confidence = z.enum(CONFIDENCES, { error: `confidence must be one of: ${CONFIDENCES.join(', ')}` });
export type Confidence = z.infer<typeof Confidence>;

export const Indicator = z.object({
  id: z.string(),
  type: IndicatorTypeSchema,
  /** As first entered, kept for the record. */
  value: z.string(),
  /** The canonical form: what makes two entries one indicator, and what search matches. */
  normalised: z.string(),
  /** Platform, provider or product for user names, payment accounts, other wallets and tools; '' otherwise. */
  platform: z.string(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  /** The zone the seen times were entered in. */
  seenZone: z.string().nullable(),
  sourceItemId: z.string().nullable(),
  confidence: Confidence,
  tlp: Tlp,
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  removed: z.boolean(),
});
export type Indicator = z.infer<typeof Indicator>;

/** An indicator with the subjects it belongs to and the exhibit it was seen in, as lists show it. */
export const IndicatorRow = Indicator.extend({
  subjects: z.array(z.object({ id: z.string(), name: z.string() })),
  sourceExhibit: z.string().nullable(),
});
export type IndicatorRow = z.infer<typeof IndicatorRow>;

const seenTime = text('Seen time', 60).optional();

export const IndicatorDraft = z
  .object({
    type: IndicatorTypeSchema,
    value: requiredText('Value', 2048),
    platform: text('Platform', 100).default(''),
    /** Wall times in `zone`, or ISO with an offset. */
    firstSeen: seenTime,
    lastSeen: seenTime,
    zone: text('Time zone', 64).optional(),
    /** Exhibit number or evidence id the indicator was seen in. */
    source: text('Source exhibit', 64).optional(),
    confidence: Confidence.default('medium'),
    tlp: Tlp.default('AMBER'),
    notes: text('Notes', 5000).default(''),
    /** Subjects it belongs to (ids). */
    subjectIds: z.array(Uuid).max(50).default([]),
  })
  .strict();
export type IndicatorDraft = z.input<typeof IndicatorDraft>;

export const IndicatorPatch = z
  .object({
    platform: text('Platform', 100),
    firstSeen: text('First seen', 60).nullable(),
    lastSeen: text('Last seen', 60).nullable(),
    zone: text('Time zone', 64),
    source: text('Source exhibit', 64).nullable(),
    confidence: Confidence,
    tlp: Tlp,
    notes: text('Notes', 5000),
  })
  .partial()
  .strict();
export type IndicatorPatch = z.input<typeof IndicatorPatch>;
export const IndicatorUpdateRequest = z.object({ id: Uuid, patch: IndicatorPatch }).strict();

/** The most text a pasted or imported list may be. */
export const MAX_INDICATOR_LIST_CHARS = 4 * 1024 * 1024;

export const IndicatorBulkRequest = z
  .object({
    text: z.string().max(MAX_INDICATOR_LIST_CHARS, { error: 'the list is larger than 4 MiB; split it' }),
    /** The type of lines that name none (a pasted column of wallets). */
    defaultType: IndicatorTypeSchema.optional(),
    /**
     * The platform of lines without a type, and of lines of the default type that name none (a
     * pasted column of Payoneer accounts or Telegram names). Needs `defaultType`.
     */
    defaultPlatform: text('Default platform', 100).optional(),
    confidence: Confidence.default('medium'),
    tlp: Tlp.default('AMBER'),
    source: text('Source exhibit', 64).optional(),
    subjectIds: z.array(Uuid).max(50).default([]),
  })
  .strict();
export type IndicatorBulkRequest = z.input<typeof IndicatorBulkRequest>;

export const IndicatorLineVerdict = z.object({
  line: z.number().int(),
  verdict: z.enum(['added', 'already present', 'refused']),
  type: z.string(),
  input: z.string(),
  normalised: z.string(),
  reason: z.string(),
});
export type IndicatorLineVerdict = z.infer<typeof IndicatorLineVerdict>;

export const IndicatorBulkResult = z.object({
  lines: z.array(IndicatorLineVerdict),
  added: z.number().int(),
  present: z.number().int(),
  refused: z.number().int(),
  /** True when the list was written (import), false for a preview or a refused import. */
  written: z.boolean(),
});
export type IndicatorBulkResult = z.infer<typeof IndicatorBulkResult>;

export const IndicatorCheckRequest = z
  .object({
    type: IndicatorTypeSchema,
    value: z.string().max(4096),
    /** Where the value is (github, payoneer…): only the indicator on that platform is "already in the case". */
    platform: text('Platform', 100).optional(),
  })
  .strict();
export const IndicatorCheckResult = z.object({
  ok: z.boolean(),
  normalised: z.string(),
  note: z.string(),
  reason: z.string(),
  /** The indicator already in the case with this canonical form, if any. */
  existingId: z.string().nullable(),
});
export type IndicatorCheckResult = z.infer<typeof IndicatorCheckResult>;
