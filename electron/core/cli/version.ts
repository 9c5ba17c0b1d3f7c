import { readFileSync } from 'node:fs';

/** The version of Custos the command belongs to (package.json); read without loading the core. */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
