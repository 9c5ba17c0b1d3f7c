import type { Tlp } from '../../shared/domain/case.ts';

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
