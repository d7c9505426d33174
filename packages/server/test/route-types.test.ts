// The route's auth kind is the contract's, checked by the compiler: a route declared with another
// kind, or a handler that expects another kind's principal, does not compile (typecheck runs in npm test).
import { acknowledgeByLink, getDispatch } from '@peerlink/sdk';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { route } from '../src/http/route.js';

describe('route()', () => {
  it("takes the endpoint's auth kind from the contract, and types the principal by it", () => {
    const read = route(getDispatch, {
      auth: 'embed-token',
      handler: ({ principal }) => {
        // An embed token's principal carries the role it was minted for.
        const role: string = principal.role;
        return Promise.reject(new Error(`not called: ${role}`));
      },
    });
    assert.equal(read.endpoint.auth, 'embed-token');

    route(getDispatch, {
      // @ts-expect-error -- the contract says embed-token
      auth: 'api-key',
      handler: () => Promise.reject(new Error('not called')),
    });
    route(acknowledgeByLink, {
      auth: 'ack-token',
      // @ts-expect-error -- an acknowledgement link's principal has no role
      handler: ({ principal }) => Promise.reject(new Error(`not called: ${principal.role}`)),
    });
  });
});
