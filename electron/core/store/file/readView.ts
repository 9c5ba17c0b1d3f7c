import { randomUUID } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * A private place to read a case from, so that SQLite's own side files never touch the case's.
 *
 * Reading a WAL-mode database, SQLite creates `-wal` and `-shm` files if they are missing and
 * rewrites `-shm` (and may fold `-wal` into the file) if they are there; with no writer holding the
 * case those would be changes made by merely looking. So the case is read through another name in a
 * folder of its own: a hard link to the very same file (instant, no copy) with, when asked, a copy of
 * the `-wal` beside it. SQLite then keeps its side files in that folder, which goes when the view is
 * closed. Where no hard link can be made (read-only media, a file system without them), the case
 * itself is copied into the system's temporary folder instead, which takes as long as reading it.
 */
export type ReadView = {
  /** The path to open the case at (read-only). */
  path: string;
  how: 'link' | 'copy';
  dispose(): void;
};

function linkView(realCasePath: string, withWal: boolean): ReadView {
  const folder = join(dirname(realCasePath), `.${basename(realCasePath)}.view-${randomUUID()}`);
  mkdirSync(folder, { mode: 0o700 });
  try {
    const path = join(folder, basename(realCasePath));
    linkSync(realCasePath, path);
    if (withWal) copyFileSync(`${realCasePath}-wal`, `${path}-wal`);
    return { path, how: 'link', dispose: () => rmSync(folder, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

function copyView(realCasePath: string, withWal: boolean): ReadView {
  const folder = mkdtempSync(join(tmpdir(), 'custos-view-'));
  try {
    const path = join(folder, basename(realCasePath));
    copyFileSync(realCasePath, path);
    if (withWal) copyFileSync(`${realCasePath}-wal`, `${path}-wal`);
    return { path, how: 'copy', dispose: () => rmSync(folder, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Files this process has open through a CaseDb. SQLite keeps lock and shared-memory state per file
 * (device and inode) within a process, so a hard link to a file already open here would share the
 * other connection's -shm with the view's own -wal: such a view is made as a copy instead.
 */
const openHere = new Map<string, number>();

export function noteOpened(realCasePath: string): void {
  openHere.set(realCasePath, (openHere.get(realCasePath) ?? 0) + 1);
}

export function noteClosed(realCasePath: string): void {
  const count = (openHere.get(realCasePath) ?? 1) - 1;
  if (count > 0) openHere.set(realCasePath, count);
  else openHere.delete(realCasePath);
}

/** A view of the case as last checkpointed (`withWal` false) or with its -wal's commits. */
export function openReadView(realCasePath: string, withWal: boolean): ReadView {
  let view: ReadView;
  if (openHere.has(realCasePath)) view = copyView(realCasePath, withWal);
  else {
    try {
      view = linkView(realCasePath, withWal);
    } catch {
      view = copyView(realCasePath, withWal);
    }
  }
  // A link view is itself the file open here, until it is disposed of.
  if (view.how === 'copy') return view;
  noteOpened(realCasePath);
  let disposed = false;
  return {
    ...view,
    dispose() {
      if (disposed) return;
      disposed = true;
      noteClosed(realCasePath);
      view.dispose();
    },
  };
}
