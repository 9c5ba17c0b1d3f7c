import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/**
 * The native dialogs. A path one of them returns is granted for its purpose only: a case to open,
 * where to save a new case, evidence files, an export folder, where to save an export.
 */
export function dialogHandlers(session: Session): DomainHandlers<'dialog'> {
  const { dialogs } = session.deps;
  return {
    'dialog:chooseEvidenceFiles': async () => {
      const paths = await dialogs.chooseEvidenceFiles();
      return paths && paths.length > 0 ? { paths: paths.map((p) => session.grant('evidence', p)) } : null;
    },
    'dialog:chooseExportFolder': async () => {
      const path = await dialogs.chooseExportFolder();
      return path ? { path: session.grant('folder', path) } : null;
    },
    'dialog:chooseSavePath': async ({ suggestedName }) => {
      const path = await dialogs.chooseSavePath(suggestedName);
      return path ? { path: session.grant('saveFile', path) } : null;
    },
    'dialog:chooseReportPath': async ({ suggestedName }) => {
      const path = await dialogs.chooseReportPath(suggestedName);
      return path ? { path: session.grant('report', path) } : null;
    },
    'dialog:chooseReportToVerify': async () => {
      const path = await dialogs.chooseReportToVerify();
      return path ? { path: session.grant('reportToVerify', path) } : null;
    },
    'dialog:chooseCaseToOpen': async () => {
      const path = await dialogs.chooseCaseToOpen();
      return path ? { path: session.grant('case', path) } : null;
    },
    'dialog:chooseNewCasePath': async ({ suggestedName }) => {
      const path = await dialogs.chooseNewCasePath(suggestedName);
      return path ? { path: session.grant('newCase', path) } : null;
    },
  };
}
