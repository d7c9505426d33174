// Conformance with NENA's published EIDO schema (NENA-STA-021.1b, fixtures/eido/nena): what
// toEidoIncidentUpdate writes, our fixtures, and NENA's own samples going through fromEido.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { IncidentType, dispatchStatuses } from '@peerlink/sdk';
import type { CallForServiceInput, TimelineEntry } from '@peerlink/sdk';
import { EidoImportError, fromEido, toEidoIncidentUpdate } from '@peerlink/sdk/eido';
import type { ToEidoOptions } from '@peerlink/sdk/eido';
import { EidoDocument, EidoIncidentUpdate } from '../../src/schema/eido.js';
import { eidoJsonSchema, eidoValidator, nenaFile } from './nena-schema.js';
import type { EidoIssue } from './nena-schema.js';
import { dispatchFor, fixture, fixturesFolder, ids, steps } from './support.js';
import { problemsOf, thrown } from '../support/thrown.js';

const validator = eidoValidator();
const describeIssues = (issues: readonly EidoIssue[]) =>
  issues.map((issue) => `${issue.path || '(document)'} ${issue.message}`);
/** Every way the document falls short of NENA's schema, fields it does not define included. */
const issuesOf = (document: unknown) => describeIssues(validator.closed(document));

const fixtureNames = readdirSync(fixturesFolder)
  .filter((name) => name.endsWith('.json'))
  .sort();
const fixtureCall = (name: string) => fromEido(fixture(name));

const callTransfer = 'Samples/Sample call transfer EIDO.json';
const superseded = 'Samples-superseded/Sample_EIDO.json';

const importErrors = (document: unknown) =>
  problemsOf(thrown(EidoImportError, () => fromEido(document), 'expected fromEido to refuse the document'));

describe('the NENA schema validator', () => {
  it('translates NENA’s YAML with only the two known slips repaired', () => {
    const { translation } = eidoJsonSchema({ closed: false });
    assert.deepEqual(translation, {
      repairedCounts: ['AgentType/allOf/1/properties/agentRoleRegistryText/minItems: "1," read as 1'],
      repairedRefs: [
        'VehicleInformationType/allOf/1/properties/jCommercialVehicleComponent: NIEMComponents//j.yaml#/components/schemas/jCommercialVehicleType',
      ],
    });
  });

  it('rejects a known-bad document, each fault at its path', () => {
    const eido = nenaFile(callTransfer);
    assert.deepEqual(issuesOf(eido), []);
    const [agency] = eido.agencyComponent as Record<string, unknown>[];
    assert.ok(agency);
    delete agency.updatedByAgencyReference;
    agency.organizationIdentification = 'state.pa.us';
    const [call] = eido.callComponent as Record<string, unknown>[];
    assert.ok(call);
    call.direction = 'sideways';
    call.callStartTimestamp = 'yesterday';
    delete eido.eidoVersion;
    eido.incidentComponent = {
      $id: 'i',
      lastUpdateTimeStamp: '2021-04-30T14:43:49-04:00',
      updatedByAgencyReference: { $ref: 'state.pa.us' },
    };
    assert.deepEqual(issuesOf(eido).sort(), [
      '(document) lacks eidoVersion',
      '/agencyComponent/0 has organizationIdentification, which the schema does not define',
      '/agencyComponent/0 lacks updatedByAgencyReference',
      '/callComponent/0/callStartTimestamp must match format "date-time"',
      '/callComponent/0/direction must be equal to one of the allowed values',
      '/incidentComponent lacks incidentTypeCommonRegistryText',
    ]);
    // As published, objects are open: only the invented field goes unnoticed.
    assert.equal(validator.published(eido).length, 5);
  });

  it('checks NIEM types too (a person’s given names are a list)', () => {
    const eido = nenaFile(callTransfer);
    const [person] = eido.personComponent as Record<string, unknown>[];
    assert.ok(person);
    person.ncPersonComponent = { name: [{ personGivenName: 'Jane' }] };
    assert.deepEqual(issuesOf(eido), ['/personComponent/0/ncPersonComponent/name/0/personGivenName must be array']);
  });
});

const leadInvestigator = {
  name: 'Casey Investigator',
  role: 'law-enforcement',
  agencyName: 'Springfield Police Department',
} as const;
const calls = IncidentType.options.flatMap((type) =>
  [false, true].flatMap((withPoint) =>
    [false, true].map((withInvestigator): CallForServiceInput => ({
      externalId: `CAD-2026-${type}`,
      type,
      location: { address: '1200 Elm St, Springfield, IL', ...(withPoint ? { lat: 39.7817, lon: -89.6501 } : {}) },
      receivedAt: '2026-11-22T14:05:00-06:00',
      ...(withInvestigator ? { leadInvestigator } : {}),
      notes: 'Caller reports adult unresponsive',
      cautions: ['Large dog on premises'],
    })),
  ),
);
const optionSets: ToEidoOptions[] = [
  {},
  { resourceType: 'PeerSupport' },
  {
    issuingElementIdentification: 'peers.springfield.example',
    agencyIdentifier: 'peers.springfield.example',
    unitName: 'PEER 1',
    resourceType: 'PeerSupport',
    resourceAttributes: ['Peer'],
    agencyType: ['police.local'],
    unitStatuses: { 'en-route': 'Responding' },
    incidentTypeCodes: { 'overdose-fatal': 'DOA' },
  },
];

function assertConforms(update: unknown, label: string): void {
  assert.deepEqual(issuesOf(update), [], label);
  // Still our own contract, and still an EIDO our reader takes.
  assert.ok(EidoIncidentUpdate.safeParse(update).success, label);
  assert.ok(EidoDocument.safeParse(update).success, label);
}

describe('toEidoIncidentUpdate writes valid EIDO', () => {
  it('for every call type, with and without coordinates and a lead investigator, with and without the CAD’s registry values', () => {
    let checked = 0;
    for (const call of calls) {
      for (const options of optionSets) {
        const update = toEidoIncidentUpdate(dispatchFor(call), options);
        assertConforms(update, `${call.type} ${JSON.stringify(options)}`);
        assert.ok(!JSON.stringify(update).includes(leadInvestigator.name));
        checked += 1;
      }
    }
    assert.equal(checked, 6 * 2 * 2 * optionSets.length);
  });

  it('for an update at each dispatch status', () => {
    for (const status of dispatchStatuses) {
      const timeline: TimelineEntry[] = [
        ...steps,
        { status, at: '2026-11-22T14:20:00-06:00', actor: { kind: 'system' } },
      ];
      assertConforms(toEidoIncidentUpdate(dispatchFor(calls[0] ?? assert.fail('no call'), timeline)), status);
    }
  });

  it('for every call our fixtures import as, and the CAD echoing the update still reads back', () => {
    for (const name of fixtureNames) {
      const call = fromEido(fixture(name.replace(/\.json$/, '')));
      const update = toEidoIncidentUpdate(dispatchFor(call));
      assertConforms(update, name);
      const echoed = { ...fixture(name.replace(/\.json$/, '')), $id: update.$id };
      assert.equal(fromEido(echoed).externalId, call.externalId, name);
    }
  });

  it('names the unit’s registry values, with the local code NENA asks for beside `Other`', () => {
    const [unit] = toEidoIncidentUpdate(dispatchFor(fixtureCall('overdose'))).emergencyResourceComponent;
    assert.deepEqual(
      [
        unit?.emergencyResourceTypeCommonRegistryText,
        unit?.resourceAttributeRegistryText,
        unit?.resourceAttributeInternalText,
        unit?.agentReference,
      ],
      ['Other', ['Other'], ['peer-support'], []],
    );
    const [told] = toEidoIncidentUpdate(dispatchFor(fixtureCall('overdose')), {
      resourceAttributes: ['Peer'],
    }).emergencyResourceComponent;
    assert.equal(told?.resourceAttributeInternalText, undefined);
    assert.ok(!JSON.stringify(told).includes(ids.specialist));
  });
});

/** Our fixtures that are deliberately not EIDO 1.0, and why; README.md lists the same. */
const deliberatelyInvalid: Record<string, string[]> = {
  // The draft shape (before NENA-STA-021.1a) that deployed CADs still send and fromEido reads.
  'overdose-fatal.json': [
    '(document) lacks eidoVersion',
    '/incidentComponent must be object',
    '(document) has EIDOVersion, which the schema does not define',
    '(document) has incidentTrackingIdentifier, which the schema does not define',
    '(document) has locationInformationComponent, which the schema does not define',
  ],
};

describe('our EIDO fixtures', () => {
  for (const name of fixtureNames) {
    const expected = deliberatelyInvalid[name] ?? [];
    it(`${name} is ${expected.length ? 'deliberately invalid, for the stated reasons only' : 'valid EIDO'}`, () => {
      assert.deepEqual(issuesOf(fixture(name.replace(/\.json$/, ''))).sort(), [...expected].sort());
    });
  }

  it('lists only fixtures that exist', () => {
    for (const name of Object.keys(deliberatelyInvalid)) assert.ok(fixtureNames.includes(name), name);
  });
});

describe('NENA’s published samples', () => {
  it('the call transfer sample is valid EIDO, and fromEido refuses it for want of an incident type', () => {
    const eido = nenaFile(callTransfer);
    assert.deepEqual(issuesOf(eido), []);
    assert.deepEqual(importErrors(eido), [
      {
        path: 'incidentComponent',
        message:
          'Required: an incident with its type (incidentTypeCommonRegistryText); a call-out needs the incident type',
      },
    ]);
  });

  it('the call transfer sample imports once the PSAP has typed the incident', () => {
    const eido = nenaFile(callTransfer);
    eido.incidentComponent = {
      $id: 'urn:emergency:uid:incidentid:a56e556d871:bcf.state.pa.us:incident',
      lastUpdateTimeStamp: '2021-04-30T14:43:49.439-04:00',
      updatedByAgencyReference: { $ref: 'state.pa.us' },
      incidentTypeCommonRegistryText: 'OD',
    };
    assert.deepEqual(issuesOf(eido), []);
    assert.deepEqual(fromEido(eido), {
      externalId: 'urn:emergency:uid:incidentid:a56e556d871:bcf.state.pa.us',
      type: 'overdose-nonfatal',
      // The routing location's civic address; the caller's location is only by reference.
      location: { address: '42 W Cellular Street, Wilmington, DE' },
      receivedAt: '2021-04-30T14:40:00.0-04:00',
      notes: 'CAD type: OD',
    });
  });

  it('the superseded draft sample is not EIDO 1.0, and fromEido refuses it for want of a call time', () => {
    const eido = nenaFile(superseded);
    const issues = issuesOf(eido);
    for (const draft of [
      '(document) lacks eidoVersion',
      '(document) has EIDOVersion, which the schema does not define',
      '/incidentComponent must be object',
    ]) {
      assert.ok(issues.includes(draft), `${draft} in ${JSON.stringify(issues)}`);
    }
    assert.deepEqual(importErrors(eido), [
      {
        path: 'callComponent',
        message: 'Required: when the call came in (callStartTimestamp, else the incident’s lastUpdateTimeStamp)',
      },
    ]);
  });
});
