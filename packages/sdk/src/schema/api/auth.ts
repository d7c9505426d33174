// The `auth` endpoint: a host's server exchanges its API key for an embed token.
import { endpoint } from '../endpoint.js';
import { EmbedSession, EmbedSessionRequest } from '../agency.js';

export const createEmbedSession = endpoint({
  operationId: 'createEmbedSession',
  method: 'POST',
  path: '/v1/embed-sessions',
  summary: "Exchange a host's secret API key for a short-lived embed token",
  description:
    "Called by the host's own server with its secret API key. Returns a token for one role (and, where it applies, one record) that expires within 15 minutes; components call `getToken()` again when it does. The API key never reaches a browser. A `subjectId` names an active peer of the agency: a deactivated peer gets no session until reactivated.",
  tag: 'auth',
  auth: 'api-key',
  body: EmbedSessionRequest,
  response: EmbedSession,
  status: 201,
});
