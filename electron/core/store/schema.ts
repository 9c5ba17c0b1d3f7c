/**
 * The state tables whose rows the audit log images, and their columns. mutate() builds its SQL from
 * this list only, so table and column names never come from input.
 */
export const STATE_TABLES = {
  case_meta: [
    'id', 'title', 'reference', 'case_type', 'status', 'severity', 'tlp', 'privilege_marking',
    'lead_investigator', 'legal_counsel', 'aware_at', 'aware_zone', 'summary', 'created_at', 'updated_at',
  ],
  timeline_event: [
    'id', 'occurred_at', 'zone', 'title', 'description', 'source', 'category', 'created_at', 'updated_at', 'removed',
  ],
  note: ['id', 'body', 'author', 'privileged', 'created_at', 'updated_at', 'removed'],
} as const satisfies Record<string, readonly string[]>;

export type StateTable = keyof typeof STATE_TABLES;
export type Column<T extends StateTable> = (typeof STATE_TABLES)[T][number];
export type CellValue = string | number | null;
export type RowValues = Record<string, CellValue>;

export const STATE_TABLE_NAMES = Object.keys(STATE_TABLES) as StateTable[];

/** Columns in RFC 8785 order, so an image built in this order is already canonical. */
export const SORTED_COLUMNS = {} as Record<StateTable, readonly string[]>;
for (const table of STATE_TABLE_NAMES) SORTED_COLUMNS[table] = [...STATE_TABLES[table]].sort();

export function isStateTable(name: string): name is StateTable {
  return Object.hasOwn(STATE_TABLES, name);
}

/** A row as its canonical image: columns in sorted order. */
export function rowImage(table: StateTable, row: Record<string, unknown>): RowValues {
  const image: RowValues = {};
  for (const column of SORTED_COLUMNS[table]) image[column] = (row[column] ?? null) as CellValue;
  return image;
}
