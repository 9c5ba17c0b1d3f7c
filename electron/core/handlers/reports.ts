import { previewReport, generateReport, listReports, regenerateReport, verifyReportFile } from '../services/reports.ts';
import type { ReportWork } from '../services/reports.ts';
import type { GeneratedReport } from '../../../shared/domain/report.ts';
import { writeExport } from '../services/exports.ts';
import { writeReferralPackage } from '../services/referralPackage.ts';
import { CustosError } from '../errors.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/** What the window gets of a made report: the contract's fields, never the PDF's bytes. */
const answered = ({ record, path, pages, fonts }: GeneratedReport): GeneratedReport => ({ record, path, pages, fonts });

/** Reports, exports and the referral package: long work, run as jobs Cancel can stop. */
export function reportHandlers(session: Session): DomainHandlers<'report'> {
  /** The examiner's zone from the profile; without one, this computer's. */
  const zone = () => session.deps.appData.profile()?.timeZone || session.deps.systemTimeZone;
  const generator = () => `Custos ${session.deps.version}`;
  const work = (task: 'report' | 'package', signal: AbortSignal): ReportWork => {
    const progress = session.progressOf(task);
    return {
      signal,
      onProgress: (p) => progress({ label: p.stage, index: 0, count: 1, bytes: p.done, total: p.total }),
    };
  };
  return {
    'report:preview': ({ options }) => previewReport(session.openCase(), options, session.deps.clock()),
    'report:generate': ({ options, path }) =>
      session.job('report', (signal) => {
        const target = session.requireGranted('report', path);
        session.refuseWhileAdding('generate the report');
        return generateReport(
          session.openCase(),
          session.ctx(),
          { options, path: target, zone: zone(), generator: generator() },
          work('report', signal),
        ).then(answered);
      }),
    'report:regenerate': ({ id, path }) =>
      session.job('report', async (signal) => {
        const target = session.requireGranted('report', path);
        const made = await regenerateReport(
          session.openCase(),
          session.ctx(),
          id,
          { path: target, generator: generator() },
          work('report', signal),
        );
        if (!made.identical) {
          throw new CustosError(
            'CORRUPT',
            `the report made again differs from the one recorded (${made.record.sha256}); it was written to ${target} for comparison`,
          );
        }
        return answered(made);
      }),
    'report:list': () => listReports(session.openCase()),
    'report:verify': ({ path }) => {
      // A PDF chosen with Verify a report…, or dropped on the window (granted like dropped evidence).
      const target = (() => {
        try {
          return session.requireGranted('evidence', path);
        } catch {
          return session.requireGranted('reportToVerify', path);
        }
      })();
      session.refuseWhileAdding('verify the report');
      // The case is verified first (its evidence bytes re-hashed): long work Cancel can stop.
      return session.job('report', (signal) =>
        verifyReportFile(session.openCase(), target, { signal, now: session.deps.clock }),
      );
    },
    'report:export': ({ format, bom, dir }) =>
      session.job('package', (signal) => {
        const folder = session.requireGranted('folder', dir);
        session.refuseWhileAdding('export');
        return writeExport(
          session.openCase(),
          session.ctx(),
          { options: { format, bom }, dir: folder, zone: zone() },
          work('package', signal),
        );
      }),
    'report:package': ({ dir, name, options }) =>
      session.job('package', (signal) => {
        const folder = session.requireGranted('folder', dir);
        session.refuseWhileAdding('build the package');
        return writeReferralPackage(
          session.openCase(),
          session.ctx(),
          { dir: folder, name, zone: zone(), generator: generator(), ...(options ? { options } : {}) },
          work('package', signal),
        );
      }),
  };
}
