import { existsSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { numbered } from '../../shared/logic/fileName.ts';

/** Opens a new file without ever replacing one: name, name (2), name (3), … */
export function createExclusive(dir: string, name: string): { fd: number; path: string } {
  for (let attempt = 1; attempt < 1000; attempt++) {
    const path = join(dir, numbered(name, attempt));
    try {
      return { fd: openSync(path, 'wx'), path };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`too many files named like ${name} in ${dir}`);
}

/** writeSync may write less than asked; this writes it all. */
export function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset);
}

/**
 * Gives a finished file (written under a temporary name in `dir`) its final name without ever
 * replacing a file: name, name (2), … A crash before this leaves only the temporary file, never a
 * partial copy under a name that looks finished.
 */
export function publishExclusive(temp: string, dir: string, name: string): string {
  for (let attempt = 1; attempt < 1000; attempt++) {
    const path = join(dir, numbered(name, attempt));
    try {
      linkSync(temp, path);
      rmSync(temp);
      return path;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
      // File systems without hard links (FAT, some shares): check, then rename.
      if (existsSync(path)) continue;
      renameSync(temp, path);
      return path;
    }
  }
  throw new Error(`too many files named like ${name} in ${dir}`);
}
