import type { ReportOptions } from '../../../../shared/domain/report.ts';
import type { RunDetail, RunStep } from '../../../../shared/domain/playbook.ts';
import { CustosError } from '../../errors.ts';
import type { Block } from '../doc.ts';
import { line, single, titleOf } from './common.ts';
import type { KindPlan } from './common.ts';
import { utcText, versionText, when } from './format.ts';
import type { CaseSnapshot } from './data.ts';
import { accessOf, accessTable, progressOf, progressText, proofText, stepRecord } from './runs.ts';
import type { Selection } from './selection.ts';

/**
 * The termination checklist: one playbook run printed for the meeting room, its steps in order
 * under their phases, either blank (a box and lines to write who did it and when) or as done
 * (ticked, with who, when, the outcome and the proof), then the access inventory.
 */

const runWords = (r: RunDetail) => `${r.run.id} ("${r.run.title}", T0 ${utcText(r.run.anchorAt)} UTC)`;

/** The run the options name, or the case's only run; refused with the runs to choose from. */
export function checklistRun(snapshot: CaseSnapshot, runId: string | undefined): RunDetail {
  const runs = snapshot.runs;
  const unreadable = snapshot.unreadableRuns;
  const all = [...runs.map(runWords), ...unreadable.map((r) => `${r.id} ("${r.title}", unreadable)`)];
  const broken = runId ? unreadable.find((r) => r.id === runId) : all.length === 1 ? unreadable[0] : undefined;
  if (broken) throw new CustosError('CORRUPT', `the run "${broken.title}" cannot be printed: ${broken.problem}`);
  if (runId) {
    const run = runs.find((r) => r.run.id === runId);
    if (run) return run;
    throw new CustosError(
      'NOT_FOUND',
      all.length === 0
        ? `no playbook run ${runId} in this case, which has no run; start one with custos playbook start`
        : `no playbook run ${runId} in this case; its runs are: ${all.join('; ')}`,
    );
  }
  if (all.length === 1) return runs[0]!;
  if (all.length === 0) {
    throw new CustosError(
      'NOT_FOUND',
      'this case has no playbook run to print; start one first (custos playbook start CASE termination --t0 TIME)',
    );
  }
  throw new CustosError(
    'INVALID_INPUT',
    `this case has ${all.length} playbook runs; name the one to print with --run ID: ${all.join('; ')}`,
  );
}

const DONE: readonly RunStep['state'][] = ['done', 'observed'];
const BLANK_LINES = 'Done by: ____________________   At (date, time, zone): ____________________';

function itemOf(sel: Selection, step: RunStep, blank: boolean): { text: string; done: boolean | null; detail: string } {
  const question = step.kind === 'decision' && step.options.length > 0;
  const text = `${step.code ? `${step.code} ` : ''}${step.name}${step.role ? ` — ${step.role}` : ''}${
    question ? ` (answers: ${step.options.map((o) => o.label).join(' / ')})` : ''
  }`;
  const due = step.dueAt ? `Due ${when(step.dueAt)}` : '';
  if (blank) return { text, done: null, detail: [due, BLANK_LINES].filter(Boolean).join('\n') };
  const proof = proofText(sel, step, false);
  const detail = [
    stepRecord(step),
    step.outcome ? `Outcome: ${step.outcome}` : '',
    proof ? `Proof: ${proof}` : '',
    step.overdue ? `${due} — OVERDUE` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return { text, done: DONE.includes(step.state), detail };
}

export function checklistPlan(sel: Selection, options: ReportOptions): KindPlan {
  const detail = checklistRun(sel.snapshot, options.runId);
  const { run, template } = detail;
  const blank = options.checklistMode === 'blank';
  const access = accessOf(sel, run.id);
  const phases = [
    ...template.phases.map((p) => ({ code: p.code, title: `${p.code}. ${p.title}`, description: p.description })),
    { code: '', title: 'Other steps', description: '' },
  ];
  const known = new Set(template.phases.map((p) => p.code));
  const stepsOf = (code: string) => detail.steps.filter((s) => (known.has(s.phase) ? s.phase === code : code === ''));

  const blocks = (): Block[] => {
    const out: Block[] = [
      {
        type: 'facts',
        rows: [
          ['Run', run.title],
          ['Playbook', `${run.templateName} (version ${versionText(run.templateVersion)})`],
          [template.anchor.label || 'T0', when(run.anchorAt, run.anchorZone)],
          ['Printed', blank ? 'Blank, to fill in by hand' : `As recorded at ${when(sel.snapshot.now)}`],
          ...(blank ? [] : [['Progress', progressText(progressOf(detail))] as [string, string]]),
        ],
      },
    ];
    for (const phase of phases) {
      const steps = stepsOf(phase.code);
      if (steps.length === 0) continue;
      out.push({ type: 'heading', text: phase.title });
      if (phase.description) out.push({ type: 'paragraph', text: phase.description, style: 'muted' });
      out.push({ type: 'checklist', items: steps.map((s) => itemOf(sel, s, blank)) });
    }
    out.push({ type: 'heading', text: 'Access inventory' });
    out.push(accessTable(sel, access, blank));
    return out;
  };

  return {
    sections: [
      {
        id: 'run',
        title: titleOf('run'),
        items: [
          ...detail.steps.map((s) => line(`step:${s.stepId}`, `${s.code ? `${s.code} ` : ''}${s.name}`)),
          ...access.map((a) => line(`access:${a.id}`, `Access: ${a.system} ${a.identifier}`)),
        ],
        render: single('run', blocks),
      },
    ],
    standing: [],
    classification: 'Confidential — internal',
    privilegeBanner: null,
    coverLines: [
      run.title,
      `${template.anchor.label || 'T0'}: ${when(run.anchorAt, run.anchorZone)}`,
      blank
        ? `Printed blank for the meeting: ${detail.steps.length} steps, ${access.length} access items`
        : `As done: ${progressText(progressOf(detail))}`,
    ],
  };
}
