import { z } from 'zod';
import { text } from './common.ts';

export const EVIDENCE_KINDS = ['file', 'physical', 'text'] as const;
export const CUSTODY_TYPES = ['acquisition', 'transfer', 'verification', 'export', 'return', 'disposal'] as const;
export const INTEGRITY_STATES = ['unverified', 'verified', 'mismatch', 'missing'] as const;
/** Where an exhibit is now: still where it was acquired, handed to someone, returned to its owner, or disposed of. */
export const CUSTODY_STATES = ['held', 'transferred', 'returned', 'disposed'] as const;

const Kind = z.enum(EVIDENCE_KINDS);
const Integrity = z.enum(INTEGRITY_STATES);
const HashResult = z.enum(['', 'match', 'mismatch', 'missing']);

/** An item of the register as every reader sees it (the row, with whether a hold applies now). */
export const EvidenceItem = z.object({
  id: z.string(),
  exhibit: z.string(),
  kind: Kind,
  description: z.string(),
  source: z.string(),
  custodian: z.string(),
  acquiredBy: z.string(),
  witness: z.string(),
  acquiredAt: z.string(),
  acquiredZone: z.string(),
  method: z.string(),
  tool: z.string(),
  toolVersion: z.string(),
  legalBasis: z.string(),
  originalName: z.string(),
  originalPath: z.string(),
  mediaType: z.string(),
  size: z.number().nullable(),
  sha256: z.string().nullable(),
  md5: z.string().nullable(),
  sha1: z.string().nullable(),
  toolHash: z.string(),
  toolHashAlgorithm: z.string(),
  toolHashMatch: z.boolean().nullable(),
  storage: z.enum(['embedded', 'reference', 'none']),
  referencePath: z.string().nullable(),
  storageLocation: z.string(),
  parentId: z.string().nullable(),
  notes: z.string(),
  make: z.string(),
  model: z.string(),
  serialNumber: z.string(),
  assetTag: z.string(),
  condition: z.string(),
  sealNumber: z.string(),
  capturedText: z.string(),
  integrity: Integrity,
  /** Set at the first mismatch or missing file and never cleared: the item's history is tainted. */
  flagged: z.boolean(),
  lastVerifiedAt: z.string().nullable(),
  /** Whether a hold (on the item or the whole case) applies now; disposal is refused while it does. */
  legalHold: z.boolean(),
  disposed: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const CustodyEvent = z.object({
  id: z.string(),
  itemId: z.string(),
  type: z.enum(CUSTODY_TYPES),
  at: z.string(),
  zone: z.string(),
  releasedBy: z.string(),
  receivedBy: z.string(),
  purpose: z.string(),
  fromLocation: z.string(),
  toLocation: z.string(),
  sealBefore: z.string(),
  sealAfter: z.string(),
  hashResult: HashResult,
  details: z.string(),
  recordedBy: z.string(),
  createdAt: z.string(),
});
export type CustodyEvent = z.infer<typeof CustodyEvent>;

/** A hold on the whole case (no item) or on one item; released, never removed. */
export const LegalHold = z.object({
  id: z.string(),
  itemId: z.string().nullable(),
  reason: z.string(),
  placedBy: z.string(),
  placedAt: z.string(),
  releasedBy: z.string(),
  releasedAt: z.string().nullable(),
  releaseReason: z.string(),
});
export type LegalHold = z.infer<typeof LegalHold>;

export const LINK_TARGET_TYPES = ['timeline_event', 'note', 'evidence_item'] as const;
export const LinkTargetType = z.enum(LINK_TARGET_TYPES, { error: 'link to a timeline event, a note or an item' });
export type LinkTargetType = z.infer<typeof LinkTargetType>;

export const EvidenceLink = z.object({
  id: z.string(),
  itemId: z.string(),
  targetType: LinkTargetType,
  targetId: z.string(),
  relation: z.string(),
  createdAt: z.string(),
});
export type EvidenceLink = z.infer<typeof EvidenceLink>;

/** A link as the item's page shows it, with a readable name for what it points at. */
export const EvidenceLinkView = EvidenceLink.pick({
  id: true,
  targetType: true,
  targetId: true,
  relation: true,
}).extend({
  label: z.string(),
});
export type EvidenceLinkView = z.infer<typeof EvidenceLinkView>;

/**
 * Where an exhibit is now, read from its custody history (`custodyStateOf`, shared/logic/custodyState.ts).
 * Exports and verifications do not move an item, so they never change it.
 */
export const CustodyNow = z.object({
  state: z.enum(CUSTODY_STATES),
  /** Who has it: the receiver of the last hand-over or return, else whoever acquired it; '' once disposed of. */
  holder: z.string(),
  /** Since when (UTC): the time of the event that put it there; null when nothing says. */
  since: z.string().nullable(),
  /** In words, for the command line and reports: "with DC Ruiz, Metropolitan Police since 2026-11-03 15:00 UTC". */
  text: z.string(),
});
export type CustodyNow = z.infer<typeof CustodyNow>;

/** A row of the register: the item, and where it is now. */
export const RegisterItem = EvidenceItem.extend({ custodyNow: CustodyNow });
export type RegisterItem = z.infer<typeof RegisterItem>;

/** An item with its custody history and links: the item's page, headed by where the item is now. */
export const EvidenceDetail = z.object({
  item: EvidenceItem,
  custodyNow: CustodyNow,
  custody: z.array(CustodyEvent),
  links: z.array(EvidenceLinkView),
});
export type EvidenceDetail = z.infer<typeof EvidenceDetail>;

/** A file that could only fail while it was read (it changed meanwhile): the others are added. */
export const NotAdded = z.object({ path: z.string(), reason: z.string(), fix: z.string(), code: z.string() });
export type NotAdded = z.infer<typeof NotAdded>;
export const AddFilesResult = z.object({ added: z.array(EvidenceItem), notAdded: z.array(NotAdded) });
export type AddFilesResult = z.infer<typeof AddFilesResult>;

/** One item's re-hash: what was computed, against what the item records. */
export const ItemVerification = z.object({
  exhibit: z.string(),
  result: z.enum(['match', 'mismatch', 'missing']),
  detail: z.string(),
});
export type ItemVerification = z.infer<typeof ItemVerification>;

export const ExportResult = z.object({
  dir: z.string(),
  files: z.array(
    z.object({
      exhibit: z.string(),
      /** What the exhibit is, as the case records it: the recipient reads the manifest, not the case. */
      description: z.string(),
      file: z.string(),
      size: z.number(),
      sha256: z.string(),
      md5: z.string().nullable(),
      sha1: z.string().nullable(),
      /** Where the original is now, and how many custody events its history holds. */
      custody: z.string(),
    }),
  ),
  manifestJson: z.string(),
  manifestCsv: z.string(),
});
export type ExportResult = z.infer<typeof ExportResult>;
export type ExportedFile = ExportResult['files'][number];

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
  // Empty: said for the person from how the file is kept (copied into the case, or referenced).
  method: text('Method', 200).default(''),
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

/**
 * What each file of a batch is, one per file in the order the files are given: several files
 * added at once are rarely the same thing. A blank one takes the batch's shared description.
 */
export const FileDescriptions = z.array(text('Description', 2000)).max(500, { error: 'at most 500 descriptions' });

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
