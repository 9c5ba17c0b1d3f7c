import { describe, expect, it } from 'vitest';
import { INDICATOR_TYPES } from '../../shared/domain/indicator.ts';
import type { Indicator, IndicatorType } from '../../shared/domain/indicator.ts';
import { TLP_LEVELS } from '../../shared/domain/case.ts';
import { parseCsv } from '../../shared/logic/csv.ts';
import { asEntered, csvBytes, csvField, inert } from '../../electron/core/exports/csvFormat.ts';
import {
  EXTENSION_SCOS,
  TLP_EXTENSION,
  TLP_MARKING_IDS,
  strictest,
  tlpMarking,
} from '../../electron/core/exports/stixDefinitions.ts';
import {
  CUSTOS_NAMESPACE,
  SCO_NAMESPACE,
  URL_NAMESPACE,
  scoId,
  sdoId,
  uuidv5,
} from '../../electron/core/exports/stixIds.ts';
import { observableOf } from '../../electron/core/exports/stixObservables.ts';
import { comparisonsOf, parsePattern, patternProblem, patternString } from '../../electron/core/exports/stixPattern.ts';
import { stixObjectErrors } from '../../electron/core/exports/stixSchema.ts';

describe('deterministic STIX ids', () => {
  it('are RFC 4122 version-5 UUIDs (the published DNS-namespace vector)', () => {
    expect(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it("use Custos's own namespace for domain objects, derived as documented and never the SCO one", () => {
    expect(uuidv5(URL_NAMESPACE, 'https://custos.invalid/stix/2.1')).toBe(CUSTOS_NAMESPACE);
    expect(CUSTOS_NAMESPACE).not.toBe(SCO_NAMESPACE);
    const id = sdoId('indicator', '7f1c0c1e-1111-4222-8333-944455556666');
    expect(id).toBe(sdoId('indicator', '7f1c0c1e-1111-4222-8333-944455556666'));
    expect(id).toMatch(/^indicator--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Parts are joined without ambiguity: ("a", "bc") is not ("ab", "c").
    expect(sdoId('relationship', 'a', 'bc')).not.toBe(sdoId('relationship', 'ab', 'c'));
  });

  it('give SCOs the ids OASIS published (incident_ransom.json, the stix2 tests) and the reference skeleton', () => {
    const vectors: [string, Record<string, unknown>, string][] = [
      ['email-addr', { value: 'evil@decryptyourstuff.zip' }, 'email-addr--872bd204-384b-548b-a2d2-24eee3b48fe8'],
      [
        'user-account',
        { account_type: 'fake-app', account_login: 'qrzTalker4514' },
        'user-account--8692770d-34f4-5681-8628-810d62dbfcb6',
      ],
      ['mac-addr', { value: 'a1:b2:c3:d4:e5:f6' }, 'mac-addr--f72d7d00-86bd-5cd2-8c86-52f7a83bef62'],
      ['email-addr', { value: 'extortion@example.net' }, 'email-addr--a1b3ee3b-8d28-5836-ad22-20d1a5f07ff5'],
      ['domain-name', { value: 'leaks.example.net' }, 'domain-name--e45555de-7c61-5c37-92ae-f9429022b0ba'],
      ['ipv4-addr', { value: '203.0.113.45' }, 'ipv4-addr--cb9d70c5-d244-531c-9efb-bcae57adc793'],
      ['url', { value: 'http://leaks.example.net/victim/acme' }, 'url--70068e7d-353e-547d-986b-09342f784410'],
      [
        'user-account',
        {
          account_type: 'windows-domain',
          user_id: 'S-1-5-21-1004336348-1177238915-682003330-1107',
          account_login: 'jdoe',
        },
        'user-account--dfa3f660-3c4e-51b0-9dc7-800c6f430fcf',
      ],
      [
        'file',
        {
          hashes: { 'SHA-256': '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
          name: 'payroll_2024.xlsx',
        },
        'file--8481312f-a1a0-5430-9ae9-43d8c6080df7',
      ],
      [
        'cryptocurrency-wallet',
        { value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
        'cryptocurrency-wallet--e34f20ba-70dc-5159-8169-1f99977984ac',
      ],
    ];
    for (const [type, properties, id] of vectors) expect(scoId(type, properties)).toBe(id);
  });

  it('hash only the id-contributing properties, in canonical (JCS) order, one hash of several', () => {
    const a = scoId('user-account', { account_login: 'jdoe', account_type: 'unix', display_name: 'J. Doe' });
    expect(a).toBe(scoId('user-account', { account_type: 'unix', account_login: 'jdoe' }));
    const md5 = { MD5: 'd41d8cd98f00b204e9800998ecf8427e' };
    // MD5 is preferred over SHA-256, so adding a second hash keeps the file's id.
    expect(
      scoId('file', {
        hashes: { ...md5, 'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      }),
    ).toBe(scoId('file', { hashes: md5 }));
    // JCS writes non-ASCII as UTF-8, not \u escapes: the name hashed is {"value":"jürgen@example.de"}.
    expect(scoId('email-addr', { value: 'jürgen@example.de' })).toBe(
      `email-addr--${uuidv5(SCO_NAMESPACE, '{"value":"jürgen@example.de"}')}`,
    );
    expect(() => scoId('email-addr', {})).toThrow(/none of value/);
    expect(() => scoId('process', { pid: 1 })).toThrow(/no id-contributing/);
  });
});

describe('the STIX patterning parser', () => {
  const good = [
    "[email-addr:value = 'evil@decryptyourstuff.zip']",
    "[file:hashes.'SHA-256' = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08']",
    "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
    "[user-account:account_type = 'github' AND user-account:account_login = 'octocat']",
    "[domain-name:value = 'leaks.example.net'] OR [url:value = 'http://leaks.example.net/victim/acme']",
    "[ipv4-addr:value = '203.0.113.45' OR domain-name:value = 'leaks.example.net']",
    "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_port = 443] REPEATS 5 TIMES WITHIN 1800 SECONDS",
    "[file:name MATCHES '^Invoice.*\\\\.pdf$'] FOLLOWEDBY [process:extensions.'windows-process-ext'.aslr_enabled = false]",
    "[x509-certificate:serial_number IN ('1', '2')] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.5Z'",
    "[email-message:to_refs[*].value LIKE '%@example.com' AND email-message:is_multipart NOT = true]",
    '[file:size > 1024.5 AND file:size <= -3 AND file:size != +7]',
    "[artifact:payload_bin = b'aGVsbG8='] AND [artifact:hashes.MD5 = h'ab12']",
    "([domain-name:value = 'a.example'] OR [domain-name:value = 'b.example']) AND [url:value == 'x']",
    "[process:pid <> 4 AND process:name ISSUBSET '10.0.0.0/8' AND process:name ISSUPERSET 'x']",
    "[file:name = 'x'] /* a comment */ OR [file:name = 'y'] // and another",
    "[file:parent_directory_ref.path = 'C:\\\\Windows']",
    "[user-account:account_login = '김정호'] AND [user-account:account_login = 'Ярослав']",
    "[x-custos-thing:items[0].name = 'first' AND x-custos-thing:items[-1].name = 'last']",
  ];

  it('reads every kind of expression, qualifier, path and literal of the grammar', () => {
    for (const pattern of good) expect(patternProblem(pattern), pattern).toBeNull();
  });

  it('gives back the object path and value of each comparison, quoted keys and escapes undone', () => {
    expect(comparisonsOf(parsePattern(good[1]!))).toEqual([
      {
        kind: 'test',
        path: { objectType: 'file', steps: [{ key: 'hashes' }, { key: 'SHA-256' }] },
        negated: false,
        op: '=',
        value: { kind: 'string', value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
      },
    ]);
    expect(comparisonsOf(parsePattern(good[15]!))[0]).toMatchObject({ value: { value: 'C:\\Windows' } });
    expect(comparisonsOf(parsePattern(good[9]!)).map((c) => c.kind === 'test' && c.negated)).toEqual([false, true]);
    expect(comparisonsOf(parsePattern('[x-y:z[*] = 1 AND EXISTS x-y:w]'))[1]).toEqual({
      kind: 'exists',
      path: { objectType: 'x-y', steps: [{ key: 'w' }] },
    });
  });

  it('quotes any string so that it parses back to itself', () => {
    for (const value of ["o'neil\\ops", "'", '\\', "\\'", '김정호 «Ярослав» João', ']', "' OR [x:y = '", '\n\t']) {
      const [comparison] = comparisonsOf(parsePattern(`[user-account:account_login = ${patternString(value)}]`));
      expect(comparison).toMatchObject({ value: { kind: 'string', value } });
    }
  });

  it('refuses what breaks the grammar or the rules, saying where and why', () => {
    const bad: [string, RegExp][] = [
      ["[email-addr:value = 'x'", /character 24: expected "\]"/],
      ["email-addr:value = 'x'", /character 1: expected "\["/],
      ['[email-addr:value = x]', /expected a value/],
      ["[file:hashes.SHA-256 = 'x']", /hyphen is quoted/],
      ["[email-addr:value = 'it's']", /never closed/],
      ["[email-addr:value = 'a\\b']", /may only escape/],
      ["[ipv4-addr:value = '1' AND domain-name:value = 'x']", /AND in one observation must name one object type/],
      ["[a-b:c = 'x' AND (a-b:d = 1 OR e-f:g = 2)]", /one object type/],
      ['[a-b:c = 1] WITHIN 5 SECONDS WITHIN 6 SECONDS', /at most one WITHIN/],
      ["[a-b:c = 'x'] REPEATS -1 TIMES", /positive whole number/],
      ["[a-b:c = 'x'] WITHIN SECONDS", /positive number of seconds/],
      ['[a-b:c = 007]', /does not start with 0/],
      ['[a-b:c < true]', /expected a value/],
      ['[]', /expected an object type/],
      ['', /expected "\["/],
      ["[Email:value = 'x']", /not a STIX object type name/],
      ["[a-b:c = 'x'] AND", /end of the pattern/],
      ["[a-b:c = t'2016-13-01T00:00:00Z']", /timestamp literal/],
      ["[a-b:c = h'abc']", /hex literal/],
      ["[a-b:c = b'abc']", /base64/],
      ["[a-b:c = 'x'] ]", /unexpected "\]"/],
      ['[a-b:c[x] = 1]', /list index/],
      ['[a-b:c ~ 1]', /no place in a STIX pattern/],
      ["[a-b:c = 'x'] /* open", /comment is never closed/],
      ['[a-b:c LIKE 5]', /quoted string after LIKE/],
      ["[a-b:c = 'x'] START t'2016-06-01T00:00:00Z'", /STOP/],
      ['EXISTS', /expected "\["/],
    ];
    for (const [pattern, reason] of bad) expect(patternProblem(pattern), pattern).toMatch(reason);
  });
});

const indicator = (type: IndicatorType, normalised: string, platform = ''): Indicator => ({
  id: '00000000-0000-4000-8000-000000000001',
  type,
  value: normalised,
  normalised,
  platform,
  firstSeen: null,
  lastSeen: null,
  seenZone: null,
  sourceItemId: null,
  confidence: 'medium',
  tlp: 'AMBER',
  notes: '',
  createdAt: '2026-11-02T09:00:00.000Z',
  updatedAt: '2026-11-02T09:00:00.000Z',
  removed: false,
});

describe('each indicator type as a STIX observable', () => {
  const examples: Record<IndicatorType, [string, string, string | null]> = {
    email: ['j.park.dev@proton.me', '', 'email-addr'],
    phone: ['+821012345678', '', 'phone-number'],
    ip: ['2001:db8::1', '', 'ipv6-addr'],
    domain: ['xn--mnchen-3ya.de', '', 'domain-name'],
    url: ['https://leaks.example.net/a?b=1', '', 'url'],
    username: ['jpark-dev', 'github', 'user-account'],
    btc: ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', '', 'cryptocurrency-wallet'],
    eth: ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '', 'cryptocurrency-wallet'],
    tron: ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', '', 'cryptocurrency-wallet'],
    wallet: ['4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5Uzq', 'xmr', 'cryptocurrency-wallet'],
    iban: ['GB82WEST12345698765432', '', 'bank-account'],
    'payment-account': ['JPARK.PAY@PROTON.ME', 'payoneer', 'user-account'],
    'postal-address': ['12 laptop farm lane, springfield', '', null],
    'device-serial': ['C02XK1ZZJGH5', '', null],
    mac: ['a1:b2:c3:d4:e5:f6', '', 'mac-addr'],
    hostname: ['kvm.farm.example.net', '', 'domain-name'],
    'remote-tool': ['123456789', 'anydesk', 'user-account'],
    'file-hash': ['d41d8cd98f00b204e9800998ecf8427e', '', 'file'],
  };

  it('covers every type Custos has, with a pattern that parses and names the observable’s own values', () => {
    expect(Object.keys(examples).sort()).toEqual([...INDICATOR_TYPES].sort());
    for (const type of INDICATOR_TYPES) {
      const [value, platform, scoType] = examples[type];
      const mapped = observableOf(indicator(type, value, platform));
      if (scoType === null) {
        expect(mapped, type).toHaveProperty('reason');
        continue;
      }
      if ('reason' in mapped) throw new Error(`${type}: ${mapped.reason}`);
      expect(mapped.sco.type, type).toBe(scoType);
      expect(stixObjectErrors(mapped.sco), type).toEqual([]);
      for (const comparison of comparisonsOf(parsePattern(mapped.pattern))) {
        if (comparison.kind !== 'test') throw new Error('unexpected');
        expect(comparison.path.objectType).toBe(scoType);
        const actual = comparison.path.steps.reduce<unknown>(
          (at, step) => (at as Record<string, unknown>)['key' in step ? step.key : String(step.index)],
          mapped.sco,
        );
        expect(comparison.value).toEqual({ kind: 'string', value: actual });
      }
    }
  });

  it('writes the one value each extension and user account needs', () => {
    const phone = observableOf(indicator('phone', '+821012345678'));
    expect(phone).toMatchObject({ sco: { value: '821012345678' }, pattern: "[phone-number:value = '821012345678']" });
    expect(observableOf(indicator('remote-tool', '123456789', 'anydesk'))).toMatchObject({
      pattern: "[user-account:account_type = 'anydesk' AND user-account:user_id = '123456789']",
    });
    expect(observableOf(indicator('file-hash', 'a'.repeat(64)))).toMatchObject({
      sco: { hashes: { 'SHA-256': 'a'.repeat(64) } },
      pattern: `[file:hashes.'SHA-256' = '${'a'.repeat(64)}']`,
    });
    expect(observableOf(indicator('hostname', 'laptop-7f3k'))).toEqual({
      reason: 'host name without a domain',
      plural: 'host names without a domain',
    });
    expect(observableOf(indicator('file-hash', 'abc'))).toHaveProperty('reason');
    for (const type of ['btc', 'wallet'] as const) {
      const mapped = observableOf(indicator(type, 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'x'));
      expect(mapped).toMatchObject({
        sco: {
          id: 'cryptocurrency-wallet--e34f20ba-70dc-5159-8169-1f99977984ac',
          extensions: { 'extension-definition--be78509e-6958-51b1-8b26-d17ee0eba2d7': { extension_type: 'new-sco' } },
        },
      });
    }
  });
});

describe('TLP 2.0 markings and the published definitions', () => {
  it('carry the official OASIS ids and validate against the official schemas', () => {
    expect(TLP_MARKING_IDS).toEqual({
      CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
      GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
      AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
    });
    for (const tlp of TLP_LEVELS) {
      const marking = tlpMarking(tlp);
      expect(marking).toMatchObject({ name: `TLP:${tlp}`, created: '2022-10-01T00:00:00.000Z' });
      expect(stixObjectErrors(marking), tlp).toEqual([]);
    }
    for (const definition of [TLP_EXTENSION, ...Object.values(EXTENSION_SCOS)]) {
      expect(stixObjectErrors(definition), definition.id).toEqual([]);
    }
    expect(strictest('GREEN', 'RED', 'AMBER')).toBe('RED');
    expect(strictest('AMBER', 'AMBER+STRICT')).toBe('AMBER+STRICT');
  });

  it('the schemas refuse what they should: a wrong marking, a bad id, a missing pattern', () => {
    expect(stixObjectErrors({ ...tlpMarking('RED'), created: 'yesterday' })).not.toEqual([]);
    expect(stixObjectErrors({ type: 'email-addr', id: 'email-addr--not-a-uuid', value: 'a@b.example' })).not.toEqual(
      [],
    );
    expect(
      stixObjectErrors({
        type: 'indicator',
        spec_version: '2.1',
        id: sdoId('indicator', 'x'),
        created: '2026-11-02T09:00:00.000Z',
        modified: '2026-11-02T09:00:00.000Z',
        pattern_type: 'stix',
        valid_from: '2026-11-02T09:00:00.000Z',
      }),
    ).toContain("/ must have required property 'pattern'");
    expect(
      stixObjectErrors({
        type: 'email-addr',
        spec_version: '2.1',
        id: scoId('email-addr', { value: 'x' }),
        value: 'not an address',
      }),
    ).toEqual(['/value must match format "email"']);
    expect(stixObjectErrors({ type: 'x-unknown', id: 'x-unknown--1' })).toEqual([
      'no schema is known for objects of type x-unknown',
    ]);
  });
});

describe('CSV cells and records', () => {
  it('neutralise each formula trigger with a leading quote, and only those', () => {
    for (const cell of ['=1+1', '+SUM(A1)', '-2+3', '@SUM(1)', '\tcmd', '\r=1', ' =1', '\n\t-1']) {
      expect(inert(cell), JSON.stringify(cell)).toBe(`'${cell}`);
    }
    for (const cell of ['', 'Müller', 'a=b', 'x-1', "'already quoted", '   plain', '2026-11-02T09:00:00.000Z']) {
      expect(inert(cell)).toBe(cell);
    }
    expect(csvField('say "hi", =now')).toBe('"say ""hi"", =now"');
    expect(csvField('=A1&"x"')).toBe('"\'=A1&""x"""');
    expect([csvField(null), csvField(undefined), csvField(42), csvField(true), csvField(false)]).toEqual([
      '""',
      '""',
      '"42"',
      '"yes"',
      '"no"',
    ]);
  });

  it('end every record with CRLF, keep line breaks inside quotes, and parse back', () => {
    const bytes = csvBytes(
      ['a', 'b'],
      [
        ['김정호', 'two\nlines, "quoted"'],
        ['Ярослав', null],
      ],
      false,
    );
    const text = Buffer.from(bytes).toString('utf8');
    expect(text).toBe('"a","b"\r\n"김정호","two\nlines, ""quoted"""\r\n"Ярослав",""\r\n');
    expect(parseCsv(text).map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['김정호', 'two\nlines, "quoted"'],
      ['Ярослав', ''],
    ]);
    const withBom = csvBytes(['a'], [], true);
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(withBom.subarray(3)).toString('utf8')).toBe('"a"\r\n');
  });

  it('show a time as entered: wall clock, offset and zone name', () => {
    expect(asEntered('2026-10-30T13:14:00.000Z', 'Asia/Seoul')).toBe('2026-10-30 22:14:00 +09:00 Asia/Seoul');
    expect(asEntered('2026-10-30T13:14:00.000Z', '+09:00')).toBe('2026-10-30 22:14:00 +09:00');
    expect(asEntered('2026-10-30T13:14:00.000Z', 'UTC')).toBe('2026-10-30 13:14:00 UTC');
    expect(asEntered('2026-03-29T01:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-29 03:30:00 +02:00 Europe/Berlin');
    expect(asEntered(null, 'Asia/Seoul')).toBe('');
    expect(asEntered('2026-10-30T13:14:00.000Z', null)).toBe('');
    expect(asEntered('2026-10-30T13:14:00.000Z', 'Mars/Olympus')).toBe(
      '2026-10-30 13:14:00 UTC (zone "Mars/Olympus" is not known)',
    );
  });
});
