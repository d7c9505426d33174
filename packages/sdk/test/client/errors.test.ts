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

describe('an answer that is not a problem document', () => {
  it('reads a problem document as the service writes one', () => {
    const problem = {
      type: '/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'One field is wrong',
      errors: [{ path: 'callForService.type', message: 'Choose a type', code: 'invalid_value' }],
    };
    const error = errorFromResponse(400, problem, 'req-1');
    assert.ok(error instanceof ours.PeerValidationError);
    assert.equal(error.message, 'One field is wrong');
    assert.deepEqual(error.problem, problem);
  });

  // A proxy or gateway in front of the service answers JSON of its own shape: its fields are not a message
  // or field errors, and nothing downstream is handed a non-array as `errors`.
  const foreign: [string, unknown][] = [
    ['a status that is a word', { status: 'error', title: 'Bad Gateway' }],
    ['a title that is not text', { status: 502, title: 502 }],
    ['a detail that is not text', { status: 400, title: 'Bad', detail: { reason: 'x' } }],
    ['errors that are not a list', { status: 400, title: 'Bad', errors: 'nope' }],
    ['errors without a path', { status: 400, title: 'Bad', errors: [{ message: 'x' }] }],
    ['errors that are not objects', { status: 400, title: 'Bad', errors: ['x'] }],
  ];
  for (const [what, body] of foreign) {
    it(`is not taken for one: ${what}`, () => {
      const error = errorFromResponse(400, body, 'req-2');
      assert.ok(!(error instanceof ours.PeerValidationError));
      assert.equal(error.message, 'The service answered 400');
      assert.equal(error.problem, undefined);
      assert.equal(error.requestId, 'req-2');
      assert.equal(error.code, 'http_error');
    });
  }
});
