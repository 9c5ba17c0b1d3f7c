import type { DueRule, PlaybookStep, PlaybookTemplate, Role } from '../../../shared/domain/playbook.ts';

/**
 * The edits a security lead makes to a playbook template, as pure functions from one template to
 * the next: the editor keeps every result as its draft, and nothing is written until Save. Each
 * operation keeps the CACAO workflow whole (every pointer still leads to a step) or refuses with a
 * reason a person can read; playbook:check has the last word on the result.
 */

/** A refusal, or leave to go ahead: the reason is shown on the disabled button. */
export type Allowed = { ok: true } | { ok: false; reason: string };

/** A reference to a removed step that could not follow it, and was dropped. */
export type Cleared = { stepId: string; what: 'due'; was: DueRule } | { stepId: string; what: 'after' };

const stepOf = (template: PlaybookTemplate, id: string | null): PlaybookStep | undefined =>
  id === null ? undefined : template.steps.find((s) => s.id === id);

function requireStep(template: PlaybookTemplate, id: string): PlaybookStep {
  const step = stepOf(template, id);
  if (!step) throw new Error(`no step ${id} in this template`);
  return step;
}

/** How a person names a step in a sentence: "A3 “Issue a legal hold…”", the end, the start. */
export function stepLabel(template: PlaybookTemplate, id: string | null): string {
  const step = stepOf(template, id);
  if (!step) return 'a step that is not there';
  if (step.type === 'end') return 'the end';
  if (step.type === 'start') return 'the start';
  const name = step.name || (step.type === 'parallel' ? 'parallel steps' : step.type);
  return step.code ? `${step.code} “${name}”` : `“${name}”`;
}

/** The steps that lead to `id`, and by which field. */

export function incoming(template: PlaybookTemplate, id: string): { from: PlaybookStep; field: string }[] {
  const found: { from: PlaybookStep; field: string }[] = [];
  for (const s of template.steps) {
    for (const field of ['next', 'onSuccess', 'onFailure', 'onTrue', 'onFalse'] as const) {
      if (s[field] === id) found.push({ from: s, field });
    }
    if (s.nextSteps.includes(id)) found.push({ from: s, field: 'nextSteps' });
    for (const [value, to] of Object.entries(s.cases)) if (to === id) found.push({ from: s, field: `cases.${value}` });
  }
  return found;
}

/** The step with every pointer to `from` pointing at `to` instead (a parallel group lists each step once). */
function redirect(step: PlaybookStep, from: string, to: string | null): PlaybookStep {
  const swap = (id: string | null) => (id === from ? to : id);
  const nextSteps = step.nextSteps.map(swap).filter((id): id is string => id !== null);
  return {
    ...step,
    next: swap(step.next),
    onSuccess: swap(step.onSuccess),
    onFailure: swap(step.onFailure),
    onTrue: swap(step.onTrue),
    onFalse: swap(step.onFalse),
    nextSteps: [...new Set(nextSteps)],
    cases: Object.fromEntries(Object.entries(step.cases).map(([value, id]) => [value, swap(id) ?? id])),
  };
}

/** An action step that goes on to one step, whatever happens (no separate success and failure). */
const leadsOn = (step: PlaybookStep): boolean =>
  step.type === 'action' && step.next !== null && step.onSuccess === null && step.onFailure === null;

// ---- the template and one step -------------------------------------------------------------------

export function updateTemplate(
  template: PlaybookTemplate,
  patch: Partial<Pick<PlaybookTemplate, 'name' | 'description'>>,
): PlaybookTemplate {
  return { ...template, ...patch };
}

/** One step's fields changed; the id and type stay what they are. */
export function updateStep(
  template: PlaybookTemplate,
  id: string,
  patch: Partial<Omit<PlaybookStep, 'id' | 'type'>>,
): PlaybookTemplate {
  requireStep(template, id);
  return { ...template, steps: template.steps.map((s) => (s.id === id ? { ...s, ...patch } : s)) };
}

/**
 * A new role, as a CACAO group agent like the built-ins' roles (`group--<UUID>`, type group): a
 * team or a function, which any member of it may do.
 */
export function addRole(
  template: PlaybookTemplate,
  name: string,
  id: string,
): { template: PlaybookTemplate; role: Role } {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('Give the role a name');
  if (template.roles.some((r) => r.name.toLowerCase() === trimmed.toLowerCase())) {
    throw new Error(`There is a role named “${trimmed}” already`);
  }
  const role: Role = { id, type: 'group', name: trimmed, description: '' };
  return { template: { ...template, roles: [...template.roles, role] }, role };
}

// ---- adding and removing steps -------------------------------------------------------------------

/** "A3a" for a step put after A3 (then A3b…), the way D4a and D4b follow D4; nothing if A3 has no code. */
function codeAfter(template: PlaybookTemplate, code: string): string {
  if (!code) return '';
  const taken = new Set(template.steps.map((s) => s.code));
  for (const letter of 'abcdefghijklmnopqrstuvwxyz') if (!taken.has(`${code}${letter}`)) return `${code}${letter}`;
  return '';
}

export function canAddAfter(template: PlaybookTemplate, id: string): Allowed {
  const step = requireStep(template, id);
  if (step.type !== 'action') return { ok: false, reason: 'A new step goes after an action step' };
  if (step.onSuccess !== null || step.onFailure !== null) {
    return { ok: false, reason: `${stepLabel(template, id)} goes on differently on success and failure` };
  }
  return { ok: true };
}

/**
 * A new action step right after `afterId` in the flow: it goes on where that step went, and that
 * step now leads to it. It starts in the same phase, with the same role and due time, as the step
 * it follows, so it lands where a person expects it; `newId` is a fresh `action--<UUID v4>`.
 */
export function addStepAfter(template: PlaybookTemplate, afterId: string, newId: string): PlaybookTemplate {
  const allowed = canAddAfter(template, afterId);
  if (!allowed.ok) throw new Error(allowed.reason);
  const before = requireStep(template, afterId);
  const added: PlaybookStep = {
    id: newId,
    type: 'action',
    name: 'New step',
    description: '',
    instructions: [],
    code: codeAfter(template, before.code),
    phase: before.phase,
    role: before.role,
    due: before.due,
    after: [],
    sources: [],
    indicatorCategory: before.indicatorCategory,
    next: before.next,
    onSuccess: null,
    onFailure: null,
    onTrue: null,
    onFalse: null,
    nextSteps: [],
    condition: '',
    switchOn: '',
    cases: {},
    playbookId: '',
  };
  const at = template.steps.findIndex((s) => s.id === afterId);
  const steps = template.steps.map((s) => (s.id === afterId ? { ...s, next: newId } : s));
  steps.splice(at + 1, 0, added);
  return { ...template, steps };
}

export function canRemove(template: PlaybookTemplate, id: string): Allowed {
  const step = requireStep(template, id);
  if (step.type !== 'action') return { ok: false, reason: 'Only action steps can be removed' };
  if (!leadsOn(step)) {
    return { ok: false, reason: `${stepLabel(template, id)} does not go on to a single next step` };
  }
  if (template.steps.filter((s) => s.type === 'action').length === 1) {
    return { ok: false, reason: 'A playbook needs at least one action step' };
  }
  return { ok: true };
}

/**
 * Takes an action step out of the flow: everything that led to it leads to its next step instead.
 * Due times counted from it, and prerequisites naming it, cannot follow it anywhere, so they are
 * cleared, and returned so the person sees what changed beyond the step itself.
 */
export function removeStep(template: PlaybookTemplate, id: string): { template: PlaybookTemplate; cleared: Cleared[] } {
  const allowed = canRemove(template, id);
  if (!allowed.ok) throw new Error(allowed.reason);
  const removed = requireStep(template, id);
  const cleared: Cleared[] = [];
  const steps = template.steps
    .filter((s) => s.id !== id)
    .map((s) => {
      let step = redirect(s, id, removed.next);
      if (step.due?.from === id) {
        cleared.push({ stepId: s.id, what: 'due', was: step.due });
        step = { ...step, due: null };
      }
      if (step.after.includes(id)) {
        cleared.push({ stepId: s.id, what: 'after' });
        step = { ...step, after: step.after.filter((a) => a !== id) };
      }
      return step;
    });
  return { template: { ...template, steps }, cleared };
}

// ---- moving a step -------------------------------------------------------------------------------

/** What a step is, in a sentence about the flow around it. */
function kindOf(template: PlaybookTemplate, step: PlaybookStep): string {
  if (step.type === 'end') return 'the end of its branch';
  if (step.type === 'parallel') return `the parallel group ${stepLabel(template, step.id)}`;
  if (step.type === 'start') return 'the start';
  if (step.type === 'action') return stepLabel(template, step.id);
  return `the decision ${stepLabel(template, step.id)}`;
}

/** Whether `id` and the action step after it can change places: both in one plain chain. */
function canSwapWithNext(template: PlaybookTemplate, id: string): Allowed {
  const step = requireStep(template, id);
  const label = stepLabel(template, id);
  if (!leadsOn(step)) return { ok: false, reason: `${label} does not go on to a single next step` };
  const next = requireStep(template, step.next!);
  if (next.type !== 'action') return { ok: false, reason: `${label} is followed by ${kindOf(template, next)}` };
  // The step after must go on plainly too (or end): one with success and failure ways cannot swap.
  if ((!leadsOn(next) && next.next !== null) || next.onSuccess !== null || next.onFailure !== null) {
    return { ok: false, reason: `${stepLabel(template, next.id)} does not go on to a single next step` };
  }
  if (next.next === id) return { ok: false, reason: `${label} and ${stepLabel(template, next.id)} form a loop` };
  if (incoming(template, next.id).length > 1) {
    return { ok: false, reason: `other steps lead to ${stepLabel(template, next.id)} too` };
  }
  return { ok: true };
}

/** The action step just before `id` in a plain chain, or why there is none to swap with. */
function previousInChain(template: PlaybookTemplate, id: string): { ok: true; id: string } | Allowed {
  const label = stepLabel(template, id);
  const into = incoming(template, id);
  if (into.length === 0) return { ok: false, reason: `no step leads to ${label}` };
  if (into.length > 1) return { ok: false, reason: `several steps lead to ${label}` };
  const { from, field } = into[0]!;
  if (from.type === 'start') return { ok: false, reason: `${label} is the first step` };
  if (from.type === 'parallel' && field === 'nextSteps') {
    return { ok: false, reason: `${label} begins a branch of ${kindOf(template, from)}` };
  }
  if (from.type !== 'action') return { ok: false, reason: `${label} comes after ${kindOf(template, from)}` };
  if (field !== 'next') {
    return { ok: false, reason: `${label} follows ${stepLabel(template, from.id)} only on one outcome` };
  }
  return { ok: true, id: from.id };
}

export function canMove(template: PlaybookTemplate, id: string, direction: 'up' | 'down'): Allowed {
  const step = requireStep(template, id);
  if (step.type !== 'action') return { ok: false, reason: 'Only action steps move' };
  if (direction === 'down') return canSwapWithNext(template, id);
  const previous = previousInChain(template, id);
  if (!('id' in previous)) return previous;
  return canSwapWithNext(template, previous.id);
}

/**
 * Swaps an action step with its neighbour in a plain chain (… → P → S → N → X …): moving S down
 * gives P → N → S → X, and moving S up swaps it with P the same way. Their fields (due times,
 * prerequisites) go with them; only the order changes.
 */
export function moveStep(template: PlaybookTemplate, id: string, direction: 'up' | 'down'): PlaybookTemplate {
  const allowed = canMove(template, id, direction);
  if (!allowed.ok) throw new Error(allowed.reason);
  const first = direction === 'down' ? id : (previousInChain(template, id) as { id: string }).id;
  const upper = requireStep(template, first);
  const lower = requireStep(template, upper.next!);
  const steps = template.steps.map((s) => {
    if (s.id === upper.id) return { ...s, next: lower.next };
    if (s.id === lower.id) return { ...s, next: upper.id };
    return redirect(s, upper.id, lower.id);
  });
  // The list follows the flow too, so the file reads in the new order.
  const i = steps.findIndex((s) => s.id === upper.id);
  const j = steps.findIndex((s) => s.id === lower.id);
  [steps[i], steps[j]] = [steps[j]!, steps[i]!];
  return { ...template, steps };
}

// ---- due times as a person enters them -----------------------------------------------------------

export const DUE_UNITS = { min: 1, h: 60, d: 1440 } as const;
export type DueUnit = keyof typeof DUE_UNITS;

/** A due time as the editor shows it: from what, how much of which unit, before or after. */
export type DueParts = { from: string; amount: string; unit: DueUnit; direction: 'before' | 'after' };

/** `from` is '' for no due time, 'T0', or an action step's id. */
export function dueToParts(due: DueRule | null): DueParts {
  if (!due) return { from: '', amount: '', unit: 'h', direction: 'after' };
  const m = Math.abs(due.minutes);
  const unit: DueUnit = m !== 0 && m % 1440 === 0 && m >= 2880 ? 'd' : m !== 0 && m % 60 === 0 ? 'h' : 'min';
  return {
    from: due.from,
    amount: String(m / DUE_UNITS[unit]),
    unit,
    direction: due.minutes < 0 ? 'before' : 'after',
  };
}

/** The due rule the parts say, or why they say none: the amount is a whole number. */
export function partsToDue(parts: DueParts): { due: DueRule | null } | { error: string } {
  if (!parts.from) return { due: null };
  const amount = parts.amount.trim();
  if (!/^\d+$/.test(amount)) return { error: 'Give a whole number' };
  const minutes = Number(amount) * DUE_UNITS[parts.unit];
  return { due: { from: parts.from, minutes: parts.direction === 'before' && minutes !== 0 ? -minutes : minutes } };
}
