import { describe, expect, it } from 'vitest';
import { templateFromCacao } from '../../electron/core/playbooks/cacao.ts';
import { ancestors, branchOptions, inBranches, onPath } from '../../electron/core/playbooks/flow.ts';
import { ID, thirdParty } from '../helpers/cacao.ts';

// How a run reads its playbook's workflow: what comes before a step (for "out of order"), what lies
// inside a question's branches, and which steps the answers given so far leave on the way.

const AGAIN = 'action--a1b2c3d4-0000-4000-8000-0000000000ff';

/** The third-party playbook with a loop body of two steps that goes back to its while-condition. */
function looping() {
  const doc = thirdParty() as { workflow: Record<string, Record<string, unknown>> };
  doc.workflow[ID.check]!.on_completion = AGAIN;
  doc.workflow[AGAIN] = {
    type: 'action',
    name: 'Block the new address too',
    commands: [{ type: 'manual', command: 'Block it' }],
    on_completion: ID.retry,
  };
  delete doc.workflow[ID.endLoop];
  return templateFromCacao(doc);
}

describe('the workflow as a run reads it', () => {
  it('counts the steps before a step without following a loop back: later steps of the body come after', () => {
    const t = looping();
    expect([...ancestors(t, ID.check)].sort()).toEqual([ID.block, ID.decide, ID.retry, ID.start].sort());
    expect(ancestors(t, ID.check).has(AGAIN)).toBe(false);
    expect(ancestors(t, AGAIN).has(ID.check)).toBe(true);
  });

  it('knows what lies inside a question’s branches, and what comes after it whatever the answer', () => {
    const t = looping();
    const decide = t.steps.find((s) => s.id === ID.decide)!;
    expect([...inBranches(t, decide)].sort()).toEqual([ID.endTrue, ID.notify].sort());
    expect(branchOptions(t, decide)).toEqual([
      { value: 'true', label: 'Yes', leadsTo: 'S3' },
      { value: 'false', label: 'No', leadsTo: 'Still seen on the network?' },
    ]);
    expect(onPath(t, new Map([[ID.decide, 'false']])).has(ID.notify)).toBe(false);
    expect(onPath(t, new Map([[ID.decide, 'false']])).has(ID.check)).toBe(true);
    expect(onPath(t, new Map()).has(ID.notify)).toBe(true);
  });

  it('gives every answer of a switch its own label, even with a case called Other', () => {
    const doc = thirdParty() as { workflow: Record<string, Record<string, unknown>> };
    doc.workflow[ID.decide] = {
      type: 'switch-condition',
      name: 'Where?',
      switch: '__where__',
      cases: { default: ID.notify, Other: ID.notify, US: ID.notify },
      on_completion: ID.retry,
    };
    const t = templateFromCacao({ ...doc, playbook_variables: { __where__: { type: 'string' } } });
    const labels = branchOptions(
      t,
      t.steps.find((s) => s.id === ID.decide)!,
    ).map((o) => o.label);
    expect(labels).toEqual(['default', 'Other', 'US']);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
