import { describe, expect, it } from 'vitest';
import { normaliseIndicator } from '../../electron/core/indicators/normalise.ts';
import type { IndicatorType } from '../../electron/core/indicators/normalise.ts';

// Indicators as people type them, each made into one form so a second entry is recognised as the
// same, and each typo refused with its reason. The addresses are published test vectors (BIP 173,
// BIP 350, EIP-55, ISO 13616 examples) or well-known addresses; the typos change one character.

const value = (type: IndicatorType, input: string) => {
  const result = normaliseIndicator(type, input);
  if (!result.ok) throw new Error(`${type} ${input}: ${result.reason}`);
  return result.value;
};
const reason = (type: IndicatorType, input: string) => {
  const result = normaliseIndicator(type, input);
  if (result.ok) throw new Error(`${type} ${input} was accepted as ${result.value}`);
  return result.reason;
};

describe('wallets: the checksum the chain defines is checked', () => {
  it('Bitcoin: legacy and script addresses by Base58Check, segwit by Bech32 (v0) and Bech32m (v1)', () => {
    expect(value('btc', ' 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa ')).toBe('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
    expect(reason('btc', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb')).toMatch(/fails its checksum/);
    expect(reason('btc', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0')).toMatch(/"0", which Base58 does not use/);
    expect(value('btc', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4')).toBe(
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    );
    expect(reason('btc', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5')).toMatch(/fails its checksum/);
    expect(reason('btc', 'bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toMatch(/mixes upper and lower case/);
    const taproot = 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0';
    expect(value('btc', taproot)).toBe(taproot);
    expect(reason('btc', 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx')).toMatch(
      /not a Bitcoin address|not a Bitcoin mainnet/,
    );
  });

  it('Ethereum: the EIP-55 mixed case is the checksum; all lower case is given its checksum form', () => {
    for (const address of [
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
      '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
    ]) {
      expect(value('eth', address)).toBe(address);
      expect(value('eth', address.toLowerCase())).toBe(address);
    }
    expect(reason('eth', '0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toMatch(/EIP-55 checksum/);
    expect(reason('eth', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe')).toMatch(/40 hex digits/);
  });

  it('TRON (USDT-TRC20): Base58Check with the 0x41 prefix', () => {
    expect(value('tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t')).toBe('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
    expect(reason('tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u')).toMatch(/fails its checksum/);
    expect(reason('tron', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toMatch(/starting with T/);
  });

  it('IBAN: spaces and case do not matter, the mod-97 check digits do', () => {
    expect(value('iban', 'gb82 west 1234 5698 7654 32')).toBe('GB82WEST12345698765432');
    expect(value('iban', 'DE89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(reason('iban', 'GB82 WEST 1234 5698 7654 33')).toMatch(/check digits/);
    expect(reason('iban', 'GB28 WEST 1234 5698 7654 32')).toMatch(/check digits/);
  });
});

describe('network indicators in one form', () => {
  it('IPv6 compressed as RFC 5952 says; IPv4 without guessing at leading zeros', () => {
    expect(value('ip', '2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(value('ip', '2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(value('ip', '2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(value('ip', '[2001:db8::0001]')).toBe('2001:db8::1');
    expect(value('ip', '::FFFF:192.0.2.1')).toBe('::ffff:192.0.2.1');
    expect(value('ip', '::')).toBe('::');
    expect(value('ip', '203.0.113.7')).toBe('203.0.113.7');
    expect(reason('ip', '010.0.0.1')).toMatch(/leading zero/);
    expect(reason('ip', '256.1.1.1')).toMatch(/not an IPv4 address|not an IP address/);
    expect(reason('ip', 'fe80::1%eth0')).toMatch(/zone index/);
  });

  it('domains lower case and in punycode; e-mail addresses compared without case', () => {
    expect(value('domain', 'München.DE.')).toBe('xn--mnchen-3ya.de');
    expect(value('domain', 'xn--mnchen-3ya.de')).toBe('xn--mnchen-3ya.de');
    expect(reason('domain', 'localhost')).toMatch(/needs a dot/);
    expect(reason('domain', 'exa mple.com')).toMatch(/cannot have|not a domain/);
    expect(reason('domain', '-bad.example.com')).toMatch(/hyphen/);
    expect(value('email', 'mailto:John.Doe@Gmail.COM')).toBe('john.doe@gmail.com');
    expect(value('email', 'jk@München.de')).toBe('jk@xn--mnchen-3ya.de');
    expect(reason('email', 'jk.example.com')).toMatch(/needs a name, an @ and a domain/);
    expect(reason('email', 'j..k@example.com')).toMatch(/misplaced dot/);
  });

  it('URLs as a browser fetches them; phones in E.164 with their country; MACs in one notation', () => {
    expect(value('url', 'HTTPS://Example.COM:443/Path?q=1')).toBe('https://example.com/Path?q=1');
    expect(value('url', 'münchen.de/x')).toBe('https://xn--mnchen-3ya.de/x');
    expect(reason('url', 'javascript:alert(1)')).toMatch(/not a URL|scheme/);
    expect(value('phone', '+82 10-1234-5678')).toBe('+821012345678');
    expect(value('phone', '0044 (20) 7946 0958')).toBe('+442079460958');
    expect(reason('phone', '010-1234-5678')).toMatch(/country code/);
    expect(reason('phone', '+1 555')).toMatch(/8 to 15/);
    expect(value('mac', '00-1A-2B-3C-4D-5E')).toBe('00:1a:2b:3c:4d:5e');
    expect(value('mac', '001a.2b3c.4d5e')).toBe('00:1a:2b:3c:4d:5e');
    expect(reason('mac', '00:1A:2B:3C:4D')).toMatch(/six bytes/);
  });

  it('file hashes in lower case, their kind told by their length', () => {
    const empty = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';
    expect(normaliseIndicator('file-hash', empty)).toEqual({ ok: true, value: empty.toLowerCase(), note: 'SHA-256' });
    expect(reason('file-hash', empty.slice(1))).toMatch(/63 hex digits/);
    expect(reason('file-hash', 'not-a-hash')).toMatch(/hexadecimal/);
  });
});
