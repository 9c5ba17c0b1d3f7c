import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPlaybooks } from '../../electron/core/playbooks/builtins.ts';
import { cacaoSchemaErrors } from '../../electron/core/playbooks/cacaoSchema.ts';
import { exportCacaoPlaybook, parseCacaoPlaybook } from '../../electron/core/playbooks/importCacao.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILTIN_DIR = join(ROOT, 'resources/playbooks');
const files = readdirSync(BUILTIN_DIR).filter((f) => f.endsWith('.json'));

describe('the built-in playbooks', () => {
  it('are the three the product promises, each read and checked like an imported one', () => {
    const names = builtinPlaybooks().map((b) => b.template.name);
    expect(names).toHaveLength(3);
    expect(names.join('\n')).toMatch(/Termination/);
    expect(names.join('\n')).toMatch(/Extortion/);
    expect(names.join('\n')).toMatch(/Infiltration/);
  });

  it.each(files)('%s: the official CACAO 2.0 schemas accept the file as shipped', (file) => {
    expect(cacaoSchemaErrors(JSON.parse(readFileSync(join(BUILTIN_DIR, file), 'utf8')))).toEqual([]);
  });

  it.each(files)('%s: exports to CACAO the schemas accept, and import(export(t)) is t', (file) => {
    const template = parseCacaoPlaybook(readFileSync(join(BUILTIN_DIR, file)), file);
    const exported = exportCacaoPlaybook(template);
    expect(cacaoSchemaErrors(JSON.parse(exported))).toEqual([]);
    expect(parseCacaoPlaybook(new TextEncoder().encode(exported), 'export')).toEqual(template);
  });

  it.each(files)('%s: every action step names its role, phase, code and at least one source', (file) => {
    const template = parseCacaoPlaybook(readFileSync(join(BUILTIN_DIR, file)), file);
    const actions = template.steps.filter((s) => s.type === 'action');
    expect(actions.length).toBeGreaterThan(5);
    const roles = new Set(template.roles.map((r) => r.id));
    const phases = new Set(template.phases.map((p) => p.code));
    for (const step of actions) {
      expect(roles.has(step.role ?? ''), `${step.code} role`).toBe(true);
      expect(phases.has(step.phase), `${step.code} phase`).toBe(true);
      expect(step.code, step.name).not.toBe('');
      expect(step.instructions.join(' ').length, `${step.code} instructions`).toBeGreaterThan(20);
      expect(step.sources.length, `${step.code} sources`).toBeGreaterThan(0);
      for (const source of step.sources) expect(source.name.length, `${step.code} source name`).toBeGreaterThan(3);
    }
  });
});
