import {
  duplicateTemplate,
  findTemplate,
  importTemplate,
  listTemplates,
  saveTemplate,
  templateSummary as summary,
} from '../playbooks/library.ts';
import { exportCacaoPlaybook, templateProblems } from '../playbooks/importCacao.ts';
import { exportRunCacao, writeExport } from '../services/playbookExport.ts';
import {
  addAccessItems,
  changeStep,
  decideBranch,
  findRun,
  importAccessCsv,
  listAccess,
  listRuns,
  previewAccessCsv,
  runDetail,
  setRunClosed,
  startRun,
  updateAccess,
} from '../services/playbooks.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/** Playbook templates, runs of them in the open case, and the access inventory of a termination. */
export function playbookHandlers(session: Session): DomainHandlers<'playbook' | 'access'> {
  const { deps } = session;
  const dataDir = () => deps.appData.dir;
  return {
    'playbook:templates': () => listTemplates(dataDir()).usable.map(summary),
    'playbook:start': ({ template, title, t0, zone }) =>
      startRun(session.openCase(), session.ctx(), findTemplate(dataDir(), template).template, {
        title,
        t0,
        zone,
      }),
    'playbook:runs': () => listRuns(session.openCase()),
    'playbook:detail': ({ runId }) => runDetail(session.openCase(), runId, deps.clock()),
    'playbook:steps': ({ runId }) => {
      const { run, steps } = runDetail(session.openCase(), runId, deps.clock());
      return { run, steps };
    },
    'playbook:step': ({ runId, step, ...change }) => changeStep(session.openCase(), session.ctx(), runId, step, change),
    'playbook:decide': ({ runId, step, ...answer }) =>
      decideBranch(session.openCase(), session.ctx(), runId, step, answer),
    'playbook:close': ({ runId, reopen }) => setRunClosed(session.openCase(), session.ctx(), runId, !reopen),
    'playbook:template': ({ id }) => {
      const { template, origin } = findTemplate(dataDir(), id);
      return { template, origin };
    },
    // The page reads the file the examiner picked and sends its text: no path crosses over.
    'playbook:import': ({ name, text }) => summary(importTemplate(dataDir(), new TextEncoder().encode(text), name)),
    'playbook:duplicate': ({ id, name }) => summary(duplicateTemplate(dataDir(), id, name, deps.clock())),
    'playbook:check': ({ template }) => templateProblems(template),
    'playbook:save': ({ template }) => summary(saveTemplate(dataDir(), template, deps.clock())),
    'playbook:export': ({ template, runId, path }) => {
      // Only a path the save dialog returned; the person confirmed replacing a file there.
      const target = session.requireGranted('saveFile', path);
      const text =
        runId !== undefined
          ? exportRunCacao(session.openCase(), findRun(session.openCase(), runId).id, deps.clock())
          : exportCacaoPlaybook(findTemplate(dataDir(), template!).template);
      return writeExport(target, text, true);
    },
    'access:list': () => listAccess(session.openCase()),
    'access:add': ({ proof, ...draft }) => {
      const [item] = addAccessItems(session.openCase(), session.ctx(), [
        { ...draft, revokedAt: null, verifiedAt: null, proof },
      ]);
      return item!;
    },
    'access:update': ({ id, ...change }) => updateAccess(session.openCase(), session.ctx(), id, change),
    'access:preview': ({ csv }) => previewAccessCsv(session.openCase(), csv).verdicts,
    'access:import': ({ csv }) => importAccessCsv(session.openCase(), session.ctx(), csv),
  };
}
