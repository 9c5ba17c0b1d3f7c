import { z } from 'zod';

/**
 * A playbook template as Custos works with it: the steps of a CACAO 2.0 workflow, with what Custos
 * adds to each (phase, role, due time, prerequisites, sources) lifted out of the CACAO extension
 * into plain fields. Templates come from CACAO files (built-in or imported) and go back to CACAO
 * on export; import(export(t)) is t.
 */

/** CACAO identifiers: "<type>--<UUID>" (playbook--…, action--…, group--…). */
export const CacaoId = z
  .string()
  .regex(/^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, {
    error: 'must be a CACAO id such as action--<UUID>',
  });

export const STEP_TYPES = [
  'start',
  'end',
  'action',
  'playbook-action',
  'parallel',
  'if-condition',
  'while-condition',
  'switch-condition',
] as const;
export const StepType = z.enum(STEP_TYPES);
export type StepType = z.infer<typeof StepType>;

/** Where a step rests: a published source (title and link) or "common practice". */
export const SourceRef = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  url: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** When a step is due: minutes after (negative: before) the run's anchor time T0 or another step. */
export const DueRule = z.object({
  /** 'T0', or the id of the step whose completion the offset counts from. */
  from: z.string().min(1),
  minutes: z.number().int(),
});
export type DueRule = z.infer<typeof DueRule>;

export const PlaybookStep = z.object({
  id: CacaoId,
  type: StepType,
  name: z.string(),
  description: z.string(),
  /** What the person does: the text of the step's manual commands, in order. */
  instructions: z.array(z.string()),
  /** Short code a team says aloud ("B4"); empty for structural steps. */
  code: z.string(),
  /** Phase code ("B"), one of the template's phases; empty for structural steps. */
  phase: z.string(),
  /** The role that does it: an id in the template's roles. */
  role: z.string().nullable(),
  due: DueRule.nullable(),
  /** Steps that must be done first, beyond the order of the workflow (B1 before C1). */
  after: z.array(CacaoId),
  sources: z.array(SourceRef),
  /** For an indicator checklist: the group the indicator belongs to (hiring, technical…). */
  indicatorCategory: z.string(),
  // The workflow: where the step leads. Which ones apply depends on the type.
  next: CacaoId.nullable(),
  onSuccess: CacaoId.nullable(),
  onFailure: CacaoId.nullable(),
  onTrue: CacaoId.nullable(),
  onFalse: CacaoId.nullable(),
  nextSteps: z.array(CacaoId),
  /** if / while: the question, in words (CACAO's condition, kept as text: Custos never runs it). */
  condition: z.string(),
  /** switch: the variable and the step for each of its values. */
  switchOn: z.string(),
  cases: z.record(z.string(), CacaoId),
  /** playbook-action: the playbook it runs. */
  playbookId: z.string(),
});
export type PlaybookStep = z.infer<typeof PlaybookStep>;

/** Who does a step: a CACAO agent (a group for the built-ins' roles; any agent type from elsewhere). */
export const Role = z.object({
  id: CacaoId,
  type: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
});
export type Role = z.infer<typeof Role>;

export const Phase = z.object({ code: z.string().min(1).max(8), title: z.string().min(1), description: z.string() });
export type Phase = z.infer<typeof Phase>;

export const PLAYBOOK_KINDS = ['checklist', 'indicators'] as const;

/** A CACAO playbook variable (a switch's subject, say): kept as declared, Custos never evaluates it. */
export const PlaybookVariable = z.object({
  type: z.string(),
  description: z.string().optional(),
  value: z.string().nullable().optional(),
  constant: z.boolean().optional(),
  external: z.boolean().optional(),
});

export const PlaybookTemplate = z.object({
  id: CacaoId,
  name: z.string().min(1),
  description: z.string(),
  /** CACAO's version of a playbook is its modified time. */
  created: z.string(),
  modified: z.string(),
  createdBy: CacaoId,
  /** checklist: steps to do; indicators: things to mark observed, not observed or unknown. */
  kind: z.enum(PLAYBOOK_KINDS),
  anchor: z.object({ label: z.string().min(1), description: z.string() }),
  phases: z.array(Phase),
  roles: z.array(Role),
  playbookTypes: z.array(z.string()),
  labels: z.array(z.string()),
  /** The playbooks this one was made from (CACAO derived_from): a duplicate names its original. */
  derivedFrom: z.array(z.string()),
  variables: z.record(z.string(), PlaybookVariable),
  start: CacaoId,
  steps: z.array(PlaybookStep),
});
export type PlaybookTemplate = z.infer<typeof PlaybookTemplate>;

// ---- runs inside a case ------------------------------------------------------------------------

export const STEP_STATES = [
  'pending',
  'in_progress',
  'done',
  'skipped',
  'blocked',
  'not_applicable',
  'observed',
  'not_observed',
  'unknown',
] as const;
export const StepState = z.enum(STEP_STATES, {
  error: `state must be one of ${STEP_STATES.join(', ')}`,
});
export type StepState = z.infer<typeof StepState>;

/** The states a person can only choose with a reason. */
export const STATES_NEEDING_REASON: readonly StepState[] = ['skipped', 'blocked', 'not_applicable'];
/** The states that settle a step: it counts as finished for prerequisites and progress. */
export const SETTLED_STATES: readonly StepState[] = ['done', 'skipped', 'not_applicable', 'observed', 'not_observed'];

export const PlaybookRun = z.object({
  id: z.string(),
  title: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  templateVersion: z.string(),
  templateSha256: z.string(),
  anchorAt: z.string(),
  anchorZone: z.string(),
  status: z.enum(['active', 'closed']),
  startedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlaybookRun = z.infer<typeof PlaybookRun>;

/** One step of a run: the template's step with its recorded state. */
/** A branch's answer: the value a person picks and the step it leads to. */
export const BranchOption = z.object({ value: z.string(), label: z.string(), leadsTo: z.string() });
export type BranchOption = z.infer<typeof BranchOption>;

export const RunStep = z.object({
  /** Empty for a decision not taken yet (its record is written when it is decided). */
  rowId: z.string(),
  stepId: z.string(),
  /** action: a step to do; decision: an if / switch question whose answer picks a branch. */
  kind: z.enum(['action', 'decision']),
  /** decision: the answers and where each leads; empty for actions. */
  options: z.array(BranchOption),
  code: z.string(),
  name: z.string(),
  phase: z.string(),
  role: z.string(),
  state: StepState,
  assignee: z.string(),
  /** When it was actually done (UTC), and the zone the time was given in. */
  doneAt: z.string().nullable(),
  doneZone: z.string().nullable(),
  doneBy: z.string(),
  outcome: z.string(),
  reason: z.string(),
  outOfOrder: z.boolean(),
  /** When it is due (UTC), from T0 or from the step it counts from; null when that is not known yet. */
  dueAt: z.string().nullable(),
  /** Due and not settled, at the time the run was read. */
  overdue: z.boolean(),
  proof: z.array(z.object({ id: z.string(), targetType: z.string(), targetId: z.string(), label: z.string() })),
});
export type RunStep = z.infer<typeof RunStep>;

export const RunDetail = z.object({ run: PlaybookRun, template: PlaybookTemplate, steps: z.array(RunStep) });
export type RunDetail = z.infer<typeof RunDetail>;

export const ACCESS_STATUSES = ['active', 'revoked', 'verified_dead', 'not_applicable'] as const;
export const AccessStatus = z.enum(ACCESS_STATUSES, {
  error: `status must be one of ${ACCESS_STATUSES.join(', ')}`,
});

export const AccessItem = z.object({
  id: z.string(),
  runId: z.string().nullable(),
  category: z.string(),
  system: z.string(),
  identifier: z.string(),
  owner: z.string(),
  status: AccessStatus,
  revokedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  proofItemId: z.string().nullable(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccessItem = z.infer<typeof AccessItem>;

// ---- requests ------------------------------------------------------------------------------------

const shortText = (max: number) => z.string().max(max, { error: `at most ${max} characters` });

/** A template as the list of templates shows it. */
export const TemplateSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PLAYBOOK_KINDS),
  version: z.string(),
  steps: z.number().int(),
  origin: z.enum(['built-in', 'imported']),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const StartRunRequest = z
  .object({
    template: shortText(300).min(1, { error: 'Choose a playbook template' }),
    title: shortText(300).optional(),
    t0: shortText(40).min(1, { error: 'Give T0, the time the steps are due from' }),
    zone: shortText(64).optional(),
  })
  .strict();

export const StepChangeRequest = z
  .object({
    runId: shortText(64).min(1),
    step: shortText(200).min(1),
    state: StepState,
    at: shortText(40).optional(),
    zone: shortText(64).optional(),
    outcome: shortText(5000).optional(),
    reason: shortText(2000).optional(),
    assignee: shortText(200).optional(),
    proof: z.array(shortText(64)).max(100).optional(),
    onTimeline: z.boolean().optional(),
  })
  .strict();

export const DecideRequest = z
  .object({
    runId: shortText(64).min(1),
    step: shortText(200).min(1),
    answer: shortText(200).min(1, { error: 'Choose an answer' }),
    at: shortText(40).optional(),
    zone: shortText(64).optional(),
    reason: shortText(2000).optional(),
  })
  .strict();

export const AccessUpdateRequest = z
  .object({
    id: shortText(64).min(1),
    status: AccessStatus,
    at: shortText(40).optional(),
    zone: shortText(64).optional(),
    proof: shortText(64).optional(),
    notes: shortText(5000).optional(),
  })
  .strict();

/** A CSV the examiner picked, read by the page and checked here: at most 2 MiB of text. */
export const MAX_ACCESS_CSV_CHARS = 2 * 1024 * 1024;
export const AccessCsvRequest = z
  .object({
    csv: z.string().max(MAX_ACCESS_CSV_CHARS, { error: 'the CSV is larger than 2 MiB; split it' }),
  })
  .strict();

export const AccessLineVerdict = z.object({
  line: z.number().int(),
  verdict: z.enum(['added', 'already present', 'refused']),
  system: z.string(),
  identifier: z.string(),
  reason: z.string(),
});
export type AccessLineVerdict = z.infer<typeof AccessLineVerdict>;

/** The most text a playbook may be, over IPC (the file limit is 4 MiB of bytes). */
export const MAX_PLAYBOOK_CHARS = 4 * 1024 * 1024;

/** A CACAO file the examiner picked, read by the page: its name (for messages) and text. */
export const PlaybookImportRequest = z
  .object({
    name: shortText(300).min(1),
    text: z.string().max(MAX_PLAYBOOK_CHARS, { error: 'the file is larger than 4 MiB, the limit for a playbook' }),
  })
  .strict();

export const TemplateDetail = z.object({ template: PlaybookTemplate, origin: z.enum(['built-in', 'imported']) });
export type TemplateDetail = z.infer<typeof TemplateDetail>;

/** Export a template (by id) or a run of the open case, as CACAO 2.0, to a path the examiner chose. */
export const PlaybookExportRequest = z
  .object({
    template: shortText(300).optional(),
    runId: shortText(64).optional(),
    path: shortText(4096).min(1),
  })
  .strict()
  .refine((r) => (r.template === undefined) !== (r.runId === undefined), {
    error: 'name either a template or a run to export',
  });

export const ExportedFile = z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string() });
export type ExportedFile = z.infer<typeof ExportedFile>;

export const AccessDraft = z
  .object({
    system: shortText(200).trim().min(1, { error: 'Name the system (GitHub, Okta, AWS…)' }),
    identifier: shortText(500).trim().min(1, { error: 'Give the account, key or device identifier' }),
    category: shortText(100).trim().default(''),
    owner: shortText(200).trim().default(''),
    status: AccessStatus.default('active'),
    notes: shortText(5000).trim().default(''),
    proof: shortText(64).optional(),
  })
  .strict();
