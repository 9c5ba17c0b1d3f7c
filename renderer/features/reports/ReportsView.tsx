import { useEffect } from 'react';
import { useAppStore } from '../../store/selectors.ts';
import { ExportsAndPackage } from './ExportsAndPackage.tsx';
import { NewReport } from './NewReport.tsx';
import { OutputsTable } from './OutputsTable.tsx';
import { VerifyReport } from './VerifyReport.tsx';
import './reports.css';

/**
 * What leaves the case: the reports, exports and packages already made, a new report with its
 * preview, the check of a PDF handed back, and the exports and referral package.
 */
export function ReportsView() {
  const loaded = useAppStore((s) => s.reportOutputsLoaded);
  const requested = useAppStore((s) => s.reportsRequested);
  useEffect(() => {
    if (!loaded) void requested();
  }, [loaded, requested]);

  return (
    <section aria-labelledby="reports-title" className="stack rep">
      <h2 id="reports-title">Reports</h2>
      <p className="lead">
        PDF reports for counsel, the police and the board, made from the case as it stands and checked against it first;
        CSV and STIX exports; and the referral package. Every one is recorded in the case.
      </p>
      <OutputsTable />
      <NewReport />
      <VerifyReport />
      <ExportsAndPackage />
    </section>
  );
}
