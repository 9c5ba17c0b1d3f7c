import type { AuditEntry } from '../../../../shared/domain/audit.ts';
import type { CaseRecord } from '../../../../shared/domain/case.ts';
import type { ClocksState } from '../../../../shared/domain/clock.ts';
import type { Head } from '../../../../shared/domain/common.ts';
import type { CustodyEvent, EvidenceItem, LegalHold } from '../../../../shared/domain/evidence.ts';
import type { ExtortionRecord } from '../../../../shared/domain/extortion.ts';
import type { IndicatorRow } from '../../../../shared/domain/indicator.ts';
import type { Note } from '../../../../shared/domain/note.ts';
import type { AccessItem, RunDetail } from '../../../../shared/domain/playbook.ts';
import type { Subject, SubjectLink } from '../../../../shared/domain/subject.ts';
import type { TimelineEvent } from '../../../../shared/domain/timeline.ts';
import { isCustosError } from '../../errors.ts';
import { caseInfo } from '../../services/cases.ts';
import { clocksState } from '../../services/clocks.ts';
import { listLegalHolds } from '../../services/evidence/hold.ts';
import { listEvidence } from '../../services/evidence/register.ts';
import { extortionRecord } from '../../services/extortion.ts';
import { listIndicatorRows } from '../../services/indicators.ts';
import { listNotes } from '../../services/notes.ts';
import { listAccess, listRuns, runDetail } from '../../services/playbooks.ts';
import { listSubjects } from '../../services/subjects.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { iterateAuditRows, rowToEntry } from '../../store/tables/auditLog.ts';
import { listAllCustody } from '../../store/tables/custodyEvents.ts';
import { subjectLinks } from '../../store/tables/subjects.ts';
import { countTimeline, listTimeline } from '../../store/tables/timelineEvents.ts';

/**
 * The case as a report prints it, read once into plain values: every template works from this
 * snapshot and never goes back to the file, so a report is a function of what was read here, the
 * options and the generation's context. Removed rows are not read (the table modules leave them
 * out), and what left the case (output_record) is never read at all: a report generated later must
 * not change what a regenerated one prints.
 */

export type AuditFigures = {
  /** Entries up to and including the head the report was made from. */
  entries: number;
  byAction: Array<[action: string, count: number]>;
  firstAt: string | null;
  lastAt: string | null;
};

/** Who wrote a record, from the audit entry that created it (name, role, organisation). */
export type Recorder = { name: string; role: string; organisation: string };

export type CaseSnapshot = {
  record: CaseRecord;
  /** ISO UTC: the report's "now" (clock status, overdue steps). */
  now: string;
  head: Head;
  /** In time order. */
  events: TimelineEvent[];
  /** Oldest first. */
  notes: Note[];
  subjects: Subject[];
  /** Live links from each subject, by subject id. */
  links: Map<string, SubjectLink[]>;
  indicators: IndicatorRow[];
  /** In exhibit order. */
  evidence: EvidenceItem[];
  /** Each item's custody events in time order, by item id. */
  custody: Map<string, CustodyEvent[]>;
  holds: LegalHold[];
  extortion: ExtortionRecord;
  clocks: ClocksState;
  runs: RunDetail[];
  /** Runs whose copied playbook could not be read (a file altered outside Custos): said, not fatal. */
  unreadableRuns: Array<{ id: string; title: string; problem: string }>;
  access: AccessItem[];
  audit: AuditFigures;
  /** Who logged each evidence item (the audit entry that created it). */
  loggedBy: Map<string, Recorder>;
  /** Who last changed each access item's status (its latest access.update entry). */
  accessChangedBy: Map<string, string>;
};

function readAudit(caseDb: CaseDb, head: Head) {
  const counts = new Map<string, number>();
  const loggedBy = new Map<string, Recorder>();
  const accessChangedBy = new Map<string, string>();
  let entries = 0;
  let firstAt: string | null = null;
  let lastAt: string | null = null;
  for (const row of iterateAuditRows(caseDb)) {
    // Only what the report was made from: entries after its head (later reports, exports) never count.
    if (row.seq > head.seq) break;
    entries += 1;
    firstAt ??= row.at;
    lastAt = row.at;
    counts.set(row.action, (counts.get(row.action) ?? 0) + 1);
    if (row.entity_type === 'evidence_item' && !loggedBy.has(row.entity_id) && row.action.startsWith('evidence.add')) {
      loggedBy.set(row.entity_id, {
        name: row.actor_name,
        role: row.actor_role,
        organisation: row.actor_organisation,
      });
    }
    if (row.action === 'access.update' && row.entity_type === 'access_item') {
      const entry: AuditEntry = rowToEntry(row);
      if (entry.changes.some((c) => c.after && 'status' in c.after)) accessChangedBy.set(row.entity_id, row.actor_name);
    }
  }
  const byAction = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { audit: { entries, byAction, firstAt, lastAt }, loggedBy, accessChangedBy };
}

/** Every run with its steps; one whose playbook copy fails its checks is named with the problem instead. */
function readRuns(caseDb: CaseDb, at: Date): Pick<CaseSnapshot, 'runs' | 'unreadableRuns'> {
  const runs: RunDetail[] = [];
  const unreadableRuns: CaseSnapshot['unreadableRuns'] = [];
  for (const run of listRuns(caseDb)) {
    try {
      runs.push(runDetail(caseDb, run.id, at));
    } catch (error) {
      if (!isCustosError(error)) throw error;
      // A report of a case that fails verification is still made, and says what it could not read.
      unreadableRuns.push({ id: run.id, title: run.title, problem: error.message });
    }
  }
  return { runs, unreadableRuns };
}

/** Each listed item's custody events in time order, read in one query (the register may hold thousands). */
function custodyByItem(caseDb: CaseDb, evidence: readonly EvidenceItem[]): Map<string, CustodyEvent[]> {
  const custody = new Map<string, CustodyEvent[]>(evidence.map((item) => [item.id, []]));
  for (const event of listAllCustody(caseDb)) custody.get(event.itemId)?.push(event);
  return custody;
}

/** Reads everything a report of any kind may print, as it stands now, with "now" the report's time. */
export function readSnapshot(caseDb: CaseDb, now: string, head: Head): CaseSnapshot {
  const { record } = caseInfo(caseDb);
  const at = new Date(now);
  const subjects = listSubjects(caseDb);
  const evidence = listEvidence(caseDb);
  const notes = [...listNotes(caseDb)].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  );
  return {
    record,
    now,
    head,
    events: listTimeline(caseDb, 0, countTimeline(caseDb)),
    notes,
    subjects,
    links: new Map(subjects.map((s) => [s.id, subjectLinks(caseDb, s.id)])),
    indicators: listIndicatorRows(caseDb),
    evidence,
    custody: custodyByItem(caseDb, evidence),
    holds: listLegalHolds(caseDb),
    extortion: extortionRecord(caseDb),
    clocks: clocksState(caseDb, at),
    ...readRuns(caseDb, at),
    access: listAccess(caseDb),
    ...readAudit(caseDb, head),
  };
}
