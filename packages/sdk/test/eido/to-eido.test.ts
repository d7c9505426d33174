import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dispatchStatuses } from '@peerlink/sdk';
import type { CallForServiceInput, DispatchStatus, TimelineEntry } from '@peerlink/sdk';
import { fromEido, incidentTrackingId, toEidoIncidentUpdate, unitStatuses } from '@peerlink/sdk/eido';
import { EidoIncidentUpdate } from '../../src/schema/eido.js';
import { nenaFile } from './nena-schema.js';
import { dispatchFor, fixture, ids, steps } from './support.js';

function valid(update: unknown): EidoIncidentUpdate {
  const parsed = EidoIncidentUpdate.safeParse(update);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  return parsed.data;
}

describe('toEidoIncidentUpdate', () => {
  it('reports the peer-support unit on the incident the CAD sent, step by step', () => {
    const update = valid(toEidoIncidentUpdate(dispatchFor(fromEido(fixture('overdose')))));
    assert.equal(update.$id, 'urn:emergency:uid:incidentid:7c41e0a2d9:psap.springfield.example');
    assert.equal(update.lastUpdateTimeStamp, '2026-11-22T14:09:00-06:00');
    assert.equal(update.incidentComponent.incidentTypeCommonRegistryText, 'OD');
    assert.equal(update.incidentComponent.incidentTypeInternalText, 'overdose-nonfatal');
    const [unit] = update.emergencyResourceComponent;
    assert.ok(unit);
    assert.equal(unit.emergencyResourceName, 'Peer support');
    assert.equal(unit.primaryUnitStatusRegistryText, 'Enroute');
    assert.deepEqual(unit.unitStatusInternal, ['en-route']);
    const [dispatched] = update.dispatchComponent;
    assert.ok(dispatched);
    assert.deepEqual(dispatched.emergencyResourceReference, [{ $ref: unit.$id }]);
    assert.deepEqual(dispatched.agencyReference, { $ref: update.agencyComponent[0]?.$id });
    assert.deepEqual(
      update.notesComponent.map((note) => [note.lastUpdateTimeStamp, note.notesActionComments]),
      [
        ['2026-11-22T14:06:00-06:00', 'Peer support requested'],
        ['2026-11-22T14:06:01-06:00', 'Peer notified'],
        ['2026-11-22T14:07:30-06:00', 'Peer acknowledged the call-out'],
        ['2026-11-22T14:09:00-06:00', 'Peer en route: ETA &lt;15&gt; min &amp; parking on Elm'],
      ],
    );
    assert.deepEqual(
      unit.notesReference,
      update.notesComponent.map((note) => ({ $ref: note.$id })),
    );
  });

  it('keeps the tracking id through import and export, for every fixture', () => {
    for (const [name, urn] of [
      ['overdose', 'urn:emergency:uid:incidentid:7c41e0a2d9:psap.springfield.example'],
      ['overdose-fatal', 'urn:emergency:uid:incidentid:0192ff:psap.springfield.example'],
      // Longer than externalId may be: recovered from the line fromEido kept in notes.
      [
        'suicide-threat',
        'urn:emergency:uid:incidentid:2026-11-22-000451-7f0e9b1c2d3a4e5f:cad-primary.psap.springfield.example',
      ],
      ['welfare-check', 'urn:emergency:uid:incidentid:wc-3391:psap.springfield.example'],
      ['edp', 'urn:emergency:uid:incidentid:edp-88:psap.springfield.example'],
      ['drugs', 'urn:emergency:uid:incidentid:dr-204:psap.springfield.example'],
      ['unknown-type', 'urn:emergency:uid:incidentid:ms-77:psap.springfield.example'],
    ] as const) {
      const call = fromEido(fixture(name));
      const update = valid(toEidoIncidentUpdate(dispatchFor(call)));
      assert.equal(update.$id, urn, name);
      assert.equal(update.incidentComponent.internalIncidentId, call.externalId, name);
    }
  });

  it('reads back as the same incident when the CAD echoes the update', () => {
    const call = fromEido(fixture('suicide-threat'));
    const update = toEidoIncidentUpdate(dispatchFor(call));
    // An update has no location or call of its own; the CAD answers with its incident.
    const echoed = { ...fixture('suicide-threat'), $id: update.$id };
    assert.equal(fromEido(echoed).externalId, call.externalId);
  });

  it('maps every dispatch status to a unit status', () => {
    for (const status of dispatchStatuses) {
      const timeline = [{ ...steps[0], status, at: '2026-11-22T14:06:00-06:00' } as TimelineEntry];
      const update = valid(toEidoIncidentUpdate(dispatchFor(fromEido(fixture('edp')), timeline)));
      assert.equal(update.emergencyResourceComponent[0]?.primaryUnitStatusRegistryText, unitStatuses[status], status);
    }
    const statuses: Record<DispatchStatus, string> = { ...unitStatuses };
    assert.deepEqual(Object.keys(statuses).sort(), [...dispatchStatuses].sort());
  });

  it('takes the CAD’s own registry values and identifiers', () => {
    const update = valid(
      toEidoIncidentUpdate(dispatchFor(fromEido(fixture('overdose-fatal'))), {
        issuingElementIdentification: 'peers.springfield.example',
        agencyIdentifier: 'peers.springfield.example',
        unitName: 'PEER 1',
        resourceType: 'PeerSupport',
        unitStatuses: { 'en-route': 'Responding' },
        incidentTypeCodes: { 'overdose-fatal': 'DOA' },
      }),
    );
    assert.equal(update.issuingElementIdentification, 'peers.springfield.example');
    assert.equal(update.agencyComponent[0]?.$id, 'peers.springfield.example');
    assert.equal(update.incidentComponent.incidentTypeCommonRegistryText, 'DOA');
    assert.deepEqual(
      update.emergencyResourceComponent.map((unit) => [
        unit.emergencyResourceName,
        unit.emergencyResourceTypeCommonRegistryText,
        unit.primaryUnitStatusRegistryText,
      ]),
      [['PEER 1', 'PeerSupport', 'Responding']],
    );
  });

  it('gives a call that did not come from an EIDO a tracking id in NENA’s form, unless told', () => {
    const call: CallForServiceInput = {
      externalId: 'CAD-2026-118842',
      type: 'welfare-check',
      location: { address: '1200 Elm St, Springfield' },
      receivedAt: '2026-11-22T14:05:00-06:00',
    };
    const update = valid(toEidoIncidentUpdate(dispatchFor(call)));
    assert.equal(update.$id, 'urn:emergency:uid:incidentid:CAD-2026-118842:peerlink');
    // The CAD's own number stays where NENA puts it.
    assert.equal(update.incidentComponent.internalIncidentId, 'CAD-2026-118842');
    const named = valid(
      toEidoIncidentUpdate(dispatchFor(call), { issuingElementIdentification: 'peers.springfield.example' }),
    );
    assert.equal(named.$id, 'urn:emergency:uid:incidentid:CAD-2026-118842:peers.springfield.example');
    assert.equal(named.issuingElementIdentification, 'peers.springfield.example');
    // The same call gives the same identifier in every update.
    assert.equal(toEidoIncidentUpdate(dispatchFor(call, steps.slice(0, 2))).$id, update.$id);
    const told = toEidoIncidentUpdate(dispatchFor(call), {
      incidentTrackingIdentifier: 'urn:emergency:uid:incidentid:118842:cad.example',
    });
    assert.equal(told.$id, 'urn:emergency:uid:incidentid:118842:cad.example');
  });

  it('builds the tracking id in the form of NENA’s sample, escaping what would break it', () => {
    const sample = nenaFile('Samples/Sample call transfer EIDO.json');
    assert.equal(incidentTrackingId('a56e556d871', 'bcf.state.pa.us'), sample.$id);
    assert.equal(
      incidentTrackingId('2026/118 842:B', 'peers.springfield.example'),
      'urn:emergency:uid:incidentid:2026%2F118%20842%3AB:peers.springfield.example',
    );
    const call: CallForServiceInput = { ...fromEido(fixture('edp')), externalId: 'INC 7:2' };
    assert.equal(
      toEidoIncidentUpdate(dispatchFor({ ...call, notes: undefined })).$id,
      'urn:emergency:uid:incidentid:INC%207%3A2:peerlink',
    );
  });

  it('echoes a tracking id the CAD sent in another form than NENA’s, kept by fromEido', () => {
    const eido = fixture('edp');
    eido.$id = 'PSAP-2026-000451';
    const call = fromEido(eido);
    assert.equal(call.externalId, 'PSAP-2026-000451');
    assert.ok((call.notes ?? '').startsWith('EIDO incident: PSAP-2026-000451\n'));
    assert.equal(valid(toEidoIncidentUpdate(dispatchFor(call))).$id, 'PSAP-2026-000451');
  });

  it('carries no names, contacts or narratives', () => {
    const update = toEidoIncidentUpdate(dispatchFor(fromEido(fixture('overdose'))));
    const text = JSON.stringify(update);
    assert.ok(!text.includes(ids.specialist));
    assert.ok(!text.includes('Caller reports'));
  });
});
