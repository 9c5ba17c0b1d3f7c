import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlaybookTemplate } from '../../shared/domain/playbook.ts';
import { parseCacaoPlaybook, templateProblems } from '../../electron/core/playbooks/importCacao.ts';
import {
  addRole,
  addStepAfter,
  canMove,
  canRemove,
  dueToParts,
  moveStep,
  partsToDue,
  removeStep,
  updateStep,
} from '../../renderer/features/templates/editTemplate.ts';
import {
  answersOf,
  describeProblem,
  dueText,
  localProblems,
  parallelGroups,
  stepsByPhase,
  workflowOrder,
} from '../../renderer/features/templates/describeTemplate.ts';

// The edits of the template editor, on the built-in termination playbook as Custos itself reads it:
// each result must still be a template playbook:check accepts (the same templateProblems).

const FILE = resolve(import.meta.dirname, '../../resources/playbooks/termination-access-revocation.json');
const termination = (): PlaybookTemplate => parseCacaoPlaybook(readFileSync(FILE), FILE);

const idOf = (t: PlaybookTemplate, code: string) => {
  const step = t.steps.find((s) => s.code === code);
  if (!step) throw new Error(`no step ${code}`);
  return step.id;
};
const byCode = (t: PlaybookTemplate, code: string) => t.steps.find((s) => s.id === idOf(t, code))!;
const codeOf = (t: PlaybookTemplate, id: string | null) => t.steps.find((s) => s.id === id)?.code ?? id;
/** The codes along the plain chain from a step, following `next`. */
function chain(t: PlaybookTemplate, from: string, length: number): string[] {
  const out: string[] = [];
  let id: string | null = idOf(t, from);
  while (id && out.length < length) {
    const step = t.steps.find((s) => s.id === id)!;
    out.push(step.code || step.type);
    id = step.next;
  }
  return out;
}
const newId = () => `action--${randomUUID()}`;

describe('editing a playbook template', () => {
  it('reads the built-in as a valid template to start from', () => {
    expect(templateProblems(termination())).toEqual([]);
  });

  it('adds a step after another in the flow, in its phase and with its role, as a valid template', () => {
    const t = termination();
    const id = newId();
    const edited = addStepAfter(t, idOf(t, 'A3'), id);
    expect(chain(edited, 'A2', 4)).toEqual(['A2', 'A3', 'A3a', 'A4']);
    const added = edited.steps.find((s) => s.id === id)!;
    expect(added).toMatchObject({ type: 'action', phase: 'A', role: byCode(t, 'A3').role, due: byCode(t, 'A3').due });
    // Listed right after A3, so the file reads in the flow's order too.
    expect(edited.steps.findIndex((s) => s.id === id)).toBe(edited.steps.findIndex((s) => s.code === 'A3') + 1);
    expect(templateProblems(edited)).toEqual([]);
    // A second one after A3 takes the next letter.
    expect(byCode(addStepAfter(edited, idOf(edited, 'A3'), newId()), 'A3').next).not.toBe(id);
    expect(addStepAfter(edited, idOf(edited, 'A3'), newId()).steps.some((s) => s.code === 'A3b')).toBe(true);
    // The original is untouched: every edit is a new template.
    expect(chain(t, 'A3', 2)).toEqual(['A3', 'A4']);
  });

  it('adds a step only after an action step', () => {
    const t = termination();
    expect(() => addStepAfter(t, idOf(t, 'D4'), newId())).toThrow('A new step goes after an action step');
  });

  it('removes a step: what led to it leads to its next step, and due times and prerequisites naming it are cleared', () => {
    const t = termination();
    const b10 = idOf(t, 'B10');
    const parallel = t.steps.find((s) => s.type === 'parallel')!;
    expect(parallel.next).toBe(b10);
    const { template, cleared } = removeStep(t, b10);
    expect(template.steps.some((s) => s.id === b10)).toBe(false);
    expect(template.steps.find((s) => s.id === parallel.id)!.next).toBe(idOf(t, 'C1'));
    // D1 and D2 were due 24 h and 48 h after B10; C1 waited for it.
    expect(cleared).toEqual([
      { stepId: idOf(t, 'C1'), what: 'after' },
      { stepId: idOf(t, 'D1'), what: 'due', was: { from: b10, minutes: 1440 } },
      { stepId: idOf(t, 'D2'), what: 'due', was: { from: b10, minutes: 2880 } },
    ]);
    expect(byCode(template, 'D1').due).toBeNull();
    expect(byCode(template, 'C1').after).toEqual([]);
    expect(templateProblems(template)).toEqual([]);
  });

  it('removes a step that begins a parallel branch or answers a question', () => {
    const t = termination();
    const b1 = byCode(t, 'B1');
    const { template } = removeStep(t, b1.id);
    const parallel = template.steps.find((s) => s.type === 'parallel')!;
    expect(parallel.nextSteps).toContain(b1.next);
    expect(parallel.nextSteps).not.toContain(b1.id);
    expect(byCode(template, 'B10').after).not.toContain(b1.id);
    expect(templateProblems(template)).toEqual([]);

    const d4a = byCode(t, 'D4a');
    const answered = removeStep(t, d4a.id).template;
    expect(byCode(answered, 'D4').onTrue).toBe(d4a.next);
    expect(templateProblems(answered)).toEqual([]);
  });

  it('refuses to remove what is not an action step with one next step', () => {
    const t = termination();
    expect(canRemove(t, idOf(t, 'D4'))).toEqual({ ok: false, reason: 'Only action steps can be removed' });
    expect(() => removeStep(t, idOf(t, 'D4'))).toThrow('Only action steps can be removed');
    const split = updateStep(t, idOf(t, 'A1'), { onSuccess: idOf(t, 'A2'), onFailure: idOf(t, 'A3') });
    expect(canRemove(split, idOf(t, 'A1'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/single next step/),
    });
  });

  it('moves a step down and up within a plain chain', () => {
    const t = termination();
    const down = moveStep(t, idOf(t, 'A2'), 'down');
    expect(chain(down, 'A1', 5)).toEqual(['A1', 'A3', 'A2', 'A4', 'A5']);
    expect(templateProblems(down)).toEqual([]);
    // Up is the same swap seen from the other step: back to the original order.
    const up = moveStep(down, idOf(t, 'A2'), 'up');
    expect(chain(up, 'A1', 5)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    // The step after the start can move down; what the start led to follows.
    const first = moveStep(t, idOf(t, 'A1'), 'down');
    const start = first.steps.find((s) => s.type === 'start')!;
    expect(codeOf(first, start.next)).toBe('A2');
    expect(chain(first, 'A2', 3)).toEqual(['A2', 'A1', 'A3']);
    expect(templateProblems(first)).toEqual([]);
    // C1 follows B10 and swaps with it: the parallel group then goes on to C1.
    const c1Up = moveStep(t, idOf(t, 'C1'), 'up');
    expect(codeOf(c1Up, c1Up.steps.find((s) => s.type === 'parallel')!.next)).toBe('C1');
    expect(templateProblems(c1Up)).toEqual([]);
  });

  it('says why a step cannot move where the flow is not a plain chain', () => {
    const t = termination();
    const reason = (code: string, direction: 'up' | 'down') => {
      const allowed = canMove(t, idOf(t, code), direction);
      return allowed.ok ? 'allowed' : allowed.reason;
    };
    expect(reason('A1', 'up')).toBe('A1 “Open a restricted case and keep the worker unaware” is the first step');
    expect(reason('A9', 'down')).toMatch(/is followed by the parallel group “Revocation event at T0”/);
    expect(reason('B1', 'up')).toMatch(/begins a branch of the parallel group/);
    expect(reason('B1', 'down')).toMatch(/is followed by the end of its branch/);
    expect(reason('B10', 'up')).toMatch(/comes after the parallel group/);
    expect(reason('D3', 'down')).toMatch(/is followed by the decision D4/);
    expect(reason('D5', 'up')).toMatch(/comes after the decision D4/);
    expect(reason('D4', 'up')).toBe('Only action steps move');
    expect(() => moveStep(t, idOf(t, 'A1'), 'up')).toThrow(/first step/);
  });

  it('points an answer elsewhere; at the question itself, the check finds the loop', () => {
    const t = termination();
    const d4 = idOf(t, 'D4');
    const looped = updateStep(t, d4, { onTrue: d4 });
    const problems = templateProblems(looped);
    // The loop, and the step the answer used to lead to, now cut off from the flow.
    expect(problems).toEqual([
      `$.workflow: the steps ${d4} form a loop with no while-condition to end it`,
      `$.workflow["${idOf(t, 'D4a')}"]: step D4a cannot be reached from the start`,
    ]);
    expect(describeProblem(looped, problems[0]!)).toEqual({
      where: 'Workflow',
      what: 'the steps D4 “Has the worker returned the company laptop?” form a loop with no while-condition to end it',
      path: '$.workflow',
      steps: [d4],
      field: '',
    });
    expect(templateProblems(updateStep(looped, d4, { onTrue: idOf(t, 'D4a') }))).toEqual([]);
  });

  it('adds a role as a CACAO group agent the schemas accept', () => {
    const t = termination();
    const { template, role } = addRole(t, '  Works council ', `group--${randomUUID()}`);
    expect(role).toMatchObject({ type: 'group', name: 'Works council' });
    const edited = updateStep(template, idOf(t, 'C1'), { role: role.id });
    expect(templateProblems(edited)).toEqual([]);
    expect(() => addRole(t, 'human resources', `group--${randomUUID()}`)).toThrow(/already/);
    expect(() => addRole(t, ' ', `group--${randomUUID()}`)).toThrow('Give the role a name');
  });
});

describe('due times as the editor shows and takes them', () => {
  it('says them as a team does', () => {
    const t = termination();
    expect(dueText(t, byCode(t, 'A1').due)).toBe('T0 \u2212 3 d');
    expect(dueText(t, byCode(t, 'A9').due)).toBe('T0 \u2212 2 h');
    expect(dueText(t, byCode(t, 'B6').due)).toBe('T0 + 15 min');
    expect(dueText(t, byCode(t, 'B1').due)).toBe('T0');
    expect(dueText(t, byCode(t, 'D1').due)).toBe('24 h after B10');
    expect(dueText(t, byCode(t, 'D2').due)).toBe('2 d after B10');
    expect(dueText(t, { from: idOf(t, 'B10'), minutes: -90 })).toBe('1 h 30 min before B10');
    expect(dueText(t, { from: idOf(t, 'B10'), minutes: 0 })).toBe('when B10 is done');
    expect(dueText(t, null)).toBeNull();
  });

  it('splits a due time into amount, unit and direction, and back', () => {
    expect(dueToParts({ from: 'T0', minutes: -4320 })).toEqual({
      from: 'T0',
      amount: '3',
      unit: 'd',
      direction: 'before',
    });
    expect(dueToParts({ from: 'T0', minutes: 1440 })).toEqual({
      from: 'T0',
      amount: '24',
      unit: 'h',
      direction: 'after',
    });
    expect(dueToParts({ from: 'T0', minutes: 15 })).toEqual({
      from: 'T0',
      amount: '15',
      unit: 'min',
      direction: 'after',
    });
    expect(dueToParts(null)).toMatchObject({ from: '' });
    expect(partsToDue({ from: 'T0', amount: '2', unit: 'h', direction: 'before' })).toEqual({
      due: { from: 'T0', minutes: -120 },
    });
    expect(partsToDue({ from: 'T0', amount: '0', unit: 'h', direction: 'before' })).toEqual({
      due: { from: 'T0', minutes: 0 },
    });
    expect(partsToDue({ from: '', amount: 'x', unit: 'h', direction: 'after' })).toEqual({ due: null });
    expect(partsToDue({ from: 'T0', amount: '1.5', unit: 'h', direction: 'after' })).toEqual({
      error: 'Give a whole number',
    });
    expect(partsToDue({ from: 'T0', amount: '', unit: 'h', direction: 'after' })).toEqual({
      error: 'Give a whole number',
    });
  });
});

describe('a template read as a playbook', () => {
  it('lists the steps by phase in the order the workflow takes them', () => {
    const t = termination();
    const phases = stepsByPhase(t);
    expect(phases.map((p) => p.code)).toEqual(['A', 'B', 'C', 'D']);
    expect(phases[0]!.steps.map((s) => s.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9']);
    expect(phases[1]!.steps.map((s) => s.code)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B9', 'B10']);
    // The answers of D4 come before the steps after the whole question.
    expect(phases[3]!.steps.map((s) => s.code)).toEqual(['D1', 'D2', 'D3', 'D4', 'D4a', 'D4b', 'D5', 'D6', 'D7', 'D8']);
    // Every step appears once, start and ends included in the full order.
    expect(new Set(workflowOrder(t)).size).toBe(t.steps.length);
    // A moved step moves in the list too.
    expect(
      stepsByPhase(moveStep(t, idOf(t, 'A2'), 'down'))[0]!
        .steps.map((s) => s.code)
        .slice(0, 3),
    ).toEqual(['A1', 'A3', 'A2']);
  });

  it('knows the parallel group of B1–B9 and the answers of D4', () => {
    const t = termination();
    const groups = parallelGroups(t);
    expect([...groups.keys()].map((id) => codeOf(t, id)).sort()).toEqual(
      ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B9'].sort(),
    );
    expect(answersOf(byCode(t, 'D4')).map((a) => [a.label, codeOf(t, a.to)])).toEqual([
      ['Yes', 'D4a'],
      ['No', 'D4b'],
    ]);
  });

  it('puts each problem where it is, in words', () => {
    const t = termination();
    const a1 = t.steps.findIndex((s) => s.code === 'A1');
    const a1Id = idOf(t, 'A1');
    const say = (problem: string) => {
      const { where, what } = describeProblem(t, problem);
      return `${where}: ${what}`;
    };
    expect(say(`$.steps.${a1}.sources.3.name: Too small`)).toBe(
      'Step A1 “Open a restricted case and keep the worker unaware”, source 4 name: Too small',
    );
    expect(say(`$.steps.${a1}.due.minutes: expected int`)).toBe(
      'Step A1 “Open a restricted case and keep the worker unaware”, due time (minutes): expected int',
    );
    expect(
      say(
        `$.workflow["${a1Id}"].step_extensions["extension-definition--6c1c7a2e-8f53-4d1b-9a7e-0c4f3b2d5e91"].due_from: "x" is neither T0 nor a step`,
      ),
    ).toBe(
      'Step A1 “Open a restricted case and keep the worker unaware”, due time, counted from: "x" is neither T0 nor a step',
    );
    expect(say(`$.workflow["${a1Id}"].on_completion: "y" is not a step of the workflow`)).toMatch(
      /^Step A1 .*, next step: "y" is not a step/,
    );
    expect(say('$.name: Too small: expected string to have >=1 characters')).toBe(
      'Template name: Too small: expected string to have >=1 characters',
    );
    expect(say('$.roles.1.name: Too small')).toBe('Role 2 “Security / incident response”, name: Too small');
    expect(describeProblem(t, 'something without a path')).toEqual({
      where: 'Template',
      what: 'something without a path',
      path: '',
      steps: [],
      field: '',
    });
    // A problem at a step's field names the step, to be marked where it is listed.
    expect(describeProblem(t, `$.workflow["${a1Id}"].on_completion: "y" is not a step of the workflow`)).toMatchObject({
      steps: [a1Id],
      field: 'next step',
    });
  });

  it('refuses an action step without a name, which a run would list as a blank line', () => {
    const t = termination();
    const a1 = t.steps.findIndex((s) => s.code === 'A1');
    expect(localProblems(t)).toEqual([]);
    expect(localProblems(updateStep(t, idOf(t, 'A1'), { name: ' ' }))).toEqual([
      `$.steps.${a1}.name: an action step needs a name`,
    ]);
  });
});
