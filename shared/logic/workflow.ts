import type { PlaybookStep, PlaybookTemplate } from '../domain/playbook.ts';

/**
 * The shape of a playbook's workflow, for everyone who walks it: the core (runs, checks, codes)
 * and the template editor alike.
 */

/** Every step a step can lead to, whatever its type. */
export function successors(step: PlaybookStep): string[] {
  return [
    step.next,
    step.onSuccess,
    step.onFailure,
    step.onTrue,
    step.onFalse,
    ...step.nextSteps,
    ...Object.values(step.cases),
  ].filter((id): id is string => id !== null);
}

/** Every step reachable from `ids` (themselves included), not going through `stopAt`. */
export function reachable(template: PlaybookTemplate, ids: readonly string[], stopAt?: string): Set<string> {
  const byId = new Map(template.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id) || id === stopAt) continue;
    seen.add(id);
    const step = byId.get(id);
    if (step) queue.push(...successors(step));
  }
  return seen;
}
