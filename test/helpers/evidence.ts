import { createHash, randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, writeFileSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';

export const MiB = 1024 * 1024;

export function digest(algorithm: 'md5' | 'sha1' | 'sha256', data: Buffer | string): string {
  return createHash(algorithm).update(data).digest('hex');
}

/** A small file of random bytes; returns its content. */
export function randomFile(path: string, size: number): Buffer {
  const data = randomBytes(size);
  writeFileSync(path, data);
  return data;
}

/** A large file of random bytes, generated and written 1 MiB at a time; returns its SHA-256. */
export function largeRandomFile(path: string, size: number): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < size;) {
      const block = randomBytes(Math.min(MiB, size - written));
      hash.update(block);
      writeSync(fd, block);
      written += block.length;
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * A large file made in an instant (a hole of zeros): for ingests that are cancelled or refused
 * part-way, whose content does not matter but whose length keeps the worker busy.
 */
export function sparseFile(path: string, size: number): void {
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
}

/** Chunks that belong to no recorded blob: an ingest that has not finished (or never will). */
export function strayChunks(db: Db): number {
  return db
    .prepare('SELECT count(*) FROM evidence_chunk WHERE blob_id NOT IN (SELECT id FROM evidence_blob)')
    .pluck()
    .get() as number;
}

export type EvidenceCounts = { items: number; blobs: number; chunks: number; custody: number; audit: number };

/** Everything an evidence operation may add to a case, counted. */
export function evidenceCounts(db: Db): EvidenceCounts {
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    items: count('evidence_item'),
    blobs: count('evidence_blob'),
    chunks: count('evidence_chunk'),
    custody: count('custody_event'),
    audit: count('audit_log'),
  };
}

/**
 * Rewrites one stored chunk behind Custos's back, as an attacker would: the append-only trigger is
 * dropped, the bytes changed (one byte flipped, same length), and the trigger put back so the
 * chain check sees nothing missing. The case must be closed.
 */
export function flipChunkByte(path: string, blobId: string, idx: number, offset = 0): void {
  const db = new Database(path);
  try {
    flip(db, blobId, idx, offset);
  } finally {
    db.close();
  }
}

function flip(db: Db, blobId: string, idx: number, offset: number): void {
  const triggerSql = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'evidence_chunk_no_update'")
    .pluck()
    .get() as string;
  const data = Buffer.from(
    db.prepare('SELECT data FROM evidence_chunk WHERE blob_id = ? AND idx = ?').pluck().get(blobId, idx) as Buffer,
  );
  data[offset] = data[offset]! ^ 0xff;
  db.exec('DROP TRIGGER evidence_chunk_no_update');
  db.prepare('UPDATE evidence_chunk SET data = ? WHERE blob_id = ? AND idx = ?').run(data, blobId, idx);
  db.exec(triggerSql);
}

/** Minimal RFC 4180 reader: quoted or bare cells, CRLF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
