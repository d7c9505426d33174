import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { peerSpecialistCode, toPractitionerQualification } from '@peerlink/sdk/fhir';

const base = {
  name: 'Certified Peer Recovery Specialist (example)',
  issuer: { name: 'Example State Certification Board', id: 'example-board' },
  number: 'PRS-10442',
  issuedOn: '2025-04-01',
  expiresOn: '2027-04-01',
};

describe('toPractitionerQualification', () => {
  it('codes a peer certification as NUCC 175T00000X with its number, period and issuer', () => {
    assert.deepEqual(
      toPractitionerQualification({ ...base, type: 'peer-recovery' }, { numberSystem: 'urn:example:board' }),
      {
        identifier: [{ system: 'urn:example:board', value: 'PRS-10442' }],
        code: {
          coding: [
            { system: 'http://nucc.org/provider-taxonomy', code: peerSpecialistCode, display: 'Peer Specialist' },
          ],
          text: base.name,
        },
        period: { start: '2025-04-01', end: '2027-04-01' },
        issuer: { display: 'Example State Certification Board', identifier: { value: 'example-board' } },
      },
    );
  });

  it('keeps other credentials under their own type code and leaves out what is unknown', () => {
    const qualification = toPractitionerQualification({
      type: 'crisis-response-72h',
      name: '72-Hour Crisis and Response Training',
      issuer: { name: 'Program' },
      issuedOn: '2026-01-10',
    });
    assert.deepEqual(qualification.code.coding, [
      {
        system: 'urn:peerlink:credential-type',
        code: 'crisis-response-72h',
        display: '72-Hour Crisis and Response Training',
      },
    ]);
    assert.deepEqual(qualification.period, { start: '2026-01-10' });
    assert.equal(qualification.identifier, undefined);
    assert.deepEqual(qualification.issuer, { display: 'Program' });
  });

  it('lets a host decide which of its credential types certify a peer specialist', () => {
    const coded = toPractitionerQualification(
      { ...base, type: 'state-cprs' },
      { isPeerCredential: (type) => type === 'state-cprs' },
    );
    assert.equal(coded.code.coding[0]?.code, peerSpecialistCode);
  });
});
