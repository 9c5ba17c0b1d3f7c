import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openCaseDbReadOnly } from '../../electron/core/store/db/caseDb.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import type { Head } from '../../shared/domain/common.ts';

/** docs/verify_case.py: the verifier written from docs/case-file-format.md alone. */
export const VERIFY_SCRIPT = fileURLToPath(new URL('../../docs/verify_case.py', import.meta.url));

export type Outcome = { ok: boolean; head: Head; checks: { id: string; status: string; location: unknown }[] };

/** Custos's verdict on a file, reduced to what the Python verifier reports too. */
export function custosVerdict(file: string, expectHead?: Head): Outcome {
  const caseDb = openCaseDbReadOnly(file, { forVerification: true });
  try {
    const report = verifyCase(caseDb, expectHead ? { expectHead } : {});
    return {
      ok: report.ok,
      head: report.head,
      checks: report.checks.map((c) => ({ id: c.id, status: c.status, location: c.location ?? null })),
    };
  } finally {
    caseDb.close();
  }
}

export function runPython(file: string, expectHead?: Head) {
  const args = [VERIFY_SCRIPT, file, '--json'];
  if (expectHead) args.push('--expect-head', `${expectHead.seq}:${expectHead.hash}`);
  const result = spawnSync('python3', args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

export function pythonVerdict(file: string, expectHead?: Head): Outcome & { exitCode: number | null } {
  const result = runPython(file, expectHead);
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`verify_case.py exited ${result.status}: ${result.stderr}`);
  }
  const report = JSON.parse(result.stdout) as Outcome;
  return {
    exitCode: result.status,
    ok: report.ok,
    head: report.head,
    checks: report.checks.map((c) => ({ id: c.id, status: c.status, location: c.location })),
  };
}

export const checkOf = (outcome: Outcome, id: string) => outcome.checks.find((c) => c.id === id)!;
export const failuresOf = (outcome: Outcome) => outcome.checks.filter((c) => c.status === 'fail').map((c) => c.id);
