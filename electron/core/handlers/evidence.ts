import { CustosError } from '../errors.ts';
import { addFilesEvidence } from '../services/evidence/addFile.ts';
import { addPhysicalEvidence, addTextEvidence } from '../services/evidence/addOther.ts';
import { transferCustody, verifyEvidenceItemsOffThread } from '../services/evidence/custody.ts';
import { exportEvidence } from '../services/evidence/export.ts';
import { disposeEvidence } from '../services/evidence/hold.ts';
import { linkEvidence, unlinkEvidence } from '../services/evidence/links.ts';
import { evidenceDetail, evidenceRegister } from '../services/evidence/register.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/** Runs `record` in the queue of calls, so recording never interleaves with another call's writes. */
export type Serialise = <T>(channel: string, run: () => Promise<T>) => Promise<T>;

/** The evidence register, custody, re-verification and export. */
export function evidenceHandlers(session: Session, serialised: Serialise): DomainHandlers<'evidence'> {
  const { deps } = session;
  return {
    'evidence:list': () => evidenceRegister(session.openCase()),
    'evidence:get': ({ id }) => evidenceDetail(session.openCase(), id),
    'evidence:dispose': ({ id, draft }) => disposeEvidence(session.openCase(), session.ctx(), id, draft),
    'evidence:link': ({ id, targetType, targetId, relation }) =>
      linkEvidence(session.openCase(), session.ctx(), id, { type: targetType, id: targetId, relation }),
    'evidence:unlink': ({ id }) => {
      unlinkEvidence(session.openCase(), session.ctx(), id);
      return null;
    },
    // Not queued: reading and hashing gigabytes must not hold up the window; only the recording is.
    'evidence:add': async ({ paths, draft, descriptions }) => {
      for (const path of paths) session.requireGranted('evidence', path);
      const caseDb = session.openCase();
      const context = session.ctx();
      if (session.adding()) {
        throw new CustosError('INVALID_INPUT', 'Evidence is already being added; wait for it to finish or cancel it');
      }
      const storeLimit = deps.appData.storeLimit();
      return session.job('add', (signal) =>
        addFilesEvidence(caseDb, context, paths, draft, {
          ...(descriptions ? { descriptions } : {}),
          appVersion: deps.version,
          storeLimit,
          signal,
          gate: (record) => serialised('evidence:add:record', async () => record()),
          onProgress: (p) =>
            deps.emitProgress?.({
              task: 'add',
              file: p.file,
              fileIndex: p.index,
              fileCount: p.count,
              bytes: p.bytes,
              total: p.total,
            }),
        }),
      );
    },
    'evidence:addPhysical': (draft) => addPhysicalEvidence(session.openCase(), session.ctx(), draft),
    'evidence:addText': (draft) => addTextEvidence(session.openCase(), session.ctx(), draft),
    'evidence:cancel': ({ task }) => session.cancel(task),
    'evidence:verify': ({ ids }) =>
      session.job('verify', async (signal) => {
        session.refuseWhileAdding('verify');
        const outcomes = await verifyEvidenceItemsOffThread(session.openCase(), session.ctx(), ids, {
          signal,
          onProgress: session.progressOf('verify'),
        });
        return outcomes.flatMap((o) =>
          o.check.result === 'none'
            ? []
            : [{ exhibit: o.item.exhibit, result: o.check.result, detail: o.check.detail }],
        );
      }),
    'evidence:transfer': ({ id, draft }) => {
      if (draft.checkHash) session.refuseWhileAdding('record the hand-over with its hash check');
      return transferCustody(session.openCase(), session.ctx(), id, draft);
    },
    'evidence:export': ({ ids, dir }) =>
      session.job('export', (signal) => {
        session.requireGranted('folder', dir);
        session.refuseWhileAdding('export');
        return exportEvidence(session.openCase(), session.ctx(), ids, dir, {
          signal,
          onProgress: session.progressOf('export'),
        });
      }),
  };
}
