import { EXCLUDABLE_KINDS } from '../../../../shared/domain/report.ts';
import type { ExcludableKind } from '../../../../shared/domain/report.ts';
import { escapeControl } from '../../../../shared/logic/text.ts';
import { CustosError, isCustosError } from '../../errors.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { getEvidence } from '../../store/tables/evidenceItems.ts';
import { getExtortion } from '../../store/tables/extortion.ts';
import { getIndicator } from '../../store/tables/indicators.ts';
import { getNote } from '../../store/tables/notes.ts';
import { getSubject } from '../../store/tables/subjects.ts';
import { getTimelineEvent } from '../../store/tables/timelineEvents.ts';
import { short } from './format.ts';

/**
 * Items the examiner leaves out of a report, as the command line names them: `kind:id`, an exhibit
 * number (E-0003), or the bare id of a record of any kind that can be left out. Each is checked
 * against the case, so a typo is refused rather than silently leaving nothing out.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const WORDS: Record<ExcludableKind, string> = {
  event: 'timeline event',
  note: 'note',
  evidence: 'evidence item',
  subject: 'subject',
  indicator: 'indicator',
  message: 'extortion message',
  demand: 'demand',
};

/** Whether a record of this kind is in the case, and whether it was removed; null: not there. */
function lookup(caseDb: CaseDb, kind: ExcludableKind, id: string): { removed: boolean } | null {
  try {
    switch (kind) {
      case 'event':
        return { removed: getTimelineEvent(caseDb, id).removed };
      case 'note':
        return { removed: getNote(caseDb, id).removed };
      case 'evidence':
        // Items are never removed from the register (a disposed-of item is still printed).
        getEvidence(caseDb, id);
        return { removed: false };
      case 'subject':
        return { removed: getSubject(caseDb, id).removed };
      case 'indicator':
        return { removed: getIndicator(caseDb, id).removed };
      case 'message':
        return { removed: getExtortion(caseDb, 'message', id).removed };
      case 'demand':
        return { removed: getExtortion(caseDb, 'demand', id).removed };
    }
  } catch (error) {
    if (isCustosError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

const shown = (given: string) => `"${escapeControl(short(given, 80))}"`;

function checked(caseDb: CaseDb, kind: ExcludableKind, id: string, given: string): string {
  const found = lookup(caseDb, kind, id);
  if (!found) {
    throw new CustosError(
      'NOT_FOUND',
      `${shown(given)}: there is no ${WORDS[kind]} ${id} in this case; the report preview lists what can be left out`,
    );
  }
  if (found.removed) {
    throw new CustosError(
      'INVALID_INPUT',
      `${shown(given)}: that ${WORDS[kind]} was removed from the case, so no report prints it; leave it off --exclude`,
    );
  }
  return `${kind}:${id}`;
}

export function resolveItemRef(caseDb: CaseDb, given: string): string {
  const text = given.trim();
  const typed = /^([a-z]+):(.*)$/i.exec(text);
  if (typed) {
    const kind = typed[1]!.toLowerCase() as ExcludableKind;
    const id = typed[2]!.trim().toLowerCase();
    if (!EXCLUDABLE_KINDS.includes(kind)) {
      throw new CustosError(
        'INVALID_INPUT',
        `${shown(given)}: ${escapeControl(typed[1]!)} is not a kind of item a report can leave out; the kinds are ${EXCLUDABLE_KINDS.join(', ')}`,
      );
    }
    if (!UUID.test(id)) {
      throw new CustosError('INVALID_INPUT', `${shown(given)}: after "${kind}:" give the record's id (a UUID)`);
    }
    return checked(caseDb, kind, id, given);
  }
  if (/^E-\d+$/i.test(text)) {
    try {
      return `evidence:${getEvidence(caseDb, text.toUpperCase()).id}`;
    } catch (error) {
      if (isCustosError(error) && error.code === 'NOT_FOUND') {
        throw new CustosError(
          'NOT_FOUND',
          `there is no exhibit ${text.toUpperCase()} in this case; custos evidence list shows the exhibit numbers`,
        );
      }
      throw error;
    }
  }
  const id = text.toLowerCase();
  if (UUID.test(id)) {
    const kinds = EXCLUDABLE_KINDS.filter((kind) => lookup(caseDb, kind, id) !== null);
    if (kinds.length === 0) {
      throw new CustosError(
        'NOT_FOUND',
        `nothing in this case has the id ${id} (events, notes, evidence, subjects, indicators, extortion messages and demands were searched)`,
      );
    }
    return checked(caseDb, kinds[0]!, id, given);
  }
  throw new CustosError(
    'INVALID_INPUT',
    `${shown(given)} is not an item to leave out: write kind:id (kinds: ${EXCLUDABLE_KINDS.join(', ')}), an exhibit number such as E-0003, or the id of one of those records`,
  );
}
