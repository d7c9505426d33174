// The `events` endpoint: live changes as Server-Sent Events.
import { endpoint, everyone } from '../endpoint.js';
import { EventStreamQuery, PeerEvent } from '../events.js';

export const streamEvents = endpoint({
  operationId: 'streamEvents',
  method: 'GET',
  path: '/v1/events',
  summary: "Live changes the token's role may see (Server-Sent Events; resume with Last-Event-ID)",
  description:
    "A Server-Sent Events stream of changes to the records the token's role may see (dispatch steps, logs, referrals). Each `data:` line is one JSON event; reconnect with Last-Event-ID to resume where the stream stopped.",
  tag: 'events',
  roles: everyone,
  query: EventStreamQuery,
  response: PeerEvent,
  stream: true,
});
