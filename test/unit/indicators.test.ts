import { describe, expect, it } from 'vitest';
import { normaliseIndicator, platformOfProfileUrl } from '../../electron/core/indicators/normalise.ts';
import { MAX_INDICATOR_LIST_LINES, parseIndicatorList } from '../../electron/core/indicators/list.ts';
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

describe('identifiers without a checksum: one form for the ways people write them', () => {
  it('a user name with or without @, or as its profile link, is one name; a link elsewhere is refused', () => {
    expect(value('username', '@Octocat')).toBe('octocat');
    expect(value('username', 'https://github.com/octocat')).toBe('octocat');
    expect(value('username', 'github.com/Octocat/?tab=repositories')).toBe('octocat');
    expect(value('username', 'https://www.linkedin.com/in/Jane-Doe-4a1b/')).toBe('jane-doe-4a1b');
    expect(value('username', 't.me/JinhoPark')).toBe('jinhopark');
    expect(platformOfProfileUrl('https://github.com/octocat')).toBe('github');
    expect(platformOfProfileUrl('@octocat')).toBeUndefined();
    expect(reason('username', 'https://example.com/octocat')).toMatch(/link to example\.com; give the user name/);
    expect(reason('username', 'https://www.linkedin.com/company/northwind')).toMatch(/not to a profile/);
    expect(reason('username', 'Jin ho')).toMatch(/has a space/);
  });

  it('a payment account: an e-mail in any case, a phone with its spacing, an account id with its dashes', () => {
    expect(value('payment-account', 'Jane.Doe@Example.COM')).toBe(value('payment-account', 'jane.doe@example.com'));
    expect(value('payment-account', '+44 7700 900123')).toBe('+447700900123');
    expect(value('payment-account', 'p-1234 5678')).toBe('P12345678');
    expect(reason('payment-account', 'jane@')).toMatch(/looks like an e-mail address but/);
  });

  it('an AnyDesk or TeamViewer id however it is grouped; a device name as written', () => {
    expect(value('remote-tool', '123 456 789')).toBe('123456789');
    expect(value('remote-tool', '123-456-789')).toBe('123456789');
    expect(value('remote-tool', '1 234 567 890')).toBe('1234567890');
    expect(value('remote-tool', 'PiKVM.local')).toBe('pikvm.local');
    expect(reason('remote-tool', '12 34')).toMatch(/4 digits; expected 6 to 12/);
  });

  it('host names: a Windows name with its trailing dot, a full name in lower case; an IP is refused', () => {
    expect(value('hostname', 'LAPTOP-7F3K.')).toBe('laptop-7f3k');
    expect(value('hostname', 'Farm-07.Corp.Example.')).toBe('farm-07.corp.example');
    expect(reason('hostname', '10.0.0.5')).toMatch(/is an IP address; add it as type ip/);
    expect(reason('hostname', '-laptop')).toMatch(/cannot have/);
    expect(reason('hostname', 'laptop_7f3k')).toMatch(/cannot have/);
  });

  it('a postal address on two lines or one, with or without the commas, is one address', () => {
    const oneLine = value('postal-address', '1200 Harbor Blvd, Apt 4B, Weehawken, NJ 07086');
    expect(value('postal-address', '1200 Harbor Blvd\nApt 4B\nWeehawken, NJ 07086')).toBe(oneLine);
    expect(value('postal-address', '1200 Harbor Blvd,\r\n  Apt 4B ,Weehawken,  NJ 07086.\n')).toBe(oneLine);
    expect(oneLine).toBe('1200 harbor blvd, apt 4b, weehawken, nj 07086');
    expect(reason('postal-address', ',,\n,')).toMatch(/too short|no letters/);
  });

  it('a wallet of another chain keeps its case (Base58), except a Bech32 one written in capitals', () => {
    const xmr = '4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge';
    expect(value('wallet', xmr)).toBe(xmr);
    expect(value('wallet', 'LTC1QG82TU2G4X9WV0PR0XVCX9N0J8NDKD7SGZ9YQ8U')).toBe(
      'ltc1qg82tu2g4x9wv0pr0xvcx9n0j8ndkd7sgz9yq8u',
    );
    expect(reason('wallet', '4AdUnd XHHZ6cfufTMvpp')).toMatch(/not a wallet address/);
  });
});

describe('a pasted list or a CSV read into entries', () => {
  const entries = (text: string, defaultType?: IndicatorType) =>
    parseIndicatorList(text, defaultType).map(({ line, type, platform, input, problem }) => ({
      line,
      type,
      platform,
      input,
      ...(problem ? { problem } : {}),
    }));

  it('TYPE:VALUE split at the first colon, a platform after a slash or in the alias, comments and blanks skipped', () => {
    const text = [
      '# from the chat export',
      'url:https://example.com:8443/x',
      '',
      'ipv6:2001:db8::1',
      'username/GitHub:octocat',
      'Payoneer: jane@example.com',
      'USDT-TRC20:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      'litecoin:ltc1q…',
      'paypal/wise:jane@example.com',
      'btc:',
    ].join('\r\n');
    expect(entries(text)).toEqual([
      { line: 2, type: 'url', platform: '', input: 'https://example.com:8443/x' },
      { line: 4, type: 'ip', platform: '', input: '2001:db8::1' },
      { line: 5, type: 'username', platform: 'GitHub', input: 'octocat' },
      { line: 6, type: 'payment-account', platform: 'payoneer', input: 'jane@example.com' },
      { line: 7, type: 'tron', platform: '', input: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t' },
      {
        line: 8,
        type: null,
        platform: '',
        input: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
        problem: expect.stringMatching(/^name the type: TYPE:VALUE \(e\.g\. btc:bc1q…\)/),
      },
      {
        line: 9,
        type: null,
        platform: '',
        input: 'litecoin:ltc1q…',
        problem: expect.stringMatching(/^"litecoin" is not a type/),
      },
      {
        line: 10,
        type: null,
        platform: '',
        input: 'paypal/wise:jane@example.com',
        problem: expect.stringMatching(/names the platform paypal/),
      },
      { line: 11, type: 'btc', platform: '', input: 'btc:', problem: 'has nothing after "btc:"' },
    ]);
    // A column of wallets pasted under a chosen type: lines without a type take it.
    expect(
      entries('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4\neth:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'btc'),
    ).toEqual([
      { line: 1, type: 'btc', platform: '', input: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' },
      { line: 2, type: 'eth', platform: '', input: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
    ]);
  });

  it('a CSV with a header naming type and value, its optional columns per line, an unknown column refused by name', () => {
    const csv = [
      '# exported from the tracker',
      'Type,Value,Platform,First Seen,zone,confidence,notes',
      'wallet,"4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge",xmr,2026-03-01 09:00,Asia/Seoul,high,"paid to, twice"',
      'hostname,LAPTOP-7F3K.,,,,,',
      'phone,+82 10-1234-5678',
    ].join('\n');
    const [wallet, host, short] = parseIndicatorList(csv);
    expect(wallet).toMatchObject({
      line: 3,
      type: 'wallet',
      platform: 'xmr',
      firstSeen: '2026-03-01 09:00',
      zone: 'Asia/Seoul',
      confidence: 'high',
      notes: 'paid to, twice',
    });
    expect(host).toMatchObject({ line: 4, type: 'hostname', input: 'LAPTOP-7F3K.' });
    expect(short).toMatchObject({ line: 5, problem: 'has 2 fields where the header has 7' });
    expect(() => parseIndicatorList('type,value,colour\nbtc,x,red')).toThrow(/"colour" is not a column Custos knows/);
  });

  it('more than 50,000 lines are refused with the fix', () => {
    expect(() => parseIndicatorList('ip:203.0.113.7\n'.repeat(MAX_INDICATOR_LIST_LINES + 1))).toThrow(
      /50001 lines; at most 50000 .*split it/,
    );
  });
});

describe('links and numbers that are not what they first look like', () => {
  it('a Facebook profile.php link is the account its id names; a link to a post, a search or a group is refused', () => {
    expect(value('username', 'https://www.facebook.com/profile.php?id=100012345678')).toBe('100012345678');
    expect(value('username', 'm.facebook.com/profile.php?id=100087654321&sk=about')).toBe('100087654321');
    expect(platformOfProfileUrl('https://facebook.com/profile.php?id=100012345678')).toBe('facebook');
    expect(reason('username', 'https://www.facebook.com/profile.php')).toMatch(/without its id=NUMBER/);
    for (const link of [
      'https://www.instagram.com/p/C3xYz12AbCd/',
      'https://instagram.com/reel/C3xYz12AbCd',
      'https://www.instagram.com/stories/jinhopark/3312',
      'https://x.com/i/user/1234567890',
      'https://twitter.com/intent/follow?screen_name=jinho',
      'https://x.com/search?q=jinho',
      'https://www.facebook.com/groups/remote.dev.jobs/',
      'https://www.facebook.com/people/Jin-Ho-Park/100012345678/',
      'https://github.com/orgs/northwind',
      'https://t.me/joinchat/AAAAAEl1b2',
      'https://t.me/+AbCdEf123',
      'https://gitlab.com/groups/northwind',
    ]) {
      expect(reason('username', link), link).toMatch(/is not a profile link; give the user name$/);
    }
    // A reserved word is a page only as the first segment: a person may well be called "status".
    expect(value('username', 'https://x.com/JinhoPark/status/1790000000000000000')).toBe('jinhopark');
  });

  it('a bracketed (0) after the country code is the trunk prefix, not a digit of the number', () => {
    expect(value('phone', '+44 (0)20 7946 0958')).toBe('+442079460958');
    expect(value('phone', '0044(0)20-7946-0958')).toBe('+442079460958');
    expect(value('phone', '+49 (0) 30 901820')).toBe(value('phone', '+49 30 901820'));
    expect(value('payment-account', '+44 (0)7700 900123')).toBe('+447700900123');
    // Only right after the country code: elsewhere a bracketed 0 is part of the number.
    expect(value('phone', '+44 20 (0)7946 0958')).toBe('+4420079460958');
  });
});

describe('a pasted column of one type and platform', () => {
  it('the default platform goes to lines without a type and to lines of the default type that name none', () => {
    const entries = parseIndicatorList(
      ['jin.park@example.com', 'payment:P-1234', 'wise:jane@example.com', 'username/github:octocat'].join('\n'),
      'payment-account',
      'payoneer',
    );
    expect(entries.map((e) => [e.type, e.platform])).toEqual([
      ['payment-account', 'payoneer'],
      ['payment-account', 'payoneer'],
      ['payment-account', 'wise'],
      ['username', 'github'],
    ]);
    const csv = parseIndicatorList(
      'type,value,platform\n,@jinho,\nusername,@dana,\nusername,@mark,x\n',
      'username',
      'telegram',
    );
    expect(csv.map((e) => [e.type, e.platform])).toEqual([
      ['username', 'telegram'],
      ['username', 'telegram'],
      ['username', 'x'],
    ]);
  });
});
