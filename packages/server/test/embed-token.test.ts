// Embed tokens are verified once and remembered by their text: a remembered token is still
// refused outside its lifetime, exactly as a first verification refuses it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { KeyStore, issueEmbedToken, verifyEmbedToken } from '../src/domain/auth.js';
import { openDatabase } from '../src/infra/db/database.js';
import { migrate } from '../src/infra/db/migrate.js';

describe('embed token verification', () => {
  it('refuses a remembered token before it was issued and from its expiry on', async (t) => {
    const db = await openDatabase({});
    t.after(() => db.close());
    await migrate(db);
    const keys = new KeyStore(db);
    const issued = new Date('2026-03-01T12:00:00Z');
    const at = (seconds: number) => new Date(issued.getTime() + seconds * 1000);
    const agencyId = randomUUID();
    const { token } = await issueEmbedToken(keys, agencyId, { role: 'dispatcher', ttlSeconds: 60 }, issued);

    const first = await verifyEmbedToken(keys, token, at(0));
    assert.equal(first.agencyId, agencyId);
    assert.deepEqual(await verifyEmbedToken(keys, token, at(59.9)), first, 'remembered within its lifetime');
    await assert.rejects(verifyEmbedToken(keys, token, at(60)), /expired/);
    await assert.rejects(verifyEmbedToken(keys, token, at(-1)), /expired/);
    // One character of the signature changed (not its last, whose low bits base64url does not carry).
    const at10 = token.length - 10;
    const forged = `${token.slice(0, at10)}${token[at10] === 'A' ? 'B' : 'A'}${token.slice(at10 + 1)}`;
    await assert.rejects(verifyEmbedToken(keys, forged, at(1)), /expired/, 'another text is verified');
  });
});
