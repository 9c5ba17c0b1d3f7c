import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { keccak_256 } from '@noble/hashes/sha3';
import type { IndicatorType } from '../../../shared/domain/indicator.ts';

/**
 * Indicators as a responder types them, made into one canonical form per type, so the same wallet,
 * address or account entered twice (with other case, spaces, a Unicode domain, an uncompressed
 * IPv6) is recognised as one, and a typo is refused with the reason. Where a format carries a
 * checksum (Bitcoin and TRON Base58Check, Bech32/Bech32m, Ethereum EIP-55 mixed case, IBAN mod 97),
 * it is checked: a transposed character in a wallet is the costliest typo in an extortion case.
 */

export { INDICATOR_TYPES } from '../../../shared/domain/indicator.ts';
export type { IndicatorType } from '../../../shared/domain/indicator.ts';

export type Normalised = { ok: true; value: string; note?: string } | { ok: false; reason: string };

const ok = (value: string, note?: string): Normalised => (note ? { ok: true, value, note } : { ok: true, value });
const no = (reason: string): Normalised => ({ ok: false, reason });

// ---- network -------------------------------------------------------------------------------------

/** A host name: each label 1–63 letters, digits or hyphens, not starting or ending with a hyphen. */
function hostProblem(ascii: string): string | null {
  if (ascii.length > 253) return 'is longer than 253 characters';
  const labels = ascii.split('.');
  if (labels.length < 2) return 'needs a dot and a top-level domain (example.com)';
  for (const label of labels) {
    if (!label) return 'has an empty label (two dots in a row, or a dot at the start)';
    if (label.length > 63) return `has a label longer than 63 characters ("${label.slice(0, 20)}…")`;
    if (!/^[a-z0-9-]+$/.test(label)) return `has a character a domain cannot have in "${label}"`;
    if (label.startsWith('-') || label.endsWith('-')) {
      return `has a label starting or ending with a hyphen ("${label}")`;
    }
  }
  if (/^\d+$/.test(labels.at(-1)!)) return 'ends in a number, not a top-level domain';
  return null;
}

/** A domain, lower case, in its ASCII (punycode) form: münchen.de and xn--mnchen-3ya.de are one. */
export function normaliseDomain(input: string): Normalised {
  const trimmed = input.trim().replace(/\.$/, '');
  if (!trimmed) return no('is empty');
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (!ascii) return no('is not a domain name (characters a domain cannot have)');
  const problem = hostProblem(ascii);
  return problem ? no(problem) : ok(ascii, ascii !== trimmed.toLowerCase() ? `written ${trimmed}` : undefined);
}

/** Every group of an IPv6 address, expanded: 8 numbers (an embedded IPv4 becomes the last two). */
function ipv6Groups(address: string): number[] | null {
  let text = address;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(halves[0]!);
  const right = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  return [...left, ...Array<number>(missing).fill(0), ...right];
}

/** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
function compressIpv6(groups: number[]): string {
  let best = { at: -1, length: 0 };
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { at: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}

/** An IP address: IPv4 as four decimal numbers without leading zeros, IPv6 compressed (RFC 5952). */
export function normaliseIp(input: string): Normalised {
  const text = input.trim().replace(/^\[(.*)\]$/, '$1');
  // Leading zeros are refused, not guessed: 010 is octal to some tools and decimal to others.
  if (/^\d+\.\d+\.\d+\.\d+$/.test(text)) {
    if (text.split('.').some((p) => p.length > 1 && p.startsWith('0'))) {
      return no('has a number with a leading zero; write it without (10.0.0.1, not 010.0.0.1)');
    }
    return isIP(text) === 4 ? ok(text) : no('is not an IPv4 address (each of the four numbers 0–255)');
  }
  if (text.includes('%')) return no('has a zone index (%eth0); give the address without it');
  if (isIP(text) !== 6) return no('is not an IP address (IPv4 such as 203.0.113.7, or IPv6 such as 2001:db8::1)');
  const groups = ipv6Groups(text.toLowerCase());
  if (!groups) return no('is not an IPv6 address');
  // An IPv4-mapped address keeps its IPv4 part in dotted form (RFC 5952, section 5).
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi, lo] = [groups[6]!, groups[7]!];
    return ok(`::ffff:${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  return ok(compressIpv6(groups));
}

/** A URL as a browser would fetch it: scheme and host lower case, the host in punycode, no default port. */
export function normaliseUrl(input: string): Normalised {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return no('is not a URL');
  }
  if (!['http:', 'https:', 'ftp:'].includes(url.protocol)) {
    return no(`has the scheme ${url.protocol}; give an http(s) or ftp URL`);
  }
  if (isIP(url.hostname.replace(/^\[(.*)\]$/, '$1')) === 0) {
    const problem = hostProblem(url.hostname);
    if (problem) return no(`has a host that ${problem}`);
  }
  return ok(url.href);
}

/**
 * An e-mail address: the domain as a domain (lower case, punycode); the local part kept as typed,
 * since RFC 5321 lets a server tell John from john, except that it is compared without case: the
 * providers that matter here (Gmail, Outlook, Proton) ignore it, and a duplicate is what counts.
 */
export function normaliseEmail(input: string): Normalised {
  const text = input.trim().replace(/^mailto:/i, '');
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return no('needs a name, an @ and a domain (name@example.com)');
  const local = text.slice(0, at);
  if (local.length > 64) return no('has more than 64 characters before the @');
  if (/\s/.test(local) || /^\.|\.$|\.\./.test(local)) return no('has a space or a misplaced dot before the @');
  const domain = normaliseDomain(text.slice(at + 1));
  if (!domain.ok) return no(`has a domain that ${domain.reason}`);
  return ok(`${local.toLowerCase()}@${domain.value}`);
}

/**
 * A phone number in E.164: + and 8 to 15 digits, the country code first. Spaces, dashes, dots and
 * brackets are dropped; 00 at the start is the international prefix. Without either, the country
 * is unknown, and the number is refused rather than guessed. A "(0)" right after the country code
 * (+44 (0)20…) is the trunk prefix dialled only from inside the country, so it is dropped, not kept
 * as a digit: +44 (0)20 7946 0958 and +44 20 7946 0958 are one number.
 */
export function normalisePhone(input: string): Normalised {
  const text = input.trim();
  if (/[^\d\s+().\-/]/.test(text)) return no('has characters a phone number does not have');
  const withoutTrunk = text.replace(/^(\+|00)(\s*\d{1,3})[\s.-]*\(0\)/, '$1$2 ');
  let digits = withoutTrunk.replace(/[\s().\-/]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (!digits.startsWith('+')) return no('needs its country code: start with + or 00 (+82 10…, 0044 20…)');
  if (digits.indexOf('+', 1) >= 0) return no('has a + inside the number');
  const national = digits.slice(1);
  if (national.startsWith('0')) return no('has a country code starting with 0; check the digits after +');
  if (national.length < 8 || national.length > 15) {
    return no(`has ${national.length} digits; E.164 allows 8 to 15 after +`);
  }
  return ok(`+${national}`);
}

/** A MAC address: six bytes, lower case, colon-separated (00:1a:2b:3c:4d:5e), from any usual form. */
export function normaliseMac(input: string): Normalised {
  const hex = input
    .trim()
    .toLowerCase()
    .replace(/[:.\-\s]/g, '');
  if (!/^[0-9a-f]{12}$/.test(hex)) return no('is not a MAC address (six bytes in hex, as 00:1A:2B:3C:4D:5E)');
  return ok(hex.match(/../g)!.join(':'));
}

/** A file hash, lower-case hex; its kind told by its length (MD5, SHA-1, SHA-256, SHA-512). */
export function normaliseFileHash(input: string): Normalised {
  const hex = input.trim().toLowerCase();
  const kinds: Record<number, string> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256', 128: 'SHA-512' };
  if (!/^[0-9a-f]+$/.test(hex)) return no('is not hexadecimal');
  const kind = kinds[hex.length];
  return kind ? ok(hex, kind) : no(`has ${hex.length} hex digits; MD5 has 32, SHA-1 40, SHA-256 64, SHA-512 128`);
}

// ---- money -----------------------------------------------------------------------------------------

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text: string): Uint8Array | null {
  let n = 0n;
  for (const c of text) {
    const d = BASE58.indexOf(c);
    if (d < 0) return null;
    n = n * 58n + BigInt(d);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for (const c of text) {
    if (c !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** The payload of a Base58Check string whose checksum holds, or why not. */
function base58Check(text: string): { payload: Uint8Array } | { problem: string } {
  const bad = [...text].find((c) => !BASE58.includes(c));
  if (bad) return { problem: `has "${bad}", which Base58 does not use (no 0, O, I or l)` };
  const bytes = base58Decode(text);
  if (!bytes || bytes.length < 5) return { problem: 'is too short' };
  const payload = bytes.slice(0, -4);
  const sum = sha256(sha256(payload)).subarray(0, 4);
  if (!sum.equals(Buffer.from(bytes.slice(-4)))) {
    return { problem: 'fails its checksum: a character is wrong or two are swapped' };
  }
  return { payload };
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Polymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i]!;
  }
  return chk >>> 0;
}

/** A segwit address (BIP 173 / BIP 350): bc1…, Bech32 for version 0, Bech32m from version 1. */
function bech32Problem(address: string): string | null {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return 'mixes upper and lower case';
  const text = address.toLowerCase();
  const sep = text.lastIndexOf('1');
  const hrp = text.slice(0, sep);
  const data = [...text.slice(sep + 1)].map((c) => BECH32.indexOf(c));
  if (hrp !== 'bc') return 'is not a Bitcoin mainnet address (bc1…)';
  if (data.some((d) => d < 0)) return 'has a character Bech32 does not use (no 1, b, i or o after bc1)';
  if (data.length < 7 || text.length > 90) return 'has the wrong length';
  const expanded = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  const version = data[0]!;
  const constant = version === 0 ? 1 : 0x2bc830a3;
  if (bech32Polymod([...expanded, ...data]) !== constant) {
    return 'fails its checksum: a character is wrong or two are swapped';
  }
  const programLength = Math.floor(((data.length - 7) * 5) / 8);
  if (version === 0 && programLength !== 20 && programLength !== 32) return 'has a witness program of the wrong length';
  if (version > 16 || programLength < 2 || programLength > 40) return 'is not a valid segwit address';
  return null;
}

/** A Bitcoin address: legacy 1… or 3… (Base58Check) as written, segwit bc1… in lower case. */
export function normaliseBtc(input: string): Normalised {
  const text = input.trim();
  if (/^bc1/i.test(text)) {
    const problem = bech32Problem(text);
    return problem ? no(problem) : ok(text.toLowerCase());
  }
  if (!/^[13]/.test(text)) return no('is not a Bitcoin address (1…, 3… or bc1…)');
  const checked = base58Check(text);
  if ('problem' in checked) return no(checked.problem);
  if (checked.payload.length !== 21 || ![0x00, 0x05].includes(checked.payload[0]!)) {
    return no('is not a Bitcoin mainnet address');
  }
  return ok(text);
}

/** An Ethereum address in its EIP-55 form; if written mixed case, that case must be the checksum. */
export function normaliseEth(input: string): Normalised {
  const text = input.trim();
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) return no('is not an Ethereum address (0x and 40 hex digits)');
  const lower = text.slice(2).toLowerCase();
  const hash = Buffer.from(keccak_256(new TextEncoder().encode(lower))).toString('hex');
  const checksummed = `0x${[...lower].map((c, i) => (parseInt(hash[i]!, 16) >= 8 ? c.toUpperCase() : c)).join('')}`;
  const body = text.slice(2);
  const mixed = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixed && text !== checksummed) {
    return no('fails its EIP-55 checksum (the mixed case is wrong): a character is wrong');
  }
  return ok(checksummed, mixed ? undefined : 'written without its checksum case; not checked');
}

/** A TRON address (where USDT-TRC20 goes): T…, Base58Check of 0x41 and 20 bytes. */
export function normaliseTron(input: string): Normalised {
  const text = input.trim();
  if (!/^T/.test(text) || text.length !== 34) return no('is not a TRON address (34 characters starting with T)');
  const checked = base58Check(text);
  if ('problem' in checked) return no(checked.problem);
  if (checked.payload.length !== 21 || checked.payload[0] !== 0x41) return no('is not a TRON mainnet address');
  return ok(text);
}

/** An IBAN: upper case without spaces, two letters, two check digits that pass mod 97 (ISO 13616). */
export function normaliseIban(input: string): Normalised {
  const text = input.replace(/[\s-]/g, '').toUpperCase().replace(/^IBAN/, '');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(text)) {
    return no('is not an IBAN (country letters, two check digits, the account)');
  }
  const moved = text.slice(4) + text.slice(0, 4);
  const digits = [...moved].map((c) => (/\d/.test(c) ? c : String(c.charCodeAt(0) - 55))).join('');
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  if (rest !== 1) return no('fails its check digits: a character is wrong or two are swapped');
  return ok(text);
}

// ---- free-form identifiers -------------------------------------------------------------------------

/** Whitespace runs made one space, the text in Unicode NFC: how two typings of one thing are compared. */
function tidy(input: string): string {
  return input.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/**
 * Profile links people paste instead of a user name: the host and the path before the name
 * ("in/" on LinkedIn), mapped to the platform. Only these; any other link is refused, since the
 * name in it cannot be told from the rest of the path. `reserved` are the first path segments of
 * each site that are pages, not people (a post, a search, a group): taking one as the name would
 * make everyone who pasted a post link one person called "p".
 */
const PROFILE_HOSTS: readonly {
  hosts: readonly string[];
  prefix: string;
  platform: string;
  reserved: readonly string[];
}[] = [
  {
    hosts: ['github.com'],
    prefix: '',
    platform: 'github',
    reserved: ['orgs', 'sponsors', 'settings', 'search', 'explore', 'marketplace', 'topics', 'notifications'],
  },
  { hosts: ['linkedin.com'], prefix: 'in/', platform: 'linkedin', reserved: [] },
  {
    hosts: ['t.me', 'telegram.me'],
    prefix: '',
    platform: 'telegram',
    reserved: ['s', 'c', 'joinchat', 'share', 'addstickers', 'addemoji', 'proxy', 'socks', 'iv', 'login'],
  },
  {
    hosts: ['x.com', 'twitter.com'],
    prefix: '',
    platform: 'x',
    reserved: ['i', 'intent', 'home', 'search', 'explore', 'settings', 'hashtag', 'share', 'status', 'messages'],
  },
  {
    hosts: ['gitlab.com'],
    prefix: '',
    platform: 'gitlab',
    reserved: ['groups', 'users', 'explore', 'search', 'dashboard', 'projects', 'help', '-'],
  },
  {
    hosts: ['instagram.com'],
    prefix: '',
    platform: 'instagram',
    reserved: ['p', 'reel', 'reels', 'stories', 'tv', 'explore', 'accounts', 'direct', 's'],
  },
  {
    hosts: ['facebook.com', 'fb.com'],
    prefix: '',
    platform: 'facebook',
    reserved: [
      ...['people', 'groups', 'pages', 'watch', 'share', 'sharer', 'sharer.php', 'hashtag', 'search', 'home.php'],
      ...['events', 'photo', 'photo.php', 'photos', 'permalink.php', 'story.php', 'reel', 'reels', 'stories'],
      ...['marketplace', 'messages', 'settings', 'login'],
    ],
  },
];

/** The user name and platform a profile link shows, null when `text` is no link, or why it cannot be read. */
function fromProfileUrl(text: string): { name: string; platform: string } | { problem: string } | null {
  if (!/^(https?:\/\/|www\.)/i.test(text) && !/^[a-z0-9.-]+\.[a-z]{2,}\/\S/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { problem: 'is not a link nor a user name' };
  }
  const host = url.hostname.replace(/^(www|m|mobile)\./, '');
  const known = PROFILE_HOSTS.find((p) => p.hosts.includes(host));
  if (!known) return { problem: `is a link to ${host}; give the user name it shows, not the link` };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
  } catch {
    return { problem: 'is a link whose path is not well-formed (a stray %)' };
  }
  if (!path.toLowerCase().startsWith(known.prefix)) {
    return { problem: `is a ${known.platform} link but not to a profile (${known.prefix || 'NAME'}…)` };
  }
  const name = path.slice(known.prefix.length).split('/')[0] ?? '';
  // A Facebook account without a vanity name: its number is the one name it has.
  if (known.platform === 'facebook' && name.toLowerCase() === 'profile.php') {
    const id = url.searchParams.get('id')?.trim() ?? '';
    if (/^\d{1,20}$/.test(id)) return { name: id, platform: known.platform };
    return { problem: 'is a facebook profile.php link without its id=NUMBER; give the user name or that number' };
  }
  if (known.reserved.includes(name.toLowerCase()) || (known.platform === 'telegram' && name.startsWith('+'))) {
    return { problem: `is a link to /${name}/… on ${known.platform}, which is not a profile link; give the user name` };
  }
  if (!name) return { problem: `is a ${known.platform} link without a user name in it` };
  return { name, platform: known.platform };
}

/** The platform a profile link belongs to (https://github.com/octocat → github), if it is one. */
export function platformOfProfileUrl(input: string): string | undefined {
  const found = fromProfileUrl(tidy(input));
  return found && 'platform' in found ? found.platform : undefined;
}

/**
 * A user name on a platform: without a leading @ and compared without case (GitHub, LinkedIn,
 * Telegram, Slack and X all ignore it). A profile link is reduced to the name it shows.
 */
export function normaliseUsername(input: string): Normalised {
  let text = tidy(input);
  const profile = fromProfileUrl(text);
  if (profile && 'problem' in profile) return no(profile.problem);
  if (profile) text = profile.name;
  text = text.replace(/^@/, '');
  if (!text) return no('is empty');
  if (/\s/.test(text)) return no('has a space; a user name is one word (give the display name as a note)');
  if (text.length > 200) return no('is longer than 200 characters');
  return ok(text.toLowerCase(), profile ? `taken from the ${profile.platform} profile link` : undefined);
}

/**
 * A wallet of a chain Custos has no checksum for (XMR, LTC, ADA…): letters and digits, case kept,
 * since Base58 tells upper from lower. A Bech32 address (ltc1…, addr1…) is the one exception: it
 * has a single case, so one written in capitals is the same address in lower case.
 */
export function normaliseWallet(input: string): Normalised {
  const text = input.trim();
  if (!/^[A-Za-z0-9:]{20,120}$/.test(text)) return no('is not a wallet address (20 to 120 letters and digits)');
  const note = 'no checksum known for this chain: check it character by character';
  if (text === text.toUpperCase() && /^[A-Z]{1,83}1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{6,}$/.test(text)) {
    return ok(text.toLowerCase(), note);
  }
  return ok(text, note);
}

/**
 * A payment account (Payoneer, Wise, PayPal…): an e-mail compared as an e-mail, a phone number
 * (+ or 00 first) as a phone number, else an account number or id as written without spaces or
 * dashes, in capitals.
 */
export function normalisePaymentAccount(input: string): Normalised {
  const text = tidy(input);
  if (!text) return no('is empty');
  if (text.includes('@')) {
    const email = normaliseEmail(text);
    return email.ok ? email : no(`looks like an e-mail address but ${email.reason}`);
  }
  if (/^(\+|00)[\d\s().-]+$/.test(text)) {
    const phone = normalisePhone(text);
    return phone.ok ? phone : no(`looks like a phone number but ${phone.reason}`);
  }
  const compact = text.replace(/[\s-]/g, '');
  if (!/^[A-Za-z0-9./]+$/.test(compact)) return no('has characters an account number or id does not have');
  return ok(compact.toUpperCase());
}

/**
 * A postal or shipping address: its lines joined with ", " (two lines and one line with a comma are
 * one address), spaces around commas tidied, no comma doubled or left at either end, compared
 * without case.
 */
export function normalisePostalAddress(input: string): Normalised {
  const text = tidy(input.replace(/\s*[\r\n]+\s*/g, ', '))
    .replace(/\s*,[\s,]*/g, ', ')
    .replace(/^[\s,]+|[\s,.]+$/g, '');
  if (text.length < 5) return no('is too short to be an address');
  if (!/[\p{L}\p{N}]/u.test(text)) return no('has no letters or digits');
  return ok(text.toLowerCase());
}

/** A device serial number: letters and digits, upper case, spaces and dashes dropped. */
export function normaliseSerial(input: string): Normalised {
  const compact = tidy(input).replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z0-9./]{3,64}$/.test(compact)) return no('is not a serial number (3 to 64 letters and digits)');
  return ok(compact);
}

/**
 * A host name: a single label (a Windows name such as LAPTOP-7F3K, at most 63 characters) or a
 * full name, lower case, without the trailing dot of a fully qualified name.
 */
export function normaliseHostname(input: string): Normalised {
  const text = input.trim().toLowerCase().replace(/\.$/, '');
  if (!text) return no('is empty');
  if (isIP(text.replace(/^\[(.*)\]$/, '$1')) !== 0) return no('is an IP address; add it as type ip');
  if (!text.includes('.')) {
    if (text.length > 63) return no('is longer than 63 characters');
    return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(text)
      ? ok(text)
      : no('has a character a host name cannot have (letters, digits and hyphens, not at either end)');
  }
  return normaliseDomain(text);
}

/**
 * A remote-access tool's id or device (an AnyDesk or TeamViewer id, a PiKVM or TinyPilot host): an
 * id of digits is kept as digits alone, however it was grouped ("123 456 789", "123-456-789");
 * anything else as written, in lower case.
 */
export function normaliseRemoteTool(input: string): Normalised {
  const text = tidy(input);
  if (!text) return no('is empty');
  const digits = text.replace(/[\s-]/g, '');
  if (/^\d+$/.test(digits)) {
    return digits.length >= 6 && digits.length <= 12
      ? ok(digits)
      : no(`is an id of ${digits.length} digits; expected 6 to 12`);
  }
  return ok(text.toLowerCase());
}

const NORMALISERS: Record<IndicatorType, (input: string) => Normalised> = {
  username: normaliseUsername,
  wallet: normaliseWallet,
  'payment-account': normalisePaymentAccount,
  'postal-address': normalisePostalAddress,
  'device-serial': normaliseSerial,
  hostname: normaliseHostname,
  'remote-tool': normaliseRemoteTool,
  email: normaliseEmail,
  phone: normalisePhone,
  ip: normaliseIp,
  domain: normaliseDomain,
  url: normaliseUrl,
  mac: normaliseMac,
  'file-hash': normaliseFileHash,
  btc: normaliseBtc,
  eth: normaliseEth,
  tron: normaliseTron,
  iban: normaliseIban,
};

/** The wallet types whose checksum Custos checks. */
export type ChainType = 'btc' | 'eth' | 'tron';

/**
 * Wallet platforms that name a chain Custos has a type for. usdt and usdc run on more than one
 * chain: the address says which (0x… on Ethereum, T… of 34 characters on TRON).
 */
const CHAIN_OF_PLATFORM: Readonly<Record<string, ChainType | 'by-address'>> = {
  btc: 'btc',
  bitcoin: 'btc',
  eth: 'eth',
  ethereum: 'eth',
  erc20: 'eth',
  trx: 'tron',
  tron: 'tron',
  trc20: 'tron',
  usdt: 'by-address',
  usdc: 'by-address',
};

/** Whether a wallet platform (tidied, lower case) names a chain that has its own type. */
export const namesChain = (platform: string) => Object.hasOwn(CHAIN_OF_PLATFORM, platform);

/**
 * The type a `wallet` entry really is when Custos can check it: the chain its platform names
 * (wallet/btc:…, wallet/usdt:TN…), else the chain whose checks its address passes (a Bitcoin
 * address entered as wallet/bch is still a Bitcoin address). Null when it stays a wallet of its
 * platform (XMR, LTC, USDT on a chain without its own type). Stored as the chain's type, the same
 * address entered both ways is one indicator, and its checksum is checked.
 */
export function walletChainOf(platform: string, input: string): ChainType | null {
  const text = input.trim();
  if (text.length > 2048) return null;
  const named = Object.hasOwn(CHAIN_OF_PLATFORM, platform) ? CHAIN_OF_PLATFORM[platform] : undefined;
  if (named && named !== 'by-address') return named;
  if (named === 'by-address') {
    if (/^0x/i.test(text)) return 'eth';
    if (/^T/.test(text) && text.length === 34) return 'tron';
  }
  return (['btc', 'eth', 'tron'] as const).find((type) => NORMALISERS[type](text).ok) ?? null;
}

/** The canonical form of an indicator of `type`, or the reason it is refused. */
export function normaliseIndicator(type: IndicatorType, input: string): Normalised {
  if (input.length > 2048) return no('is longer than 2048 characters');
  return NORMALISERS[type](input);
}
