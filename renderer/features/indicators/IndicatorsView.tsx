import { Fragment, useEffect, useRef, useState } from 'react';
import { INDICATOR_TYPES, INDICATOR_TYPE_LABELS } from '../../../shared/domain/indicator.ts';
import type { IndicatorRow, IndicatorType } from '../../../shared/domain/indicator.ts';
import { TlpBadge } from '../../components/Badges.tsx';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { ConfirmRemove } from '../../components/ConfirmRemove.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { ZonedTime } from '../../components/ZonedTime.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { IndicatorEditForm } from './IndicatorEditForm.tsx';
import { IndicatorForm } from './IndicatorForm.tsx';
import { IndicatorImport } from './IndicatorImport.tsx';
import { CONFIDENCE_WORDS } from './pickers.tsx';
import './indicators.css';

const COLUMNS = 10;
const dash = <span className="muted">—</span>;

/** Whether a row matches the words typed in the filter: any of its fields, the subjects' names too. */
function matches(row: IndicatorRow, words: string[]): boolean {
  const hay = [
    INDICATOR_TYPE_LABELS[row.type],
    row.type,
    row.value,
    row.normalised,
    row.platform,
    row.notes,
    row.sourceExhibit ?? '',
    ...row.subjects.map((s) => s.name),
  ]
    .join('\n')
    .toLocaleLowerCase();
  return words.every((w) => hay.includes(w));
}

function When({ utc, zone, entered }: { utc: string | null; zone: string; entered: string | null }) {
  return utc ? <ZonedTime utc={utc} examinerZone={zone} enteredZone={entered} /> : dash;
}

/** Remove, after a second look in the row itself. */
function RemoveIndicator({ row, onDone }: { row: IndicatorRow; onDone: () => void }) {
  const indicatorRemoved = useAppStore((s) => s.indicatorRemoved);
  return (
    <ConfirmRemove
      name={`Remove ${row.normalised}`}
      confirmLabel="Remove indicator"
      onKeep={onDone}
      onRemove={async () => {
        await indicatorRemoved(row.id);
        onDone();
      }}
    >
      Remove{' '}
      <code className="ind-canonical">
        <SafeText text={row.normalised} />
      </code>{' '}
      from the case? Its links to subjects go with it; the audit log keeps the record.
    </ConfirmRemove>
  );
}

/**
 * The indicators of the case (addresses, accounts, wallets, devices) in their canonical form, with
 * where and when each was seen and whom it belongs to; added one by one, checked as typed, or as a
 * list that is imported whole or not at all.
 */
export function IndicatorsView() {
  const indicators = useAppStore((s) => s.indicators);
  const loaded = useAppStore((s) => s.indicatorsLoaded);
  const indicatorsRequested = useAppStore((s) => s.indicatorsRequested);
  const readOnly = useAppStore((s) => s.caseInfo?.readOnly ?? false);
  const focus = useAppStore((s) => s.searchFocus);
  const searchFocusCleared = useAppStore((s) => s.searchFocusCleared);
  const zone = useExaminerZone();
  const [panel, setPanel] = useState<'add' | 'import' | null>(null);
  const [rowAction, setRowAction] = useState<{ id: string; action: 'edit' | 'remove' } | null>(null);
  const [typeFilter, setTypeFilter] = useState<IndicatorType | ''>('');
  const [text, setText] = useState('');
  /** The row a search hit or an add pointed at: marked, scrolled to and focused. */
  const [highlight, setHighlight] = useState<{ id: string; token: object } | null>(null);
  /** The highlight already scrolled to: a later change to the list must not pull the focus back. */
  const broughtIntoView = useRef<object | null>(null);
  const rows = useRef(new Map<string, HTMLTableRowElement>());

  useEffect(() => {
    if (!loaded) void indicatorsRequested();
  }, [loaded, indicatorsRequested]);

  // A search hit on an indicator: filters off, so the row is there to see, and the row marked.
  // Taken in as the hit arrives (not in an effect: that would render the old filters once more).
  const [focusTaken, setFocusTaken] = useState<typeof focus>(null);
  if (focus?.kind === 'indicator' && focus !== focusTaken) {
    setFocusTaken(focus);
    setTypeFilter('');
    setText('');
    setHighlight({ id: focus.id, token: focus });
  }
  useEffect(() => {
    if (focus?.kind === 'indicator') searchFocusCleared();
  }, [focus, searchFocusCleared]);
  useEffect(() => {
    if (!highlight || broughtIntoView.current === highlight.token) return;
    const row = rows.current.get(highlight.id);
    if (!row) return;
    broughtIntoView.current = highlight.token;
    row.scrollIntoView({ block: 'center' });
    row.focus();
  }, [highlight, indicators]);

  const show = (id: string) => {
    setTypeFilter('');
    setText('');
    setHighlight({ id, token: {} });
  };

  const live = indicators.filter((i) => !i.removed);
  const words = text.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const shown = live.filter((i) => (!typeFilter || i.type === typeFilter) && matches(i, words));

  return (
    <section aria-labelledby="indicators-title" className="stack">
      <div className="section-head">
        <h2 id="indicators-title">Indicators {loaded ? <span className="count">{live.length}</span> : null}</h2>
        {readOnly || panel ? null : (
          <div className="actions actions--inline">
            <button
              type="button"
              className="button"
              onClick={() => {
                setHighlight(null);
                setPanel('import');
              }}
            >
              Paste or import a list…
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setHighlight(null);
                setPanel('add');
              }}
            >
              Add indicator…
            </button>
          </div>
        )}
      </div>
      <p className="lead ind-lead">
        E-mail addresses, phone numbers, accounts, wallets, bank accounts, shipping addresses and devices, each stored
        once in one canonical form: the same wallet typed twice is one indicator, and a checksum typo is refused.
      </p>
      {panel === 'add' ? (
        <IndicatorForm
          onShow={show}
          onDone={(id) => {
            setPanel(null);
            if (id) show(id);
          }}
        />
      ) : null}
      {panel === 'import' ? <IndicatorImport onDone={() => setPanel(null)} /> : null}
      {!loaded ? null : live.length === 0 ? (
        panel ? null : (
          <EmptyState title="No indicators yet">
            Add the worker’s e-mail addresses and phone numbers, the accounts their salary went to, the wallets in an
            extortion note, the laptop’s serial number.
          </EmptyState>
        )
      ) : (
        <>
          <div className="ind-filters" role="search" aria-label="Filter indicators">
            <div className="inline-field">
              <label htmlFor="ind-filter-type">Type</label>
              <ChoiceSelect<IndicatorType | ''>
                choices={INDICATOR_TYPES}
                labels={INDICATOR_TYPE_LABELS}
                id="ind-filter-type"
                value={typeFilter}
                empty="All types"
                onChange={setTypeFilter}
              />
            </div>
            <div className="inline-field ind-filters__text">
              <label htmlFor="ind-filter-text">Contains</label>
              <input
                id="ind-filter-text"
                type="search"
                value={text}
                placeholder="value, platform, subject, exhibit…"
                onChange={(e) => setText(e.target.value)}
              />
            </div>
            <p className="muted ind-filters__count" role="status">
              {shown.length === live.length
                ? `${live.length} ${live.length === 1 ? 'indicator' : 'indicators'}`
                : `${shown.length} of ${live.length} shown`}
            </p>
          </div>
          <table className="custody ind-table">
            <caption className="visually-hidden">Indicators of the case</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Canonical form</th>
                <th scope="col">Platform</th>
                <th scope="col">First seen</th>
                <th scope="col">Last seen</th>
                <th scope="col">Confidence</th>
                <th scope="col">TLP</th>
                <th scope="col">Subjects</th>
                <th scope="col">Source</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((i) => {
                const open = rowAction?.id === i.id ? rowAction.action : null;
                const nameId = `ind-${i.id}`;
                return (
                  <Fragment key={i.id}>
                    <tr
                      ref={(el) => {
                        if (el) rows.current.set(i.id, el);
                        else rows.current.delete(i.id);
                      }}
                      tabIndex={highlight?.id === i.id ? -1 : undefined}
                      className={highlight?.id === i.id ? 'ind-row ind-row--found' : 'ind-row'}
                    >
                      <td className="ind-type">{INDICATOR_TYPE_LABELS[i.type]}</td>
                      <td className="ind-value">
                        <code className="ind-canonical" id={nameId}>
                          <SafeText text={i.normalised} />
                        </code>
                        {i.value.trim() !== i.normalised ? (
                          <span className="ind-entered">
                            entered as <SafeText text={i.value} />
                          </span>
                        ) : null}
                        {i.notes ? (
                          <span className="ind-notes">
                            <SafeText text={i.notes} />
                          </span>
                        ) : null}
                      </td>
                      <td>{i.platform ? <SafeText text={i.platform} /> : dash}</td>
                      <td>
                        <When utc={i.firstSeen} zone={zone} entered={i.seenZone} />
                      </td>
                      <td>
                        <When utc={i.lastSeen} zone={zone} entered={i.seenZone} />
                      </td>
                      <td>
                        <span className={`verdict ind-confidence ind-confidence--${i.confidence}`}>
                          {CONFIDENCE_WORDS[i.confidence]}
                        </span>
                      </td>
                      <td>
                        <TlpBadge tlp={i.tlp} />
                      </td>
                      <td>
                        {i.subjects.length === 0 ? (
                          dash
                        ) : (
                          <ul className="ind-subject-list">
                            {i.subjects.map((s) => (
                              <li key={s.id}>
                                <SafeText text={s.name} />
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>{i.sourceExhibit ? <SafeText text={i.sourceExhibit} /> : dash}</td>
                      <td className="ind-actions">
                        {readOnly || open ? null : (
                          <>
                            <button
                              type="button"
                              className="button button--small"
                              aria-describedby={nameId}
                              onClick={() => setRowAction({ id: i.id, action: 'edit' })}
                            >
                              Edit
                            </button>
                            <button
                              type="button"
                              className="button button--small"
                              aria-describedby={nameId}
                              onClick={() => setRowAction({ id: i.id, action: 'remove' })}
                            >
                              Remove…
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                    {open ? (
                      <tr className="ind-form-row">
                        <td colSpan={COLUMNS}>
                          {open === 'edit' ? (
                            <IndicatorEditForm row={i} zone={zone} onDone={() => setRowAction(null)} />
                          ) : (
                            <RemoveIndicator row={i} onDone={() => setRowAction(null)} />
                          )}
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
          {shown.length === 0 ? <p className="muted">No indicator matches the filter.</p> : null}
        </>
      )}
    </section>
  );
}
