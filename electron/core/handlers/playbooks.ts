import { listTemplates, findTemplate } from '../playbooks/library.ts';
import { addAccessItems, changeStep, listAccess, listRuns, runDetail, startRun } from '../services/playbooks.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/** Playbook templates, runs of them in the open case, and the access inventory of a termination. */
export function playbookHandlers(session: Session): DomainHandlers<'playbook' | 'access'> {
  const { deps } = session;
  return {
    'playbook:templates': () =>
      listTemplates(deps.appData.dir).usable.map(({ template, origin }) => ({
        id: template.id,
        name: template.name,
        kind: template.kind,
        version: template.modified,
        steps: template.steps.filter((s) => s.type === 'action').length,
        origin,
      })),
    'playbook:start': ({ template, title, t0, zone }) =>
      startRun(session.openCase(), session.ctx(), findTemplate(deps.appData.dir, template).template, {
        title,
        t0,
        zone,
      }),
    'playbook:runs': () => listRuns(session.openCase()),
    'playbook:detail': ({ runId }) => runDetail(session.openCase(), runId, deps.clock()),
    'playbook:step': ({ runId, step, ...change }) => changeStep(session.openCase(), session.ctx(), runId, step, change),
    'access:list': () => listAccess(session.openCase()),
    'access:add': ({ proof, ...draft }) => {
      const [item] = addAccessItems(session.openCase(), session.ctx(), [
        { ...draft, revokedAt: null, verifiedAt: null, proof },
      ]);
      return item!;
    },
  };
}
