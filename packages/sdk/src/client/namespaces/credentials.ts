import type { VerificationResult } from '../../credentials/verify.js';
import * as api from '../../schema/api/credentials.js';
import type { CredentialListQuery } from '../../schema/credential.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';

export function credentialsApi(core: ClientCore) {
  const base = core.baseUrl.replace(/\/+$/, '');
  return {
    get: (id: string, call?: CallOptions) => core.get(api.getCredential, { params: { id } }, call),
    list: (query: CredentialListQuery = {}, call?: CallOptions) => core.get(api.listCredentials, { query }, call),
    /**
     * Checks a signed credential issued by an agency of this Peerlink service: signature, issuer,
     * validity window, revocation and suspension. The verifier loads only when first used.
     */
    verify: async (jwt: string, options: { now?: Date } = {}): Promise<VerificationResult> => {
      const { verifyCredential } = await import('../../credentials/verify.js');
      const issuer = unverifiedIssuer(jwt);
      if (!issuer?.startsWith(`${base}/v1/agencies/`)) {
        return {
          valid: false,
          reason: 'wrong-issuer',
          message: 'The credential was not issued through this Peerlink service',
        };
      }
      return verifyCredential(jwt, {
        jwksUrl: `${issuer}/jwks.json`,
        issuer,
        fetch: core.fetch,
        ...(options.now ? { now: options.now } : {}),
      });
    },
  };
}

/** The `iss` a token claims, read without trusting it: it only picks the key set to check with. */
function unverifiedIssuer(jwt: string): string | undefined {
  try {
    const payload = JSON.parse(atob((jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as {
      iss?: unknown;
    };
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}
