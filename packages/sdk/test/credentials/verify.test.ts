// verifyCredential against what conforming issuers produce: Open Badges 3.0 / VC 2.0 and VC 1.1
// VC-JWTs signed with RS256, ES256 and EdDSA, their status lists, and the specification's examples.
// The issuer is a real HTTP server on loopback publishing its JWKS and status lists.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { encodeStatusList, verifyCredential } from '@peerlink/sdk/credentials';
import type { VerificationResult } from '@peerlink/sdk/credentials';
import { achievementCredentialErrors, specExamples, type Json } from './openbadges.js';

type Alg = 'RS256' | 'ES256' | 'EdDSA';

/** The issuer's web server: documents by path, and every request's path. */
const documents = new Map<string, { type: string; body: string }>();
const server = createServer((request, response) => {
  const document = documents.get(request.url ?? '');
  response.writeHead(document ? 200 : 404, { 'content-type': document?.type ?? 'text/plain' });
  response.end(document?.body ?? 'not found');
});
let base = '';
const publish = (path: string, type: string, body: string) => documents.set(path, { type, body });

interface Key {
  alg: Alg;
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}
const keys = new Map<Alg, Key>();
let stranger: Key;

async function makeKey(alg: Alg, kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(
    alg,
    alg === 'EdDSA' ? { crv: 'Ed25519', extractable: true } : { extractable: true },
  );
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) keys.set(alg, await makeKey(alg, `key-${alg.toLowerCase()}`));
  stranger = await makeKey('ES256', 'key-es256');
  publish(
    '/issuer/jwks.json',
    'application/jwk-set+json',
    JSON.stringify({ keys: [...keys.values()].map((key) => key.publicJwk) }),
  );
});
after(
  () =>
    new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    ),
);

const issuerId = () => `${base}/issuer`;
const jwksUrl = () => `${issuerId()}/jwks.json`;
const key = (alg: Alg): Key => {
  const found = keys.get(alg);
  if (!found) throw new Error(`no ${alg} key`);
  return found;
};
const seconds = (date: string) => Math.floor(Date.parse(date) / 1000);

/** An OB 3.0 OpenBadgeCredential (VC 2.0) as a conforming issuer writes it. */
function badge(overrides: Json = {}): Json {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:6f1f2b5e-0d4c-4f1e-9d51-3b1c1b7f2a10',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerId(), type: ['Profile'], name: 'Example Certification Board' },
    validFrom: '2025-01-01T00:00:00Z',
    validUntil: '2027-01-01T00:00:00Z',
    name: 'Peer Recovery Specialist',
    credentialSubject: {
      id: 'did:example:holder-1',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.org/achievements/peer-recovery',
        type: ['Achievement'],
        name: 'Peer Recovery Specialist',
        description: 'Completed the peer recovery training, supervised hours and exam.',
        criteria: { narrative: 'Meets the board requirements.' },
      },
    },
    ...overrides,
  };
}

const issuerOf = (credential: Json): string => {
  const issuer = credential.issuer;
  return typeof issuer === 'string' ? issuer : String((issuer as Json).id);
};
const subjectOf = (credential: Json): string => String((credential.credentialSubject as Json).id);

/** Signs a VC 2.0 credential in the OB 3.0 JWT proof format: kid a URL of the key, claims restating the credential. */
function signVc2(
  credential: Json,
  alg: Alg,
  signer: Key = key(alg),
  keyUrl = `${jwksUrl()}#${signer.kid}`,
): Promise<string> {
  const jwt = new SignJWT(credential)
    .setProtectedHeader({ alg, kid: keyUrl, typ: 'JWT' })
    .setIssuer(issuerOf(credential))
    .setSubject(subjectOf(credential))
    .setJti(String(credential.id))
    .setNotBefore(seconds(String(credential.validFrom)));
  if (typeof credential.validUntil === 'string') jwt.setExpirationTime(seconds(credential.validUntil));
  return jwt.sign(signer.privateKey);
}

/** Signs as a VC Data Model 1.1 JWT: the credential in `vc`, issuanceDate/expirationDate as nbf/exp. */
function signVc1(alg: Alg, overrides: Json = {}): Promise<string> {
  const { validFrom, validUntil, ...rest } = badge(overrides);
  const vc: Json = {
    ...rest,
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    issuanceDate: validFrom,
    expirationDate: validUntil,
  };
  return new SignJWT({ vc })
    .setProtectedHeader({ alg, kid: key(alg).kid, typ: 'JWT' })
    .setIssuer(issuerOf(vc))
    .setSubject(subjectOf(vc))
    .setJti(String(vc.id))
    .setNotBefore(seconds(String(validFrom)))
    .setExpirationTime(seconds(String(validUntil)))
    .sign(key(alg).privateKey);
}

/** The issuer's Bitstring Status List credential, signed as a VC-JWT. */
function statusList(
  encodedList: string,
  options: { purpose?: string; signer?: Key; list?: string } = {},
): Promise<string> {
  const url = `${issuerId()}/status/${options.list ?? '1'}`;
  const now = new Date();
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerId(),
    validFrom: new Date(now.getTime() - 60_000).toISOString(),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: options.purpose ?? 'revocation',
      encodedList,
    },
  };
  const signer = options.signer ?? key('RS256');
  return new SignJWT(credential)
    .setProtectedHeader({ alg: signer.alg, kid: `${jwksUrl()}#${signer.kid}`, typ: 'vc+jwt' })
    .setIssuer(issuerId())
    .setSubject(`${url}#list`)
    .setJti(url)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(signer.privateKey);
}

const statusEntry = (index: number, purpose = 'revocation', list = '1') => ({
  id: `${issuerId()}/status/${list}#${String(index)}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: purpose,
  statusListIndex: String(index),
  statusListCredential: `${issuerId()}/status/${list}`,
});
const bitstringEntry = (index: number, purpose = 'revocation') => ({ credentialStatus: statusEntry(index, purpose) });

const now = new Date('2026-06-01T00:00:00Z');
const outcome = (result: VerificationResult) => (result.valid ? 'valid' : result.reason);

describe('verifyCredential: conforming issuers', () => {
  it('the credential test issuers write validates against the OB 3.0 AchievementCredential schema', () => {
    const errors = achievementCredentialErrors();
    assert.deepEqual(errors(badge(bitstringEntry(3))), []);
    // The validator is not a rubber stamp: a credential without `id` or an achievement description fails.
    const { id: _id, ...withoutId } = badge();
    assert.notDeepEqual(errors(withoutId), []);
  });

  for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) {
    it(`verifies an OB 3.0 (VC 2.0) credential signed with ${alg}, kid a URL of the key in the issuer's JWKS`, async () => {
      const jwt = await signVc2(badge(), alg);
      const result = await verifyCredential(jwt, { jwksUrl: jwksUrl(), issuer: issuerId(), now });
      assert.ok(result.valid, JSON.stringify(result));
      assert.deepEqual(result.warnings, []);
      assert.equal(result.credential.id, 'urn:uuid:6f1f2b5e-0d4c-4f1e-9d51-3b1c1b7f2a10');
      assert.deepEqual(result.credential.issuer, { id: issuerId(), name: 'Example Certification Board' });
      assert.equal(result.credential.name, 'Peer Recovery Specialist');
      assert.equal(result.credential.subject.id, 'did:example:holder-1');
      assert.equal(result.credential.validUntil, '2027-01-01T00:00:00Z');
      // The same with the key set in hand, and a DID URL as kid.
      const local = { keys: [...keys.values()].map((k) => k.publicJwk) };
      assert.equal(outcome(await verifyCredential(jwt, { jwks: local, now })), 'valid');
      const didKid = await signVc2(badge(), alg, key(alg), `did:web:issuer.example#${key(alg).kid}`);
      assert.equal(outcome(await verifyCredential(didKid, { jwks: local, now })), 'valid');
    });

    it(`verifies a VC Data Model 1.1 JWT (credential in the vc claim) signed with ${alg}`, async () => {
      const result = await verifyCredential(await signVc1(alg), { jwksUrl: jwksUrl(), issuer: issuerId(), now });
      assert.ok(result.valid, JSON.stringify(result));
      assert.equal(result.credential.validFrom, '2025-01-01T00:00:00Z');
      assert.equal(result.credential.validUntil, '2027-01-01T00:00:00Z');
      assert.equal(result.credential.name, 'Peer Recovery Specialist');
      const expired = await verifyCredential(await signVc1(alg), {
        jwksUrl: jwksUrl(),
        now: new Date('2027-02-01T00:00:00Z'),
      });
      assert.equal(outcome(expired), 'expired');
    });
  }

  it('matches keys by their name when the set names them by URL and the kid does not, or names another host', async () => {
    // An issuer whose set gives each key's URL as its kid, as Peerlink's does.
    const byUrl = { keys: [...keys.values()].map((k) => ({ ...k.publicJwk, kid: `${jwksUrl()}#${k.kid}` })) };
    const options = { jwks: byUrl, now, skipStatus: true };
    for (const kid of [
      `${jwksUrl()}#${key('RS256').kid}`,
      key('RS256').kid,
      `https://issuer.old.example/jwks.json#${key('RS256').kid}`,
    ]) {
      assert.equal(
        outcome(await verifyCredential(await signVc2(badge(), 'RS256', key('RS256'), kid), options)),
        'valid',
        kid,
      );
    }
    // Still only the keys of the set: another key under a known name is refused.
    const imposter = await signVc2(badge(), 'ES256', stranger, `${jwksUrl()}#${stranger.kid}`);
    assert.ok(['unknown-key', 'invalid-signature'].includes(outcome(await verifyCredential(imposter, options))));
  });

  it('reads the credential number from credentialSubject.licenseNumber (OB 3.0), else from the peerlink extension', async () => {
    const options = { jwksUrl: jwksUrl(), now, skipStatus: true };
    const subject = badge().credentialSubject as Json;
    const numbered = (fields: Json) => signVc2(badge(fields), 'EdDSA');
    const read = async (jwt: string) => {
      const result = await verifyCredential(jwt, options);
      assert.ok(result.valid, JSON.stringify(result));
      return result.credential.number;
    };
    assert.equal(await read(await numbered({ credentialSubject: { ...subject, licenseNumber: 'PRS-7' } })), 'PRS-7');
    assert.equal(await read(await numbered({ peerlink: { number: 'PRS-6' } })), 'PRS-6');
    assert.equal(
      await read(
        await numbered({ credentialSubject: { ...subject, licenseNumber: 'PRS-7' }, peerlink: { number: 'X' } }),
      ),
      'PRS-7',
    );
    assert.equal(await read(await numbered({})), undefined);
  });

  it('refuses a key outside the issuer set, a forged signature and JWT claims that contradict the credential', async () => {
    const options = { jwksUrl: jwksUrl(), now, skipStatus: true };
    assert.ok(
      ['unknown-key', 'invalid-signature'].includes(
        outcome(await verifyCredential(await signVc2(badge(), 'ES256', stranger), options)),
      ),
    );
    const jwt = await signVc2(badge(), 'RS256');
    const [header = '', , signature = ''] = jwt.split('.');
    const altered = Buffer.from(JSON.stringify({ ...badge(), name: 'Supervisor' })).toString('base64url');
    assert.equal(outcome(await verifyCredential(`${header}.${altered}.${signature}`, options)), 'invalid-signature');
    // jti must be the credential's id, sub its subject's id, iss its issuer's id, nbf its validFrom.
    const contradicting = [
      new SignJWT(badge()).setJti('urn:uuid:00000000-0000-4000-8000-000000000000'),
      new SignJWT(badge()).setSubject('did:example:someone-else'),
      new SignJWT(badge()).setNotBefore(seconds('2024-01-01T00:00:00Z')),
    ];
    for (const unsigned of contradicting) {
      const signed = await unsigned
        .setProtectedHeader({ alg: 'RS256', kid: key('RS256').kid })
        .setIssuer(issuerId())
        .sign(key('RS256').privateKey);
      const result = await verifyCredential(signed, options);
      assert.ok(!result.valid && result.reason === 'malformed', JSON.stringify(result));
    }
  });
});

describe('verifyCredential: status methods', () => {
  it('reads a W3C Bitstring Status List served as a VC-JWT: MSB-first bits, purpose, issuer signature, length', async () => {
    // Built by hand, not with the SDK's encoder: index 7 is the last bit of the first byte, index 8 the first of the second.
    const bits = new Uint8Array(16 * 1024);
    bits[0] = 0b0000_0001;
    bits[1] = 0b1000_0000;
    const encoded = `u${gzipSync(bits).toString('base64url')}`;
    publish('/issuer/status/1', 'application/vc+jwt', await statusList(encoded));
    const check = async (index: number) =>
      outcome(
        await verifyCredential(await signVc2(badge(bitstringEntry(index)), 'EdDSA'), { jwksUrl: jwksUrl(), now }),
      );
    assert.equal(await check(7), 'revoked');
    assert.equal(await check(8), 'revoked');
    assert.equal(await check(0), 'valid');
    assert.equal(await check(6), 'valid');
    assert.equal(await check(9), 'valid');

    publish('/issuer/status/1', 'application/vc+jwt', await statusList(await encodeStatusList([])));
    assert.equal(await check(7), 'valid');

    // A list signed by a key outside the issuer's set, for another purpose, or shorter than 16 KB is not trusted.
    publish('/issuer/status/1', 'application/vc+jwt', await statusList(encoded, { signer: stranger }));
    assert.equal(await check(7), 'status-unavailable');
    publish('/issuer/status/1', 'application/vc+jwt', await statusList(encoded, { purpose: 'suspension' }));
    assert.equal(await check(7), 'status-unavailable');
    publish(
      '/issuer/status/1',
      'application/vc+jwt',
      await statusList(`u${gzipSync(new Uint8Array(1024)).toString('base64url')}`),
    );
    assert.equal(await check(7), 'status-unavailable');
    documents.delete('/issuer/status/1');
    assert.equal(await check(7), 'status-unavailable');
  });

  it('reads a revocation and a suspension entry, each against its own list: a set suspension bit refuses the credential as suspended', async () => {
    const credential = badge({
      credentialStatus: [statusEntry(12, 'revocation', 'revocation'), statusEntry(12, 'suspension', 'suspension')],
    });
    const jwt = await signVc2(credential, 'RS256');
    const lists = async (revoked: number[], suspended: number[]) => {
      publish(
        '/issuer/status/revocation',
        'application/vc+jwt',
        await statusList(await encodeStatusList(revoked), { list: 'revocation' }),
      );
      publish(
        '/issuer/status/suspension',
        'application/vc+jwt',
        await statusList(await encodeStatusList(suspended), { list: 'suspension', purpose: 'suspension' }),
      );
    };
    const check = () => verifyCredential(jwt, { jwksUrl: jwksUrl(), now });

    await lists([11, 13], [11, 13]);
    const valid = await check();
    assert.ok(valid.valid, JSON.stringify(valid));
    assert.deepEqual(valid.warnings, []);

    await lists([], [12]);
    const suspended = await check();
    assert.ok(!suspended.valid && suspended.reason === 'suspended', JSON.stringify(suspended));
    assert.equal(suspended.message, 'The issuer has suspended this credential');

    // Reinstated: the bit is cleared.
    await lists([], []);
    assert.equal(outcome(await check()), 'valid');
    // Revoked and suspended: revocation, the permanent one, is the reason given.
    await lists([12], [12]);
    assert.equal(outcome(await check()), 'revoked');
    // A revocation list where the suspension list should be is not read as one.
    await lists([], []);
    publish(
      '/issuer/status/suspension',
      'application/vc+jwt',
      await statusList(await encodeStatusList([]), { list: 'suspension', purpose: 'revocation' }),
    );
    assert.equal(outcome(await check()), 'status-unavailable');
    documents.delete('/issuer/status/revocation');
    documents.delete('/issuer/status/suspension');
  });

  it('reads the 1EdTech Revocation List Status Method', async () => {
    const credential = badge({ credentialStatus: { id: `${issuerId()}/revocations`, type: '1EdTechRevocationList' } });
    const jwt = await signVc2(credential, 'RS256');
    const list = (revokedCredentials: Json[]) =>
      JSON.stringify({ id: `${issuerId()}/revocations`, issuer: issuerId(), revokedCredentials });
    const check = async () => verifyCredential(jwt, { jwksUrl: jwksUrl(), now });

    publish('/issuer/revocations', 'application/json', list([{ id: 'urn:uuid:11111111-1111-4111-8111-111111111111' }]));
    assert.equal(outcome(await check()), 'valid');
    publish('/issuer/revocations', 'application/json', list([{ id: credential.id, revoked: false }]));
    assert.equal(outcome(await check()), 'valid');
    publish(
      '/issuer/revocations',
      'application/json',
      list([{ id: credential.id, revocationReason: 'Issued in error' }]),
    );
    const revoked = await check();
    assert.ok(
      !revoked.valid && revoked.reason === 'revoked' && revoked.message.includes('Issued in error'),
      JSON.stringify(revoked),
    );
    documents.delete('/issuer/revocations');
    assert.equal(outcome(await check()), 'status-unavailable');
  });

  it('tells an unsupported status method apart from a malformed credential: verified, with a warning', async () => {
    const methods = [
      {
        id: `${issuerId()}/status/2021#5`,
        type: 'StatusList2021Entry',
        statusPurpose: 'revocation',
        statusListIndex: '5',
        statusListCredential: `${issuerId()}/status/2021`,
      },
      { id: `${issuerId()}/tokens#5`, type: 'TokenStatusList', idx: 5 },
      bitstringEntry(5, 'refresh').credentialStatus,
    ];
    for (const credentialStatus of methods) {
      const result = await verifyCredential(await signVc2(badge({ credentialStatus }), 'ES256'), {
        jwksUrl: jwksUrl(),
        now,
      });
      assert.ok(result.valid, JSON.stringify(result));
      assert.deepEqual(
        result.warnings.map((warning) => warning.code),
        ['status-method-unsupported'],
      );
    }
    // A Bitstring entry without its index is a broken credential, not an unknown method.
    const broken = { ...bitstringEntry(5).credentialStatus, statusListIndex: 'five' };
    assert.equal(
      outcome(
        await verifyCredential(await signVc2(badge({ credentialStatus: broken }), 'ES256'), {
          jwksUrl: jwksUrl(),
          now,
        }),
      ),
      'malformed',
    );
  });
});

describe('verifyCredential: the specification examples', () => {
  const examples = specExamples();

  it('finds every example AchievementCredential, and each validates against the schema', () => {
    assert.equal(examples.length, 6);
    const errors = achievementCredentialErrors();
    for (const { file, credential } of examples) assert.deepEqual(errors(credential), [], file);
  });

  it('each example, signed in the JWT proof format with RS256, verifies', async () => {
    // The examples' issuers (example.com, example.edu, 1edtech.edu) are served by the loopback issuer, same paths.
    const local: typeof fetch = (input, init) =>
      fetch((input instanceof Request ? input.url : String(input)).replace(/^https?:\/\/[^/]+/, base), init);
    publish('/credentials/3732/revocations', 'application/json', JSON.stringify({ revokedCredentials: [] }));
    for (const { file, credential } of examples) {
      publish(
        `${new URL(issuerOf(credential)).pathname}/jwks.json`,
        'application/jwk-set+json',
        JSON.stringify({ keys: [key('RS256').publicJwk] }),
      );
      const jwt = await signVc2(
        credential,
        'RS256',
        key('RS256'),
        `${issuerOf(credential)}/jwks.json#${key('RS256').kid}`,
      );
      const result = await verifyCredential(jwt, {
        jwksUrl: `${issuerOf(credential)}/jwks.json`,
        fetch: local,
        issuer: issuerOf(credential),
        now,
      });
      assert.ok(result.valid, `${file}: ${JSON.stringify(result)}`);
      assert.equal(result.credential.id, credential.id, file);
      assert.equal(result.credential.subject.id, subjectOf(credential), file);
      assert.deepEqual(result.warnings, [], file);
    }
  });
});
