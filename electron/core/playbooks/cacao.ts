import type { PlaybookStep, PlaybookTemplate, Role, SourceRef, StepType } from '../../../shared/domain/playbook.ts';
import { successors } from '../../../shared/logic/workflow.ts';

/**
 * Custos templates to and from CACAO 2.0 JSON. What CACAO has a field for goes in that field (steps,
 * their order and branches, instructions as manual commands, roles as agents, sources as external
 * references); what it has not (phase, step code, due time, prerequisites, indicator group, the
 * anchor and phases of the playbook) goes in one declared extension, so other tools keep the
 * standard part and Custos gets all of it back.
 */

export const CUSTOS_EXTENSION = 'extension-definition--6c1c7a2e-8f53-4d1b-9a7e-0c4f3b2d5e91';
export const CUSTOS_IDENTITY = 'identity--3f0b8a62-1d4e-4c55-9b1a-7e2d6f9c0a13';

const EXTENSION_DEFINITION = {
  type: 'extension-definition',
  name: 'Custos playbook run data',
  description:
    'Per playbook: kind (checklist or indicators), anchor_label and anchor_description (the time T0 due times count from), phases (code, title, description); in an exported run, run (id, title, anchor_at, anchor_zone, status, started_by, created_at) and access_inventory. Per step: step_code, phase, due_from (T0 or a step id) with due_minutes, after (step ids that must be done first), indicator_category; in an exported run, state, assignee, done_at, done_zone, done_by, outcome, reason, out_of_order and proof (type, id, label).',
  created_by: CUSTOS_IDENTITY,
  schema: 'docs/case-file-format.md, section "Playbooks"; Custos, an offline incident-response case manager',
  version: '1.0.0',
};

type Json = Record<string, unknown>;

const present = <T>(value: T | null | undefined | '', key: string): Json =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
    ? {}
    : { [key]: value };

function sourceToCacao(source: SourceRef): Json {
  return { name: source.name, ...present(source.description, 'description'), ...present(source.url, 'url') };
}

function stepToCacao(step: PlaybookStep): Json {
  const extension = {
    ...present(step.code, 'step_code'),
    ...present(step.phase, 'phase'),
    ...(step.due ? { due_from: step.due.from, due_minutes: step.due.minutes } : {}),
    ...present(step.after, 'after'),
    ...present(step.indicatorCategory, 'indicator_category'),
  };
  const flow =
    step.onSuccess || step.onFailure
      ? { ...present(step.onSuccess, 'on_success'), ...present(step.onFailure, 'on_failure') }
      : present(step.next, 'on_completion');
  const byType: Record<StepType, Json> = {
    start: {},
    end: {},
    action: {
      commands: (step.instructions.length > 0 ? step.instructions : [step.name]).map((command) => ({
        type: 'manual',
        command,
      })),
      ...present(step.role, 'agent'),
    },
    'playbook-action': { playbook_id: step.playbookId },
    parallel: { next_steps: step.nextSteps },
    'if-condition': { condition: step.condition, on_true: step.onTrue, ...present(step.onFalse, 'on_false') },
    'while-condition': { condition: step.condition, on_true: step.onTrue },
    'switch-condition': { switch: step.switchOn, cases: step.cases },
  };
  return {
    type: step.type,
    ...present(step.name, 'name'),
    ...present(step.description, 'description'),
    ...present(step.sources.map(sourceToCacao), 'external_references'),
    ...byType[step.type],
    ...(step.type === 'end' ? {} : flow),
    ...(Object.keys(extension).length > 0 ? { step_extensions: { [CUSTOS_EXTENSION]: extension } } : {}),
  };
}

/** The CACAO 2.0 document of a template, as Custos exports it. */
export function templateToCacao(template: PlaybookTemplate): Json {
  // The playbook lists every reference its steps use (CACAO 2.0, playbook external_references).
  const references = new Map<string, Json>();
  for (const step of template.steps) {
    for (const source of step.sources) references.set(JSON.stringify(sourceToCacao(source)), sourceToCacao(source));
  }
  return {
    type: 'playbook',
    spec_version: 'cacao-2.0',
    id: template.id,
    name: template.name,
    ...present(template.description, 'description'),
    ...present(template.playbookTypes, 'playbook_types'),
    created_by: template.createdBy,
    created: template.created,
    modified: template.modified,
    ...present(template.derivedFrom, 'derived_from'),
    ...present(template.labels, 'labels'),
    ...present(Object.keys(template.variables).length > 0 ? template.variables : null, 'playbook_variables'),
    ...present([...references.values()], 'external_references'),
    workflow_start: template.start,
    workflow: Object.fromEntries(template.steps.map((step) => [step.id, stepToCacao(step)])),
    playbook_extensions: {
      [CUSTOS_EXTENSION]: {
        kind: template.kind,
        anchor_label: template.anchor.label,
        ...present(template.anchor.description, 'anchor_description'),
        phases: template.phases.map((p) => ({
          code: p.code,
          title: p.title,
          ...present(p.description, 'description'),
        })),
      },
    },
    ...present(
      template.roles.length > 0
        ? Object.fromEntries(
            template.roles.map((r) => [r.id, { type: r.type, name: r.name, ...present(r.description, 'description') }]),
          )
        : null,
      'agent_definitions',
    ),
    extension_definitions: { [CUSTOS_EXTENSION]: EXTENSION_DEFINITION },
  };
}

// ---- from CACAO ----------------------------------------------------------------------------

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const obj = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => arr(value).filter((v): v is string => typeof v === 'string');
const idOrNull = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** A command as a person reads it: manual text as it is, any other kind named with its type. */
function instructionOf(command: Json): string {
  const type = str(command.type);
  const text =
    str(command.command) ||
    (typeof command.command_b64 === 'string' ? Buffer.from(command.command_b64, 'base64').toString('utf8') : '') ||
    str(command.description);
  if (type === 'manual') return text;
  return `[${type || 'command'}] ${text || 'see the original playbook for this automated command'}`;
}

function stepFromCacao(id: string, raw: Json): PlaybookStep {
  const ext = obj(obj(raw.step_extensions)[CUSTOS_EXTENSION]);
  const dueFrom = str(ext.due_from);
  return {
    id,
    type: str(raw.type) as StepType,
    name: str(raw.name),
    description: str(raw.description),
    instructions: arr(raw.commands).map((c) => instructionOf(obj(c))),
    code: str(ext.step_code),
    phase: str(ext.phase),
    role: idOrNull(raw.agent),
    due: dueFrom && typeof ext.due_minutes === 'number' ? { from: dueFrom, minutes: ext.due_minutes } : null,
    after: strings(ext.after),
    sources: arr(raw.external_references).map((r) => {
      const ref = obj(r);
      return {
        name: str(ref.name),
        ...(typeof ref.description === 'string' ? { description: ref.description } : {}),
        ...(typeof ref.url === 'string' ? { url: ref.url } : {}),
      };
    }),
    indicatorCategory: str(ext.indicator_category),
    next: idOrNull(raw.on_completion),
    onSuccess: idOrNull(raw.on_success),
    onFailure: idOrNull(raw.on_failure),
    onTrue: idOrNull(raw.on_true),
    onFalse: idOrNull(raw.on_false),
    nextSteps: strings(raw.next_steps),
    condition: str(raw.condition),
    switchOn: str(raw.switch),
    cases: Object.fromEntries(
      Object.entries(obj(raw.cases)).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
    playbookId: str(raw.playbook_id),
  };
}

/**
 * A template from a CACAO 2.0 document that has passed the schema and the workflow checks
 * (playbooks/importCacao.ts). A playbook made elsewhere keeps its meaning: its agents become the
 * roles, its commands the instructions; what only Custos adds is empty.
 */
export function templateFromCacao(doc: Json): PlaybookTemplate {
  const ext = obj(obj(doc.playbook_extensions)[CUSTOS_EXTENSION]);
  const roles: Role[] = Object.entries(obj(doc.agent_definitions)).map(([id, agent]) => ({
    id,
    type: str(obj(agent).type) || 'group',
    name: str(obj(agent).name) || id,
    description: str(obj(agent).description),
  }));
  return {
    id: str(doc.id),
    name: str(doc.name),
    description: str(doc.description),
    created: str(doc.created),
    modified: str(doc.modified),
    createdBy: str(doc.created_by),
    kind: ext.kind === 'indicators' ? 'indicators' : 'checklist',
    anchor: { label: str(ext.anchor_label) || 'T0', description: str(ext.anchor_description) },
    phases: arr(ext.phases).map((p) => ({
      code: str(obj(p).code),
      title: str(obj(p).title),
      description: str(obj(p).description),
    })),
    roles,
    playbookTypes: strings(doc.playbook_types),
    labels: strings(doc.labels),
    derivedFrom: strings(doc.derived_from),
    variables: Object.fromEntries(
      Object.entries(obj(doc.playbook_variables)).map(([name, raw]) => {
        const v = obj(raw);
        return [
          name,
          {
            type: str(v.type),
            ...(typeof v.description === 'string' ? { description: v.description } : {}),
            ...(typeof v.value === 'string' || v.value === null ? { value: v.value } : {}),
            ...(typeof v.constant === 'boolean' ? { constant: v.constant } : {}),
            ...(typeof v.external === 'boolean' ? { external: v.external } : {}),
          },
        ];
      }),
    ),
    start: str(doc.workflow_start),
    steps: withCodes(
      Object.entries(obj(doc.workflow)).map(([id, raw]) => stepFromCacao(id, obj(raw))),
      str(doc.workflow_start),
    ),
  };
}

/**
 * A playbook made elsewhere has no step codes, and a person cannot say "action--9f2c…" aloud or
 * type it at 2 a.m. Steps to do and questions without a code get S1, S2… in the order the
 * workflow reaches them (codes the playbook already uses are skipped). They are exported with the
 * template, so the codes stay the same from then on.
 */
function withCodes(steps: PlaybookStep[], start: string): PlaybookStep[] {
  const needsCode = (s: PlaybookStep) =>
    !s.code && (s.type === 'action' || s.type === 'if-condition' || s.type === 'switch-condition');
  if (!steps.some(needsCode)) return steps;
  const byId = new Map(steps.map((s) => [s.id, s]));
  const order: string[] = [];
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    order.push(id);
    const s = byId.get(id)!;
    queue.push(...successors(s));
  }
  // Steps the start does not reach (the workflow check refuses few of them) come last, in file order.
  for (const s of steps) if (!seen.has(s.id)) order.push(s.id);
  const used = new Set(steps.map((s) => s.code.toLowerCase()).filter(Boolean));
  const codes = new Map<string, string>();
  let n = 0;
  for (const id of order) {
    if (!needsCode(byId.get(id)!)) continue;
    let code: string;
    do code = `S${++n}`;
    while (used.has(code.toLowerCase()));
    codes.set(id, code);
  }
  return steps.map((s) => (codes.has(s.id) ? { ...s, code: codes.get(s.id)! } : s));
}
