import {
  acknowledgeByLink,
  createDispatch,
  getDispatch,
  listDispatches,
  streamEvents,
  transitionDispatch,
} from '@peerlink/sdk';
import { consumeAckToken } from '../../domain/auth.js';
import * as dispatches from '../../domain/dispatches.js';
import { conflict } from '../../domain/problems.js';
import { readRoute, route } from '../route.js';

export const createDispatchRoute = route(createDispatch, {
  auth: 'embed-token',
  // A request for an incident with an active call-out answers that call-out (200): a read.
  audit: [
    { action: 'create', recordType: 'dispatch', when: (_, status) => status === 201 },
    { action: 'read', recordType: 'dispatch', when: (_, status) => status === 200 },
  ],
  async handler({ body, principal, tx, deps, meta }) {
    const context = { tx, keys: deps.keys, config: deps.config, now: meta.now };
    const { dispatch, existing } = await dispatches.createDispatch(context, principal, body);
    return { status: existing ? 200 : 201, body: dispatch };
  },
});

export const listDispatchesRoute = readRoute(listDispatches, 'list', 'dispatch', ({ query, principal, tx }) =>
  dispatches.listDispatches(tx, principal, query),
);

export const getDispatchRoute = readRoute(getDispatch, 'read', 'dispatch', ({ params, principal, tx }) =>
  dispatches.readableDispatch(tx, principal, params.id),
);

export const transitionDispatchRoute = route(transitionDispatch, {
  auth: 'embed-token',
  audit: [{ action: 'transition', recordType: 'dispatch' }],
  handler: ({ params, body, principal, tx, deps, meta }) => {
    const context = { tx, keys: deps.keys, config: deps.config, now: meta.now };
    return dispatches.transitionDispatch(context, principal, params.id, body);
  },
});

export const acknowledgeByLinkRoute = route(acknowledgeByLink, {
  auth: 'ack-token',
  audit: [{ action: 'transition', recordType: 'dispatch' }],
  async handler({ body, principal, tx, deps, meta }) {
    if (!(await consumeAckToken(tx, principal.tokenId, meta.now))) throw conflict('This link was already used');
    const to = body.decision === 'acknowledge' ? 'acknowledged' : 'declined';
    const context = { tx, keys: deps.keys, config: deps.config, now: meta.now };
    return dispatches.transitionDispatch(context, principal, principal.dispatchId, { to });
  },
});

// The stream itself is served by the app (events-stream.ts); this route declares it.
export const streamEventsRoute = route(streamEvents, {
  auth: 'embed-token',
  handler: () => Promise.reject(new Error('served as a stream')),
});
