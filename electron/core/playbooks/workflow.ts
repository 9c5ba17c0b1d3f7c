import { jsonPath } from './cacaoSchema.ts';
import { CUSTOS_EXTENSION } from './cacao.ts';

/**
 * What the schemas cannot say about a CACAO workflow: every pointer leads to a step that exists,
 * the start is a start, an end can be reached, and every loop goes through a while-condition (any
 * other cycle would never finish). Returns the problems, each with the JSON path it is at.
 */

type Json = Record<string, unknown>;
const obj = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

/** Every step a step can lead to, with the JSON pointer of the field that says so. */
function pointers(id: string, step: Json): { to: unknown; at: string }[] {
  const at = (field: string) => `/workflow/${id.replaceAll('~', '~0').replaceAll('/', '~1')}/${field}`;
  const single = ['on_completion', 'on_success', 'on_failure', 'on_true', 'on_false']
    .filter((field) => step[field] !== undefined)
    .map((field) => ({ to: step[field], at: at(field) }));
  const many = Array.isArray(step.next_steps)
    ? step.next_steps.map((to, i) => ({ to, at: at(`next_steps/${i}`) }))
    : [];
  const cases = Object.entries(obj(step.cases)).map(([value, to]) => ({
    to,
    at: at(`cases/${value.replaceAll('~', '~0').replaceAll('/', '~1')}`),
  }));
  return [...single, ...many, ...cases];
}

export function workflowProblems(doc: Json): string[] {
  const workflow = obj(doc.workflow);
  const problems: string[] = [];
  const has = (id: unknown): id is string => typeof id === 'string' && Object.hasOwn(workflow, id);

  const start = doc.workflow_start;
  if (!has(start)) problems.push(`$.workflow_start: ${JSON.stringify(start)} is not a step of the workflow`);
  else if (obj(workflow[start]).type !== 'start') problems.push(`$.workflow_start: ${start} is not a start step`);
  if (doc.workflow_exception !== undefined && !has(doc.workflow_exception)) {
    problems.push(`$.workflow_exception: ${JSON.stringify(doc.workflow_exception)} is not a step of the workflow`);
  }

  const agents = obj(doc.agent_definitions);
  const targets = obj(doc.target_definitions);
  const edges = new Map<string, string[]>();
  const ext = obj(obj(doc.playbook_extensions)[CUSTOS_EXTENSION]);
  const phases = new Set<unknown>((Array.isArray(ext.phases) ? ext.phases : []).map((p) => obj(p).code));
  for (const [id, raw] of Object.entries(workflow)) {
    const step = obj(raw);
    const next: string[] = [];
    for (const { to, at } of pointers(id, step)) {
      if (has(to)) next.push(to);
      else problems.push(`${jsonPath(at)}: ${JSON.stringify(to)} is not a step of the workflow`);
    }
    edges.set(id, next);
    const path = (field: string) => jsonPath(`/workflow/${id}/${field}`);
    if (step.agent !== undefined && !Object.hasOwn(agents, String(step.agent))) {
      problems.push(`${path('agent')}: ${JSON.stringify(step.agent)} is not in agent_definitions`);
    }
    (Array.isArray(step.targets) ? step.targets : []).forEach((target, i) => {
      if (!Object.hasOwn(targets, String(target))) {
        problems.push(`${path(`targets/${i}`)}: ${JSON.stringify(target)} is not in target_definitions`);
      }
    });
    // Custos's own fields: they point into the same workflow.
    const custos = obj(obj(step.step_extensions)[CUSTOS_EXTENSION]);
    const extPath = (field: string) => `${path('step_extensions')}[${JSON.stringify(CUSTOS_EXTENSION)}].${field}`;
    if (custos.due_from !== undefined && custos.due_from !== 'T0' && !has(custos.due_from)) {
      problems.push(`${extPath('due_from')}: ${JSON.stringify(custos.due_from)} is neither T0 nor a step`);
    } else if (has(custos.due_from) && obj(workflow[custos.due_from]).type !== 'action') {
      // Only action steps are done by someone at a recorded time; a due time counted from a decision
      // or a start would never be known.
      problems.push(
        `${extPath('due_from')}: ${JSON.stringify(custos.due_from)} is not an action step, so it is never done`,
      );
    }
    if (custos.due_from !== undefined && !Number.isInteger(custos.due_minutes)) {
      problems.push(`${extPath('due_minutes')}: must be a whole number of minutes`);
    }
    (Array.isArray(custos.after) ? custos.after : []).forEach((after, i) => {
      if (!has(after)) problems.push(`${extPath(`after[${i}]`)}: ${JSON.stringify(after)} is not a step`);
    });
    if (custos.phase !== undefined && !phases.has(custos.phase)) {
      problems.push(`${extPath('phase')}: ${JSON.stringify(custos.phase)} is not one of the playbook's phases`);
    }
  }
  if (problems.length > 0 || !has(start)) return problems;

  // An end must be reachable from the start.
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of edges.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  if (![...seen].some((id) => obj(workflow[id]).type === 'end')) {
    problems.push('$.workflow: no end step can be reached from the start');
  }

  // Loops: each strongly connected group of steps must contain a while-condition (Tarjan's algorithm).
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (id: string) => {
    order.set(id, index);
    low.set(id, index++);
    stack.push(id);
    onStack.add(id);
    for (const next of edges.get(id) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(id, Math.min(low.get(id)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(id, Math.min(low.get(id)!, order.get(next)!));
    }
    if (low.get(id) === order.get(id)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== id);
      const loops = group.length > 1 || (edges.get(id) ?? []).includes(id);
      if (loops && !group.some((m) => obj(workflow[m]).type === 'while-condition')) {
        problems.push(`$.workflow: the steps ${group.sort().join(', ')} form a loop with no while-condition to end it`);
      }
    }
  };
  for (const id of Object.keys(workflow)) if (!order.has(id)) visit(id);
  return problems;
}
