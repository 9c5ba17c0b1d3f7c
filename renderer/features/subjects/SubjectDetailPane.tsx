import { useState } from 'react';
import { SUBJECT_LINK_TARGETS, SUBJECT_ROLE_LABELS } from '../../../shared/domain/subject.ts';
import type { Subject, SubjectDetail, SubjectLinkTarget } from '../../../shared/domain/subject.ts';
import { TlpBadge } from '../../components/Badges.tsx';
import { ConfirmRemove } from '../../components/ConfirmRemove.tsx';
import { Fact } from '../../components/Fact.tsx';
import { FormError } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore } from '../../store/selectors.ts';
import { CONFIDENCE_LABELS, KIND_LABELS, VerdictBadge } from './labels.tsx';
import { SubjectForm, changedFields, subjectToValues, valuesToDraft } from './SubjectForm.tsx';
import { SubjectLinkForm } from './SubjectLinkForm.tsx';

type Link = SubjectDetail['links'][number];

const GROUP_TITLES: Record<SubjectLinkTarget, string> = {
  subject: 'Other subjects',
  evidence_item: 'Evidence',
  indicator: 'Indicators',
  timeline_event: 'Timeline events',
  note: 'Notes',
};

const dash = <span className="muted">—</span>;
const shown = (text: string) => (text.trim() ? <SafeText text={text} /> : dash);
const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * One row of claimed against found: the found side is marked when it says something other than the
 * claim, so a reader sees at once where the identity broke.
 */
function IdentityRow({ label, claimed, found }: { label: string; claimed: string; found: string }) {
  const differs = Boolean(claimed.trim() && found.trim() && !same(claimed, found));
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="subj-claim">{shown(claimed)}</td>
      <td className={differs ? 'subj-found subj-found--differs' : 'subj-found'}>
        {shown(found)}
        {differs ? <span className="subj-differs">differs from the claim</span> : null}
      </td>
    </tr>
  );
}

/** Claimed identity beside what was verified or found: the two are kept, never one over the other. */
function IdentityTable({ subject }: { subject: Subject }) {
  return (
    <table className="subj-identity">
      <caption>What they claimed, and what checks found</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">Claimed identity</th>
          <th scope="col">Verified / found</th>
        </tr>
      </thead>
      <tbody>
        <IdentityRow label="Name" claimed={subject.claimedName} found={subject.verifiedName} />
        <IdentityRow label="Nationality" claimed={subject.claimedNationality} found={subject.verifiedNationality} />
        <IdentityRow label="Location" claimed={subject.claimedLocation} found={subject.verifiedLocation} />
        <tr>
          <th scope="row">
            Documents shown
            <br />/ what was found
          </th>
          <td className="subj-claim subj-long">{shown(subject.claimedDocuments)}</td>
          <td className="subj-found subj-long">{shown(subject.findings)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** One link, its relation and confidence, with a way to take it back (and to open a subject). */
function LinkRow({
  link,
  subjectName,
  direction,
  readOnly,
}: {
  link: Link;
  subjectName: string;
  direction: 'to' | 'from';
  readOnly: boolean;
}) {
  const subjectUnlinked = useAppStore((s) => s.subjectUnlinked);
  const subjectSelected = useAppStore((s) => s.subjectSelected);
  const [error, setError] = useState<string | undefined>();
  const { busy, run } = useSubmit(setError);
  const otherId = direction === 'to' ? link.targetId : link.subjectId;
  const opensSubject = direction === 'from' || link.targetType === 'subject';
  const sentence =
    direction === 'to' && link.targetType !== 'subject' ? (
      <>
        <strong>
          <SafeText text={link.label} />
        </strong>{' '}
        <span className="subj-link__relation">
          — <SafeText text={link.relation} />
        </span>
      </>
    ) : direction === 'to' ? (
      <>
        <span className="subj-link__relation">
          <SafeText text={link.relation} />
        </span>{' '}
        <strong>
          <SafeText text={link.label} />
        </strong>
      </>
    ) : (
      <>
        <strong>
          <SafeText text={link.label} />
        </strong>{' '}
        <span className="subj-link__relation">
          <SafeText text={link.relation} />
        </span>{' '}
        <SafeText text={subjectName} />
      </>
    );
  return (
    <li className="subj-link">
      <span className="subj-link__text">
        {sentence}
        {link.confidence ? (
          <span className="chip subj-link__confidence">Confidence: {CONFIDENCE_LABELS[link.confidence]}</span>
        ) : null}
      </span>
      <span className="subj-link__actions">
        {opensSubject ? (
          <button
            type="button"
            className="button button--small"
            onClick={() => void subjectSelected(otherId)}
            aria-label={`Open ${link.label}`}
          >
            Open
          </button>
        ) : null}
        {readOnly ? null : (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            aria-label={`Unlink ${link.label} (${link.relation})`}
            onClick={() => void run(() => subjectUnlinked(link.id))}
          >
            Unlink
          </button>
        )}
      </span>
      <FormError message={error} />
    </li>
  );
}

/** Remove, after a second look: the subject and its links leave the case (the audit log keeps them). */
function RemoveSubject({ subject, onCancel }: { subject: Subject; onCancel: () => void }) {
  const subjectRemoved = useAppStore((s) => s.subjectRemoved);
  return (
    <ConfirmRemove confirmLabel="Remove subject" onKeep={onCancel} onRemove={() => subjectRemoved(subject.id)}>
      Remove <SafeText text={subject.name} /> from the case? They leave the list of subjects; links to them stay in the
      record marked as removed, and the audit log keeps everything.
    </ConfirmRemove>
  );
}

/** The subject chosen in the list, in full: identity, employment, notes and links both ways. */
export function SubjectDetailPane({
  detail,
  readOnly,
  headingRef,
}: {
  detail: SubjectDetail;
  readOnly: boolean;
  headingRef?: (el: HTMLHeadingElement | null) => void;
}) {
  const subjectEdited = useAppStore((s) => s.subjectEdited);
  const [mode, setMode] = useState<'view' | 'edit' | 'remove' | 'link'>('view');
  const { subject, links, linkedFrom } = detail;
  const employment = subject.role === 'worker' || subject.hiredOn || subject.startedOn || subject.terminatedOn;

  if (mode === 'edit') {
    return (
      <SubjectForm
        key={subject.id}
        title={`Edit ${subject.name}`}
        initial={subjectToValues(subject)}
        submitLabel="Save subject"
        onCancel={() => setMode('view')}
        onSubmit={async (values) => {
          const patch = changedFields(subject, valuesToDraft(values));
          if (Object.keys(patch).length > 0) await subjectEdited(subject.id, patch);
          setMode('view');
        }}
      />
    );
  }

  return (
    <article className="card stack subj-detail" aria-labelledby="subj-detail-title">
      <div className="subj-detail__head">
        <div>
          <h3 id="subj-detail-title" className="subj-detail__name" tabIndex={-1} ref={headingRef}>
            <SafeText text={subject.name} />
          </h3>
          <p className="muted subj-detail__role">
            {SUBJECT_ROLE_LABELS[subject.role]} · {KIND_LABELS[subject.kind]}
          </p>
          <div className="subj-badges">
            <VerdictBadge verdict={subject.identityVerdict} />
            <TlpBadge tlp={subject.tlp} />
          </div>
        </div>
        {readOnly || mode !== 'view' ? null : (
          <div className="actions actions--inline">
            <button type="button" className="button" onClick={() => setMode('edit')}>
              Edit
            </button>
            <button type="button" className="button button--danger" onClick={() => setMode('remove')}>
              Remove…
            </button>
          </div>
        )}
      </div>
      {mode === 'remove' ? <RemoveSubject subject={subject} onCancel={() => setMode('view')} /> : null}
      {subject.aliases.length > 0 ? (
        <div className="subj-aliases">
          <span className="subj-label">Also known as</span>
          <ul className="subj-alias-list">
            {subject.aliases.map((a) => (
              <li key={a} className="chip subj-alias">
                <SafeText text={a} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <IdentityTable subject={subject} />
      {employment ? (
        <section aria-labelledby="subj-employment">
          <h4 id="subj-employment" className="subj-h4">
            Employment
          </h4>
          <dl className="facts subj-facts">
            <Fact term="Hired">{subject.hiredOn ?? dash}</Fact>
            <Fact term="Started">{subject.startedOn ?? dash}</Fact>
            <Fact term="Terminated">{subject.terminatedOn ?? dash}</Fact>
            <Fact term="Manager">{shown(subject.manager)}</Fact>
          </dl>
        </section>
      ) : null}
      {subject.notes.trim() ? (
        <section aria-labelledby="subj-notes">
          <h4 id="subj-notes" className="subj-h4">
            Notes
          </h4>
          <p className="subj-notes">
            <SafeText text={subject.notes} />
          </p>
        </section>
      ) : null}
      <section aria-labelledby="subj-links">
        <div className="section-head">
          <h4 id="subj-links" className="subj-h4">
            Links
          </h4>
          {readOnly || mode === 'link' ? null : (
            <button type="button" className="button button--small" onClick={() => setMode('link')}>
              Link to…
            </button>
          )}
        </div>
        {mode === 'link' ? <SubjectLinkForm subjectId={subject.id} onDone={() => setMode('view')} /> : null}
        {links.length === 0 && linkedFrom.length === 0 ? (
          <p className="muted">
            Nothing linked yet. Link the CV and photos they sent, the accounts and wallets they used, and the people who
            helped them.
          </p>
        ) : null}
        {SUBJECT_LINK_TARGETS.map((type) => {
          const group = links.filter((l) => l.targetType === type);
          return group.length === 0 ? null : (
            <div key={type} className="subj-link-group">
              <h5 className="subj-h5">{GROUP_TITLES[type]}</h5>
              <ul className="subj-links">
                {group.map((l) => (
                  <LinkRow key={l.id} link={l} subjectName={subject.name} direction="to" readOnly={readOnly} />
                ))}
              </ul>
            </div>
          );
        })}
        {linkedFrom.length > 0 ? (
          <div className="subj-link-group">
            <h5 className="subj-h5">Linked from other subjects</h5>
            <ul className="subj-links">
              {linkedFrom.map((l) => (
                <LinkRow key={l.id} link={l} subjectName={subject.name} direction="from" readOnly={readOnly} />
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </article>
  );
}
