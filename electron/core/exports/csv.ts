import type { CsvTable } from '../../../shared/domain/report.ts';
import type { CaseDb } from '../store/db/caseDb.ts';

export type ExportFile = { name: string; bytes: Uint8Array };

/**
 * The case's tables as CSV (RFC 4180, UTF-8, CRLF; a BOM when asked): timeline, evidence register,
 * custody log, indicators, subjects and playbook steps. Times in UTC and as entered; cells that a
 * spreadsheet would run as a formula are made inert.
 */
export function csvFiles(caseDb: CaseDb, options: { bom: boolean; tables?: readonly CsvTable[] }): ExportFile[] {
  void caseDb;
  void options;
  throw new Error('csvFiles: not built yet');
}
