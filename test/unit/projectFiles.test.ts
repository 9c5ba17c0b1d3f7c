import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const NOT_OURS = new Set(['node_modules', 'out', 'release', 'reports', 'test-results', '.git']);

function projectFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (NOT_OURS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? projectFiles(path) : [relative(ROOT, path)];
  });
}

describe('the project’s own files', () => {
  it('include no declaration files: skipLibCheck (needed for node_modules) would hide their errors', () => {
    const files = projectFiles(ROOT);
    expect(files).toContain('electron/preload/api.ts');
    expect(files.filter((file) => /\.d\.[cm]?ts$/.test(file))).toEqual([]);
  });
});
