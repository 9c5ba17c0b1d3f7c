import { useEffect, useRef } from 'react';
import { formatHead } from '../../../shared/domain/common.ts';
import type { IntegrityState as Integrity, LastVerification } from '../../../shared/domain/overview.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { spanText, useNow } from '../clocks/countdown.ts';
import { flaggedHeadline } from '../../../shared/logic/flagReason.ts';
import './overview.css';

/** How often the case at a glance is read again while nothing changes: playbook steps and clocks fall due by the clock. */
const REREAD_MS = 60_000;

/** "2 h ago", "just now": how long ago a verification was, to the minute. */
export function agoText(at: string, now: number): string {
  const ms = now - Date.parse(at);
  return ms < 60_000 ? 'just now' : `${spanText(ms)} ago`;
}

const SOURCE_WORDS: Record<LastVerification['source'], string> = {
  app: 'in the app',
  cli: 'with custos verify',
  report: 'before a report',
  export: 'before an export',
  package: 'before a referral package',
};

/** The verdict in full, for the tooltip and the Overview. */
export function verificationDetail(last: LastVerification, zone: string): string {
  return (
    `${last.ok ? 'Intact' : 'Failed'} at ${formatZoned(last.at, zone)} (${formatZoned(last.at, 'UTC')}) ` +
    `by ${last.by} ${SOURCE_WORDS[last.source]}: ${last.summary}. Verified head ${formatHead(last.head)}.`
  );
}

const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'} since`;

/** The integrity state in a few words, as the header shows it. */
export function integrityWords(integrity: Integrity, now: number): { text: string; tone: 'ok' | 'warn' | 'fail' } {
  const last = integrity.last;
  if (integrity.status === 'failed' && last) {
    return { text: `✗ Verification failed ${agoText(last.at, now)}`, tone: 'fail' };
  }
  if (integrity.status === 'ok' && last) {
    const since = integrity.changesSince > 0 ? ` · ${changes(integrity.changesSince)}` : ' · no change since';
    return {
      text: `✓ Verified ${agoText(last.at, now)} by ${last.by}${since}`,
      tone: integrity.changesSince > 0 ? 'warn' : 'ok',
    };
  }
  return { text: 'Never verified', tone: 'warn' };
}

/**
 * The case header's integrity line, on every tab: when the case was last verified and by whom, how
 * much changed since (or that the verification failed, in red), and any exhibit whose check failed.
 * A click on the state opens the Audit log's Verify panel; on a flagged exhibit, opens the exhibit.
 * It reads the case at a glance again after every change, after every verification, and each minute.
 */
export function IntegrityState() {
  const overview = useAppStore((s) => s.overview);
  const problem = useAppStore((s) => s.overviewProblem);
  const requested = useAppStore((s) => s.overviewRequested);
  const opened = useAppStore((s) => s.overviewTargetOpened);
  const path = useAppStore((s) => s.caseInfo?.path ?? '');
  const headKey = useAppStore((s) => (s.caseInfo ? `${s.caseInfo.head.seq}:${s.caseInfo.head.hash}` : ''));
  const auditVersion = useAppStore((s) => s.auditVersion);
  const verifyReport = useAppStore((s) => s.verifyReport);
  const zone = useExaminerZone();
  const now = useNow();

  useEffect(() => {
    if (path) void requested();
  }, [path, headKey, auditVersion, verifyReport, requested]);
  useEffect(() => {
    const timer = setInterval(() => void requested(), REREAD_MS);
    return () => clearInterval(timer);
  }, [requested]);
  useVerifyPanelFocus();

  if (!overview) {
    return problem ? (
      <p className="integrity-line">
        <span className="integrity integrity--fail">Integrity state unknown: {problem}</span>
      </p>
    ) : null;
  }
  const { integrity } = overview;
  const words = integrityWords(integrity, now);
  const flagged = integrity.flagged;
  return (
    <p className="integrity-line">
      <button
        type="button"
        className={`integrity integrity--${words.tone}`}
        title={
          integrity.last
            ? `${verificationDetail(integrity.last, zone)} Open the Audit log to verify again.`
            : 'No verification of this case is known. Open the Audit log to verify it.'
        }
        onClick={() => opened({ type: 'verify' })}
      >
        <SafeText text={words.text} />
      </button>
      {flagged.length > 0 ? (
        <button
          type="button"
          className="integrity integrity--fail"
          title={flagged.map((f) => `${f.exhibit} ${f.description}: ${f.reason}`).join('\n')}
          onClick={() => opened(flagged.length === 1 ? { type: 'evidence', id: flagged[0]!.id } : { type: 'register' })}
        >
          ⚠ {flaggedHeadline(flagged)}
        </button>
      ) : null}
    </p>
  );
}

/**
 * When something asked for the Verify panel (the header, a dashboard item), the Audit log is shown
 * in the same render; its Verify button is then brought into view and focused, so Enter verifies.
 */
function useVerifyPanelFocus() {
  const asked = useAppStore((s) => s.verifyPanelAsked);
  const section = useAppStore((s) => s.section);
  const seen = useRef(asked);
  useEffect(() => {
    if (asked === seen.current || section !== 'audit') return;
    seen.current = asked;
    const panel = document.getElementById('audit-verify') ?? document.querySelector<HTMLElement>('.verify');
    panel?.scrollIntoView({ block: 'start' });
    const button = panel?.querySelector<HTMLElement>('button[type="submit"]');
    (button ?? panel)?.focus();
  }, [asked, section]);
}
