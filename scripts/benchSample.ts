import type { CaseDb } from '../electron/core/store/db/caseDb.ts';
import type { MutationContext } from '../electron/core/store/db/mutate.ts';

/**
 * Sample case content for the benches: seeded, so every run writes the same case, and shaped like a
 * real one (names in Latin with diacritics, Hangul and Cyrillic; sign-ins, shipped laptops,
 * transfers, payments; descriptions of a few sentences).
 */
export type Sampler = ReturnType<typeof sampler>;

/** A small seeded generator (mulberry32): the same seed gives the same case on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PEOPLE = [
  'Jörg Müller',
  'João Gonçalves',
  '김정호',
  '박서준',
  'Ярослав Ковальчук',
  'Łukasz Żółć',
  'Dana Whitfield',
  'S. Okafor',
  'Zoë Ångström',
  'T. Nguyen',
];
export const HOSTS = ['LT-4471', 'LT-5102', 'WS-HR-02', 'SRV-FILE-01', 'VDI-POOL-17', 'BUILD-07', 'SRV-SQL-03'];
export const CITIES = [
  'Shenyang',
  'Dandong',
  'Vladivostok',
  'Lagos',
  'Dallas',
  'Rotterdam',
  'Seoul',
  'Chicago',
  'Kraków',
];
export const TOOLS = ['AnyDesk', 'TeamViewer', 'RustDesk', 'PiKVM', 'Okta', 'OWA', 'Citrix'];

export function sampler(seed: number) {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const ip = () => `${int(5, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
  const titles = [
    () => `${pick(PEOPLE)} signed in from ${ip()} (${pick(CITIES)}) via ${pick(TOOLS)}`,
    () => `Laptop ${pick(HOSTS)} shipped to ${pick(CITIES)}, an address not on the HR record`,
    () => `Remote-control tool ${pick(TOOLS)} found on ${pick(HOSTS)}`,
    () => `Outbound transfer of ${int(1, 80)} GB from ${pick(HOSTS)} to ${ip()} over HTTPS`,
    () => `Salary for ${pick(PEOPLE)} paid to a new account (${pick(['Wise', 'Payoneer', 'Revolut'])})`,
    () => `EDR alert on ${pick(HOSTS)}: ${pick(['credential dumping', 'suspicious PowerShell', 'new scheduled task'])}`,
    () => `Extortion e-mail demands ${int(5, 90)} BTC; threat to publish the payroll files`,
  ];
  const sentenceParts = [
    () => `Source address ${ip()} belongs to a hosting provider, not a residential or company network.`,
    () => `Correlates with activity on ${pick(HOSTS)} in the same hour.`,
    () => `${pick(PEOPLE)} confirmed this in an interview with counsel present.`,
    () => `No business reason found; the manager was not aware of it.`,
    () => `Ticket INC-${int(10000, 99999)} opened; screenshots kept as evidence.`,
    () => `The account used a password reset performed ${int(1, 48)} hours earlier.`,
  ];
  return {
    random,
    pick,
    int,
    ip,
    /** An event title such as a responder would write. */
    title: () => pick(titles)(),
    /** A description of `min` to `max` characters, in whole sentences. */
    sentences(min: number, max: number): string {
      const want = int(min, max);
      let out = '';
      while (out.length < want) out += (out ? ' ' : '') + pick(sentenceParts)();
      return out;
    },
  };
}

/** The examiner the benches write as. */
export const benchContext: MutationContext = {
  actor: { name: 'Dana Whitfield', role: 'Incident responder', organisation: 'Northwind Security' },
  clock: () => new Date(),
};

/** Writes in transactions of `size` (each write still its own audited mutate(), a savepoint). */
export function batched(caseDb: CaseDb, total: number, size: number, write: (i: number) => void): void {
  for (let done = 0; done < total; done += size) {
    caseDb.transaction(() => {
      for (let i = done; i < Math.min(total, done + size); i++) write(i);
    });
  }
}
