import type { EndpointAuth } from '@peerlink/sdk';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AckPrincipal, ApiKeyPrincipal, EmbedPrincipal, Principal } from '../domain/auth.js';
import { authenticateApiKey, verifyAckToken, verifyEmbedToken } from '../domain/auth.js';
import { HttpProblem, forbidden, rateLimited, unauthorized } from '../domain/problems.js';
import type { AppDeps } from './deps.js';

/** The principal each kind of endpoint auth yields once checked. */
export interface Principals {
  'embed-token': EmbedPrincipal;
  'api-key': ApiKeyPrincipal;
  'embed-token-or-api-key': EmbedPrincipal | ApiKeyPrincipal;
  'ack-token': AckPrincipal;
  public: null;
}

type Authenticate<A extends EndpointAuth> = (
  c: Context,
  deps: AppDeps,
  params: Record<string, string>,
) => Promise<Principals[A]>;

const bearer = (c: Context): string | undefined => {
  const header = c.req.header('authorization');
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
};

/** The caller's address: the socket's, or behind a trusted proxy the last hop that proxy recorded. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? c.req
        .header('x-forwarded-for')
        ?.split(',')
        .map((hop) => hop.trim())
        .filter(Boolean)
        .at(-1)
    : undefined;
  return forwarded ?? getConnInfo(c).remote.address ?? 'unknown';
}

/** Checks a secret API key; refused keys count against the caller's address, so keys cannot be guessed at speed. */
async function authenticateKey(c: Context, deps: AppDeps): Promise<ApiKeyPrincipal> {
  // Whatever reaches a browser can be read there: a request with an Origin must not carry the secret.
  if (c.req.header('origin') !== undefined) {
    throw forbidden(
      "A secret API key must never be sent from a browser; exchange it for an embed token on the host's server",
    );
  }
  const key = bearer(c);
  if (!key) throw unauthorized('Send the secret API key as a Bearer token');
  const address = clientAddress(c, deps.config.trustProxy);
  const wait = deps.authFailures.wait(address);
  if (wait > 0) throw rateLimited(wait);
  let principal: ApiKeyPrincipal;
  try {
    principal = await authenticateApiKey(deps.db, key, deps.clock());
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 401) deps.authFailures.take(address);
    throw error;
  }
  // A provider's key reaches only the provider endpoints (its resource's capacity), nothing of the agency's.
  if (principal.resourceId !== null && !c.req.path.startsWith(providerPaths)) {
    throw forbidden("A provider's API key may only report its resource's capacity");
  }
  return principal;
}

/** The only paths a provider's key (one bound to a resource) may call. */
export const providerPaths = '/v1/provider/';

async function authenticateEmbed(c: Context, deps: AppDeps): Promise<EmbedPrincipal> {
  const token = bearer(c);
  if (!token) throw unauthorized('Send the embed token as a Bearer token');
  const principal = await verifyEmbedToken(deps.keys, token, deps.clock());
  // The role is checked by the route, which audits a refusal.
  // A browser request must come from one of the agency's embedding hosts.
  const origin = c.req.header('origin');
  if (origin && !(await deps.agencyOrigins(principal.agencyId)).has(origin)) {
    throw forbidden('This origin is not an allowed host of the agency');
  }
  return principal;
}

/** How a request proves each kind of endpoint auth, and the principal it yields. */
export const authenticators: { [A in EndpointAuth]: Authenticate<A> } = {
  public: () => Promise.resolve(null),
  'api-key': (c, deps) => authenticateKey(c, deps),
  'ack-token': (_, deps, params) => verifyAckToken(deps.keys, params.token ?? '', deps.clock()),
  'embed-token': (c, deps) => authenticateEmbed(c, deps),
  // A secret key has its own shape (`plk_…`); anything else is read as an embed token.
  'embed-token-or-api-key': (c, deps) =>
    bearer(c)?.startsWith('plk_') ? authenticateKey(c, deps) : authenticateEmbed(c, deps),
};

/** Whom a rate limit or a stream slot counts against. */
export const principalKey = (principal: Principal | null): string => {
  if (!principal) return 'public';
  switch (principal.kind) {
    case 'embed':
      return `embed:${principal.agencyId}:${principal.role}:${principal.subjectId ?? principal.tokenId}`;
    case 'api-key':
      return `key:${principal.keyId}`;
    case 'ack':
      return `ack:${principal.tokenId}`;
  }
};
