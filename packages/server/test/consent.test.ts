// Consent revocation (42 CFR 2.31(a)(6)) through HTTP: who may record it, what stops, what is kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEvent, ConsentRevocation, Problem, Referral } from '@peerlink/sdk';
import { consent } from './fixtures.js';
import type { Harness } from './harness.js';
import { harnessFor, ids, storages } from './harness.js';
import { readEvents } from './sse.js';

async function referralOf(h: Harness, token: string, overrides: Record<string, unknown> = {}): Promise<Referral> {
  const created = await h.call('POST', '/v1/referrals', {
    token,
    body: {
      personRef: 'CASE-0077',
      resourceId: ids.resource,
      needs: ['detox'],
      urgency: 'urgent',
      consent: { ...consent(), ...overrides },
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const sent = await h.call('POST', `/v1/referrals/${(created.body as Referral).id}/transitions`, {
    token,
    body: { to: 'sent' },
  });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  return sent.body as Referral;
}

const revoke = (h: Harness, token: string, id: string, body: unknown = {}) =>
  h.call('POST', `/v1/referrals/${id}/consent/revoke`, { token, body });

for (const storage of await storages()) {
  describe(`consent revocation on ${storage}`, () => {
    it('stops every disclosure at once, cancels the open referral, keeps its history and audits it', async (t) => {
      const h = await harnessFor(t, storage);
      const peer = await h.token('specialist', { subjectId: ids.primary });
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const court = await h.token('court-staff');
      const clinician = await h.token('clinician');
      const referral = await referralOf(h, peer);
      for (const token of [court, clinician])
        assert.equal((await h.call('GET', `/v1/referrals/${referral.id}`, { token })).status, 200);
      const events = await readEvents(h.server.url, supervisor, { recordId: referral.id });
      t.after(() => {
        events.close();
      });

      const revoked = await revoke(h, court, referral.id, {
        reason: 'person-request',
        expectedVersion: referral.version,
      });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      const answer = revoked.body as ConsentRevocation;
      assert.deepEqual(
        Object.keys(answer).sort(),
        ['consent', 'referralId', 'status', 'version'],
        'no referral details in the answer',
      );
      assert.equal(answer.status, 'cancelled');
      assert.equal(answer.version, referral.version + 1);
      assert.ok(answer.consent.revokedAt && Math.abs(Date.parse(answer.consent.revokedAt) - Date.now()) < 60_000);
      assert.deepEqual(answer.consent.revokedBy, { kind: 'user', role: 'court-staff' });
      assert.equal(answer.consent.revocationReason, 'person-request');

      // The roles that needed consent read nothing more, one by one or in lists.
      for (const token of [court, clinician]) {
        assert.equal((await h.call('GET', `/v1/referrals/${referral.id}`, { token })).status, 404);
        const list = (await h.call('GET', '/v1/referrals', { token })).body as { items: Referral[] };
        assert.deepEqual(
          list.items.map((item) => item.id),
          [],
        );
        assert.equal((await revoke(h, token, referral.id)).status, 404);
      }

      // The program keeps the record: nothing deleted, the revocation on the timeline.
      const kept = (await h.call('GET', `/v1/referrals/${referral.id}`, { token: supervisor })).body as Referral;
      assert.equal(kept.status, 'cancelled');
      assert.deepEqual(kept.needs, ['detox']);
      assert.deepEqual(kept.consent.scope, referral.consent.scope);
      assert.deepEqual(kept.consent.recordedBy, referral.consent.recordedBy);
      assert.deepEqual(kept.timeline.slice(0, -1), referral.timeline);
      assert.deepEqual(kept.timeline.at(-1), {
        status: 'cancelled',
        at: answer.consent.revokedAt,
        actor: { kind: 'user', role: 'court-staff' },
        event: 'consent-revoked',
      });
      const event = await events.next((e) => e.type === 'referral.updated');
      assert.deepEqual(event.data, {
        id: referral.id,
        resourceId: ids.resource,
        status: 'cancelled',
        updatedAt: kept.updatedAt,
      });

      // Once revoked, it stays revoked: no second revocation, no way back into the loop.
      const again = await revoke(h, supervisor, referral.id);
      assert.equal(again.status, 409);
      assert.equal((again.body as Problem).detail, 'The consent was already revoked');
      assert.equal(
        (await h.call('POST', `/v1/referrals/${referral.id}/transitions`, { token: peer, body: { to: 'accepted' } }))
          .status,
        409,
      );

      const audit = (await h.call('GET', `/v1/audit?recordId=${referral.id}`, { token: supervisor })).body as {
        items: AuditEvent[];
      };
      const trail = audit.items.map((item) => `${item.action} ${item.recordType} ${item.actor.role ?? ''}`);
      assert.ok(trail.includes('revoke consent court-staff'), trail.join(', '));
      assert.ok(trail.includes('transition referral court-staff'), trail.join(', '));
    });

    it('records the revocation of a closed referral without changing its status', async (t) => {
      const h = await harnessFor(t, storage);
      const peer = await h.token('specialist', { subjectId: ids.primary });
      const referral = await referralOf(h, peer);
      const declined = (
        await h.call('POST', `/v1/referrals/${referral.id}/transitions`, { token: peer, body: { to: 'declined' } })
      ).body as Referral;
      const revoked = await revoke(h, peer, referral.id, { reason: 'recorded-in-error' });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      assert.equal((revoked.body as ConsentRevocation).status, 'declined');
      const kept = (await h.call('GET', `/v1/referrals/${referral.id}`, { token: peer })).body as Referral;
      assert.deepEqual(
        kept.timeline.map((entry) => [entry.status, entry.event ?? null]),
        [...declined.timeline.map((entry) => [entry.status, null]), ['declined', 'consent-revoked']],
      );
      assert.equal(kept.consent.revocationReason, 'recorded-in-error');
    });

    it('lets only the roles that may record it do so, and checks the body and version', async (t) => {
      const h = await harnessFor(t, storage);
      const peer = await h.token('specialist', { subjectId: ids.primary });
      const referral = await referralOf(h, peer, { scope: ['share-with-resource', 'share-with-care-team'] });

      const otherPeer = await h.token('specialist', { subjectId: ids.backup });
      // Minimum necessary: another peer cannot see the referral at all, so it is not found for them.
      assert.equal((await revoke(h, otherPeer, referral.id)).status, 404, 'a specialist who did not take the consent');
      assert.equal((await revoke(h, await h.token('dispatcher'), referral.id)).status, 403);
      assert.equal((await revoke(h, await h.token('investigator'), referral.id)).status, 403);
      assert.equal(
        (await revoke(h, await h.token('court-staff'), referral.id)).status,
        404,
        'court staff the consent does not cover',
      );
      assert.equal(
        (await revoke(h, await h.token('supervisor', { subjectId: ids.other, agency: 'other' }), referral.id)).status,
        404,
      );

      const bad = await revoke(h, peer, referral.id, { reason: 'changed-mind' });
      assert.equal(bad.status, 400);
      assert.deepEqual(
        (bad.body as Problem).errors?.map((error) => error.path),
        ['reason'],
      );
      const stale = await revoke(h, peer, referral.id, { expectedVersion: referral.version - 1 });
      assert.equal(stale.status, 409);
      assert.equal(
        (await revoke(h, await h.token('clinician'), referral.id)).status,
        200,
        'a clinician the consent covers',
      );
    });
  });
}
