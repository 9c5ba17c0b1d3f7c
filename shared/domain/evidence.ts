import { z } from 'zod';
import { text } from './common.ts';

export const EVIDENCE_KINDS = ['file', 'physical', 'text'] as const;
export const CUSTODY_TYPES = ['acquisition', 'transfer', 'verification', 'export', 'return', 'disposal'] as const;
export const INTEGRITY_STATES = ['unverified', 'verified', 'mismatch', 'missing'] as const;

export type EvidenceItem = {
  id: string;
  make: string;
  model: string;
  serialNumber: string;
  assetTag: string;
  condition: string;
  sealNumber: string;
  capturedText: string;
  exhibit: string;
  kind: (typeof EVIDENCE_KINDS)[number];
  description: string;
  source: string;
  custodian: string;
  acquiredBy: string;
  witness: string;
  acquiredAt: string;
  acquiredZone: string;
  method: string;
  tool: string;
  toolVersion: string;
  legalBasis: string;
  originalName: string;
  originalPath: string;
  mediaType: string;
  size: number | null;
  sha256: string | null;
  md5: string | null;
  sha1: string | null;
  toolHash: string;
  toolHashAlgorithm: string;
  toolHashMatch: boolean | null;
  storage: 'embedded' | 'reference' | 'none';
  referencePath: string | null;
  storageLocation: string;
  parentId: string | null;
  notes: string;
  integrity: (typeof INTEGRITY_STATES)[number];
  /** Set at the first mismatch or missing file and never cleared: the item's history is tainted. */
  flagged: boolean;
  lastVerifiedAt: string | null;
  /** Whether a hold (on the item or the whole case) applies now; disposal is refused while it does. */
  legalHold: boolean;
  disposed: boolean;
  createdAt: string;
  updatedAt: string;
};

export type CustodyEvent = {
  id: string;
  itemId: string;
  type: (typeof CUSTODY_TYPES)[number];
  at: string;
  zone: string;
  releasedBy: string;
  receivedBy: string;
  purpose: string;
  fromLocation: string;
  toLocation: string;
  sealBefore: string;
  sealAfter: string;
  hashResult: '' | 'match' | 'mismatch' | 'missing';
  details: string;
  recordedBy: string;
  createdAt: string;
};

const HEX = /^[0-9a-fA-F]+$/;

/** Who, when, where from and on what authority: asked of every kind of evidence. */
const acquisition = {
  description: text('Description', 2000).min(1, { error: 'Description is required' }),
  source: text('Source', 500).default(''),
  custodian: text('Custodian', 200).default(''),
  acquiredBy: text('Acquired by', 200).optional(),
  witness: text('Witness', 200).default(''),
  acquiredAt: text('Acquisition time', 60).optional(),
  acquiredZone: text('Acquisition time zone', 64).optional(),
  legalBasis: text('Legal basis', 300).default(''),
  storageLocation: text('Storage location', 300).default(''),
  notes: text('Notes', 5000).default(''),
};

/** What a person says about a file when it is logged; the bytes give the rest. */
export const FileEvidenceDraft = z.object({
  ...acquisition,
  // The file's own name describes it when a person adds nothing.
  description: text('Description', 2000).default(''),
  method: text('Method', 200).default('Logical copy of the file'),
  tool: text('Tool', 200).optional(),
  toolVersion: text('Tool version', 60).optional(),
  toolHash: text('Tool-reported hash', 128)
    .refine((v) => v === '' || HEX.test(v), { error: 'Tool-reported hash must be hexadecimal' })
    .default(''),
  toolHashAlgorithm: z
    .enum(['', 'md5', 'sha1', 'sha256'], { error: 'tool hash algorithm must be md5, sha1 or sha256' })
    .default(''),
  md5: z.boolean().default(false),
  sha1: z.boolean().default(false),
  byReference: z.boolean().optional(),
  /** The item this one was derived from (an exported mailbox from a disk image…): id or exhibit. */
  derivedFrom: text('Derived from', 64).optional(),
  /** Same bytes already in the case: refuse (default) or record a second item linked to them. */
  onDuplicate: z.enum(['refuse', 'link']).default('refuse'),
});
export type FileEvidenceDraft = z.input<typeof FileEvidenceDraft>;

export const CustodyTransferDraft = z.object({
  /** A hand-over to someone else, or the item going back to its owner (a laptop to the employee's lawyer). */
  kind: z.enum(['transfer', 'return'], { error: 'kind must be transfer or return' }).default('transfer'),
  from: text('From', 200).min(1, { error: 'From (who releases the item) is required' }),
  to: text('To', 200).min(1, { error: 'To (who receives the item) is required' }),
  purpose: text('Purpose', 500).min(1, { error: 'Purpose is required' }),
  fromLocation: text('From location', 300).default(''),
  toLocation: text('To location', 300).default(''),
  sealBefore: text('Seal before', 100).default(''),
  sealAfter: text('Seal after', 100).default(''),
  at: text('Time', 60).optional(),
  zone: text('Time zone', 64).optional(),
  details: text('Details', 2000).default(''),
  /** Re-hash the item as part of the hand-over and record the result. */
  checkHash: z.boolean().default(false),
});
export type CustodyTransferDraft = z.input<typeof CustodyTransferDraft>;

/** A thing with no bytes in the case: the laptop back from a laptop farm, a phone, a KVM switch. */
export const PhysicalEvidenceDraft = z.object({
  ...acquisition,
  make: text('Make', 120).default(''),
  model: text('Model', 120).default(''),
  serialNumber: text('Serial number', 120).default(''),
  assetTag: text('Asset tag', 120).default(''),
  condition: text('Condition', 1000).default(''),
  sealNumber: text('Seal or bag number', 120).default(''),
  method: text('Method', 200).default('Seized and sealed'),
});
export type PhysicalEvidenceDraft = z.input<typeof PhysicalEvidenceDraft>;

/** Words captured on the spot (a chat message read aloud on a call), with who captured them and how. */
export const TextEvidenceDraft = z.object({
  ...acquisition,
  capturedText: text('Captured text', 100_000).min(1, { error: 'Captured text is required' }),
  method: text('How it was captured', 200).min(1, { error: 'Say how the text was captured' }),
});
export type TextEvidenceDraft = z.input<typeof TextEvidenceDraft>;

export const HoldDraft = z.object({
  /** An item id or exhibit number; absent for a hold on the whole case. */
  item: text('Item', 64).optional(),
  reason: text('Reason', 1000).min(1, {
    error: 'Say why the hold is placed (e.g. litigation expected, police request)',
  }),
});
export type HoldDraft = z.input<typeof HoldDraft>;

export const DisposalDraft = z.object({
  method: text('Method', 300).min(1, {
    error: 'Say how it was disposed of (returned to owner, securely erased, destroyed…)',
  }),
  reason: text('Reason', 1000).min(1, { error: 'Reason is required' }),
  authorisedBy: text('Authorised by', 200).min(1, { error: 'Authorised by is required' }),
});
export type DisposalDraft = z.input<typeof DisposalDraft>;
