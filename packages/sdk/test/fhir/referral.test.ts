import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Consent, Reference, ServiceRequest, Task } from '@medplum/fhirtypes';
import { referralStatuses } from '@peerlink/sdk';
import type { Referral, ReferralStatus, ResourceCategory } from '@peerlink/sdk';
import { redisclosureNotice, toConsent, toServiceRequest, toTask } from '@peerlink/sdk/fhir';
import {
  allCategories,
  appointment,
  codeSystems,
  codings,
  exampleReferral,
  exampleResource,
  fhirJsonProblems,
  fhirSchemaProblems,
  objects,
  referralAt,
  resourceOf,
} from './support.js';

const resources = [exampleResource];
const now = new Date('2026-12-01T12:00:00Z');
const sdohcc = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';
const actCode = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const confidentiality = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

const labelsOf = (resource: { meta?: { security?: { system?: string; code?: string }[] } }) =>
  (resource.meta?.security ?? [])
    .map((label) => `${label.system === confidentiality ? 'confidentiality' : 'act'}:${label.code ?? ''}`)
    .sort();

const sudLabels = ['act:42CFRPart2', 'act:ETH', 'act:NORDSCLCD', 'confidentiality:R'];

function allThree(referral: Referral, options: Parameters<typeof toTask>[1] = { resources, now }) {
  return {
    serviceRequest: toServiceRequest(referral, options),
    task: toTask(referral, options),
    consent: toConsent(referral, options),
  };
}

function assertValidFhir(resource: object, what: string) {
  assert.equal(fhirSchemaProblems(resource), '', `${what} breaks the FHIR R4 JSON schema`);
  assert.deepEqual(fhirJsonProblems(resource), [], `${what} breaks FHIR JSON rules`);
}

describe('toTask and toServiceRequest statuses', () => {
  // The documented table, written out here rather than read from the exported one.
  const expected: Record<
    ReferralStatus,
    { task: Task['status']; business: string; serviceRequest: ServiceRequest['status'] }
  > = {
    proposed: { task: 'draft', business: 'Proposed', serviceRequest: 'draft' },
    sent: { task: 'requested', business: 'Sent', serviceRequest: 'active' },
    accepted: { task: 'accepted', business: 'Accepted', serviceRequest: 'active' },
    scheduled: { task: 'in-progress', business: 'Scheduled', serviceRequest: 'active' },
    completed: { task: 'completed', business: 'Completed', serviceRequest: 'completed' },
    declined: { task: 'rejected', business: 'Declined', serviceRequest: 'revoked' },
    'no-show': { task: 'on-hold', business: 'No-show', serviceRequest: 'active' },
    cancelled: { task: 'cancelled', business: 'Cancelled', serviceRequest: 'revoked' },
  };

  for (const status of referralStatuses) {
    it(`maps a ${status} referral (Task ${expected[status].task}, ServiceRequest ${expected[status].serviceRequest}) to valid FHIR R4`, () => {
      const { serviceRequest, task, consent } = allThree(referralAt(status));
      assert.equal(task.status, expected[status].task);
      assert.deepEqual(task.businessStatus, {
        coding: [{ system: 'urn:peerlink:referral-status', code: status, display: expected[status].business }],
        text: expected[status].business,
      });
      assert.equal(serviceRequest.status, expected[status].serviceRequest);
      assertValidFhir(serviceRequest, 'ServiceRequest');
      assertValidFhir(task, 'Task');
      assertValidFhir(consent, 'Consent');
    });
  }

  it('gives a reason in fixed words for declined, no-show and cancelled, and none otherwise', () => {
    assert.equal(toTask(referralAt('declined'), { resources }).statusReason?.text, 'The referral was declined');
    assert.equal(
      toTask(referralAt('no-show'), { resources }).statusReason?.text,
      'The person did not attend the scheduled appointment',
    );
    assert.equal(toTask(referralAt('cancelled'), { resources }).statusReason?.text, 'The referral was cancelled');
    assert.equal(toTask(referralAt('accepted'), { resources }).statusReason, undefined);
  });

  it('puts the appointment in the ServiceRequest occurrence and a Task output, and the timeline in executionPeriod', () => {
    const referral = referralAt('completed');
    const task = toTask(referral, { resources });
    assert.equal(toServiceRequest(referral, { resources }).occurrenceDateTime, appointment);
    assert.deepEqual(task.output, [
      {
        type: {
          coding: [{ system: 'urn:peerlink:task-output', code: 'scheduled-at', display: 'Scheduled for' }],
          text: 'Scheduled for',
        },
        valueDateTime: appointment,
      },
    ]);
    const accepted = referral.timeline.find((entry) => entry.status === 'accepted')?.at;
    assert.deepEqual(task.executionPeriod, { start: accepted, end: referral.updatedAt });
    assert.equal(task.authoredOn, referral.createdAt);
    assert.equal(task.lastModified, referral.updatedAt);

    const sent = toTask(referralAt('sent'), { resources });
    assert.equal(sent.output, undefined);
    assert.equal(sent.executionPeriod, undefined);
    assert.equal(toServiceRequest(referralAt('sent'), { resources }).occurrenceDateTime, undefined);
  });

  it('shapes the Task after Gravity: order, fulfill, focus on the ServiceRequest, for the person, owned by the performer', () => {
    const referral = referralAt('sent');
    const task = toTask(referral, { resources });
    assert.equal(task.id, referral.id);
    assert.equal(task.intent, 'order');
    assert.deepEqual(task.code, {
      coding: [
        { system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill', display: 'Fulfill the focal request' },
      ],
    });
    assert.deepEqual(task.focus, { reference: `ServiceRequest/${referral.id}`, type: 'ServiceRequest' });
    assert.deepEqual(task.for, {
      type: 'Patient',
      identifier: { system: 'urn:peerlink:person-ref', value: 'CASE-2026-0042' },
    });
    assert.deepEqual(task.requester, {
      type: 'Organization',
      identifier: { system: 'urn:peerlink:agency', value: referral.agencyId },
    });
    assert.deepEqual(task.owner, { reference: '#organization', type: 'Organization' });
    assert.deepEqual(task.contained, [
      {
        resourceType: 'Organization',
        id: 'organization',
        identifier: [{ system: 'urn:peerlink:resource-organization', value: exampleResource.id }],
        active: true,
        name: 'Riverside Health',
        telecom: [{ system: 'url', value: 'https://riverside.example.org' }],
      },
    ]);
    assert.deepEqual(task.identifier, [{ system: 'urn:peerlink:referral', value: referral.id }]);
  });

  it('sends the ServiceRequest to the resource as a contained HealthcareService, with the consent as supporting info', () => {
    const referral = referralAt('sent');
    const serviceRequest = toServiceRequest(referral, { resources });
    assert.equal(serviceRequest.intent, 'order');
    assert.deepEqual(serviceRequest.code, {
      coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }],
      text: 'Referral to Riverside Withdrawal Management',
    });
    assert.deepEqual(serviceRequest.supportingInfo, [{ reference: `Consent/${referral.id}`, type: 'Consent' }]);
    assert.deepEqual(serviceRequest.performer, [{ reference: '#service', type: 'HealthcareService' }]);
    assert.deepEqual(serviceRequest.subject, {
      type: 'Patient',
      identifier: { system: 'urn:peerlink:person-ref', value: 'CASE-2026-0042' },
    });
    const contained = serviceRequest.contained ?? [];
    const service = contained.find((resource) => resource.resourceType === 'HealthcareService');
    assert.equal(service?.id, 'service');
    assert.equal(service.name, 'Riverside Withdrawal Management');
    assert.deepEqual(service.providedBy, { reference: '#organization', type: 'Organization' });
    assert.deepEqual(service.telecom, [
      { system: 'phone', value: '+1-217-555-0100' },
      { system: 'url', value: 'https://riverside.example.org/detox' },
    ]);
    // Every contained resource is referenced from its container, as FHIR requires (dom-3).
    const local = new Set(
      [...objects(serviceRequest)]
        .map(({ object }) => object.reference)
        .filter((ref) => typeof ref === 'string' && ref.startsWith('#')),
    );
    assert.deepEqual([...local].sort(), ['#organization', '#service']);
    assert.deepEqual(contained.map((resource) => `#${resource.id ?? ''}`).sort(), ['#organization', '#service']);
  });

  it('maps urgency to request priority: routine, urgent, and emergent as stat', () => {
    for (const [urgency, priority] of [
      ['routine', 'routine'],
      ['urgent', 'urgent'],
      ['emergent', 'stat'],
    ] as const) {
      const referral = referralAt('sent', { urgency });
      assert.equal(toServiceRequest(referral, { resources }).priority, priority);
      assert.equal(toTask(referral, { resources }).priority, priority);
    }
  });
});

describe('ServiceRequest categories', () => {
  const sdoh: Partial<Record<ResourceCategory, string>> = {
    housing: 'housing-instability',
    food: 'food-insecurity',
    transport: 'transportation-insecurity',
    employment: 'employment-status',
  };

  for (const category of allCategories) {
    const domain = sdoh[category];
    it(`codes a ${category} need ${domain ? `as SDOH ${domain} and` : 'only'} with Peerlink's category code`, () => {
      const resource = resourceOf([category]);
      const serviceRequest = toServiceRequest(referralAt('sent', { needs: [category], resourceId: resource.id }), {
        resources: [resource],
      });
      const concepts = serviceRequest.category ?? [];
      const need = concepts.find((concept) =>
        concept.coding?.some((coding) => coding.system === 'urn:peerlink:resource-category'),
      );
      assert.equal(need?.coding?.find((coding) => coding.system === 'urn:peerlink:resource-category')?.code, category);
      assert.equal(need.coding.find((coding) => coding.system === sdohcc)?.code, domain);
      const usCoreSdoh = concepts.some((concept) => concept.coding?.some((coding) => coding.code === 'sdoh'));
      assert.equal(usCoreSdoh, domain !== undefined, 'the US Core sdoh category marks social needs only');
      assertValidFhir(serviceRequest, 'ServiceRequest');
    });
  }

  it('keeps one category per need, in order', () => {
    const resource = resourceOf(['housing', 'food']);
    const serviceRequest = toServiceRequest(
      referralAt('sent', { needs: ['housing', 'food', 'mutual-aid'], resourceId: resource.id }),
      { resources: [resource] },
    );
    assert.deepEqual(
      (serviceRequest.category ?? []).map((concept) => concept.text),
      ['SDOH', 'Housing', 'Food', 'Mutual aid / support groups'],
    );
  });
});

describe('toConsent', () => {
  it('is active before expiry, inactive after it, and inactive once revoked', () => {
    const referral = referralAt('sent');
    assert.equal(toConsent(referral, { resources, now: new Date('2027-11-22T20:04:59Z') }).status, 'active');
    assert.equal(toConsent(referral, { resources, now: new Date('2027-11-22T20:05:00Z') }).status, 'inactive');
    const revoked = referralAt('sent', { consent: { ...referral.consent, revokedAt: '2026-11-23T10:00:00-06:00' } });
    const consent = toConsent(revoked, { resources, now });
    assert.equal(consent.status, 'inactive');
    assert.deepEqual(consent.provision?.period, {
      start: referral.consent.grantedAt,
      end: '2026-11-23T10:00:00-06:00',
    });
    assert.match(consent.text?.div ?? '', /revoked 2026-11-23T10:00:00-06:00/);
    for (const [what, resource] of [
      ['active', toConsent(referral, { resources, now })],
      ['revoked', consent],
    ] as const) {
      assertValidFhir(resource, `${what} Consent`);
    }
  });

  it('records a privacy consent under 42 CFR Part 2 with period, purposes and the resource as recipient', () => {
    const referral = referralAt('sent');
    const consent = toConsent(referral, { resources, now });
    assert.equal(consent.id, referral.id);
    assert.deepEqual(consent.scope, {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/consentscope',
          code: 'patient-privacy',
          display: 'Privacy Consent',
        },
      ],
    });
    assert.deepEqual(
      consent.category.map((concept) => concept.coding?.[0]?.code),
      ['59284-0', 'IDSCL', 'share-with-resource', 'peer-follow-up'],
    );
    assert.deepEqual(consent.patient, {
      type: 'Patient',
      identifier: { system: 'urn:peerlink:person-ref', value: 'CASE-2026-0042' },
    });
    assert.equal(consent.dateTime, referral.consent.grantedAt);
    assert.deepEqual(consent.policy, [{ uri: 'https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2' }]);
    assert.deepEqual(consent.policyRule, {
      coding: [{ system: actCode, code: '42CFRPart2', display: '42 CFR Part2' }],
    });
    const provision = consent.provision;
    assert.equal(provision?.type, 'permit');
    assert.deepEqual(provision.period, { start: referral.consent.grantedAt, end: referral.consent.expiresAt });
    // share-with-resource and peer-follow-up are both coordination of care: one purpose.
    assert.deepEqual(
      provision.purpose?.map((purpose) => purpose.code),
      ['COC'],
    );
    assert.deepEqual(
      provision.action?.map((action) => action.coding?.[0]?.code),
      ['disclose'],
    );
    assert.deepEqual(
      provision.actor?.map((actor) => actor.reference),
      [{ reference: '#organization', type: 'Organization' }],
    );
    assert.deepEqual(provision.data, [
      { meaning: 'related', reference: { reference: `ServiceRequest/${referral.id}`, type: 'ServiceRequest' } },
    ]);
    assert.deepEqual(
      consent.contained?.map((resource) => resource.resourceType),
      ['Organization'],
    );
    assert.match(
      consent.text?.div ?? '',
      /^<div xmlns="http:\/\/www.w3.org\/1999\/xhtml"><p>Consent \(verbal\) to: share the referral with the receiving service; follow-up by the peer\.<\/p>/,
    );
  });

  it('names no recipient when the person did not consent to sharing with the resource', () => {
    const referral = referralAt('sent');
    const consent = toConsent(
      referralAt('sent', { consent: { ...referral.consent, scope: ['share-with-court', 'share-with-care-team'] } }),
      { resources, now },
    );
    assert.equal(consent.provision?.actor, undefined);
    assert.equal(consent.contained, undefined);
    assert.deepEqual(
      consent.provision?.purpose?.map((purpose) => purpose.code),
      ['HLEGAL', 'TREAT'],
    );
    assertValidFhir(consent, 'Consent');
  });
});

describe('after the person revoked consent', () => {
  const revokedAt = '2026-11-24T10:00:00-06:00';
  const revokedBy = { kind: 'user', role: 'court-staff' } as const;
  const revokedAs = (status: ReferralStatus, reason: 'person-request' | 'recorded-in-error' = 'person-request') => {
    const referral = referralAt(status, { note: 'Ask for Maria Lopez at intake.' });
    return {
      ...referral,
      consent: { ...referral.consent, revokedAt, revokedBy, revocationReason: reason },
    } satisfies Referral;
  };
  // What a revoked referral must no longer tell: what was asked, of whom, how urgently and when.
  const details = /Riverside|Withdrawal|detox|Detox|Maria|urgent|2026-11-25|Scheduled for/;

  it('exports the consent as inactive, or entered-in-error when it was recorded in error, ending at the revocation', () => {
    const consent = toConsent(revokedAs('scheduled'), { resources, now });
    assert.equal(consent.status, 'inactive');
    assert.equal(consent.provision?.period?.end, revokedAt);
    assert.match(consent.text?.div ?? '', /revoked 2026-11-24T10:00:00-06:00 at the request of the person\./);
    assert.equal(toConsent(revokedAs('scheduled', 'recorded-in-error'), { resources, now }).status, 'entered-in-error');
    assertValidFhir(consent, 'revoked Consent');
  });

  for (const [status, serviceRequestStatus, taskStatus] of [
    ['scheduled', 'revoked', 'cancelled'],
    ['sent', 'revoked', 'cancelled'],
    ['completed', 'completed', 'completed'],
  ] as const) {
    it(`withholds a ${status} referral's details from the ServiceRequest (${serviceRequestStatus}) and Task (${taskStatus})`, () => {
      const options = { resources, now, includeNote: true };
      const serviceRequest = toServiceRequest(revokedAs(status), options);
      const task = toTask(revokedAs(status), options);
      assert.equal(serviceRequest.status, serviceRequestStatus);
      assert.equal(task.status, taskStatus);
      assert.equal(task.statusReason?.text, 'The person revoked their consent');
      for (const key of ['category', 'code', 'priority', 'occurrenceDateTime', 'performer', 'contained'])
        assert.ok(!(key in serviceRequest), `ServiceRequest.${key}`);
      for (const key of ['priority', 'owner', 'executionPeriod', 'output', 'contained'])
        assert.ok(!(key in task), `Task.${key}`);
      assert.deepEqual(serviceRequest.note, [{ text: redisclosureNotice }], 'the notice stays; the note goes');
      // What stays lets the recipient find its copy and stop.
      assert.deepEqual(serviceRequest.identifier, [{ system: 'urn:peerlink:referral', value: exampleReferral.id }]);
      assert.deepEqual(serviceRequest.supportingInfo, [
        { reference: `Consent/${exampleReferral.id}`, type: 'Consent' },
      ]);
      assert.deepEqual(task.focus, { reference: `ServiceRequest/${exampleReferral.id}`, type: 'ServiceRequest' });
      for (const [what, record] of [
        ['ServiceRequest', serviceRequest],
        ['Task', task],
      ] as const) {
        assert.doesNotMatch(JSON.stringify(record), details, what);
        assertValidFhir(record, what);
      }
    });
  }

  it('leaves an unrevoked referral as it was: the details are there', () => {
    const serviceRequest = toServiceRequest(referralAt('scheduled'), { resources, now });
    assert.match(JSON.stringify(serviceRequest), details);
    assert.equal(toTask(referralAt('scheduled'), { resources, now }).owner?.reference, '#organization');
  });
});

describe('consent recipient, purpose and witness', () => {
  const referral = referralAt('sent');
  const withFields = referralAt('sent', {
    consent: {
      ...referral.consent,
      recipient: 'Riverside Health intake team & its <on-call> nurse',
      purpose: 'To arrange detox and tell the court I went',
      witnessedBy: 'R. Okafor, intake coordinator',
    },
  });
  const originalText = 'http://hl7.org/fhir/StructureDefinition/originalText';

  it('names the recipient as an information-recipient actor beside the resource, by name only', () => {
    const consent = toConsent(withFields, { resources, now });
    const ircp = {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
          code: 'IRCP',
          display: 'information recipient',
        },
      ],
    };
    assert.deepEqual(consent.provision?.actor, [
      { role: ircp, reference: { reference: '#organization', type: 'Organization' } },
      { role: ircp, reference: { display: 'Riverside Health intake team & its <on-call> nurse' } },
    ]);
    const onlyNamed = toConsent(
      referralAt('sent', { consent: { ...withFields.consent, scope: ['share-with-court'] } }),
      { resources, now },
    );
    assert.deepEqual(onlyNamed.provision?.actor, [
      { role: ircp, reference: { display: 'Riverside Health intake team & its <on-call> nurse' } },
    ]);
    assert.equal(onlyNamed.contained, undefined);
    assertValidFhir(consent, 'Consent');
    assertValidFhir(onlyNamed, 'Consent');
  });

  it("keeps the person's words for the purpose on each coded purpose (originalText) and the witness as consent-Witness", () => {
    const consent = toConsent(
      referralAt('sent', { consent: { ...withFields.consent, scope: ['share-with-resource', 'share-with-court'] } }),
      { resources, now },
    );
    assert.deepEqual(consent.provision?.purpose, [
      {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
        code: 'COC',
        display: 'coordination of care',
        extension: [{ url: originalText, valueString: 'To arrange detox and tell the court I went' }],
      },
      {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
        code: 'HLEGAL',
        display: 'legal',
        extension: [{ url: originalText, valueString: 'To arrange detox and tell the court I went' }],
      },
    ]);
    assert.deepEqual(consent.extension, [
      {
        url: 'http://hl7.org/fhir/StructureDefinition/consent-Witness',
        valueReference: { type: 'Practitioner', display: 'R. Okafor, intake coordinator' },
      },
    ]);
    assertValidFhir(consent, 'Consent');
  });

  it('tells all three in the narrative, escaped', () => {
    const div = toConsent(withFields, { resources, now }).text?.div ?? '';
    assert.match(div, /<p>Recipient: Riverside Health intake team &amp; its &lt;on-call&gt; nurse\.<\/p>/);
    assert.match(div, /<p>Purpose: To arrange detox and tell the court I went\.<\/p>/);
    assert.match(div, /<p>Witnessed by R\. Okafor, intake coordinator\.<\/p>/);
  });

  it('adds nothing when the consent has none of them', () => {
    const consent = toConsent(referral, { resources, now });
    assert.equal(consent.extension, undefined);
    assert.ok((consent.provision?.purpose ?? []).every((purpose) => purpose.extension === undefined));
    assert.equal(consent.provision?.actor?.length, 1);
  });
});

describe('security labels', () => {
  // Whether a referral to each category tells of a substance use disorder: every category is
  // decided here, so a new one cannot go unlabelled unnoticed.
  const revealsSubstanceUse: Readonly<Record<ResourceCategory, boolean>> = {
    detox: true,
    treatment: true,
    moud: true,
    'recovery-residence': true,
    'mutual-aid': true,
    'harm-reduction': true,
    'peer-support': false,
    'crisis-stabilization': false,
    housing: false,
    employment: false,
    food: false,
    transport: false,
    other: false,
  };

  for (const category of allCategories) {
    const labelled = revealsSubstanceUse[category];
    it(`${labelled ? 'labels' : 'does not label'} a ${category} referral as substance-use-disorder information (ETH)`, () => {
      const resource = resourceOf([category]);
      const all = allThree(referralAt('sent', { needs: [category], resourceId: resource.id }), {
        resources: [resource],
        now,
      });
      for (const [what, record] of Object.entries(all)) {
        assert.deepEqual(labelsOf(record), labelled ? sudLabels : ['confidentiality:N'], what);
      }
      const notes = (all.serviceRequest.note ?? []).map((note) => note.text);
      assert.deepEqual(notes, labelled ? [redisclosureNotice] : []);
      assert.equal((all.consent.text?.div ?? '').includes('42 CFR Part 2). You may not disclose it again'), labelled);
      // The directory's own record of the service is not about the person: never labelled.
      const service = all.serviceRequest.contained?.find((contained) => contained.resourceType === 'HealthcareService');
      assert.equal(service?.meta, undefined);
    });
  }

  it("labels a food referral to a detox program: the resource's categories tell as much as the need", () => {
    const serviceRequest = toServiceRequest(referralAt('sent', { needs: ['food'] }), { resources });
    assert.deepEqual(labelsOf(serviceRequest), sudLabels);
  });

  it('labels every referral of a Part 2 program', () => {
    const resource = resourceOf(['food']);
    const task = toTask(referralAt('sent', { needs: ['food'], resourceId: resource.id }), {
      resources: [resource],
      part2Program: true,
    });
    assert.deepEqual(labelsOf(task), sudLabels);
  });

  it("uses the program's own redisclosure notice when given", () => {
    const notice = 'Protected by 42 CFR Part 2: do not redisclose without consent.';
    const serviceRequest = toServiceRequest(referralAt('sent'), { resources, redisclosureNotice: notice });
    assert.deepEqual(serviceRequest.note, [{ text: notice }]);
  });
});

describe('no person name in the output', () => {
  const named = referralAt('scheduled', { note: 'Ask for Maria Lopez at intake; her brother Juan drives her.' });

  it('carries the person only as the pseudonymous reference and leaves free-text notes out by default', () => {
    const { serviceRequest, task, consent } = allThree(named);
    for (const [what, record] of Object.entries({ serviceRequest, task, consent })) {
      const json = JSON.stringify(record);
      assert.doesNotMatch(json, /Maria|Lopez|Juan/, what);
      for (const { path, object } of objects(record)) {
        if (object.type === 'Patient') {
          assert.deepEqual(
            Object.keys(object).sort(),
            ['identifier', 'type'],
            `${what}${path}: a person reference has no display or literal link`,
          );
        }
        // Names in the output belong to the service and its organization only.
        if ('name' in object)
          assert.ok(
            ['Organization', 'HealthcareService'].includes(String(object.resourceType)),
            `${what}${path} has a name`,
          );
      }
      const personRefs = [...objects(record)].filter(({ object }) => object.value === named.personRef);
      assert.ok(
        personRefs.every(({ object }) => object.system === 'urn:peerlink:person-ref'),
        `${what}: the person reference appears only as its identifier`,
      );
    }
    assert.doesNotMatch(JSON.stringify(serviceRequest), /Spanish/);
  });

  it('copies the note only when the host asks for it', () => {
    const serviceRequest = toServiceRequest(named, { resources, includeNote: true });
    assert.deepEqual(
      serviceRequest.note?.map((note) => note.text),
      [redisclosureNotice, named.note],
    );
  });

  it('refuses a person reference that is not pseudonymous, and a referral whose resource is not given', () => {
    const withName = { ...exampleReferral, personRef: 'Maria Lopez' } satisfies Referral;
    assert.throws(() => toTask(withName, { resources }), { name: 'RangeError', message: /pseudonymous/ });
    assert.throws(() => toServiceRequest(exampleReferral, { resources: [resourceOf(['food'])] }), {
      name: 'RangeError',
      message: `No resource with id ${exampleReferral.resourceId} in options.resources`,
    });
  });

  it("uses the host's identifier system for person references", () => {
    const task = toTask(exampleReferral, { resources, systems: { personRef: 'urn:oid:2.16.840.1.113883.19.5.99' } });
    assert.deepEqual(task.for, {
      type: 'Patient',
      identifier: { system: 'urn:oid:2.16.840.1.113883.19.5.99', value: 'CASE-2026-0042' },
    });
  });
});

describe('terminology', () => {
  it('uses HL7 codes that exist in the published code systems, with their displays', () => {
    const records: (ServiceRequest | Task | Consent)[] = referralStatuses.flatMap((status) =>
      Object.values(allThree(referralAt(status))),
    );
    let checked = 0;
    for (const record of records) {
      for (const coding of codings(record)) {
        const system = codeSystems.get(coding.system);
        if (!system) continue;
        checked++;
        assert.ok(
          system.has(coding.code),
          `${coding.system}#${coding.code} (${record.resourceType}${coding.path}) is not in the code system`,
        );
        if (coding.display !== undefined)
          assert.equal(
            coding.display.trim().toLowerCase(),
            system.get(coding.code)?.trim().toLowerCase(),
            `${coding.system}#${coding.code}`,
          );
      }
    }
    assert.ok(checked > 100, `checked ${String(checked)} codings`);
  });

  it('validates against the FHIR R4 schema for real: a broken Task fails', () => {
    const task = toTask(referralAt('sent'), { resources });
    assert.match(
      fhirSchemaProblems({ ...task, status: 'waiting' }),
      /\/status must be equal to one of the allowed values/,
    );
    assert.match(fhirSchemaProblems({ ...task, lastModified: '22 Nov 2026' }), /\/lastModified must match pattern/);
    const badOwner: Reference = { reference: '#organization', display: 42 as unknown as string };
    assert.notEqual(fhirSchemaProblems({ ...task, owner: badOwner }), '');
    assert.notEqual(fhirSchemaProblems({ ...task, assignee: 'x' }), '');
  });
});
