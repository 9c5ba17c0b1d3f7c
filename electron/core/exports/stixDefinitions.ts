import type { Tlp } from '../../../shared/domain/case.ts';

/**
 * Published STIX objects a Custos bundle carries as they were published, never rewritten: an object
 * is known by its id, and two different objects with one id and one `modified` time would be a
 * conflict for every consumer that has seen the original.
 */

export type StixObject = { type: string; id: string; [property: string]: unknown };

/** The TLP 2.0 extension every TLP 2.0 marking definition uses. */
export const TLP_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/**
 * The official TLP 2.0 marking definitions: ids from the OASIS CTI TC's common objects
 * (oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0). Several public
 * copies carry mistyped ids; these are checked against that source in test/unit/stix.test.ts.
 */
export const TLP_MARKING_IDS: Readonly<Record<Tlp, string>> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** The marking-definition object of a TLP 2.0 level, as the OASIS CTI TC published it. */
export function tlpMarking(tlp: Tlp): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp}`,
    extensions: {
      [TLP_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: tlp.toLowerCase() },
    },
  };
}

/**
 * The TLP 2.0 extension definition, as published in oasis-open/cti-stix-common-objects
 * (objects/extension-definition/extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json).
 */
export const TLP_EXTENSION: StixObject = {
  id: TLP_EXTENSION_ID,
  type: 'extension-definition',
  spec_version: '2.1',
  name: 'TLP 2.0',
  description: 'This defines TLP 2.0 as a STIX extension',
  created: '2022-10-01T00:00:00.000Z',
  modified: '2022-10-01T00:00:00.000Z',
  created_by_ref: 'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01',
  schema:
    'https://github.com/oasis-open/cti-stix-common-objects/tree/master/extension-definition-specifications/tlp-2.0',
  version: '1.0.0',
  extension_types: ['property-extension'],
};

/**
 * Observable types STIX 2.1 lacks, as the extension-defined SCOs of muchdogesec/stix2extensions
 * (the definitions OpenCTI and the reference library's users share): a cryptocurrency wallet
 * (`value`, the address), a phone number (`value`, E.164 digits) and a bank account (`iban`). Each
 * definition is copied as published (automodel_generated/extension-definitions/scos/, commits
 * 3324e147 and 64f8c7c1); their `object_marking_refs` name TLP:CLEAR, which every bundle holding
 * them therefore carries, and the publisher's own statement marking, which it does not.
 */
export const EXTENSION_SCOS = {
  'cryptocurrency-wallet': {
    type: 'extension-definition',
    spec_version: '2.1',
    id: 'extension-definition--be78509e-6958-51b1-8b26-d17ee0eba2d7',
    created_by_ref: 'identity--9779a2db-f98c-5f4b-8d08-8ee04e02dbb5',
    created: '2020-01-01T00:00:00.000Z',
    modified: '2020-01-01T00:00:00.000Z',
    name: 'CryptocurrencyWallet',
    schema:
      'https://raw.githubusercontent.com/muchdogesec/stix2extensions/main/automodel_generated/schemas/scos/cryptocurrency-wallet.json',
    version: '1.0',
    extension_types: ['new-sco'],
    object_marking_refs: [
      'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
      'marking-definition--60c0f466-511a-5419-9f7e-4814e696da40',
    ],
  },
  'phone-number': {
    type: 'extension-definition',
    spec_version: '2.1',
    id: 'extension-definition--14a97ee2-e666-5ada-a6bd-b7177f79e211',
    created_by_ref: 'identity--9779a2db-f98c-5f4b-8d08-8ee04e02dbb5',
    created: '2020-01-01T00:00:00.000Z',
    modified: '2020-01-01T00:00:00.000Z',
    name: 'Phonenumber',
    schema:
      'https://raw.githubusercontent.com/muchdogesec/stix2extensions/main/automodel_generated/schemas/scos/phone-number.json',
    version: '1.0',
    extension_types: ['new-sco'],
    object_marking_refs: [
      'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
      'marking-definition--60c0f466-511a-5419-9f7e-4814e696da40',
    ],
  },
  'bank-account': {
    type: 'extension-definition',
    spec_version: '2.1',
    id: 'extension-definition--f19f3291-6a84-5674-b311-d75a925d5bd9',
    created_by_ref: 'identity--9779a2db-f98c-5f4b-8d08-8ee04e02dbb5',
    created: '2020-01-01T00:00:00.000Z',
    modified: '2020-01-01T00:00:00.000Z',
    name: 'BankAccount',
    schema:
      'https://raw.githubusercontent.com/muchdogesec/stix2extensions/main/automodel_generated/schemas/scos/bank-account.json',
    version: '1.0',
    extension_types: ['new-sco'],
    object_marking_refs: [
      'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
      'marking-definition--60c0f466-511a-5419-9f7e-4814e696da40',
    ],
  },
} as const satisfies Record<string, StixObject>;

export type ExtensionScoType = keyof typeof EXTENSION_SCOS;

/** The `extensions` property an SCO of an extension-defined type carries. */
export function newScoExtension(type: ExtensionScoType): Record<string, { extension_type: 'new-sco' }> {
  return { [EXTENSION_SCOS[type].id]: { extension_type: 'new-sco' } };
}

/** TLP levels from least to most restrictive: an object made from several records takes the strictest. */
export const TLP_ORDER: readonly Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

export function strictest(...levels: Tlp[]): Tlp {
  return levels.reduce((a, b) => (TLP_ORDER.indexOf(b) > TLP_ORDER.indexOf(a) ? b : a));
}
