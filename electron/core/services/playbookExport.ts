import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExportedFile } from '../../../shared/domain/playbook.ts';
import { CustosError } from '../errors.ts';
import { CUSTOS_EXTENSION, templateToCacao } from '../playbooks/cacao.ts';
import { checkedCacaoText } from '../playbooks/importCacao.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { listAccess, runDetail } from './playbooks.ts';

/**
 * A run as CACAO 2.0: the playbook it was started from, with what happened in the Custos
 * extension (the run, each step's state, who, when, outcome, reason and proof, and the access
 * inventory). Other tools read the standard playbook; Custos and a reader of the extension get
 * the record. Importing the file as a template gives back the template the run was started from.
 */
export function exportRunCacao(caseDb: CaseDb, runId: string, now: Date): string {
  const { run, template, steps } = runDetail(caseDb, runId, now);
  const doc = templateToCacao(template) as Record<string, Record<string, Record<string, unknown>>>;
  const playbookExt = doc.playbook_extensions![CUSTOS_EXTENSION] as Record<string, unknown>;
  playbookExt.run = {
    id: run.id,
    title: run.title,
    anchor_at: run.anchorAt,
    anchor_zone: run.anchorZone,
    status: run.status,
    started_by: run.startedBy,
    created_at: run.createdAt,
  };
  playbookExt.access_inventory = listAccess(caseDb)
    .filter((item) => item.runId === null || item.runId === run.id)
    .map((item) => ({
      system: item.system,
      identifier: item.identifier,
      category: item.category,
      owner: item.owner,
      status: item.status,
      revoked_at: item.revokedAt,
      verified_at: item.verifiedAt,
      proof_item_id: item.proofItemId,
      notes: item.notes,
    }));
  const workflow = doc.workflow as Record<string, Record<string, unknown>>;
  for (const step of steps) {
    const raw = workflow[step.stepId]!;
    const extensions = (raw.step_extensions ??= {}) as Record<string, Record<string, unknown>>;
    extensions[CUSTOS_EXTENSION] = {
      ...extensions[CUSTOS_EXTENSION],
      state: step.state,
      ...(step.assignee ? { assignee: step.assignee } : {}),
      ...(step.doneAt ? { done_at: step.doneAt, done_zone: step.doneZone, done_by: step.doneBy } : {}),
      ...(step.outcome ? { outcome: step.outcome } : {}),
      ...(step.reason ? { reason: step.reason } : {}),
      ...(step.outOfOrder ? { out_of_order: true } : {}),
      ...(step.proof.length > 0
        ? { proof: step.proof.map((p) => ({ type: p.targetType, id: p.targetId, label: p.label })) }
        : {}),
    };
  }
  return checkedCacaoText(doc, `the run "${run.title}"`);
}

/**
 * Writes exported text whole or not at all: a temporary file beside the target, renamed into
 * place. `overwrite` is for a path a save dialog returned (the person confirmed replacing it).
 */
export function writeExport(target: string, text: string, overwrite: boolean): ExportedFile {
  if (!existsSync(dirname(target))) {
    throw new CustosError('INVALID_INPUT', `the folder "${dirname(target)}" does not exist; choose another place`);
  }
  if (!overwrite && existsSync(target)) {
    throw new CustosError('INVALID_INPUT', `"${target}" exists; choose a new file name (nothing is overwritten)`);
  }
  const bytes = Buffer.from(text, 'utf8');
  const temp = `${target}.partial-${process.pid}`;
  let created = false;
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
    created = true;
    renameSync(temp, target);
    created = false;
  } finally {
    // Only what this wrote: a file of that name that was there before is not ours to delete.
    if (created) rmSync(temp, { force: true });
  }
  return { path: target, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}
