import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { PlaybookTemplate } from '../../../shared/domain/playbook.ts';
import { CustosError } from '../errors.ts';
import { builtinPlaybooks } from './builtins.ts';
import { exportCacaoPlaybook, parseCacaoPlaybook, templateProblems } from './importCacao.ts';

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

/** A template as lists show it: what it is, its version (CACAO's modified time) and how many steps to do. */
export function templateSummary({ template, origin }: LibraryEntry) {
  return {
    id: template.id,
    name: template.name,
    kind: template.kind,
    version: template.modified,
    steps: template.steps.filter((s) => s.type === 'action').length,
    origin,
  };
}

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
  // Every saved version stays on disk; the list offers the latest version of each playbook.
  const latest = new Map<string, LibraryEntry>();
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const file = join(dir, name);
      try {
        const template = parseCacaoPlaybook(readFileSync(file), file);
        const seen = latest.get(template.id);
        if (!seen || Date.parse(template.modified) > Date.parse(seen.template.modified)) {
          latest.set(template.id, { template, origin: 'imported', file });
        }
      } catch (error) {
        unusable.push({ file, problem: (error as Error).message });
      }
    }
  }
  const builtinIds = new Set(usable.map((e) => e.template.id));
  return { usable: [...usable, ...[...latest.values()].filter((e) => !builtinIds.has(e.template.id))], unusable };
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
  const builtin = usable.find((e) => e.template.id === template.id && e.origin === 'built-in');
  if (builtin) {
    throw new CustosError(
      'INVALID_INPUT',
      `${name}: "${template.name}" has the id of the built-in "${builtin.template.name}", which stays read-only; duplicate it to make a copy you can change`,
    );
  }
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
  // Every version on disk counts, not only the latest the list offers: a version is never replaced.
  if (existsSync(file)) {
    throw new CustosError(
      'INVALID_INPUT',
      `${name}: version ${template.modified} of "${template.name}" is already in your templates (${file}); an edited copy needs a later "modified" time to be a new version`,
    );
  }
  const temp = `${file}.partial-${process.pid}`;
  let created = false;
  try {
    // Stored as Custos exports it: the same template, in the one form every reader checks.
    writeFileSync(temp, exportCacaoPlaybook(template), { flag: 'wx', mode: 0o600 });
    created = true;
    // A link, not a rename: it refuses to replace a file that appeared meanwhile.
    linkSync(temp, file);
  } finally {
    if (created) rmSync(temp, { force: true });
  }
  return { template, origin: 'imported', file };
}

/**
 * Saves an edited template as its next version: only a playbook of the examiner's library (a
 * built-in stays read-only; duplicate it first), checked completely, with its modified time set
 * to now (or just after the version before, so it is always later). Earlier versions stay on
 * disk, and runs already started keep the copy they were started from.
 */
export function saveTemplate(dataDir: string, edited: PlaybookTemplate, now: Date): LibraryEntry {
  const current = listTemplates(dataDir).usable.find((e) => e.template.id === edited.id);
  if (!current) {
    throw new CustosError('NOT_FOUND', `no playbook ${edited.id} among your templates; import or duplicate it first`);
  }
  if (current.origin === 'built-in') {
    throw new CustosError(
      'INVALID_INPUT',
      `"${current.template.name}" is built in and stays read-only; duplicate it to make a copy you can change`,
    );
  }
  const problems = templateProblems(edited);
  if (problems.length > 0) {
    throw new CustosError(
      'INVALID_INPUT',
      `the edited "${edited.name}" cannot be saved: ${problems.slice(0, 8).join('; ')}`,
    );
  }
  const after = Date.parse(current.template.modified) + 1;
  const modified = new Date(Math.max(now.getTime(), after)).toISOString();
  return importTemplate(
    dataDir,
    new TextEncoder().encode(exportCacaoPlaybook({ ...edited, created: current.template.created, modified })),
    `the edited "${edited.name}"`,
  );
}
