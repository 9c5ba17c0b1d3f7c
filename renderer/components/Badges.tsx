import type { Tlp } from '../../shared/domain/case.ts';
import type { AccessItem, StepState } from '../../shared/domain/playbook.ts';

export function TlpBadge({ tlp }: { tlp: Tlp }) {
  const cls = tlp.toLowerCase().replace('+', '-');
  return (
    <span className={`tlp tlp--${cls}`} title={`Traffic Light Protocol: ${tlp}`}>
      TLP:{tlp}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status status--${status}`}>{status}</span>;
}

export function PrivilegedBadge() {
  return <span className="badge badge--privileged">Privileged</span>;
}

const STEP_STATE_LABELS: Record<StepState, string> = {
  pending: 'Pending',
  in_progress: 'In progress',
  done: 'Done',
  skipped: 'Skipped',
  blocked: 'Blocked',
  not_applicable: 'Not applicable',
  observed: 'Observed',
  not_observed: 'Not observed',
  unknown: 'Unknown',
};
export const stepStateLabel = (state: StepState) => STEP_STATE_LABELS[state];

/** A playbook step's state in words, coloured by whether it still needs someone. */
export function StepStateBadge({ state }: { state: StepState }) {
  return <span className={`step-state step-state--${state.replace('_', '-')}`}>{STEP_STATE_LABELS[state]}</span>;
}

const ACCESS_STATUS_LABELS: Record<AccessItem['status'], string> = {
  active: 'Active',
  revoked: 'Revoked',
  verified_dead: 'Verified dead',
  not_applicable: 'Not applicable',
};
export const accessStatusLabel = (status: AccessItem['status']) => ACCESS_STATUS_LABELS[status];

/** An access item's status in words: still active is the warning, cut (or checked dead) is fine. */
export function AccessStatusBadge({ status }: { status: AccessItem['status'] }) {
  return (
    <span className={`access-status access-status--${status.replace('_', '-')}`}>{ACCESS_STATUS_LABELS[status]}</span>
  );
}
