import type { VerificationResult, VerifyOptions } from './verify.js';

/**
 * Verifies a Peerlink credential (a W3C Verifiable Credential 2.0 / Open Badges 3.0-shaped
 * VC-JWT): signature against the issuer's key set, issuer, validity window, and revocation through
 * the issuer's signed Bitstring Status List. Never throws for a bad credential: the result says why.
 *
 * The verifier and jose load on the first call, so a page that imports this module only for
 * `evaluate()` or `qualifiesFor()` (unbundled, or with a bundler) never loads them.
 */
export async function verifyCredential(jwt: string, options: VerifyOptions): Promise<VerificationResult> {
  const { verifyCredential: verify } = await import('./verify.js');
  return verify(jwt, options);
}
