import type { AuditEntry } from '../domain/audit.ts';

/**
 * An audit entry as a sentence a person reads ("Dana Whitfield marked note 'Call with counsel'
 * privileged"), for the Audit log, the Overview's latest activity and the CLI.
 * OWNER: the audit helper fills this in; the signature is agreed.
 */
export function describeAuditEntry(entry: AuditEntry): string {
  return `${entry.actor.name} ${entry.action}`;
}
