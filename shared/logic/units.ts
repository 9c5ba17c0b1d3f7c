/**
 * Sizes as people read them, in one unit system everywhere (screens, CLI, reports): binary units,
 * because that is what file managers on the examiners' machines and `ls -h` show, so a size in
 * Custos can be compared with one on disk without converting. Exact bytes go beside it (a title on
 * screen, the number in JSON), since a rounded size cannot identify a file.
 */
const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  // Compared as it will print: 1,048,500 bytes is "1.0 MiB", not "1024 KiB".
  while (Number(value.toFixed(value < 10 ? 1 : 0)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

/** The exact count, grouped for reading: "1,048,576 bytes". */
export function exactBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-GB')} ${bytes === 1 ? 'byte' : 'bytes'}`;
}
