/**
 * What `npm test` reports of a Vitest run, from its JSON report. A test file that could not load,
 * or whose set-up failed (beforeAll: no Chromium, say), has no failed test in it (its tests are
 * "skipped" or absent), yet nothing in it ran: it counts as one failure, named, so the last line
 * never says "0 failed" of a run that did not run.
 */
export type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { status: string; title?: string }[];
  }[];
};

export type Summary = { passed: number; failed: number; failures: string[] };

export function summarise(report: VitestReport, root = ''): Summary {
  let failed = report.numFailedTests;
  const failures: string[] = [];
  if (report.numFailedTests > 0) failures.push(`${report.numFailedTests} test(s)`);
  for (const file of report.testResults) {
    if (file.status !== 'failed') continue;
    const anyTestFailed = (file.assertionResults ?? []).some((a) => a.status === 'failed');
    if (anyTestFailed) continue;
    failed++;
    const name = root && file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
    const why = (file.message ?? '').split('\n')[0]!.slice(0, 160);
    failures.push(`test file did not run: ${name}${why ? ` (${why})` : ''}`);
  }
  return { passed: report.numPassedTests, failed, failures };
}
