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
