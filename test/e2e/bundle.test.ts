import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The worker threads (ingest, chunk store, evidence jobs, verification, report layout) are found at run time by
// `new URL('./x.js', import.meta.url)`: the bundler does not follow those, so a moved or renamed
// worker would build fine and fail only when a person adds evidence. Read the built main bundle
// (electron-vite build, run before this project) and check every such file is beside it.

const MAIN = resolve(import.meta.dirname, '../../out/main');

/** The relative .js files named in `new URL(…, import.meta.url)` calls of a built module. */
function workerUrls(source: string): string[] {
  const calls = [...source.matchAll(/new URL\(([^;]*?)import\.meta\.url\)/g)].map((m) => m[1]!);
  return calls.flatMap((args) => [...args.matchAll(/["'](\.\/[\w.-]+\.js)["']/g)].map((m) => m[1]!));
}

describe('the built main bundle', () => {
  const modules = existsSync(MAIN) ? readdirSync(MAIN).filter((f) => f.endsWith('.js')) : [];
  const named = modules.flatMap((file) =>
    workerUrls(readFileSync(join(MAIN, file), 'utf8')).map((url) => ({ from: file, url })),
  );

  it('starts its workers from files that are there', () => {
    expect(modules).toContain('index.js');
    // The five workers of the core, at least: a regex that found none would prove nothing.
    expect(new Set(named.map((n) => n.url))).toEqual(
      new Set([
        './ingestWorker.js',
        './chunkStoreWorker.js',
        './evidenceJobWorker.js',
        './verifyWorker.js',
        './pdfWorker.js',
      ]),
    );
    const missing = named.filter(({ url }) => !existsSync(join(MAIN, url)));
    expect(missing).toEqual([]);
  });
});
