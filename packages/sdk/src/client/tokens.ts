import { PeerNetworkError } from './errors.js';

/** What `getToken()` may return: the token alone, or with its expiry (an embed session does). */
export type TokenResult = string | { token: string; expiresAt: string | Date };
export type GetToken = () => TokenResult | Promise<TokenResult>;

/** Ask for a new token this long before the current one expires. */
const refreshMarginMs = 30_000;

/** A JWT's claims, as written (the service checks the signature): none for an opaque token. */
function claimsOf(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof claims === 'object' && claims ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function jwtExpiry(token: string): number | undefined {
  const exp = claimsOf(token)?.exp;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

/**
 * Whose drafts and queued changes a token opens on this device: the person its claims name (issuer,
 * agency, role, subject). An opaque token names no one, so every holder of one shares `anonymous`.
 */
export function ownerOf(token: string): string {
  const claims = claimsOf(token);
  return claims ? JSON.stringify([claims.iss, claims.agency, claims.role, claims.sub]) : 'anonymous';
}

/**
 * Calls the host's `getToken()` only when needed: lazily, again shortly before expiry, and again
 * after the service refused the token. Concurrent requests share one pending call. Tokens live in
 * memory only — never in storage, logs or errors.
 */
export class TokenCache {
  private current?: { token: string; refreshAt: number };
  private pending?: Promise<string>;
  /** Counts `clear()`s: a token asked for before one is handed to its caller but not kept. */
  private cleared = 0;

  constructor(
    private readonly getToken: GetToken,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return this.current.token;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forget the token (the service refused it, or the user signed out). */
  clear(): void {
    this.current = undefined;
    this.cleared += 1;
  }

  private async fetch(): Promise<string> {
    const cleared = this.cleared;
    let result: TokenResult;
    try {
      result = await this.getToken();
    } catch (error) {
      // The host's session endpoint is one more hop on the way to the service: when it fails,
      // changes wait in the outbox as they do when the service itself is unreachable.
      throw new PeerNetworkError('No token from the host (getToken failed)', {
        code: 'token_unavailable',
        cause: error,
      });
    }
    const token = typeof result === 'string' ? result : result.token;
    const expiresAt = typeof result === 'string' ? jwtExpiry(result) : new Date(result.expiresAt).getTime();
    // Without a known expiry, keep it until the service refuses it.
    const refreshAt = expiresAt === undefined ? Number.POSITIVE_INFINITY : expiresAt - refreshMarginMs;
    if (cleared === this.cleared) this.current = { token, refreshAt };
    return token;
  }
}
