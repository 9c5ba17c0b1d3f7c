import type { AuditEntry } from '../../../shared/domain/audit.ts';
import type { Head } from '../../../shared/domain/common.ts';
import { cut, indicatorType } from '../../../shared/logic/recordNames.ts';
import { loadClockRules } from '../clocks/rules.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { auditHead, countAudit, listAudit } from '../store/tables/auditLog.ts';
import { listEvidence } from '../store/tables/evidenceItems.ts';
import { listIndicators } from '../store/tables/indicators.ts';
import { getNote } from '../store/tables/notes.ts';
import { getRun } from '../store/tables/playbookRuns.ts';
import { listSubjects } from '../store/tables/subjects.ts';
import { getTimelineEvent } from '../store/tables/timelineEvents.ts';

/** The audit log as people read it: a page, newest first, with the head to write down. */
export function auditPage(
  caseDb: CaseDb,
  offset: number,
  limit: number,
): { total: number; head: Head; items: AuditEntry[] } {
  // The handler queue runs one call at a time, so no write falls between the count and the head.
  return {
    total: countAudit(caseDb),
    head: auditHead(caseDb),
    items: withNames(caseDb, listAudit(caseDb, offset, limit)),
  };
}

/** Every entry, oldest first (custos audit), with the names their sentences need. */
export function allAuditEntries(caseDb: CaseDb): AuditEntry[] {
  return withNames(caseDb, listAudit(caseDb, 0, Number.MAX_SAFE_INTEGER, 'asc'));
}

const quoted = (text: string) => `'${cut(text, 60)}'`;

/**
 * Names for the records entries only point at: an exhibit a custody event is about, the subject
 * and indicator a link joins, a playbook step (named in its run's copy of the template), a
 * notification rule. Each kind is read once per page, and only when an entry needs it; a lookup
 * that fails (a record removed, a run's template unreadable) leaves the id unnamed, and the
 * sentence says "an exhibit" rather than failing the list.
 */
export function withNames(caseDb: CaseDb, entries: AuditEntry[]): AuditEntry[] {
  const wanted = new Map<string, Set<string>>();
  const want = (kind: string, id: unknown) => {
    if (typeof id !== 'string' || id === '') return;
    let ids = wanted.get(kind);
    if (!ids) wanted.set(kind, (ids = new Set()));
    ids.add(id);
  };
  for (const entry of entries) {
    if (entry.entity.type === 'indicator') want('indicator', entry.entity.id);
    for (const change of entry.changes) {
      const row = change.after ?? change.before;
      if (!row) continue;
      want('evidence_item', row.item_id);
      if (change.table === 'subject_link') want('subject', row.subject_id);
      if (row.target_type !== undefined) want(String(row.target_type), row.target_id);
      if (change.table === 'playbook_step' || change.table === 'playbook_proof') want('run', row.run_id);
      if (change.table === 'notification_clock' || change.table === 'clock_submission') want('rule', row.rule_id);
    }
  }
  if (wanted.size === 0) return entries;
  const names = lookUp(caseDb, wanted);
  if (Object.keys(names).length === 0) return entries;
  return entries.map((entry) => {
    const own: Record<string, string> = {};
    const add = (key: unknown) => {
      if (typeof key === 'string' && names[key] !== undefined) own[key] = names[key];
    };
    add(entry.entity.id);
    for (const change of entry.changes) {
      const row = change.after ?? change.before;
      if (!row) continue;
      for (const column of ['item_id', 'subject_id', 'target_id', 'rule_id']) add(row[column]);
      if (typeof row.run_id === 'string' && typeof row.step_id === 'string') add(`${row.run_id}/${row.step_id}`);
    }
    return Object.keys(own).length > 0 ? { ...entry, names: own } : entry;
  });
}

function lookUp(caseDb: CaseDb, wanted: Map<string, Set<string>>): Record<string, string> {
  const names: Record<string, string> = {};
  const attempt = (read: () => void) => {
    try {
      read();
    } catch {
      // Unnamed: the sentence says "an exhibit", "a subject".
    }
  };
  if (wanted.has('evidence_item')) {
    attempt(() => {
      for (const item of listEvidence(caseDb)) {
        if (!wanted.get('evidence_item')!.has(item.id)) continue;
        const what = item.description || item.originalName;
        names[item.id] = `exhibit ${item.exhibit}${what ? ` ${quoted(what)}` : ''}`;
      }
    });
  }
  if (wanted.has('subject')) {
    attempt(() => {
      for (const subject of listSubjects(caseDb, true)) {
        if (wanted.get('subject')!.has(subject.id)) names[subject.id] = `subject ${quoted(subject.name)}`;
      }
    });
  }
  if (wanted.has('indicator')) {
    attempt(() => {
      for (const indicator of listIndicators(caseDb, true)) {
        if (wanted.get('indicator')!.has(indicator.id)) {
          names[indicator.id] = `indicator ${indicatorType(indicator.type)} ${quoted(indicator.value)}`;
        }
      }
    });
  }
  for (const id of wanted.get('timeline_event') ?? []) {
    attempt(() => {
      names[id] = `timeline event ${quoted(getTimelineEvent(caseDb, id).title)}`;
    });
  }
  for (const id of wanted.get('note') ?? []) {
    attempt(() => {
      const note = getNote(caseDb, id);
      names[id] = `${note.privileged ? 'privileged ' : ''}note ${quoted(note.body.split('\n', 1)[0] ?? '')}`;
    });
  }
  for (const runId of wanted.get('run') ?? []) {
    attempt(() => {
      const workflow = (JSON.parse(getRun(caseDb, runId).templateCacao) as { workflow?: unknown }).workflow;
      if (!workflow || typeof workflow !== 'object') return;
      for (const [stepId, step] of Object.entries(workflow as Record<string, { name?: unknown }>)) {
        if (typeof step?.name === 'string' && step.name) names[`${runId}/${stepId}`] = step.name;
      }
    });
  }
  if (wanted.has('rule')) {
    attempt(() => {
      for (const rule of loadClockRules()) if (wanted.get('rule')!.has(rule.id)) names[rule.id] = rule.name;
    });
  }
  return names;
}
