import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DisposalDraft, FileEvidenceDraft, HoldDraft } from '../../shared/domain/evidence.ts';
import { addFileEvidence } from '../../electron/core/services/evidence/addFile.ts';
import { disposeEvidence, placeLegalHold, releaseLegalHold } from '../../electron/core/services/evidence/hold.ts';
import { linkEvidence } from '../../electron/core/services/evidence/links.ts';
import { verifyEvidenceItems, verifyEvidenceItemsOffThread } from '../../electron/core/services/evidence/custody.ts';
import { exportEvidence } from '../../electron/core/services/evidence/export.ts';
import { getEvidence } from '../../electron/core/store/tables/evidenceItems.ts';
import { listCustody } from '../../electron/core/store/tables/custodyEvents.ts';
import { listLinks, removeLink } from '../../electron/core/store/tables/evidenceLinks.ts';
import { addTimelineEvent } from '../../electron/core/services/timeline.ts';
import { insertNote } from '../../electron/core/store/tables/notes.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import { CustosError } from '../../electron/core/errors.ts';
import type { CaseDb } from '../../electron/core/store/db/caseDb.ts';
import type { MutationContext } from '../../electron/core/store/db/mutate.ts';
import { newCase, tempDir } from '../helpers/tempCase.ts';

let dir: string;
let cleanup: () => void;
let caseDb: CaseDb;
let ctx: MutationContext;
let path: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  ({ caseDb, ctx, path } = newCase(dir));
});
afterEach(() => {
  caseDb.close();
  cleanup();
});

async function addFile(
  name: string,
  content: string,
  draft: Partial<Parameters<typeof FileEvidenceDraft.parse>[0]> = {},
) {
  const file = join(dir, name);
  writeFileSync(file, content);
  return addFileEvidence(caseDb, ctx, file, FileEvidenceDraft.parse(draft), { chunkSize: 4 });
}

const disposal = DisposalDraft.parse({
  method: 'Securely erased',
  reason: 'Retention period ended',
  authorisedBy: 'M. Okafor, counsel',
});
const chunks = (blobId: string) =>
  caseDb.db.prepare('SELECT count(*) FROM evidence_chunk WHERE blob_id = ?').pluck().get(blobId) as number;
const blobOf = (id: string) =>
  caseDb.db.prepare('SELECT blob_id FROM evidence_item WHERE id = ?').pluck().get(id) as string;

function refusal(fn: () => unknown): CustosError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CustosError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function pythonVerdict(): number | null {
  caseDb.db.pragma('wal_checkpoint(TRUNCATE)');
  return spawnSync('python3', [new URL('../../docs/verify_case.py', import.meta.url).pathname, path, '--json'], {
    encoding: 'utf8',
  }).status;
}

describe('legal hold and disposal', () => {
  it('refuses disposal under a hold on the case, then disposes of the bytes and keeps the record once released', async () => {
    const item = await addFile('chat.txt', 'deadline friday');
    const blobId = blobOf(item.id);
    const hold = placeLegalHold(
      caseDb,
      ctx,
      HoldDraft.parse({ reason: 'Litigation expected; counsel instruction of 2 Nov' }),
    );
    expect(getEvidence(caseDb, item.id).legalHold).toBe(true);
    const error = refusal(() => disposeEvidence(caseDb, ctx, 'E-0001', disposal));
    expect(error.message).toMatch(
      /^E-0001 cannot be disposed of: a legal hold on the whole case \(placed by Dana Whitfield on .*: Litigation expected; counsel instruction of 2 Nov\) is in force; release it first$/,
    );
    expect(getEvidence(caseDb, item.id).disposed).toBe(false);
    expect(chunks(blobId)).toBe(4);

    releaseLegalHold(caseDb, ctx, hold.id, 'Matter settled');
    expect(disposeEvidence(caseDb, ctx, 'E-0001', disposal)).toEqual({ bytesRemoved: true });
    const after = getEvidence(caseDb, item.id);
    expect(after).toMatchObject({ disposed: true, sha256: item.sha256, size: item.size, legalHold: false });
    expect(chunks(blobId)).toBe(0);
    expect(listCustody(caseDb, item.id).map((e) => e.type)).toEqual(['acquisition', 'disposal']);
    expect(listCustody(caseDb, item.id)[1]!.details).toBe('Securely erased; authorised by M. Okafor, counsel');
    // The case still verifies: disposed bytes are not expected, and the record is intact.
    const report = verifyCase(caseDb);
    expect(report.ok).toBe(true);
    expect(pythonVerdict()).toBe(0);
    await expect(exportEvidence(caseDb, ctx, ['E-0001'], dir)).rejects.toThrow(/was disposed of/);
    expect(verifyEvidenceItems(caseDb, ctx, ['E-0001'])[0]!.check.result).toBe('none');
    expect(refusal(() => disposeEvidence(caseDb, ctx, 'E-0001', disposal)).message).toMatch(/already disposed of/);
  });

  it('a hold on one item protects only that item', async () => {
    await addFile('a.txt', 'one');
    await addFile('b.txt', 'two');
    placeLegalHold(caseDb, ctx, HoldDraft.parse({ item: 'E-0001', reason: 'Police request' }));
    expect(refusal(() => disposeEvidence(caseDb, ctx, 'E-0001', disposal)).message).toMatch(
      /a legal hold on this item/,
    );
    expect(disposeEvidence(caseDb, ctx, 'E-0002', disposal).bytesRemoved).toBe(true);
  });

  it('keeps stored bytes that a linked item still needs', async () => {
    const first = await addFile('a.txt', 'same bytes');
    await addFile('copy.txt', 'same bytes', { onDuplicate: 'link' });
    expect(disposeEvidence(caseDb, ctx, 'E-0001', disposal)).toEqual({ bytesRemoved: false });
    expect(chunks(blobOf(first.id))).toBeGreaterThan(0);
    expect(verifyCase(caseDb).ok).toBe(true);
    expect(disposeEvidence(caseDb, ctx, 'E-0002', disposal)).toEqual({ bytesRemoved: true });
    expect(chunks(blobOf(first.id))).toBe(0);
    expect(verifyCase(caseDb).ok).toBe(true);
    expect(pythonVerdict()).toBe(0);
  });

  it('refuses empty reasons and unknown holds', () => {
    expect(HoldDraft.safeParse({ reason: ' ' }).success).toBe(false);
    expect(DisposalDraft.safeParse({ method: 'x', reason: 'y', authorisedBy: '' }).error?.issues[0]?.message).toBe(
      'Authorised by is required',
    );
    expect(refusal(() => releaseLegalHold(caseDb, ctx, 'nope', 'x')).code).toBe('NOT_FOUND');
  });
});

describe('re-verification off the calling thread', () => {
  it('finds the same as on the calling thread: a match, an altered chunk, a missing referenced file', async () => {
    await addFile('a.txt', 'intact bytes');
    const altered = await addFile('b.txt', 'bytes to alter');
    const referencedPath = join(dir, 'c.txt');
    writeFileSync(referencedPath, 'referenced');
    await addFileEvidence(caseDb, ctx, referencedPath, FileEvidenceDraft.parse({ byReference: true }));
    // Altered behind the trigger's back, which is put back exactly as it was.
    const triggerSql = caseDb.db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'evidence_chunk_no_update'")
      .pluck()
      .get() as string;
    caseDb.db.exec('DROP TRIGGER evidence_chunk_no_update');
    caseDb.db
      .prepare('UPDATE evidence_chunk SET data = ? WHERE blob_id = ? AND idx = 1')
      .run(Buffer.from('XXXX'), blobOf(altered.id));
    caseDb.db.exec(triggerSql);
    writeFileSync(referencedPath, 'changed!!!');
    const offThread = (await verifyEvidenceItemsOffThread(caseDb, ctx, [])).map((o) => [
      o.item.exhibit,
      o.check.result,
      o.check.detail,
    ]);
    const inline = verifyEvidenceItems(caseDb, ctx, []).map((o) => [o.item.exhibit, o.check.result, o.check.detail]);
    expect(offThread).toEqual(inline);
    expect(offThread.map(([exhibit, result]) => [exhibit, result])).toEqual([
      ['E-0001', 'match'],
      ['E-0002', 'mismatch'],
      ['E-0003', 'mismatch'],
    ]);
    // Each run recorded its verification events: two per item.
    expect(
      listCustody(caseDb, altered.id)
        .filter((e) => e.type === 'verification')
        .map((e) => e.hashResult),
    ).toEqual(['mismatch', 'mismatch']);
  });
});

describe('links from evidence to what it supports', () => {
  it('links to a timeline event, a note and another item, and unlinks, all in the audit log', async () => {
    const item = await addFile('photo-of-laptop.jpg', 'jpeg bytes');
    await addFile('laptop.img', 'disk bytes');
    const event = addTimelineEvent(caseDb, ctx, {
      at: '2026-10-30T22:14Z',
      title: 'Laptop delivered',
      description: '',
      source: '',
      category: 'device',
    });
    const note = insertNote(caseDb, ctx, crypto.randomUUID(), {
      body: 'Courier confirmed address',
      author: 'Dana',
      privileged: false,
    });
    linkEvidence(caseDb, ctx, 'E-0001', { type: 'timeline_event', id: event.id, relation: 'shows' });
    linkEvidence(caseDb, ctx, 'E-0001', { type: 'note', id: note.id, relation: 'related' });
    const photo = linkEvidence(caseDb, ctx, 'E-0001', { type: 'evidence_item', id: 'E-0002', relation: 'photo of' });
    expect(listLinks(caseDb, item.id).map((l) => [l.targetType, l.relation])).toEqual([
      ['timeline_event', 'shows'],
      ['note', 'related'],
      ['evidence_item', 'photo of'],
    ]);
    removeLink(caseDb, ctx, photo.id);
    expect(listLinks(caseDb, item.id)).toHaveLength(2);
    expect(refusal(() => linkEvidence(caseDb, ctx, 'E-0001', { type: 'note', id: 'missing', relation: '' })).code).toBe(
      'NOT_FOUND',
    );
    expect(
      refusal(() => linkEvidence(caseDb, ctx, 'E-0001', { type: 'evidence_item', id: 'E-0001', relation: '' })).message,
    ).toMatch(/itself/);
    const actions = caseDb.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'evidence.%link'").pluck().all();
    expect(actions).toEqual(['evidence.link', 'evidence.link', 'evidence.link', 'evidence.unlink']);
    expect(verifyCase(caseDb).ok).toBe(true);
    expect(pythonVerdict()).toBe(0);
  });
});
