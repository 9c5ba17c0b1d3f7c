// `npm test`: every gate in one run — type check, lint, build, unit + integration + E2E tests,
// the Electronegativity gate and the packaging check — ending with one plain line
// "N passed, N failed" (each test counts once, each other gate counts once).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { summarise } from './testSummary.ts';
import type { VitestReport } from './testSummary.ts';

const root = resolve(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const reports = join(root, 'reports');
mkdirSync(reports, { recursive: true });

type Gate = { name: string; command: string; args: string[] };
const before: Gate[] = [
  {
    name: 'typecheck: node (electron, core, CLI, tests)',
    command: bin('tsc'),
    args: ['--noEmit', '-p', 'tsconfig.node.json'],
  },
  { name: 'typecheck: renderer', command: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.web.json'] },
  {
    name: 'typecheck: shared is pure (no Node, no DOM)',
    command: bin('tsc'),
    args: ['--noEmit', '-p', 'tsconfig.shared.json'],
  },
  {
    name: 'lint (boundaries, no electron outside main/preload)',
    command: bin('eslint'),
    args: ['--max-warnings', '0', '.'],
  },
  { name: 'format (Prettier, 120 columns)', command: bin('prettier'), args: ['--check', '.'] },
  { name: 'build (electron-vite: main, preload, renderer)', command: bin('electron-vite'), args: ['build'] },
];
const after: Gate[] = [
  {
    name: 'security: Electronegativity, no unreviewed HIGH/MEDIUM',
    command: process.execPath,
    args: [join(root, 'scripts/security-check.ts')],
  },
  {
    name: 'packaging: electron-builder.yml packs the app',
    command: process.execPath,
    args: [join(root, 'scripts/package-check.ts')],
  },
];

let passed = 0;
let failed = 0;
const failures: string[] = [];

function gate({ name, command, args }: Gate): boolean {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const ok = result.status === 0;
  process.stdout.write(`${ok ? '✓' : '✗'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return ok;
}

let built = true;
for (const g of before) {
  const ok = gate(g);
  if (g.name.startsWith('build') && !ok) built = false;
}

// Vitest: unit, integration and E2E projects in one run; counts come from its JSON report.
const vitestJson = join(reports, 'vitest.json');
rmSync(vitestJson, { force: true });
process.stdout.write('\n▶ tests: unit, integration, E2E (vitest)\n');
const projects = built ? [] : ['--project', 'unit', '--project', 'integration'];
if (!built) process.stdout.write('  (build failed: E2E tests skipped and counted as failed)\n');
spawnSync(
  bin('vitest'),
  ['run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  { cwd: root, stdio: 'inherit' },
);
try {
  const summary = summarise(JSON.parse(readFileSync(vitestJson, 'utf8')) as VitestReport, root);
  passed += summary.passed;
  failed += summary.failed;
  failures.push(...summary.failures);
  if (!built) failed++;
} catch {
  failed++;
  failures.push('vitest produced no report');
}

for (const g of after) gate(g);

process.stdout.write(`\n${failures.length ? `Failed: ${failures.join('; ')}\n` : ''}`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
