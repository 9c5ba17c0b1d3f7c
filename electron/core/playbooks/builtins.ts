import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PlaybookTemplate } from '../../../shared/domain/playbook.ts';
import { resourcesDir } from '../resources.ts';
import { parseCacaoPlaybook } from './importCacao.ts';

/** The playbooks that ship with Custos: CACAO 2.0 files in resources/playbooks, read-only. */
export type BuiltinPlaybook = { file: string; template: PlaybookTemplate };

let loaded: BuiltinPlaybook[] | undefined;

/**
 * Every built-in playbook, read and checked like any imported one (schemas, workflow, template)
 * the first time they are asked for; a broken file stops with its name and the problem.
 */
export function builtinPlaybooks(): BuiltinPlaybook[] {
  if (loaded) return loaded;
  const dir = join(resourcesDir(), 'playbooks');
  loaded = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      template: parseCacaoPlaybook(readFileSync(join(dir, file)), `resources/playbooks/${file}`),
    }));
  return loaded;
}
