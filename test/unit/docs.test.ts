import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// A user's clone has only the repository: what the README and docs name must be in it, and the
// commands they give must exist.

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const TOP = /^(electron|renderer|shared|test|scripts|docs|bin|resources|\.ci)\//;

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
/** Backticked spans of a Markdown file, outside fenced code blocks. */
const spans = (text: string) => [...text.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
/** Fenced blocks of shell commands. */
const shellBlocks = (text: string) => [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('the README and docs', () => {
  it.each(DOCS)('%s names only paths that exist in the repository', (file) => {
    const paths = spans(read(file)).filter((span) => TOP.test(span) && !/[<*…]|\s/.test(span));
    const missing = paths.filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it.each(DOCS)('%s points at nothing outside the repository', (file) => {
    const text = read(file);
    expect(spans(text).filter((span) => span.startsWith('../'))).toEqual([]);
    expect(text).not.toMatch(/\]\(\.\.\//);
  });

  it('README gives npm scripts that exist', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const named = [...read('README.md').matchAll(/npm run ([a-z0-9:-]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((name) => !(name in scripts))).toEqual([]);
    for (const name of ['start', 'test']) expect(scripts).toHaveProperty(name);
  });

  it('README commands are written to run as copied: no optional [--flags], no placeholders, no shortened hashes', () => {
    const blocks = shellBlocks(read('README.md'));
    expect(blocks.length).toBeGreaterThan(3);
    for (const line of blocks.flatMap((block) => block.split('\n'))) {
      expect(line, line).not.toMatch(/\[--|…|<[A-Za-z]|\.\.\.|[0-9a-f]{6,}…/);
    }
  });
});
