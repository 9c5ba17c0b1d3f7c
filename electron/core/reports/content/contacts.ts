import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CustosError } from '../../errors.ts';
import { resourcesDir } from '../../resources.ts';

/**
 * Where a referral is filed, per country: data shipped with Custos
 * (resources/reports/law-enforcement-contacts.json), each entry citing its sources, checked when
 * read like any file. A country without an entry gets the EU entry (member states) or general advice.
 */

const Source = z.object({ name: z.string().min(1), url: z.string().url() }).strict();
const Entry = z
  .object({ name: z.string().min(1), lines: z.array(z.string().min(1)).min(1), sources: z.array(Source).min(1) })
  .strict();
const ContactsFile = z
  .object({
    version: z.string().min(1),
    description: z.string(),
    countries: z.record(z.string().regex(/^[A-Z]{2}$/), Entry),
    eu: z
      .object({
        members: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
        lines: z.array(z.string().min(1)).min(1),
        sources: z.array(Source).min(1),
      })
      .strict(),
    general: z.object({ lines: z.array(z.string().min(1)).min(1), sources: z.array(Source).min(1) }).strict(),
  })
  .strict();
export type ContactsFile = z.infer<typeof ContactsFile>;

/** What the referral prints for one country. */
export type CountryContacts = {
  code: string;
  name: string;
  /** Whether Custos has an entry of its own for the country (else the EU entry or general advice). */
  known: boolean;
  lines: string[];
  sources: Array<{ name: string; url: string }>;
};

let cached: { file: string; data: ContactsFile } | undefined;

export function readContacts(file = join(resourcesDir(), 'reports', 'law-enforcement-contacts.json')): ContactsFile {
  if (cached?.file === file) return cached.data;
  let parsed;
  try {
    parsed = ContactsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new CustosError('CORRUPT', `${file} is not readable JSON (${(error as Error).message}); reinstall Custos`);
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CustosError('CORRUPT', `${file}: $.${issue.path.join('.')}: ${issue.message}; reinstall Custos`);
  }
  cached = { file, data: parsed.data };
  return parsed.data;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** A country's English name from its ISO code ("DE" → "Germany"); the code when unknown. */
export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function contactsFor(code: string, data: ContactsFile = readContacts()): CountryContacts {
  const own = data.countries[code];
  if (own) return { code, name: own.name, known: true, lines: own.lines, sources: own.sources };
  const name = countryName(code);
  if (data.eu.members.includes(code)) {
    const intro = `${name} is an EU member state; Custos has no national contact of its own for it.`;
    return { code, name, known: false, lines: [intro, ...data.eu.lines], sources: data.eu.sources };
  }
  return {
    code,
    name,
    known: false,
    lines: [`Custos has no contact details for ${name}.`, ...data.general.lines],
    sources: data.general.sources,
  };
}

/** The advice for a referral that names no country. */
export function generalAdvice(data: ContactsFile = readContacts()): Pick<CountryContacts, 'lines' | 'sources'> {
  return { lines: data.general.lines, sources: data.general.sources };
}
