import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacaoSchemaErrors } from '../../electron/core/playbooks/cacaoSchema.ts';
import { runCustosInProcess } from '../helpers/cli.ts';
import { thirdParty } from '../helpers/cacao.ts';
import { tempDir } from '../helpers/tempCase.ts';

let dir: string;
let dataDir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
});
afterEach(() => cleanup());

const custos = (...args: string[]) => runCustosInProcess(dataDir, args);
const library = () => (existsSync(join(dataDir, 'playbooks')) ? readdirSync(join(dataDir, 'playbooks')) : []);

describe('custos playbook', () => {
  it('lists the three built-in templates', async () => {
    const { stdout, status } = await custos('playbook', 'templates', '--json');
    expect(status).toBe(0);
    const { templates } = JSON.parse(stdout) as { templates: { name: string; origin: string; steps: number }[] };
    expect(templates.map((t) => t.origin)).toEqual(['built-in', 'built-in', 'built-in']);
    expect(templates.every((t) => t.steps > 5)).toBe(true);
  });

  it('exports a built-in as CACAO 2.0 the official schemas accept, and never overwrites a file', async () => {
    const out = join(dir, 'termination.json');
    const done = await custos('playbook', 'export', 'termination', '--out', out);
    expect(done.stderr).toBe('');
    expect(done.stdout).toMatch(/^Exported "Termination.*" as CACAO 2\.0 to /);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { spec_version: string };
    expect(doc.spec_version).toBe('cacao-2.0');
    expect(cacaoSchemaErrors(doc)).toEqual([]);
    const again = await custos('playbook', 'export', 'termination', '--out', out);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/exists; choose a new file name \(nothing is overwritten\)/);
    // A built-in stays read-only: its export imported again adds nothing, and says how to adapt it.
    const reimport = await custos('playbook', 'import', out);
    expect(reimport.status).toBe(2);
    expect(reimport.stderr).toMatch(/has the id of the built-in .*stays read-only; duplicate it/);
    expect(library()).toEqual([]);
  });

  it('imports a playbook made elsewhere into the examiner’s templates, and a refused one writes nothing', async () => {
    const theirs = join(dir, 'their-playbook.json');
    writeFileSync(theirs, JSON.stringify(thirdParty()));
    const done = await custos('playbook', 'import', theirs);
    expect(done.stderr).toBe('');
    expect(done.stdout).toMatch(/^Imported "Block a bad MAC address" \(3 steps\) into your templates: /);
    expect(library()).toHaveLength(1);
    const listed = await custos('playbook', 'templates');
    expect(listed.stdout).toContain('Block a bad MAC address');

    const broken = join(dir, 'broken.json');
    const doc = thirdParty();
    (doc.workflow as Record<string, Record<string, unknown>>)[
      'start--a1b2c3d4-0000-4000-8000-000000000003'
    ]!.on_completion = 'action--a1b2c3d4-0000-4000-8000-0000000000ff';
    writeFileSync(broken, JSON.stringify({ ...doc, id: 'playbook--a1b2c3d4-0000-4000-8000-0000000000aa' }));
    const refused = await custos('playbook', 'import', broken);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /^custos: .*broken\.json is not a playbook Custos can use: its workflow does not hold together: \$\.workflow\["start--/,
    );
    expect(library()).toHaveLength(1);

    const notJson = join(dir, 'notes.txt');
    writeFileSync(notJson, 'just some notes');
    expect((await custos('playbook', 'import', notJson)).stderr).toMatch(/it is not JSON text/);
    expect(library()).toHaveLength(1);
  });

  it('duplicates a built-in under a new name, naming the original, and starts a run from the copy', async () => {
    const done = await custos('playbook', 'duplicate', 'termination', '--name', 'Termination (Northwind variant)');
    expect(done.stderr).toBe('');
    expect(done.stdout).toMatch(
      /^Copied to "Termination \(Northwind variant\)" \(playbook--[0-9a-f-]{36}\) in your templates: /,
    );
    const { templates } = JSON.parse((await custos('playbook', 'templates', '--json')).stdout) as {
      templates: { name: string; origin: string; id: string }[];
    };
    expect(templates.map((t) => t.origin)).toEqual(['built-in', 'built-in', 'built-in', 'imported']);
    const out = join(dir, 'variant.json');
    await custos('playbook', 'export', 'Termination (Northwind variant)', '--out', out);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { derived_from: string[]; labels: string[] };
    const original = templates.find((t) => t.name.startsWith('Termination and access'))!;
    expect(doc.derived_from).toEqual([original.id]);
    expect(doc.labels).not.toContain('custos-builtin');
    const again = await custos('playbook', 'duplicate', 'termination', '--name', 'termination (northwind VARIANT)');
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/exists already; choose another name/);

    const casePath = join(dir, 'case.custos');
    const as = ['--as', 'Dana Whitfield, Security lead, Northwind'];
    expect((await custos('new', casePath, '--title', 'T', ...as)).status).toBe(0);
    const started = await custos(
      'playbook',
      'start',
      casePath,
      'Termination (Northwind variant)',
      '--t0',
      '2031-01-01T09:00',
      '--zone',
      'UTC',
      ...as,
    );
    expect(started.stderr).toBe('');
    expect(started.stdout).toMatch(/^Started "Termination \(Northwind variant\)"/);
  });
});
