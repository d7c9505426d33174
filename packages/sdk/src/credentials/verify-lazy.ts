import type { VerificationResult, VerifyOptions } from './verify.js';

/**
 * Verifies a signed credential (a W3C Verifiable Credential / Open Badges 3.0 VC-JWT, data model
 * 2.0 or 1.1): signature against the issuer's key set (EdDSA, ES256 or RS256), issuer, validity
 * window, and revocation and suspension through the issuer's Bitstring Status Lists (or revocation
 * through a 1EdTech Revocation List). Never throws for a bad credential: the result says why; `warnings` name what was not checked.
 *
 * The verifier and jose load on the first call, so a page that imports this module only for
 * `evaluate()` or `qualifiesFor()` (unbundled, or with a bundler) never loads them.
 */
export async function verifyCredential(jwt: string, options: VerifyOptions): Promise<VerificationResult> {
  const { verifyCredential: verify } = await import('./verify.js');
  return verify(jwt, options);
}
