const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A name from a case made safe to create on any desktop file system: no path separators or
 * control characters, no `.` or `..`, no Windows reserved names or trailing dots and spaces, and
 * at most 180 characters (kept apart from the extension).
 */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  let safe = name.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]/g, '_');
  safe = safe.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (safe === '') safe = 'unnamed';
  if (RESERVED.test(safe)) safe = `_${safe}`;
  if (safe.length > 180) {
    const dot = safe.lastIndexOf('.');
    const ext = dot > 0 && safe.length - dot <= 16 ? safe.slice(dot) : '';
    safe = safe.slice(0, 180 - ext.length) + ext;
  }
  return safe;
}

/** name.ext, name (2).ext, name (3).ext, … for the n-th attempt. */
export function numbered(name: string, attempt: number): string {
  if (attempt <= 1) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${attempt})${name.slice(dot)}` : `${name} (${attempt})`;
}
