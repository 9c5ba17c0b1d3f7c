import type { DueRule, PlaybookStep, PlaybookTemplate } from '../../../shared/domain/playbook.ts';
import { successors } from '../../../shared/logic/workflow.ts';
import { stepLabel } from './editTemplate.ts';

/**
 * A template read as a person reads a playbook: its steps in the order the workflow takes them,
 * grouped by phase, due times as a team says them ("T0 − 2 h", "24 h after B10"), where each
 * answer of a question leads, which steps run in parallel, and the problems playbook:check found,
 * with their JSON paths turned into the step and field they are about.
 */

/** Steps a person does or decides; start, end and parallel are the flow's own. */
export const isListed = (step: PlaybookStep): boolean =>
  step.type === 'action' ||
  step.type === 'playbook-action' ||
  step.type === 'if-condition' ||
  step.type === 'switch-condition' ||
  step.type === 'while-condition';

/** The short name of a step in a sentence: its code, else its name. */
export function stepShort(template: PlaybookTemplate, id: string): string {
  const step = template.steps.find((s) => s.id === id);
  if (!step) return 'a removed step';
  return step.code || step.name || stepLabel(template, id);
}

/** The step ids in the order the workflow reaches them: each branch in full before what follows it. */
export function workflowOrder(template: PlaybookTemplate): string[] {
  const byId = new Map(template.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const order: string[] = [];
  // An explicit stack, so a 500-step chain does not recurse 500 deep.
  const stack = [template.start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    order.push(id);
    const step = byId.get(id)!;
    // Answers and branches first, then where the step goes on when they are done.
    const first = [
      step.onTrue,
      step.onFalse,
      ...Object.values(step.cases),
      ...step.nextSteps,
      step.onSuccess,
      step.onFailure,
    ].filter((s): s is string => s !== null);
    stack.push(...[...first, step.next].filter((s): s is string => s !== null).reverse());
  }
  // Steps nothing leads to still show, at the end, rather than vanish.
  return [...order, ...template.steps.filter((s) => !seen.has(s.id)).map((s) => s.id)];
}

export type PhaseGroup = { code: string; title: string; description: string; steps: PlaybookStep[] };

/** The listed steps by phase, in workflow order; steps of no known phase come last, as "Other steps". */
export function stepsByPhase(template: PlaybookTemplate): PhaseGroup[] {
  const byId = new Map(template.steps.map((s) => [s.id, s]));
  const ordered = workflowOrder(template)
    .map((id) => byId.get(id)!)
    .filter(isListed);
  const known = new Set(template.phases.map((p) => p.code));
  const groups: PhaseGroup[] = template.phases.map((p) => ({
    ...p,
    steps: ordered.filter((s) => s.phase === p.code),
  }));
  const other = ordered.filter((s) => !known.has(s.phase));
  if (other.length > 0) {
    groups.push({
      code: '',
      title: template.phases.length > 0 ? 'Other steps' : 'Steps',
      description: '',
      steps: other,
    });
  }
  return groups.filter((g) => g.steps.length > 0);
}

/**
 * For each step inside a parallel group, that group's step: what runs at the same time as its
 * siblings. A branch ends where it reaches an end or the step after the whole group.
 */
export function parallelGroups(template: PlaybookTemplate): Map<string, PlaybookStep> {
  const byId = new Map(template.steps.map((s) => [s.id, s]));
  const member = new Map<string, PlaybookStep>();
  for (const group of template.steps.filter((s) => s.type === 'parallel')) {
    const queue = [...group.nextSteps];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const id = queue.shift()!;
      const step = byId.get(id);
      if (!step || seen.has(id) || id === group.next || step.type === 'end') continue;
      seen.add(id);
      if (!member.has(id)) member.set(id, group);
      queue.push(...successors(step));
    }
  }
  return member;
}

/**
 * "In parallel (Revocation event at T0): B1, B2, … run at the same time; then B10.": said once,
 * where the group's first step is listed.
 */
export function parallelNote(
  template: PlaybookTemplate,
  group: PlaybookStep,
  groups: Map<string, PlaybookStep>,
): string {
  const members = [...groups].filter(([, g]) => g.id === group.id).map(([id]) => stepShort(template, id));
  const then = group.next ? `; then ${stepShort(template, group.next)}` : '';
  return `In parallel${group.name ? ` (${group.name})` : ''}: ${members.join(', ')} run at the same time${then}.`;
}

/** A span of minutes in at most the units a team says: 45 min, 2 h 30 min, 24 h, 3 d, 3 d 4 h. */
export function formatSpan(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  if (m < 60) return `${m} min`;
  if (m < 2880) return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const rest = m % 60;
  return [`${days} d`, hours ? `${hours} h` : '', rest ? `${rest} min` : ''].filter(Boolean).join(' ');
}

/** "T0 − 2 h", "T0 + 15 min", "T0", "24 h after B10", "when B10 is done"; null without a due time. */
export function dueText(template: PlaybookTemplate, due: DueRule | null): string | null {
  if (!due) return null;
  const m = due.minutes;
  if (due.from === 'T0') {
    const anchor = template.anchor.label;
    return m === 0 ? anchor : `${anchor} ${m < 0 ? '\u2212' : '+'} ${formatSpan(m)}`;
  }
  const from = stepShort(template, due.from);
  return m === 0 ? `when ${from} is done` : `${formatSpan(m)} ${m < 0 ? 'before' : 'after'} ${from}`;
}

/** One answer of a question and the step it leads to (null: it goes on with the step after the question). */
export type Answer = { key: string; label: string; field: 'onTrue' | 'onFalse' | 'case'; to: string | null };

/** The answers of an if, while or switch step, in the order a person reads them. */
export function answersOf(step: PlaybookStep): Answer[] {
  if (step.type === 'if-condition') {
    return [
      { key: 'true', label: 'Yes', field: 'onTrue', to: step.onTrue },
      { key: 'false', label: 'No', field: 'onFalse', to: step.onFalse },
    ];
  }
  if (step.type === 'while-condition') return [{ key: 'true', label: 'While yes', field: 'onTrue', to: step.onTrue }];
  if (step.type === 'switch-condition') {
    return Object.entries(step.cases).map(([value, to]) => ({
      key: value,
      label: value === 'default' ? 'Any other answer' : value,
      field: 'case',
      to,
    }));
  }
  return [];
}

// ---- problems in words ---------------------------------------------------------------------------

const FIELD_WORDS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^\.?name$/, () => 'name'],
  [/^\.?description$/, () => 'description'],
  [/^\.?code$/, () => 'code'],
  [/^\.?phase$/, () => 'phase'],
  [/^\.?(role|agent)$/, () => 'role'],
  [/^\.?(due\.minutes|.*\.due_minutes)$/, () => 'due time (minutes)'],
  [/^\.?(due\.from|due|.*\.due_from)$/, () => 'due time, counted from'],
  [/^\.?(after|.*\.after)[.[](\d+)\]?$/, (m) => `prerequisite ${Number(m[2]) + 1}`],
  [/^\.?(on_completion|next)$/, () => 'next step'],
  [/^\.?(on_true|onTrue)$/, () => 'answer “Yes”'],
  [/^\.?(on_false|onFalse)$/, () => 'answer “No”'],
  [/^\.?(condition)$/, () => 'question'],
  [/^\.?(next_steps|nextSteps)[.[/](\d+)\]?$/, (m) => `parallel branch ${Number(m[2]) + 1}`],
  [/^\.?cases[./[]"?([^"\]]+)"?\]?$/, (m) => `answer “${m[1]}”`],
  [/^\.?(instructions|commands)[.[](\d+)\]?.*$/, (m) => `instruction ${Number(m[2]) + 1}`],
  [
    /^\.?(sources|external_references)[.[](\d+)\]?\.?(\w*)$/,
    (m) => `source ${Number(m[2]) + 1}${m[3] ? ` ${m[3]}` : ''}`,
  ],
];

function fieldInWords(rest: string): string {
  if (!rest) return '';
  for (const [pattern, words] of FIELD_WORDS) {
    const m = rest.match(pattern);
    if (m) return words(m);
  }
  return rest.replace(/^\./, '');
}

const CACAO_ID = /\b[a-z][a-z0-9-]*[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * A problem as playbook:check gives it ("$.path: what"): where it is in words, what is wrong, the
 * path itself, the steps it is about (to mark them in the editor) and the field of the step.
 */
export type Problem = { where: string; what: string; path: string; steps: string[]; field: string };

/**
 * Where a problem is, in the words of the editor: "Step D4 “Has the worker…”, answer “Yes”",
 * "Role 3", "Template name". Step ids in the message become the steps' codes and names.
 */
export function describeProblem(template: PlaybookTemplate, problem: string): Problem {
  const split = problem.match(/^(\$[^\s:]*(?:\["[^"]*"\][^\s:]*)*): ([\s\S]*)$/);
  const path = split ? split[1]! : '';
  const known = (id: string) => template.steps.some((s) => s.id === id);
  const named: string[] = [];
  const what = (split ? split[2]! : problem).replace(CACAO_ID, (id) => {
    if (!known(id)) return id;
    named.push(id);
    return stepLabel(template, id);
  });
  let where = path;
  let field = '';
  let at: string | undefined;
  let m: RegExpMatchArray | null;
  if ((m = path.match(/^\$\.steps\.(\d+)(.*)$/))) {
    at = template.steps[Number(m[1])]?.id;
    field = fieldInWords(m[2]!);
  } else if ((m = path.match(/^\$\.workflow\["([^"]+)"\](.*)$/)) || (m = path.match(/^\$\.workflow\.([\w-]+)(.*)$/))) {
    at = m[1];
    field = fieldInWords(m[2]!.replace(/^\.step_extensions\["[^"]+"\]/, ''));
  } else if ((m = path.match(/^\$\.roles\.(\d+)(.*)$/))) {
    const role = template.roles[Number(m[1])];
    where = `Role ${Number(m[1]) + 1}${role?.name ? ` “${role.name}”` : ''}${m[2] ? `, ${fieldInWords(m[2])}` : ''}`;
  } else if ((m = path.match(/^\$\.phases\.(\d+)(.*)$/))) {
    where = `Phase ${Number(m[1]) + 1}${m[2] ? `, ${fieldInWords(m[2])}` : ''}`;
  } else if (path === '$.name') where = 'Template name';
  else if (path === '$.description') where = 'Template description';
  else if (path === '$.workflow' || path === '$.workflow_start') where = 'Workflow';
  else if (path === '$' || path === '') where = 'Template';
  if (at !== undefined || path.startsWith('$.steps.') || path.startsWith('$.workflow[')) {
    where = `Step ${at && known(at) ? stepLabel(template, at) : 'not in the template'}${field ? `, ${field}` : ''}`;
  }
  const steps = [...new Set([...(at && known(at) ? [at] : []), ...named])];
  return { where, what, path, steps, field };
}

/**
 * What the editor refuses beyond playbook:check: an action step with no name, which a run would
 * list as a blank line. In the same "$.path: what" form, so it reads like the rest.
 */
export function localProblems(template: PlaybookTemplate): string[] {
  return template.steps.flatMap((s, i) =>
    s.type === 'action' && !s.name.trim() ? [`$.steps.${i}.name: an action step needs a name`] : [],
  );
}
