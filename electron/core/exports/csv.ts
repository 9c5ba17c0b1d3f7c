import { CSV_TABLES } from '../../../shared/domain/report.ts';
import type { CsvTable } from '../../../shared/domain/report.ts';
import { listEvidence } from '../services/evidence/register.ts';
import { listNotes } from '../services/notes.ts';
import { listIndicatorRows } from '../services/indicators.ts';
import { listRuns, runDetail } from '../services/playbooks.ts';
import { listSubjects } from '../services/subjects.ts';
import { timelinePage } from '../services/timeline.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { listCustody } from '../store/tables/custodyEvents.ts';
import { asEntered, csvBytes, utc } from './csvFormat.ts';
import type { Cell } from './csvFormat.ts';

export type ExportFile = { name: string; bytes: Uint8Array };

/**
 * What an export hands over when it goes with a law-enforcement referral (the referral package):
 * the items the examiner left out are left out here too, wherever they would appear, and free-text
 * notes, the playbook record and privileged content stay with the case, as the referral says.
 */
export type ExportSelection = {
  /** Ids of the records left out (events, notes, exhibits, subjects, indicators, messages, demands). */
  excluded: ReadonlySet<string>;
  referral: boolean;
  /** The examiner's summary for the referral (STIX incident description); null: none. */
  summary: string | null;
};

const NO_SELECTION: ExportSelection = { excluded: new Set(), referral: false, summary: null };

/** A table: its header, and its rows as read from the case when asked for. */
type Table = { header: string[]; rows: () => Cell[][] };

const TIMELINE_PAGE = 2000;

function timeline(caseDb: CaseDb, out: (id: string) => boolean): Cell[][] {
  const rows: Cell[][] = [];
  for (let offset = 0; ; offset += TIMELINE_PAGE) {
    const { items } = timelinePage(caseDb, offset, TIMELINE_PAGE);
    for (const e of items) {
      if (out(e.id)) continue;
      rows.push([
        e.id,
        utc(e.occurredAt),
        asEntered(e.occurredAt, e.zone),
        e.category,
        e.title,
        e.description,
        e.source,
        utc(e.createdAt),
        utc(e.updatedAt),
      ]);
    }
    if (items.length < TIMELINE_PAGE) return rows;
  }
}

function tables(caseDb: CaseDb, selection: ExportSelection): Record<CsvTable, Table> {
  const out = (id: string) => selection.excluded.has(id);
  // A proof that is a privileged note is named as such, never by its first line.
  const privilegedNotes = new Set(
    listNotes(caseDb)
      .filter((n) => n.privileged)
      .map((n) => n.id),
  );
  const proofLabel = (p: { targetType: string; targetId: string; label: string }) =>
    p.targetType === 'note' && privilegedNotes.has(p.targetId) ? 'A privileged note' : p.label;
  return {
    timeline: {
      header: [
        'id',
        'occurred_utc',
        'occurred_as_entered',
        'category',
        'title',
        'description',
        'source',
        'created_utc',
        'updated_utc',
      ],
      rows: () => timeline(caseDb, out),
    },
    evidence: {
      header: [
        'exhibit',
        'id',
        'kind',
        'description',
        'original_name',
        'media_type',
        'size_bytes',
        'sha256',
        'md5',
        'sha1',
        'storage',
        'acquired_by',
        'witness',
        'acquired_utc',
        'acquired_as_entered',
        'method',
        'tool',
        'tool_version',
        'source',
        'custodian',
        'legal_basis',
        'storage_location',
        'make',
        'model',
        'serial_number',
        'seal_number',
        'integrity',
        'last_verified_utc',
        'legal_hold',
        'disposed',
      ],
      rows: () =>
        listEvidence(caseDb)
          .filter((i) => !out(i.id))
          .map((i) => [
            i.exhibit,
            i.id,
            i.kind,
            i.description,
            i.originalName,
            i.mediaType,
            i.size,
            i.sha256,
            i.md5,
            i.sha1,
            i.storage,
            i.acquiredBy,
            i.witness,
            utc(i.acquiredAt),
            asEntered(i.acquiredAt, i.acquiredZone),
            i.method,
            i.tool,
            i.toolVersion,
            i.source,
            i.custodian,
            i.legalBasis,
            i.storageLocation,
            i.make,
            i.model,
            i.serialNumber,
            i.sealNumber,
            i.integrity,
            utc(i.lastVerifiedAt),
            i.legalHold,
            i.disposed,
          ]),
    },
    custody: {
      header: [
        'exhibit',
        'event_id',
        'type',
        'at_utc',
        'at_as_entered',
        'released_by',
        'received_by',
        'purpose',
        'from_location',
        'to_location',
        'seal_before',
        'seal_after',
        'hash_result',
        'details',
        'recorded_by',
      ],
      rows: () =>
        listEvidence(caseDb)
          .filter((item) => !out(item.id))
          .flatMap((item) =>
            listCustody(caseDb, item.id).map((c) => [
              item.exhibit,
              c.id,
              c.type,
              utc(c.at),
              asEntered(c.at, c.zone),
              c.releasedBy,
              c.receivedBy,
              c.purpose,
              c.fromLocation,
              c.toLocation,
              c.sealBefore,
              c.sealAfter,
              c.hashResult,
              c.details,
              c.recordedBy,
            ]),
          ),
    },
    indicators: {
      header: [
        'id',
        'type',
        'platform',
        'canonical_value',
        'value_as_entered',
        'first_seen_utc',
        'first_seen_as_entered',
        'last_seen_utc',
        'last_seen_as_entered',
        'confidence',
        'tlp',
        'subjects',
        'source_exhibit',
        'notes',
      ],
      rows: () =>
        listIndicatorRows(caseDb)
          .filter((i) => !out(i.id))
          .map((i) => [
            i.id,
            i.type,
            i.platform,
            i.normalised,
            i.value,
            utc(i.firstSeen),
            asEntered(i.firstSeen, i.seenZone),
            utc(i.lastSeen),
            asEntered(i.lastSeen, i.seenZone),
            i.confidence,
            i.tlp,
            i.subjects
              .filter((s) => !out(s.id))
              .map((s) => s.name)
              .join('; '),
            i.sourceItemId && out(i.sourceItemId) ? '' : i.sourceExhibit,
            selection.referral ? '' : i.notes,
          ]),
    },
    subjects: {
      header: [
        'id',
        'name',
        'kind',
        'role',
        'aliases',
        'claimed_name',
        'claimed_nationality',
        'claimed_location',
        'claimed_documents',
        'verified_name',
        'verified_nationality',
        'verified_location',
        'findings',
        'identity_verdict',
        'hired_on',
        'started_on',
        'terminated_on',
        'manager',
        'tlp',
      ],
      rows: () =>
        listSubjects(caseDb)
          .filter((s) => !out(s.id))
          .map((s) => [
            s.id,
            s.name,
            s.kind,
            s.role,
            s.aliases.join('; '),
            s.claimedName,
            s.claimedNationality,
            s.claimedLocation,
            s.claimedDocuments,
            s.verifiedName,
            s.verifiedNationality,
            s.verifiedLocation,
            s.findings,
            s.identityVerdict,
            s.hiredOn,
            s.startedOn,
            s.terminatedOn,
            s.manager,
            s.tlp,
          ]),
    },
    'playbook-steps': {
      header: [
        'run_id',
        'run_title',
        'run_status',
        'template',
        'template_version',
        'step_code',
        'phase',
        'title',
        'kind',
        'status',
        'assignee',
        'done_by',
        'done_utc',
        'done_as_entered',
        'due_utc',
        'outcome',
        'reason',
        'out_of_order',
        'proof',
      ],
      rows: () =>
        listRuns(caseDb).flatMap((run) =>
          // The moment only decides which steps are overdue, which the export does not say.
          runDetail(caseDb, run.id, new Date(0)).steps.map((s) => [
            run.id,
            run.title,
            run.status,
            run.templateName,
            run.templateVersion,
            s.code,
            s.phase,
            s.name,
            s.kind,
            s.state,
            s.assignee,
            s.doneBy,
            utc(s.doneAt),
            asEntered(s.doneAt, s.doneZone),
            utc(s.dueAt),
            s.outcome,
            s.reason,
            s.outOfOrder,
            s.proof.map(proofLabel).join('; '),
          ]),
        ),
    },
  };
}

/** The file each table is written to. */
export const CSV_FILE_NAMES: Readonly<Record<CsvTable, string>> = {
  timeline: 'timeline.csv',
  evidence: 'evidence.csv',
  custody: 'custody.csv',
  indicators: 'indicators.csv',
  subjects: 'subjects.csv',
  'playbook-steps': 'playbook-steps.csv',
};

/**
 * The case's tables as CSV (RFC 4180, UTF-8, CRLF; a BOM when asked): timeline, evidence register,
 * custody log, indicators, subjects and playbook steps, each in its own file (CSV_FILE_NAMES), in
 * that order. Times in UTC and as entered; cells that a spreadsheet would run as a formula are made
 * inert (csvFormat.ts). Rows removed from the case are left out; items disposed of stay in, marked.
 * Reads through the services and table modules only; writes nothing.
 */
export function csvFiles(
  caseDb: CaseDb,
  options: { bom: boolean; tables?: readonly CsvTable[]; selection?: ExportSelection },
): ExportFile[] {
  const selection = options.selection ?? NO_SELECTION;
  const all = tables(caseDb, selection);
  // The playbook record stays with the case when the export goes with a referral.
  const wanted = (options.tables ?? CSV_TABLES).filter((t) => !(selection.referral && t === 'playbook-steps'));
  return CSV_TABLES.filter((t) => wanted.includes(t)).map((t) => ({
    name: CSV_FILE_NAMES[t],
    bytes: csvBytes(all[t].header, all[t].rows(), options.bom),
  }));
}
