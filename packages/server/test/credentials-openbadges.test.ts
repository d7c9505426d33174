// The signed credentials and status lists the service publishes, checked the way outside verifiers
// check them: plain jose with the key the JOSE header's `kid` names (no Peerlink code), the Open
// Badges 3.0 AchievementCredential JSON Schema (the SDK's fixture, see its README), the W3C
// Bitstring Status List documents at the URLs the credential names, and the SDK's verifier.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SignJWT,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
} from 'jose';
import type { Credential, Jwks } from '@peerlink/sdk';
import { statusListBit, verifyCredential } from '@peerlink/sdk/credentials';
import { achievementCredentialErrors } from '../../sdk/test/credentials/openbadges.js';
import type { Harness } from './harness.js';
import { credentialRequest, harnessFor, ids, storages } from './harness.js';

type Json = Record<string, unknown>;

interface StatusEntry {
  id: string;
  type: string;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
}

const compactJws = /^[\w-]+\.[\w-]+\.[\w-]+$/;

async function setup(h: Harness) {
  const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
  const issuer = `${h.server.url}/v1/agencies/${ids.agency}`;
  const jwksUrl = `${issuer}/jwks.json`;
  const issue = async (fields: Parameters<typeof credentialRequest>[0] = {}) => {
    const created = await h.call('POST', '/v1/credentials', { token: supervisor, body: credentialRequest(fields) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as Credential;
  };
  const change = async (id: string, administrativeStatus: 'active' | 'suspended' | 'revoked') => {
    const changed = await h.call('POST', `/v1/credentials/${id}/status`, {
      token: supervisor,
      body: { administrativeStatus },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    return changed.body as Credential;
  };
  const read = async (id: string) =>
    (await h.call('GET', `/v1/credentials/${id}`, { token: supervisor })).body as Credential;
  const verify = (jwt: string) => verifyCredential(jwt, { jwksUrl, issuer });
  return { supervisor, issuer, jwksUrl, issue, change, read, verify };
}

/** The credential's status entries: OB 3.0's one `credentialStatus`, and the suspension entry in Peerlink's extension. */
const entriesOf = (jwt: string): StatusEntry[] => {
  const claims = decodeJwt(jwt) as { credentialStatus?: StatusEntry; peerlink?: { suspensionStatus?: StatusEntry } };
  return [claims.credentialStatus, claims.peerlink?.suspensionStatus].filter((item) => item !== undefined);
};
const entry = (jwt: string, purpose: string) => {
  const found = entriesOf(jwt).find((item) => item.statusPurpose === purpose);
  assert.ok(found, `a ${purpose} entry`);
  return found;
};

/** The status list at `url` as a verifier reads it: the VC-JWT, verified with the issuer's keys. */
async function statusListAt(url: string, jwksUrl: string) {
  const response = await fetch(url, { headers: { accept: 'application/vc+jwt' } });
  assert.equal(response.status, 200);
  const jwt = await response.text();
  const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(jwksUrl)), { algorithms: ['RS256'] });
  return payload as Json & { credentialSubject: { encodedList: string; statusPurpose: string } };
}

const bitOf = async (jwt: string, purpose: string, jwksUrl: string) => {
  const { statusListCredential, statusListIndex } = entry(jwt, purpose);
  const list = await statusListAt(statusListCredential, jwksUrl);
  return statusListBit(list.credentialSubject.encodedList, Number(statusListIndex));
};

/** The credential's bits in both lists, as published now. */
const bitsOf = async (jwt: string, jwksUrl: string) => ({
  revocation: await bitOf(jwt, 'revocation', jwksUrl),
  suspension: await bitOf(jwt, 'suspension', jwksUrl),
});

for (const storage of await storages()) {
  describe(`Open Badges credentials on ${storage}`, () => {
    it('is verified by plain jose with the key its kid URL names: RS256, the JWKS naming each key by its URL', async (t) => {
      const h = await harnessFor(t, storage);
      const { jwksUrl, issue } = await setup(h);
      const { jwt } = await issue({ number: 'PRS-1' });
      assert.ok(jwt);

      const header = decodeProtectedHeader(jwt);
      assert.equal(header.alg, 'RS256');
      assert.equal(header.typ, 'JWT');
      const kid = header.kid ?? '';
      assert.ok(kid.startsWith(`${jwksUrl}#`), kid);
      // The kid dereferences: the document at its URL holds a key whose kid is that URL.
      const document = (await (await fetch(new URL(kid))).json()) as Jwks;
      const key = document.keys.find((candidate) => candidate.kid === kid);
      assert.ok(key, JSON.stringify(document));
      assert.deepEqual([key.kty, key.alg], ['RSA', 'RS256']);
      assert.ok(document.keys.every((candidate) => candidate.kid.startsWith(`${jwksUrl}#`)));

      // A verifier implementing RS256 only, matching kid exactly as jose does.
      const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(kid)), { algorithms: ['RS256'] });
      assert.deepEqual(payload.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    });

    it('serves each status list at its statusListCredential URL as application/vc+jwt, JSON only to who asks for it', async (t) => {
      const h = await harnessFor(t, storage);
      const { issuer, jwksUrl, issue } = await setup(h);
      const { jwt } = await issue();
      assert.ok(jwt);
      const entries = entriesOf(jwt);
      assert.deepEqual(
        entries.map((item) => [item.type, item.statusPurpose, item.statusListCredential]),
        [
          ['BitstringStatusListEntry', 'revocation', `${issuer}/status-list`],
          ['BitstringStatusListEntry', 'suspension', `${issuer}/status-list/suspension`],
        ],
      );

      for (const { statusListCredential: url, statusPurpose } of entries) {
        for (const accept of ['application/vc+jwt', 'application/vc+jwt, application/json', '*/*', undefined]) {
          const response = await fetch(url, accept ? { headers: { accept } } : {});
          assert.equal(response.status, 200);
          assert.match(
            response.headers.get('content-type') ?? '',
            /^application\/vc\+jwt$/,
            `${url} ${String(accept)}`,
          );
          assert.match(response.headers.get('vary') ?? '', /\bAccept\b/i);
          assert.match(await response.text(), compactJws);
        }
        const list = await statusListAt(url, jwksUrl);
        assert.deepEqual(list.type, ['VerifiableCredential', 'BitstringStatusListCredential']);
        assert.equal(list.id, url);
        assert.equal(list.issuer, issuer);
        assert.equal(list.credentialSubject.statusPurpose, statusPurpose);

        // Callers of earlier versions asked for JSON: they still get the wrapper.
        const wrapped = await fetch(url, { headers: { accept: 'application/json' } });
        assert.match(wrapped.headers.get('content-type') ?? '', /^application\/json\b/);
        const body = (await wrapped.json()) as { jwt: string };
        assert.deepEqual(decodeJwt(body.jwt).type, ['VerifiableCredential', 'BitstringStatusListCredential']);
      }
    });

    it('writes the credential number as licenseNumber and validates against the OB 3.0 AchievementCredential schema', async (t) => {
      const h = await harnessFor(t, storage);
      const { issue, verify } = await setup(h);
      const { jwt } = await issue({ number: 'PRS-1042', expiresOn: '2030-06-30' });
      assert.ok(jwt);
      const { iss: _iss, sub: _sub, jti: _jti, nbf: _nbf, exp: _exp, iat: _iat, ...credential } = decodeJwt(jwt);
      const subject = credential.credentialSubject as Json;
      assert.equal(subject.licenseNumber, 'PRS-1042');
      assert.deepEqual(subject.type, ['AchievementSubject']);

      // OB 3.0 gives a credential one credentialStatus (the revocation list); the suspension entry is Peerlink's own.
      assert.deepEqual(achievementCredentialErrors()(credential), []);
      assert.equal((credential.credentialStatus as StatusEntry).statusPurpose, 'revocation');

      const verified = await verify(jwt);
      assert.ok(verified.valid, JSON.stringify(verified));
      assert.equal(verified.credential.number, 'PRS-1042');
    });

    it('sets the suspension bit while a credential is suspended, and the SDK verifier refuses it as suspended', async (t) => {
      const h = await harnessFor(t, storage);
      const { jwksUrl, issue, change, verify } = await setup(h);
      const { id, jwt } = await issue();
      await issue({ specialistId: ids.backup });
      assert.ok(jwt);
      // Each status in turn: the bits published, and what the SDK verifier answers for the same signed credential.
      const steps = [
        ['active', { revocation: false, suspension: false }, 'valid'],
        ['suspended', { revocation: false, suspension: true }, 'suspended'],
        // Reinstated: the suspension bit is cleared.
        ['active', { revocation: false, suspension: false }, 'valid'],
        ['revoked', { revocation: true, suspension: false }, 'revoked'],
      ] as const;
      let current = 'active';
      for (const [status, bits, outcome] of steps) {
        if (status !== current) await change(id, status);
        current = status;
        assert.deepEqual(await bitsOf(jwt, jwksUrl), bits, status);
        const result = await verify(jwt);
        assert.equal(result.valid ? 'valid' : result.reason, outcome, JSON.stringify(result));
        if (!result.valid) assert.match(result.message, new RegExp(`has ${outcome} this credential`));
      }
      // A revocation is final: neither reinstated nor suspended, and its bits stay as they are.
      for (const status of ['active', 'suspended'] as const) {
        const refused = await h.call('POST', `/v1/credentials/${id}/status`, {
          token: await h.token('supervisor', { subjectId: ids.supervisor }),
          body: { administrativeStatus: status },
        });
        assert.equal(refused.status, 409, JSON.stringify(refused.body));
      }
      assert.deepEqual(await bitsOf(jwt, jwksUrl), { revocation: true, suspension: false });
    });

    it('signs no credential while it is pending, and signs it when it first becomes active', async (t) => {
      const h = await harnessFor(t, storage);
      const { supervisor, issue, change, read, verify } = await setup(h);
      const pending = await issue({ administrativeStatus: 'pending' });
      assert.equal(pending.status, 'pending');
      assert.equal(pending.jwt, undefined);
      assert.equal((await read(pending.id)).jwt, undefined);
      const listed = (await h.call('GET', `/v1/credentials?specialistId=${ids.primary}`, { token: supervisor }))
        .body as { items: Credential[] };
      assert.deepEqual(
        listed.items.map((item) => [item.id, item.jwt]),
        [[pending.id, undefined]],
      );

      // Suspended before it was ever issued: still nothing to hand out.
      assert.equal((await change(pending.id, 'suspended')).jwt, undefined);
      const active = await change(pending.id, 'active');
      assert.ok(active.jwt);
      assert.equal((await read(pending.id)).jwt, active.jwt);
      assert.equal((await verify(active.jwt)).valid, true);
      // Reinstating it later keeps the credential already handed out.
      await change(pending.id, 'suspended');
      assert.equal((await change(pending.id, 'active')).jwt, active.jwt);
    });

    it('still verifies credentials signed before RS256 (Ed25519, kid as URL or as the bare key name)', async (t) => {
      const h = await harnessFor(t, storage);
      const { issuer, jwksUrl, issue, change, verify } = await setup(h);
      // The agency's Ed25519 key and a credential as the earlier version stored and signed them.
      const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const kid = 'credentials-7d3f1f0e-5a7b-4c1e-9f0a-2b8e6c4d1a00';
      await h.server.db.query(
        `insert into signing_keys (kid, agency_id, purpose, alg, private_jwk, public_jwk)
         values ($1, $2, 'credentials', 'EdDSA', $3::text::jsonb, $4::text::jsonb)`,
        [
          kid,
          ids.agency,
          JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' }),
          JSON.stringify({ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }),
        ],
      );
      const { id: credentialId } = await issue();
      const earlier = (kidAs: string) =>
        new SignJWT({
          '@context': [
            'https://www.w3.org/ns/credentials/v2',
            'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
          ],
          id: `urn:uuid:${credentialId}`,
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
          name: 'Peer Recovery Specialist (example)',
          issuer: { id: issuer, type: ['Profile'], name: 'Lakeside Peer Response (test)' },
          validFrom: '2025-01-01T00:00:00Z',
          credentialSubject: {
            id: `urn:uuid:${ids.primary}`,
            type: ['AchievementSubject'],
            name: 'Dana R.',
            achievement: {
              id: 'urn:peerlink:credential-type:peer-recovery',
              type: ['Achievement'],
              name: 'Peer Recovery Specialist (example)',
              description: 'Peer Recovery Specialist (example), issued by Example Board.',
              criteria: { narrative: 'Meets the requirements of Example Board.' },
            },
          },
          credentialStatus: {
            id: `${issuer}/status-list#0`,
            type: 'BitstringStatusListEntry',
            statusPurpose: 'revocation',
            statusListIndex: '0',
            statusListCredential: `${issuer}/status-list`,
          },
          peerlink: { credentialType: 'peer-recovery', number: 'PRS-OLD' },
        })
          .setProtectedHeader({ alg: 'EdDSA', kid: kidAs, typ: 'JWT' })
          .setIssuer(issuer)
          .setSubject(`urn:uuid:${ids.primary}`)
          .setJti(`urn:uuid:${credentialId}`)
          .setIssuedAt()
          .setNotBefore(Math.floor(Date.parse('2025-01-01T00:00:00Z') / 1000))
          .sign(privateKey);

      const keys = ((await h.call('GET', `/v1/agencies/${ids.agency}/jwks.json`)).body as Jwks).keys;
      assert.deepEqual(keys.map((key) => [key.kty, key.kid]).sort(), [
        ['OKP', `${jwksUrl}#${kid}`],
        ['RSA', keys.find((key) => key.kty === 'RSA')?.kid],
      ]);
      const asUrl = await earlier(`${jwksUrl}#${kid}`);
      const { payload } = await jwtVerify(asUrl, createRemoteJWKSet(new URL(jwksUrl)));
      assert.equal(payload.jti, `urn:uuid:${credentialId}`);
      for (const kidAs of [
        `${jwksUrl}#${kid}`,
        kid,
        `https://peerlink.old.example/v1/agencies/${ids.agency}/jwks.json#${kid}`,
      ]) {
        const result = await verify(await earlier(kidAs));
        assert.ok(result.valid, `${kidAs}: ${JSON.stringify(result)}`);
        assert.equal(result.credential.number, 'PRS-OLD');
        assert.deepEqual(result.warnings, []);
      }
      await change(credentialId, 'revoked');
      const revoked = await verify(asUrl);
      assert.ok(!revoked.valid && revoked.reason === 'revoked', JSON.stringify(revoked));
    });
  });
}
