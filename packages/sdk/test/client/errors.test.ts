// Errors made by another copy of the SDK on the same page (an element file of the CDN folder bundles
// its own copy, the host's client is another) are recognized by `instanceof`, class by class.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ours from '../../src/client/errors.js';
import { errorFromResponse } from '../../src/client/problems.js';

// The same module under another URL: a second, separate copy of every class.
const anotherCopy = '../../src/client/errors.js?copy';
const theirs = (await import(anotherCopy)) as typeof ours;

describe('SDK errors across copies of the SDK', () => {
  it('the second copy has classes of its own', () => {
    assert.notEqual(theirs.PeerError, ours.PeerError);
  });

  it('recognizes an error of another copy as its class and every class it extends', () => {
    const queued = new theirs.PeerQueuedError('key-1');
    assert.ok(queued instanceof ours.PeerQueuedError);
    assert.ok(queued instanceof ours.PeerNetworkError);
    assert.ok(queued instanceof ours.PeerError);
    assert.ok(queued instanceof Error);
    assert.ok(new theirs.PeerConflictError('Conflict', { code: 'conflict' }) instanceof ours.PeerConflictError);
    // One made from a service's answer, by this copy, is of the other copy's class too.
    assert.ok(errorFromResponse(401, {}, undefined) instanceof theirs.PeerAuthError);
    assert.ok(
      errorFromResponse(409, { status: 409, title: 'Conflict' }, undefined) instanceof theirs.PeerConflictError,
    );
  });

  it('does not take an error for a class it is not', () => {
    const network = new theirs.PeerNetworkError('offline', { code: 'network' });
    assert.ok(!(network instanceof ours.PeerQueuedError));
    assert.ok(!(network instanceof ours.PeerConflictError));
    assert.ok(!(new Error('plain') instanceof ours.PeerError));
    const nothing: unknown = null;
    assert.ok(!(nothing instanceof ours.PeerError));
    assert.ok(!({ name: 'PeerError' } instanceof ours.PeerError));
  });

  it("leaves a host's own subclass to the usual check", () => {
    class HostError extends ours.PeerError {}
    assert.ok(new HostError('mine', { code: 'host' }) instanceof HostError);
    assert.ok(!(new theirs.PeerError('theirs', { code: 'x' }) instanceof HostError));
    assert.ok(!(new ours.PeerError('ours', { code: 'x' }) instanceof HostError));
  });
});
