import { escapeControl } from '../../shared/logic/text.ts';

/**
 * Errors a person can act on. `code` is stable (tests and the UI branch on it); `message` names the
 * problem and the fix, in one line.
 */
export const ERROR_CODES = [
  'NOT_FOUND',
  'NOT_A_FILE',
  'NOT_SQLITE',
  'NOT_A_CASE',
  'TRUNCATED',
  'CORRUPT',
  'NEWER_SCHEMA',
  'OPEN_ELSEWHERE',
  'ALREADY_EXISTS',
  'NO_CASE_OPEN',
  'NO_PROFILE',
  'INVALID_INPUT',
  'IO_ERROR',
  'CANCELLED',
  'CHANGED_WHILE_READING',
  'BUSY',
  'SCHEMA_MISMATCH',
  'WAL_MISMATCH',
  'READ_ONLY',
  'DISK_FULL',
  'PATH_NOT_CHOSEN',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class CustosError extends Error {
  override name = 'CustosError';
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isCustosError(error: unknown): error is CustosError {
  return error instanceof CustosError;
}

/**
 * An error from the file system about `path`, as one sentence a person can act on: what is wrong
 * with which file, and what to do. `doing` says what Custos was doing ("write the settings").
 */
export function fromFsError(error: unknown, doing: string, path: string): CustosError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const shown = escapeControl(path);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new CustosError(
        'DISK_FULL',
        `the disk holding ${shown} is full, so Custos could not ${doing}; nothing was changed. Free some space and try again`,
        { cause: error },
      );
    case 'EROFS':
      return new CustosError(
        'READ_ONLY',
        `${shown} is on read-only media, so Custos could not ${doing}; choose a place you can write to`,
        { cause: error },
      );
    case 'EACCES':
    case 'EPERM':
      return new CustosError(
        'IO_ERROR',
        `you do not have permission for ${shown}, so Custos could not ${doing}; check its permissions or choose another place`,
        { cause: error },
      );
    case 'ENOENT':
      return new CustosError('NOT_FOUND', `${shown} does not exist, so Custos could not ${doing}; check the path`, {
        cause: error,
      });
    case 'EIO':
      return new CustosError(
        'IO_ERROR',
        `the disk holding ${shown} reported an error, so Custos could not ${doing}; check the disk (and its connection) and try again`,
        { cause: error },
      );
    default:
      return new CustosError(
        'IO_ERROR',
        `Custos could not ${doing} (${(error as Error).message}); check ${shown} and try again`,
        { cause: error },
      );
  }
}
