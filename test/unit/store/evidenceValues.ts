import type { EvidenceItem } from '../../../shared/domain/evidence.ts';
import type { CustodyValues } from '../../../electron/core/store/tables/custodyEvents.ts';
import type { NewBlob } from '../../../electron/core/store/tables/evidenceBlobs.ts';
import type { ItemValues } from '../../../electron/core/store/tables/evidenceItems.ts';
import { recordEvidence } from '../../../electron/core/store/tables/evidenceWrites.ts';
import type { MemoryCase } from './memoryCase.ts';

/** A fixed, readable UUID: uuid(7) is 00000000-0000-4000-8000-000000000007. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A physical item as a service would describe it (a sealed laptop). */
export function physicalItem(overrides: Partial<ItemValues> = {}): ItemValues {
  return {
    kind: 'physical',
    description: 'Contractor laptop, sealed in bag S-1042',
    source: 'Desk 4F-17',
    custodian: 'J. Kim',
    acquiredBy: 'Dana Whitfield',
    witness: 'R. Osei',
    acquiredAt: '2026-11-02T08:30:00.000Z',
    acquiredZone: 'Asia/Seoul',
    method: 'Seized and sealed',
    tool: '',
    toolVersion: '',
    legalBasis: 'Employment contract §12',
    originalName: '',
    originalPath: '',
    mediaType: '',
    size: null,
    sha256: null,
    md5: null,
    sha1: null,
    toolHash: '',
    toolHashAlgorithm: '',
    toolHashMatch: null,
    storage: 'none',
    blobId: null,
    referencePath: null,
    storageLocation: 'Evidence locker 2',
    parentId: null,
    notes: '',
    make: 'Lenovo',
    model: 'T14',
    serialNumber: 'PF-3X9K2',
    assetTag: 'NW-00417',
    condition: 'Powered off',
    sealNumber: 'S-1042',
    capturedText: '',
    integrity: 'unverified',
    flagged: false,
    lastVerifiedAt: null,
    disposed: false,
    ...overrides,
  };
}

/** A file stored in the case (`blob` names its bytes, stored or already there). */
export function storedFileItem(blob: NewBlob, overrides: Partial<ItemValues> = {}): ItemValues {
  return physicalItem({
    kind: 'file',
    description: 'VPN log export',
    method: 'Logical copy of the file',
    tool: 'Custos',
    toolVersion: '0.1.0',
    originalName: 'vpn.log',
    originalPath: '/mnt/usb/vpn.log',
    mediaType: 'text/plain',
    size: blob.size,
    sha256: blob.sha256,
    md5: blob.md5,
    sha1: blob.sha1,
    toolHash: blob.sha256,
    toolHashAlgorithm: 'sha256',
    toolHashMatch: true,
    storage: 'embedded',
    blobId: blob.id,
    storageLocation: 'Stored in the case file',
    make: '',
    model: '',
    serialNumber: '',
    assetTag: '',
    condition: '',
    sealNumber: '',
    integrity: 'verified',
    lastVerifiedAt: '2026-11-02T09:00:00.000Z',
    ...overrides,
  });
}

/** A custody event's values; an acquisition unless told otherwise. */
export function custodyValues(overrides: Partial<CustodyValues> = {}): CustodyValues {
  return {
    type: 'acquisition',
    at: '2026-11-02T08:30:00.000Z',
    zone: 'Asia/Seoul',
    releasedBy: 'J. Kim',
    receivedBy: 'Dana Whitfield',
    purpose: 'Acquisition',
    fromLocation: 'Desk 4F-17',
    toLocation: 'Evidence locker 2',
    sealBefore: '',
    sealAfter: 'S-1042',
    hashResult: '',
    details: 'Seized and sealed; witnessed by R. Osei',
    recordedBy: 'Dana Whitfield',
    ...overrides,
  };
}

/**
 * Logs an item as the services do (recordEvidence: its bytes if new, the item, its acquisition),
 * with ids item n and custody event 1000 + n.
 */
export function logItem(mc: MemoryCase, n: number, item: ItemValues, blob: NewBlob | null = null): EvidenceItem {
  return recordEvidence(mc.caseDb, mc.ctx, {
    id: uuid(n),
    blob,
    item,
    acquisition: { id: uuid(1000 + n), values: custodyValues() },
  });
}
