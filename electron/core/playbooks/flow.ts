import type { BranchOption, PlaybookStep, PlaybookTemplate } from '../../../shared/domain/playbook.ts';
import { reachable, successors } from '../../../shared/logic/workflow.ts';

/**
 * Reading a template's workflow as a run needs it: which steps lead where, what comes before a
 * step, the answers of a branch, and which steps the answers given so far leave out. Custos never
 * evaluates a CACAO condition; a person answers it, and the answer decides the branch.
 */

export const isDecision = (step: PlaybookStep): boolean =>
  step.type === 'if-condition' || step.type === 'switch-condition';

/**
 * Every step that leads to `id`: what the flow expects to be done before it. A loop's way back (the
 * end of a while body leading to its condition again) is not followed: the later steps of the body
 * come after this one, not before.
 */
export function ancestors(template: PlaybookTemplate, id: string): Set<string> {
  const into = new Map<string, string[]>();
  for (const s of template.steps) for (const to of successors(s)) into.set(to, [...(into.get(to) ?? []), s.id]);
  const bodies = new Map(
    template.steps
      .filter((s) => s.type === 'while-condition' && s.onTrue)
      .map((w) => [w.id, reachable(template, [w.onTrue!], w.id)]),
  );
  const seen = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const at = queue.shift()!;
    const body = bodies.get(at);
    for (const from of into.get(at) ?? []) {
      if (seen.has(from) || (body?.has(from) ?? false)) continue;
      seen.add(from);
      queue.push(from);
    }
  }
  seen.delete(id);
  return seen;
}

/** The steps inside a question's branches: reached through one of its answers, before the flow joins again after it. */
export function inBranches(template: PlaybookTemplate, decision: PlaybookStep): Set<string> {
  const targets = branchTargets(decision);
  const after = decision.next ? reachable(template, [decision.next]) : new Set<string>();
  return new Set([...reachable(template, targets, decision.id)].filter((id) => !after.has(id)));
}

function branchTargets(step: PlaybookStep): string[] {
  if (step.type === 'if-condition') return [step.onTrue, step.onFalse].filter((id): id is string => id !== null);
  return Object.values(step.cases);
}

/** How a person names a step in a sentence: its code, else its name, else its kind. */
function stepLabel(template: PlaybookTemplate, id: string | null): string {
  const step = id ? template.steps.find((s) => s.id === id) : undefined;
  if (!step) return 'the end';
  if (step.type === 'end') return 'the end';
  return step.code || step.name || step.type;
}

/**
 * The answers of an if or switch step and where each leads. An if without an on_false goes on
 * with the step after it (CACAO's on_completion) when the answer is no.
 */
export function branchOptions(template: PlaybookTemplate, step: PlaybookStep): BranchOption[] {
  if (step.type === 'if-condition') {
    return [
      { value: 'true', label: 'Yes', leadsTo: stepLabel(template, step.onTrue) },
      { value: 'false', label: 'No', leadsTo: stepLabel(template, step.onFalse ?? step.next) },
    ];
  }
  if (step.type === 'switch-condition') {
    // "Other" for the default case, unless a case of that name exists: every answer reads differently.
    const taken = new Set(Object.keys(step.cases).map((k) => k.toLowerCase()));
    return Object.entries(step.cases).map(([value, to]) => ({
      value,
      label: value === 'default' && !taken.has('other') ? 'Other' : value,
      leadsTo: stepLabel(template, to),
    }));
  }
  return [];
}

/** Where a decided branch goes on: the chosen answer's step, and the step after the whole branch. */
function decidedSuccessors(step: PlaybookStep, value: string): string[] {
  const chosen =
    step.type === 'if-condition' ? (value === 'true' ? step.onTrue : (step.onFalse ?? step.next)) : step.cases[value];
  return [chosen ?? null, step.next].filter((id): id is string => id !== null);
}

/**
 * The steps still on the way from the start, given the answers so far (decision id → answer value):
 * a step only reachable through an answer not given is off the path, and its branch is not taken.
 */
export function onPath(template: PlaybookTemplate, answers: ReadonlyMap<string, string>): Set<string> {
  const byId = new Map(template.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const queue = [template.start];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = byId.get(id);
    if (!step) continue;
    const answer = answers.get(id);
    queue.push(...(answer !== undefined && isDecision(step) ? decidedSuccessors(step, answer) : successors(step)));
  }
  return seen;
}
