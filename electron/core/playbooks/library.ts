import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { PlaybookTemplate } from '../../../shared/domain/playbook.ts';
import { CustosError } from '../errors.ts';
import { builtinPlaybooks } from './builtins.ts';
import { exportCacaoPlaybook, parseCacaoPlaybook } from './importCacao.ts';

/**
 * The templates an examiner can start: the built-ins (read-only, shipped) and the playbooks they
 * imported, kept as CACAO 2.0 files in `playbooks/` of their app data folder. A library file is
 * read as hostile as any import: one that no longer passes is listed as unusable, never used.
 */

export type LibraryEntry = {
  template: PlaybookTemplate;
  /** Shipped with Custos (read-only), or imported into this examiner's library. */
  origin: 'built-in' | 'imported';
  /** The file it was read from: resources/playbooks/… or the library file. */
  file: string;
};

export type UnusableEntry = { file: string; problem: string };

const libraryDir = (dataDir: string) => join(dataDir, 'playbooks');

/** A file name for one version of a playbook: its id and its modified time, which CACAO uses as the version. */
const fileNameOf = (t: PlaybookTemplate) => `${t.id}@${t.modified.replace(/[^0-9TZ]/g, '')}.json`;

export function listTemplates(dataDir: string): { usable: LibraryEntry[]; unusable: UnusableEntry[] } {
  const usable: LibraryEntry[] = builtinPlaybooks().map(({ file, template }) => ({
    template,
    origin: 'built-in',
    file: `resources/playbooks/${file}`,
  }));
  const unusable: UnusableEntry[] = [];
  const dir = libraryDir(dataDir);
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const file = join(dir, name);
      try {
        usable.push({ template: parseCacaoPlaybook(readFileSync(file), file), origin: 'imported', file });
      } catch (error) {
        unusable.push({ file, problem: (error as Error).message });
      }
    }
  }
  return { usable, unusable };
}

/**
 * The template a person names: its id, its exact name, or the start of its file name
 * ("termination" for resources/playbooks/termination-access-revocation.json).
 */
export function findTemplate(dataDir: string, ref: string): LibraryEntry {
  const { usable } = listTemplates(dataDir);
  const wanted = ref.trim().toLowerCase();
  const matches = usable.filter(
    ({ template, file }) =>
      template.id.toLowerCase() === wanted ||
      template.name.toLowerCase() === wanted ||
      (file.split('/').pop() ?? '').toLowerCase().startsWith(wanted),
  );
  if (matches.length === 1) return matches[0]!;
  const names = usable.map((e) => `"${e.template.name}"`).join(', ');
  throw new CustosError(
    'NOT_FOUND',
    matches.length === 0
      ? `no playbook template "${ref}"; the templates are ${names} (custos playbook templates lists them with their ids)`
      : `"${ref}" names ${matches.length} templates; give the id (custos playbook templates lists them)`,
  );
}

/**
 * A copy of a template under a new name, to change without touching the original: a new playbook
 * id, created now, naming the original in derived_from. Built-ins stay read-only; this is how they
 * are adapted. Written to the library like an import.
 */
export function duplicateTemplate(dataDir: string, ref: string, name: string, now: Date): LibraryEntry {
  const { template } = findTemplate(dataDir, ref);
  const trimmed = name.trim();
  if (!trimmed) throw new CustosError('INVALID_INPUT', 'give the copy a name');
  if (listTemplates(dataDir).usable.some((e) => e.template.name.toLowerCase() === trimmed.toLowerCase())) {
    throw new CustosError('INVALID_INPUT', `a template named "${trimmed}" exists already; choose another name`);
  }
  const stamp = now.toISOString();
  const copy: PlaybookTemplate = {
    ...template,
    id: `playbook--${randomUUID()}`,
    name: trimmed,
    created: stamp,
    modified: stamp,
    derivedFrom: [template.id],
    labels: template.labels.filter((label) => label !== 'custos-builtin'),
  };
  return importTemplate(dataDir, new TextEncoder().encode(exportCacaoPlaybook(copy)), `the copy "${trimmed}"`);
}

/**
 * Imports a CACAO 2.0 playbook into the examiner's library: checked completely first, then written
 * whole (a temporary file renamed into place), so a refused or interrupted import leaves nothing.
 */
export function importTemplate(dataDir: string, bytes: Uint8Array, name: string): LibraryEntry {
  const template = parseCacaoPlaybook(bytes, name);
  const { usable } = listTemplates(dataDir);
  const same = usable.find((e) => e.template.id === template.id && e.template.modified === template.modified);
  if (same) {
    throw new CustosError(
      'INVALID_INPUT',
      `${name}: this version of "${template.name}" is already among the templates (${same.origin}, ${same.file}); an edited copy needs a later "modified" time to be a new version`,
    );
  }
  const dir = libraryDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, fileNameOf(template));
  const temp = `${file}.partial-${process.pid}`;
  try {
    // Stored as Custos exports it: the same template, in the one form every reader checks.
    writeFileSync(temp, exportCacaoPlaybook(template), { flag: 'wx', mode: 0o600 });
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  return { template, origin: 'imported', file };
}
