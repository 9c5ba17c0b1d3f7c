import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The project's resources/ folder (built-in playbooks, the CACAO schemas), found from this module:
 * from the sources (electron/core/resources.ts) it is three folders up, from the bundle
 * (out/main/index.js, in the asar when packaged) two. Both are inside what ships; nothing here
 * takes a path from outside.
 */
export function resourcesDir(): string {
  for (const up of ['../../resources', '../../../resources']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(`${dir}/standards/cacao-2.0/schemas/playbook.json`)) return dir;
  }
  throw new Error('the resources folder (built-in playbooks, CACAO schemas) is missing from this installation');
}
