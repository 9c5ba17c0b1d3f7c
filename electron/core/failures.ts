import { CustosError, fromFsError, isCustosError } from './errors.ts';
import { translateSqliteError } from './store/db/caseDb.ts';

/**
 * Any error that reaches a person (the window, the command line) as a CustosError: one sentence
 * naming the file, what is wrong and what to do. SQLite's errors (a full disk, a damaged file) and
 * the file system's (no space, read-only media) are read for what they mean; only a true surprise
 * is left "unexpected".
 */
export function asCustosError(error: unknown, casePath: string | undefined): CustosError {
  if (isCustosError(error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return translateSqliteError(error, casePath ?? 'the case file');
  }
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    const path = (error as NodeJS.ErrnoException).path;
    return fromFsError(error, 'finish', typeof path === 'string' ? path : (casePath ?? 'the file'));
  }
  return new CustosError('INTERNAL', `Unexpected error: ${(error as Error)?.message ?? String(error)}`, {
    cause: error,
  });
}
