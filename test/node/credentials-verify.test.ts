// Signed credentials end to end: issued by the reference service, verified by the SDK.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CreateCredentialRequest, Credential, Jwks } from '@peerlink/sdk';
import { createPeerlinkClient } from '@peerlink/sdk';
import { verifyCredential } from '@peerlink/sdk/credentials';
import { achievementCredentialErrors } from '../../packages/sdk/test/credentials/openbadges.js';
import { credentialRequest, harnessFor, ids } from '../../packages/server/test/harness.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (jwt: string) => {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>,
    signature,
  };
};

describe('signed credentials', () => {
  it('verifies a genuine credential and refuses tampered, foreign, expired, early, revoked and unsigned ones', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
    const created = await h.call('POST', '/v1/credentials', {
      token: supervisor,
      body: credentialRequest({ number: 'PRS-77', expiresOn: '2027-01-01' }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const credential = created.body as Credential;
    assert.ok(credential.jwt);
    const jwt = credential.jwt;
    const issuer = `${h.server.url}/v1/agencies/${ids.agency}`;
    const jwksUrl = `${issuer}/jwks.json`;
    const now = new Date('2026-06-01T00:00:00Z');

    const genuine = await verifyCredential(jwt, { jwksUrl, issuer, now });
    assert.ok(genuine.valid, JSON.stringify(genuine));
    assert.equal(genuine.credential.name, 'Peer Recovery Specialist (example)');
    assert.equal(genuine.credential.number, 'PRS-77');
    assert.equal(genuine.credential.subject.name, 'Dana R.');
    assert.ok(!JSON.stringify(parts(jwt).payload).includes('example.org'), 'no contact details in the credential');

    const { header, payload, signature } = parts(jwt);
    const tampered = `${b64(header)}.${b64({ ...payload, peerlink: { credentialType: 'peer-recovery', number: 'PRS-99' } })}.${signature}`;
    assert.equal((await verifyCredential(tampered, { jwksUrl, now })).valid, false);
    assert.deepEqual(
      await verifyCredential(tampered, { jwksUrl, now }).then((r) => (r.valid ? 'valid' : r.reason)),
      'invalid-signature',
    );

    const otherJwks = (await h.call('GET', `/v1/agencies/${ids.otherAgency}/jwks.json`)).body as Jwks;
    const foreign = await verifyCredential(jwt, { jwks: otherJwks, now, skipStatus: true });
    assert.ok(!foreign.valid && ['unknown-key', 'invalid-signature'].includes(foreign.reason), JSON.stringify(foreign));
    const impostor = await verifyCredential(jwt, {
      jwksUrl,
      issuer: `${h.server.url}/v1/agencies/${ids.otherAgency}`,
      now,
    });
    assert.ok(!impostor.valid && impostor.reason === 'wrong-issuer');

    const expired = await verifyCredential(jwt, { jwksUrl, now: new Date('2027-03-01T00:00:00Z') });
    assert.ok(!expired.valid && expired.reason === 'expired');
    const early = await verifyCredential(jwt, { jwksUrl, now: new Date('2024-12-01T00:00:00Z') });
    assert.ok(!early.valid && early.reason === 'not-yet-valid');

    const unsigned = `${b64({ alg: 'none', typ: 'vc+jwt' })}.${b64(payload)}.`;
    const none = await verifyCredential(unsigned, { jwksUrl, now });
    assert.ok(!none.valid && none.reason === 'unsupported-algorithm');
    assert.ok(!(await verifyCredential('not a jwt', { jwksUrl, now })).valid);

    const revoke = await h.call('POST', `/v1/credentials/${credential.id}/status`, {
      token: supervisor,
      body: { administrativeStatus: 'revoked' },
    });
    assert.equal(revoke.status, 200);
    assert.equal((revoke.body as Credential).status, 'revoked');
    const revoked = await verifyCredential(jwt, { jwksUrl, now: new Date() });
    assert.ok(!revoked.valid && revoked.reason === 'revoked', JSON.stringify(revoked));

    // The client verifies credentials of its own service's agencies, and nothing else.
    const client = createPeerlinkClient({ baseUrl: h.server.url, getToken: () => supervisor, offline: false });
    const viaClient = await client.credentials.verify(jwt);
    assert.ok(!viaClient.valid && viaClient.reason === 'revoked');
    // A revocation is final: the credential cannot be reinstated, and stays revoked.
    const reinstated = await h.call('POST', `/v1/credentials/${credential.id}/status`, {
      token: supervisor,
      body: { administrativeStatus: 'active' },
    });
    assert.equal(reinstated.status, 409, JSON.stringify(reinstated.body));
    const still = await client.credentials.verify(jwt);
    assert.ok(!still.valid && still.reason === 'revoked');
    const elsewhere = createPeerlinkClient({
      baseUrl: 'https://other-peerlink.example.org',
      getToken: () => supervisor,
      offline: false,
    });
    const refused = await elsewhere.credentials.verify(jwt);
    assert.ok(!refused.valid && refused.reason === 'wrong-issuer');
  });

  it('issues Open Badges 3.0 credentials: schema-valid, kid resolving to the key in the agency JWKS, jti = id; listed with their jwt', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
    const issue = (fields: Partial<CreateCredentialRequest>) =>
      h.call('POST', '/v1/credentials', { token: supervisor, body: credentialRequest(fields) });
    const created = [
      await issue({ number: 'PRS-77', expiresOn: '2027-01-01', ruleSetId: 'icrc-peer-recovery' }),
      await issue({ type: 'crisis-response-72h', name: 'Crisis Response (72 h)' }),
    ];
    const errors = achievementCredentialErrors();
    const jwks = (await h.call('GET', `/v1/agencies/${ids.agency}/jwks.json`)).body as Jwks;
    const issuer = `${h.server.url}/v1/agencies/${ids.agency}`;
    for (const response of created) {
      assert.equal(response.status, 201, JSON.stringify(response.body));
      const credential = response.body as Credential;
      assert.ok(credential.jwt);
      const { header, payload } = parts(credential.jwt);
      assert.deepEqual(errors(payload), [], JSON.stringify(payload));
      // OB 3.0 JOSE header: alg, kid and typ "JWT" only; kid is the key's URL in the agency's published set.
      assert.deepEqual(Object.keys(header).sort(), ['alg', 'kid', 'typ']);
      assert.equal(header.typ, 'JWT');
      const kid = String(header.kid);
      assert.ok(kid.startsWith(`${issuer}/jwks.json#`), kid);
      assert.equal(header.alg, 'RS256');
      assert.ok(
        jwks.keys.some((key) => key.kid === kid && key.alg === 'RS256'),
        'kid is the kid of a key of the JWKS it points at',
      );
      assert.equal(payload.id, `urn:uuid:${credential.id}`);
      assert.equal(payload.jti, payload.id);
      assert.equal(payload.iss, issuer);
      assert.equal(payload.sub, (payload.credentialSubject as { id: string }).id);
      assert.equal(payload.nbf, Date.parse(String(payload.validFrom)) / 1000);
      const verified = await verifyCredential(credential.jwt, {
        jwksUrl: `${issuer}/jwks.json`,
        issuer,
        now: new Date('2026-06-01T00:00:00Z'),
      });
      assert.ok(verified.valid && verified.warnings.length === 0, JSON.stringify(verified));
    }
    // The status list the credentials point at is itself a conforming VC-JWT signed with a resolvable kid.
    const served = await h.call('GET', `/v1/agencies/${ids.agency}/status-list`);
    assert.match(served.headers.get('content-type') ?? '', /^application\/vc\+jwt\b/);
    const list = parts(served.body as string);
    assert.ok(String(list.header.kid).startsWith(`${issuer}/jwks.json#`));
    assert.equal(list.payload.jti, list.payload.id);

    const listed = await h.call('GET', `/v1/credentials?specialistId=${ids.primary}`, { token: supervisor });
    assert.equal(listed.status, 200);
    const items = (listed.body as { items: Credential[] }).items;
    assert.equal(items.length, 2);
    for (const item of items) {
      const one = created
        .map((response) => response.body as Credential)
        .find((credential) => credential.id === item.id);
      assert.ok(item.jwt, 'the list gives each credential its signed form');
      assert.equal(item.jwt, one?.jwt);
    }
  });
});
