import type { PlaybookStep, PlaybookTemplate } from '../shared/domain/playbook.ts';
import { CUSTOS_IDENTITY } from '../electron/core/playbooks/cacao.ts';

/** The playbook the bench times: for the core (bench.ts) and the screen (benchScreenChild.ts). */

/** A template of `n` sequential steps, each due a minute after T0 more than the last. */
export function syntheticTemplate(n: number): PlaybookTemplate {
  const id = (type: string, i: number) => `${type}--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const role = id('group', 0);
  const step = (i: number): PlaybookStep => ({
    id: id('action', i),
    type: 'action',
    name: `Step ${i}`,
    description: '',
    instructions: [`Do step ${i} and record the proof`],
    code: `S${i}`,
    phase: 'A',
    role,
    due: { from: 'T0', minutes: i },
    after: [],
    sources: [{ name: 'Common practice' }],
    indicatorCategory: '',
    next: i === n ? id('end', 0) : id('action', i + 1),
    onSuccess: null,
    onFailure: null,
    onTrue: null,
    onFalse: null,
    nextSteps: [],
    condition: '',
    switchOn: '',
    cases: {},
    playbookId: '',
  });
  const structural = (sid: string, type: 'start' | 'end', next: string | null): PlaybookStep => ({
    ...step(0),
    id: sid,
    type,
    name: '',
    instructions: [],
    code: '',
    phase: '',
    role: null,
    due: null,
    sources: [],
    next,
  });
  return {
    id: id('playbook', 0),
    name: `Bench playbook of ${n} steps`,
    description: '',
    created: '2026-12-01T00:00:00.000Z',
    modified: '2026-12-01T00:00:00.000Z',
    createdBy: CUSTOS_IDENTITY,
    kind: 'checklist',
    anchor: { label: 'T0', description: '' },
    phases: [{ code: 'A', title: 'All', description: '' }],
    roles: [{ id: role, type: 'group', name: 'Responder', description: '' }],
    playbookTypes: [],
    labels: [],
    derivedFrom: [],
    variables: {},
    start: id('start', 0),
    steps: [
      structural(id('start', 0), 'start', id('action', 1)),
      ...Array.from({ length: n }, (_, i) => step(i + 1)),
      structural(id('end', 0), 'end', null),
    ],
  };
}
