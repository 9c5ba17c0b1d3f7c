import { readdirSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { CustosError } from './errors.ts';
import { escapeControl } from '../../shared/logic/text.ts';
import { RAW_PATH_PREFIX, describeBytes, isUtf8, rawBytesOf } from '../../shared/logic/storedPath.ts';

export { describeBytes, shownPath } from '../../shared/logic/storedPath.ts';

/**
 * File names are bytes on Linux, not text: a name written on another system (Latin-1 "café.txt" is
 * the bytes 63 61 66 e9 …) is not valid UTF-8, and Node, Electron's dialogs and process.argv all
 * hand it over as text with U+FFFD where the odd byte was, a name that does not exist. Custos gets
 * the real bytes back from the folder listing, reads the file by them, and records them losslessly.
 */
export type GivenPath = {
  /** The path's bytes, to open the file by. */
  raw: Buffer;
  /** The path as text, for messages: bytes that are not UTF-8 written as \xNN. */
  shown: string;
};

const REPLACEMENT = '\uFFFD';

/**
 * The bytes of a path given as text. Where the text holds U+FFFD (a byte that was not UTF-8), each
 * such part is looked up in its folder's listing, read as bytes, and the one entry whose name reads
 * the same is taken; if two do, the path is ambiguous and refused.
 */
export function resolveGivenPath(given: string): GivenPath {
  const absolute = isAbsolute(given) ? given : resolve(given);
  if (!absolute.includes(REPLACEMENT)) return { raw: Buffer.from(absolute, 'utf8'), shown: absolute };
  const parts = absolute.split(sep);
  let raw: Buffer = Buffer.from(parts[0]!, 'utf8');
  for (const part of parts.slice(1)) {
    const folder = raw.length === 0 ? Buffer.from(sep) : raw;
    let name: Buffer = Buffer.from(part, 'utf8');
    if (part.includes(REPLACEMENT)) {
      let entries: Buffer[];
      try {
        entries = readdirSync(folder, { encoding: 'buffer' });
      } catch {
        entries = [];
      }
      const matches = entries.filter((entry) => entry.toString('utf8') === part);
      if (matches.length > 1) {
        throw new CustosError(
          'INVALID_INPUT',
          `${escapeControl(absolute)}: ${matches.length} files in ${escapeControl(describeBytes(folder))} have names that read the same (${matches.map((m) => escapeControl(describeBytes(m))).join(', ')}), so the one meant cannot be told; rename one and try again`,
        );
      }
      if (matches.length === 1) name = matches[0]!;
    }
    raw = Buffer.concat([raw, Buffer.from(sep), name]);
  }
  return { raw, shown: describeBytes(raw) };
}

/** A path as the case records it (see shared/logic/storedPath.ts): lossless either way. */
export function storedPath(raw: Uint8Array): string {
  return isUtf8(raw) ? Buffer.from(raw).toString('utf8') : `${RAW_PATH_PREFIX}${Buffer.from(raw).toString('hex')}`;
}

/** What to open for a recorded path: the text, or the bytes a `bytes:` path stands for. */
export function openablePath(stored: string): string | Buffer {
  const raw = rawBytesOf(stored);
  return raw ? Buffer.from(raw) : stored;
}
