/**
 * Paths as a case records them (docs/case-file-format.md, evidence_item): the text itself when the
 * path's bytes are UTF-8, otherwise `bytes:` and the lowercase hex of its bytes (a file name written
 * on another system can be any bytes on Linux). No absolute path starts with `bytes:`.
 */
export const RAW_PATH_PREFIX = 'bytes:';

/**
 * The code point of the UTF-8 sequence at `i`, and its length, or undefined if the bytes there are
 * not a valid sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
function sequenceAt(bytes: Uint8Array, i: number): { codePoint: number; length: number } | undefined {
  const lead = bytes[i]!;
  if (lead < 0x80) return { codePoint: lead, length: 1 };
  const length =
    lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return undefined;
  let codePoint = lead & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k]!;
    if ((next & 0xc0) !== 0x80) return undefined;
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  const minimum = [0, 0, 0x80, 0x800, 0x10000][length]!;
  if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return undefined;
  return { codePoint, length };
}

/** Whether bytes are valid UTF-8 (so their text form is exact). */
export function isUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length;) {
    const sequence = sequenceAt(bytes, i);
    if (!sequence) return false;
    i += sequence.length;
  }
  return true;
}

/** Bytes as a person should see them: valid UTF-8 as itself, any other byte as \xNN. */
export function describeBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const sequence = sequenceAt(bytes, i);
    if (sequence) {
      out += String.fromCodePoint(sequence.codePoint);
      i += sequence.length;
    } else {
      out += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/** The bytes a `bytes:` path stands for, or undefined for a path recorded as text. */
export function rawBytesOf(stored: string): Uint8Array | undefined {
  if (!stored.startsWith(RAW_PATH_PREFIX)) return undefined;
  const hex = stored.slice(RAW_PATH_PREFIX.length);
  // Only lowercase hex digits, in pairs, are a path's bytes; anything else is a path of that text.
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** A recorded path as a person should read it. */
export function shownPath(stored: string): string {
  const raw = rawBytesOf(stored);
  return raw ? describeBytes(raw) : stored;
}
