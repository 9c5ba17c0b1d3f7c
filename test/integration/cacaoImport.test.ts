import { describe, expect, it } from 'vitest';
import {
  MAX_PLAYBOOK_BYTES,
  exportCacaoPlaybook,
  parseCacaoPlaybook,
} from '../../electron/core/playbooks/importCacao.ts';
import { cacaoSchemaErrors } from '../../electron/core/playbooks/cacaoSchema.ts';
import { ID, thirdParty } from '../helpers/cacao.ts';

const bytes = (doc: unknown) => new TextEncoder().encode(typeof doc === 'string' ? doc : JSON.stringify(doc));
const refusal = (doc: unknown) => {
  try {
    parseCacaoPlaybook(bytes(doc), 'their-playbook.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the playbook was accepted');
};

describe('importing a CACAO 2.0 playbook made elsewhere', () => {
  it('keeps its meaning: steps and their order, decisions, loops, agents as roles, every command as an instruction', () => {
    expect(cacaoSchemaErrors(thirdParty())).toEqual([]);
    const template = parseCacaoPlaybook(bytes(thirdParty()), 'their-playbook.json');
    expect(template.name).toBe('Block a bad MAC address');
    expect(template.kind).toBe('checklist');
    expect(template.roles).toEqual([{ id: ID.analyst, type: 'individual', name: 'SOC analyst', description: '' }]);
    const step = (id: string) => template.steps.find((s) => s.id === id)!;
    expect(step(ID.block)).toMatchObject({
      type: 'action',
      role: ID.analyst,
      instructions: ['[ssh] set mac-filter deny 00:11:22:33:44:55', 'Confirm the block in the console'],
      next: ID.decide,
    });
    expect(step(ID.decide)).toMatchObject({ type: 'if-condition', onTrue: ID.notify, onFalse: null, next: ID.retry });
    expect(step(ID.retry)).toMatchObject({ type: 'while-condition', onTrue: ID.check, next: ID.end });
    // What Custos adds and the other tool did not say stays empty, never invented; only a code to
    // say aloud is given, S1, S2… in the order the workflow reaches the steps and questions.
    expect(step(ID.notify)).toMatchObject({ code: 'S3', phase: '', due: null, after: [], sources: [] });
    expect([ID.block, ID.decide, ID.notify, ID.check].map((id) => step(id).code)).toEqual(['S1', 'S2', 'S3', 'S4']);
    // Exported again it is still valid CACAO, and reads back the same.
    const again = exportCacaoPlaybook(template);
    expect(cacaoSchemaErrors(JSON.parse(again))).toEqual([]);
    expect(parseCacaoPlaybook(bytes(again), 'again.json')).toEqual(template);
  });

  it('refuses what is not JSON, or not UTF-8, or too large, naming the file', () => {
    expect(refusal('{"type": "playbook",')).toMatch(
      /^their-playbook\.json is not a playbook Custos can use: it is not JSON text: /,
    );
    expect(() => parseCacaoPlaybook(new Uint8Array([0x7b, 0xff, 0x7d]), 'latin1.json')).toThrow(
      /latin1\.json .*not JSON text/,
    );
    expect(() => parseCacaoPlaybook(new Uint8Array(MAX_PLAYBOOK_BYTES + 1), 'huge.json')).toThrow(
      /huge\.json .*too large: 4194305 bytes/,
    );
  });

  it('refuses what the official schemas refuse, naming the JSON path', () => {
    const doc = thirdParty();
    (doc.workflow as Record<string, Record<string, unknown>>)[ID.block]!.commands = [];
    expect(refusal(doc)).toContain(
      `the CACAO 2.0 schemas refuse it: $.workflow["${ID.block}"].commands: must NOT have fewer than 1 items`,
    );
    expect(refusal({ ...thirdParty(), spec_version: 'cacao-1.0' })).toMatch(
      /\$\.spec_version: must be equal to one of the allowed values/,
    );
  });

  it('refuses a step that points to a missing step, an agent that is not defined, and says where', () => {
    const doc = thirdParty();
    const workflow = doc.workflow as Record<string, Record<string, unknown>>;
    workflow[ID.notify]!.on_completion = 'end--a1b2c3d4-0000-4000-8000-0000000000ff';
    workflow[ID.check]!.agent = 'individual--a1b2c3d4-0000-4000-8000-0000000000ee';
    const message = refusal(doc);
    expect(message).toContain(
      `$.workflow["${ID.notify}"].on_completion: "end--a1b2c3d4-0000-4000-8000-0000000000ff" is not a step of the workflow`,
    );
    expect(message).toContain(
      `$.workflow["${ID.check}"].agent: "individual--a1b2c3d4-0000-4000-8000-0000000000ee" is not in agent_definitions`,
    );
  });

  it('refuses a workflow with no reachable end, and a loop with no while-condition to end it', () => {
    const noEnd = thirdParty();
    const w1 = noEnd.workflow as Record<string, Record<string, unknown>>;
    w1[ID.start]!.on_completion = ID.notify;
    w1[ID.notify]!.on_completion = ID.check;
    w1[ID.check]!.on_completion = ID.notify;
    expect(refusal(noEnd)).toContain('$.workflow: no end step can be reached from the start');

    const cycle = thirdParty();
    const w2 = cycle.workflow as Record<string, Record<string, unknown>>;
    w2[ID.notify]!.on_completion = ID.block;
    expect(refusal(cycle)).toContain(
      `$.workflow: the steps ${[ID.block, ID.decide, ID.notify].sort().join(', ')} form a loop with no while-condition to end it`,
    );
  });
});
