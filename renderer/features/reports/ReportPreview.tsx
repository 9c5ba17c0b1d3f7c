import { useEffect, useRef, useState } from 'react';
import { SECTION_TITLES } from '../../../shared/domain/report.ts';
import type { PreviewItem, ReportOptionsInput, ReportPreview, ReportSectionId } from '../../../shared/domain/report.ts';
import { FormError } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { messageOf } from '../../lib/api.ts';
import { useAppStore } from '../../store/selectors.ts';
import { plural } from './words.ts';

/** How long the options must stay still before the preview is asked for again. */
const DEBOUNCE_MS = 250;

/** Why an item is not in the report, in the words of the person reading the preview. */
function reasonWords(reason: string | undefined): string {
  const r = (reason ?? '').trim();
  if (/left out by the examiner/i.test(r)) return 'left out by you';
  return r || 'not included';
}

/** What a section's items are called, for the withheld line: "2 privileged notes, 1 exhibit left out by you". */
const NOUNS: Partial<Record<ReportSectionId, [string, string]>> = {
  timeline: ['event', 'events'],
  notes: ['note', 'notes'],
  subjects: ['subject', 'subjects'],
  indicators: ['indicator', 'indicators'],
  evidence: ['exhibit', 'exhibits'],
  custody: ['exhibit', 'exhibits'],
  forms: ['exhibit', 'exhibits'],
  playbooks: ['step', 'steps'],
  run: ['step', 'steps'],
  contacts: ['contact', 'contacts'],
};
const SECTION_BY_TITLE = new Map(
  (Object.entries(SECTION_TITLES) as [ReportSectionId, string][]).map(([id, title]) => [title, id]),
);

/** One line of the withheld summary, named by what was withheld and why. */
function withheldWords(w: ReportPreview['withheld'][number]): string {
  const id = SECTION_BY_TITLE.get(w.section);
  const known: [string, string] | undefined = /advice/i.test(w.reason)
    ? ['decision', 'decisions']
    : id
      ? NOUNS[id]
      : undefined;
  const [one, many] = known ?? ['item', 'items'];
  // A generic noun says where the items were; "3 events" says it already.
  const where = known ? '' : ` in ${w.section}`;
  if (/left out by the examiner/i.test(w.reason)) return `${plural(w.count, one, many)}${where} left out by you`;
  if (/^privileged/i.test(w.reason)) {
    return `${plural(w.count, `privileged ${one}`, `privileged ${many}`)}${where} (never in a referral)`;
  }
  return `${plural(w.count, one, many)}${where} (${w.reason})`;
}

/** "3 items", "2 in, 1 out", or for the withheld notice itself "2 items withheld". */
function sectionCount(s: ReportPreview['sections'][number]): string {
  if (!s.included) return 'section not chosen';
  const listedIn = s.items.filter((i) => i.included).length;
  const out = s.items.length - listedIn;
  if (s.id === 'withheld') return plural(out, 'item withheld', 'items withheld');
  return out === 0 ? plural(listedIn + s.more, 'item', 'items') : `${listedIn + s.more} in, ${out} out`;
}

/**
 * The preview of the report the options describe, asked for again (debounced) whenever they change:
 * per section what goes in, a check box per item to leave it out, and what is withheld and why.
 */
export function ReportPreviewPanel({
  options,
  excluded,
  onExcludedChange,
}: {
  options: ReportOptionsInput;
  excluded: readonly string[];
  onExcludedChange: (exclude: string[]) => void;
}) {
  const previewRequested = useAppStore((s) => s.reportPreviewRequested);
  // The preview follows the case too: an item added elsewhere shows up when this view is back.
  const head = useAppStore((s) => s.caseInfo?.head.seq ?? 0);
  // The last answer and the question it answers: the preview is updating while they differ.
  const [answer, setAnswer] = useState<{ question: string; preview: ReportPreview | null; error: string | null }>({
    question: '',
    preview: null,
    error: null,
  });
  const asked = useRef(0);
  const key = JSON.stringify(options);
  const question = `${head}|${key}`;
  const loading = answer.question !== question;
  const { preview, error } = answer;

  useEffect(() => {
    const number = ++asked.current;
    const timer = setTimeout(() => {
      previewRequested(JSON.parse(key) as ReportOptionsInput).then(
        (fresh) => {
          // An answer to an older question (slower than the next) is dropped.
          if (number === asked.current) setAnswer({ question: `${head}|${key}`, preview: fresh, error: null });
        },
        (e: unknown) => {
          // No preview rather than one of other options: it would say what this report does not hold.
          if (number === asked.current) setAnswer({ question: `${head}|${key}`, preview: null, error: messageOf(e) });
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, head, previewRequested]);

  const excludedSet = new Set(excluded);
  const toggle = (ref: string, include: boolean) =>
    onExcludedChange(include ? excluded.filter((r) => r !== ref) : [...excluded, ref]);

  function item(it: PreviewItem, index: number) {
    const mine = it.ref !== null && excludedSet.has(it.ref);
    if (it.ref !== null && (it.included || mine)) {
      const ref = it.ref;
      return (
        <li key={ref} className={mine ? 'rep-item rep-item--out' : 'rep-item'}>
          <label className="check">
            <input type="checkbox" checked={!mine} onChange={(e) => toggle(ref, e.target.checked)} />
            <span>
              <SafeText text={it.label} />
            </span>
          </label>
          {mine ? <span className="verdict rep-reason rep-reason--yours">left out by you</span> : null}
        </li>
      );
    }
    return (
      <li key={it.ref ?? `line-${index}`} className={it.included ? 'rep-item rep-item--fixed' : 'rep-item rep-item--out'}>
        <span className="rep-item__text">
          <SafeText text={it.label} />
        </span>
        {it.included ? null : <span className="verdict rep-reason">{reasonWords(it.reason)}</span>}
      </li>
    );
  }

  return (
    <section aria-labelledby="rep-preview-title" className="rep-preview" aria-busy={loading}>
      <div className="rep-preview__head">
        <h4 id="rep-preview-title">Preview{preview ? `: ${preview.title}` : ''}</h4>
        <span className="muted" aria-hidden={!loading}>
          {loading ? 'Updating…' : ''}
        </span>
      </div>
      <p className="muted rep-preview__lead">
        Exactly what goes in. Untick an item to leave it out; the report then says how many items were left out, and
        where. The cover, contents and verification block are always there.
      </p>
      <FormError message={error} />
      {preview ? (
        <>
          {preview.withheld.length > 0 ? (
            <p className="rep-withheld">
              <strong>Withheld from this report:</strong> {preview.withheld.map(withheldWords).join('; ')}
            </p>
          ) : (
            <p className="rep-withheld rep-withheld--none">Nothing is withheld from this report.</p>
          )}
          {preview.sections.map((s) => (
            <section key={s.id} className={`rep-section${s.included ? '' : ' rep-section--out'}`} aria-label={s.title}>
              <h5>
                {s.title}
                <span className="muted rep-section__count"> · {sectionCount(s)}</span>
              </h5>
              {s.included && s.items.length === 0 ? <p className="muted">Nothing recorded.</p> : null}
              {s.included && s.items.length > 0 ? (
                <ul className="rep-items">
                  {s.items.map(item)}
                  {s.more > 0 ? <li className="rep-item rep-item--more">and {plural(s.more, 'more', 'more')}</li> : null}
                </ul>
              ) : null}
            </section>
          ))}
        </>
      ) : !error ? (
        <p className="muted">Reading the case…</p>
      ) : null}
    </section>
  );
}
