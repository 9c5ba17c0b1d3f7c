import type { CellValue, RowValues } from '../format/stateTables.ts';

/**
 * Rows of the newer tables map to their domain types by name alone (snake_case columns, camelCase
 * fields), with flags stored as 0/1 and lists as JSON text; one mapping instead of one per table.
 */

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export type RowShape = { flags?: readonly string[]; lists?: readonly string[] };

/** A stored row as a domain object: flags (0/1) as booleans, lists (JSON text) as arrays. */
export function fromRow<T>(row: Record<string, unknown>, shape: RowShape = {}): T {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (shape.flags?.includes(column)) out[camel(column)] = value === 1;
    else if (shape.lists?.includes(column)) out[camel(column)] = parseList(value);
    else out[camel(column)] = value;
  }
  return out as T;
}

function parseList(value: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(value));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/** Domain fields as column values; booleans as 0/1, arrays as JSON text, undefined left out. */
export function toColumns(fields: Record<string, unknown>): RowValues {
  const out: RowValues = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[snake(field)] =
      typeof value === 'boolean'
        ? value
          ? 1
          : 0
        : Array.isArray(value)
          ? JSON.stringify(value)
          : (value as CellValue);
  }
  return out;
}
