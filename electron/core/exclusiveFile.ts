import { openSync, writeSync } from 'node:fs';
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
