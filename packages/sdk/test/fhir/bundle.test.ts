import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Bundle, Resource as FhirResource, Task } from '@medplum/fhirtypes';
import { referralStatuses } from '@peerlink/sdk';
import { fromTask, toBundle } from '@peerlink/sdk/fhir';
import { exampleResource, fhirJsonProblems, fhirSchemaProblems, objects, referralAt, resourceOf } from './support.js';

const now = new Date('2026-12-01T12:00:00Z');
const uuidUrn = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const food = resourceOf(['food'], 'Eastside Food Pantry');

const detoxReferral = referralAt('scheduled');
const foodReferral = referralAt('sent', {
  id: '6e5d4c3b-2a19-4807-b6a5-948372615011',
  personRef: 'CASE-2026-0043',
  needs: ['food'],
  resourceId: food.id,
});
const secondDetoxReferral = referralAt('accepted', {
  id: '6e5d4c3b-2a19-4807-b6a5-948372615012',
  personRef: 'MRN-ALIAS-77',
});

const resourcesOf = (bundle: Bundle): FhirResource[] =>
  (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
const typesOf = (bundle: Bundle) => resourcesOf(bundle).map((resource) => resource.resourceType);

function assertValidFhir(bundle: Bundle) {
  assert.equal(fhirSchemaProblems(bundle), '', 'the Bundle breaks the FHIR R4 JSON schema');
  assert.deepEqual(fhirJsonProblems(bundle), [], 'the Bundle breaks FHIR JSON rules');
}

/** Every literal reference in the bundle's resources, with where it is. */
const referencesIn = (bundle: Bundle) =>
  (bundle.entry ?? []).flatMap((entry, index) =>
    [...objects(entry.resource)].flatMap(({ path, object }) =>
      typeof object.reference === 'string'
        ? [{ at: `entry/${String(index)}/resource${path}`, reference: object.reference }]
        : [],
    ),
  );

describe('toBundle', () => {
  it('is a transaction of the ServiceRequest, Task, Consent, HealthcareService and Organization, valid FHIR R4', () => {
    const bundle = toBundle(detoxReferral, { resources: [exampleResource], now });
    assert.equal(bundle.type, 'transaction');
    assert.equal(bundle.timestamp, '2026-12-01T12:00:00.000Z');
    assert.deepEqual(typesOf(bundle), ['Organization', 'HealthcareService', 'Consent', 'ServiceRequest', 'Task']);
    assertValidFhir(bundle);
  });

  it('gives every entry a distinct urn:uuid fullUrl, and every reference resolves to an entry', () => {
    const bundle = toBundle([detoxReferral, foodReferral, secondDetoxReferral], {
      resources: [exampleResource, food],
      now,
    });
    const fullUrls = (bundle.entry ?? []).map((entry) => entry.fullUrl ?? '');
    assert.ok(
      fullUrls.every((url) => uuidUrn.test(url)),
      fullUrls.join('\n'),
    );
    assert.equal(new Set(fullUrls).size, fullUrls.length);
    const references = referencesIn(bundle);
    assert.ok(references.length >= 3 * 6, `found ${String(references.length)} references`);
    for (const { at, reference } of references)
      assert.ok(fullUrls.includes(reference), `${at}: ${reference} does not resolve in the bundle`);
    // A reference names the type of what it points at.
    const byUrl = new Map((bundle.entry ?? []).map((entry) => [entry.fullUrl, entry.resource?.resourceType]));
    for (const { object } of [...objects(bundle.entry)].filter(({ object }) => typeof object.reference === 'string')) {
      assert.equal(object.type, byUrl.get(String(object.reference)));
    }
    // Inside a bundle nothing is contained: each record is an entry of its own.
    assert.ok(resourcesOf(bundle).every((resource) => !('contained' in resource)));
    assertValidFhir(bundle);
  });

  it('links each Task to its own ServiceRequest and each ServiceRequest to its own Consent', () => {
    const bundle = toBundle([detoxReferral, foodReferral], { resources: [exampleResource, food], now });
    const byUrl = new Map((bundle.entry ?? []).map((entry) => [entry.fullUrl, entry.resource]));
    const identify = (resource: FhirResource | undefined) =>
      resource?.resourceType === 'ServiceRequest' ||
      resource?.resourceType === 'Task' ||
      resource?.resourceType === 'Consent'
        ? resource.identifier?.[0]?.value
        : undefined;
    for (const task of resourcesOf(bundle).filter((resource): resource is Task => resource.resourceType === 'Task')) {
      const serviceRequest = byUrl.get(task.focus?.reference);
      assert.equal(serviceRequest?.resourceType, 'ServiceRequest');
      assert.equal(identify(serviceRequest), identify(task));
      const consent = byUrl.get(serviceRequest.supportingInfo?.[0]?.reference);
      assert.equal(consent?.resourceType, 'Consent');
      assert.equal(identify(consent), identify(task));
      const owner = byUrl.get(task.owner?.reference);
      assert.equal(
        owner?.resourceType === 'Organization' ? owner.name : undefined,
        task.identifier?.[0]?.value === foodReferral.id ? 'Eastside Food Pantry Inc.' : 'Riverside Health',
      );
    }
  });

  it('lists a resource shared by two referrals once', () => {
    const bundle = toBundle([detoxReferral, secondDetoxReferral, foodReferral], {
      resources: [exampleResource, food],
      now,
    });
    const count = (type: string) => typesOf(bundle).filter((entry) => entry === type).length;
    assert.equal(count('HealthcareService'), 2);
    assert.equal(count('Organization'), 2);
    assert.equal(count('Task'), 3);
    assert.equal(count('ServiceRequest'), 3);
    assert.equal(count('Consent'), 3);
  });

  it('updates records by their Peerlink identifiers, so sending it twice changes the same records', () => {
    const bundle = toBundle(detoxReferral, { resources: [exampleResource], now });
    const requests = (bundle.entry ?? []).map((entry) => entry.request);
    const id = encodeURIComponent(`urn:peerlink:referral|${detoxReferral.id}`);
    assert.deepEqual(requests, [
      {
        method: 'PUT',
        url: `Organization?identifier=${encodeURIComponent(`urn:peerlink:resource-organization|${exampleResource.id}`)}`,
      },
      {
        method: 'PUT',
        url: `HealthcareService?identifier=${encodeURIComponent(`urn:peerlink:resource|${exampleResource.id}`)}`,
      },
      { method: 'PUT', url: `Consent?identifier=${id}` },
      { method: 'PUT', url: `ServiceRequest?identifier=${id}` },
      { method: 'PUT', url: `Task?identifier=${id}` },
    ]);
    // Records in a transaction carry no id of their own; the server assigns it.
    assert.ok(resourcesOf(bundle).every((resource) => resource.id === undefined));
    // The same referral exported later (a new status) keeps its fullUrls.
    const later = toBundle(referralAt('completed'), { resources: [exampleResource], now });
    assert.deepEqual(
      (later.entry ?? []).map((entry) => entry.fullUrl),
      (bundle.entry ?? []).map((entry) => entry.fullUrl),
    );
  });

  it('can be a collection instead, without requests', () => {
    const bundle = toBundle([detoxReferral, foodReferral], {
      resources: [exampleResource, food],
      now,
      type: 'collection',
    });
    assert.equal(bundle.type, 'collection');
    assert.ok((bundle.entry ?? []).every((entry) => entry.request === undefined));
    assertValidFhir(bundle);
  });

  it('labels the bundle with its most restrictive records', () => {
    const labels = (bundle: Bundle) => (bundle.meta?.security ?? []).map((label) => label.code).sort();
    assert.deepEqual(labels(toBundle([foodReferral, detoxReferral], { resources: [exampleResource, food], now })), [
      '42CFRPart2',
      'ETH',
      'NORDSCLCD',
      'R',
    ]);
    const onlyFood = toBundle(foodReferral, { resources: [food], now });
    assert.deepEqual(labels(onlyFood), ['N']);
    assert.doesNotMatch(JSON.stringify(onlyFood), /"ETH"/);
  });

  it("leaves the resource out once the person revoked consent, keeping only the consent's recipient", () => {
    const revoke = (referral: typeof detoxReferral, scope = referral.consent.scope) => ({
      ...referral,
      consent: {
        ...referral.consent,
        scope,
        revokedAt: '2026-11-24T10:00:00-06:00',
        revokedBy: { kind: 'system' as const },
      },
    });
    const bundle = toBundle(revoke(detoxReferral), { resources: [exampleResource], now });
    assert.deepEqual(typesOf(bundle), ['Organization', 'Consent', 'ServiceRequest', 'Task']);
    const fullUrls = (bundle.entry ?? []).map((entry) => entry.fullUrl);
    for (const { at, reference } of referencesIn(bundle))
      assert.ok(fullUrls.includes(reference), `${at}: ${reference} does not resolve in the bundle`);
    assert.doesNotMatch(JSON.stringify(bundle), /Withdrawal|detox/);
    assertValidFhir(bundle);
    const notToResource = toBundle(revoke(detoxReferral, ['peer-follow-up']), { resources: [exampleResource], now });
    assert.deepEqual(typesOf(notToResource), ['Consent', 'ServiceRequest', 'Task']);
    assertValidFhir(notToResource);
  });

  it('is valid FHIR for a referral in every status, and for none', () => {
    for (const status of referralStatuses)
      assertValidFhir(toBundle(referralAt(status), { resources: [exampleResource], now }));
    const empty = toBundle([], { resources: [], now });
    assert.equal(empty.entry, undefined);
    assertValidFhir(empty);
  });

  it('round-trips: the Task in the bundle reads back to the referral', () => {
    const bundle = toBundle(detoxReferral, { resources: [exampleResource], now });
    const task = resourcesOf(JSON.parse(JSON.stringify(bundle)) as Bundle).find(
      (resource) => resource.resourceType === 'Task',
    );
    assert.deepEqual(fromTask(task), {
      referralId: detoxReferral.id,
      status: 'scheduled',
      at: detoxReferral.updatedAt,
      scheduledAt: detoxReferral.scheduledAt,
    });
  });
});
