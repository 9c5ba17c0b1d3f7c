/**
 * The state tables whose rows the audit log images, and their columns. mutate() builds its SQL from
 * this list only, so table and column names never come from input.
 */
export const STATE_TABLES = {
  case_meta: [
    'id',
    'title',
    'reference',
    'case_type',
    'status',
    'severity',
    'tlp',
    'privilege_marking',
    'lead_investigator',
    'legal_counsel',
    'aware_at',
    'aware_zone',
    'summary',
    'created_at',
    'updated_at',
  ],
  timeline_event: [
    'id',
    'occurred_at',
    'zone',
    'title',
    'description',
    'source',
    'category',
    'created_at',
    'updated_at',
    'removed',
  ],
  note: ['id', 'body', 'author', 'privileged', 'created_at', 'updated_at', 'removed'],
  evidence_blob: ['id', 'size', 'sha256', 'md5', 'sha1', 'chunk_size', 'chunk_count', 'created_at', 'disposed_at'],
  evidence_item: [
    'id',
    'exhibit',
    'kind',
    'description',
    'source',
    'custodian',
    'acquired_by',
    'witness',
    'acquired_at',
    'acquired_zone',
    'method',
    'tool',
    'tool_version',
    'legal_basis',
    'original_name',
    'original_path',
    'media_type',
    'size',
    'sha256',
    'md5',
    'sha1',
    'tool_hash',
    'tool_hash_algorithm',
    'tool_hash_match',
    'storage',
    'blob_id',
    'reference_path',
    'storage_location',
    'parent_id',
    'notes',
    'make',
    'model',
    'serial_number',
    'asset_tag',
    'condition',
    'seal_number',
    'captured_text',
    'integrity',
    'flagged',
    'last_verified_at',
    'disposed',
    'created_at',
    'updated_at',
  ],
  custody_event: [
    'id',
    'item_id',
    'type',
    'at',
    'zone',
    'released_by',
    'received_by',
    'purpose',
    'from_location',
    'to_location',
    'seal_before',
    'seal_after',
    'hash_result',
    'details',
    'recorded_by',
    'created_at',
  ],
  legal_hold: ['id', 'item_id', 'reason', 'placed_by', 'placed_at', 'released_by', 'released_at', 'release_reason'],
  evidence_link: ['id', 'item_id', 'target_type', 'target_id', 'relation', 'created_at', 'removed'],
  playbook_run: [
    'id',
    'title',
    'template_id',
    'template_name',
    'template_version',
    'template_cacao',
    'template_sha256',
    'anchor_at',
    'anchor_zone',
    'status',
    'started_by',
    'created_at',
    'updated_at',
  ],
  playbook_step: [
    'id',
    'run_id',
    'step_id',
    'state',
    'assignee',
    'done_at',
    'done_zone',
    'done_by',
    'outcome',
    'reason',
    'out_of_order',
    'created_at',
    'updated_at',
  ],
  playbook_proof: ['id', 'run_id', 'step_id', 'target_type', 'target_id', 'created_at', 'removed'],
  access_item: [
    'id',
    'run_id',
    'category',
    'system',
    'identifier',
    'owner',
    'status',
    'revoked_at',
    'verified_at',
    'proof_item_id',
    'notes',
    'created_at',
    'updated_at',
    'removed',
  ],
} as const satisfies Record<string, readonly string[]>;

export type StateTable = keyof typeof STATE_TABLES;
export type Column<T extends StateTable> = (typeof STATE_TABLES)[T][number];
export type CellValue = string | number | null;
export type RowValues = Record<string, CellValue>;

export const STATE_TABLE_NAMES = Object.keys(STATE_TABLES) as StateTable[];

/** The state tables of each case-format version, in the order the replay check visits them. */
const FORMAT_1_STATE_TABLES: readonly StateTable[] = ['case_meta', 'timeline_event', 'note'];
const FORMAT_2_STATE_TABLES: readonly StateTable[] = [
  ...FORMAT_1_STATE_TABLES,
  'evidence_blob',
  'evidence_item',
  'custody_event',
  'legal_hold',
  'evidence_link',
];
export function stateTablesOf(version: number): readonly StateTable[] {
  if (version === 1) return FORMAT_1_STATE_TABLES;
  if (version === 2) return FORMAT_2_STATE_TABLES;
  return STATE_TABLE_NAMES;
}

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
