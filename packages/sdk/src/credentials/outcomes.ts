// What a verification can answer besides a credential: shared by the verifier and the status check.

export type VerificationFailure =
  | 'malformed'
  | 'unsupported-algorithm'
  | 'unknown-key'
  | 'invalid-signature'
  | 'wrong-issuer'
  | 'expired'
  | 'not-yet-valid'
  | 'revoked'
  | 'suspended'
  | 'status-unavailable';

/**
 * Something a host should know about a credential that verified. `status-method-unsupported`:
 * its `credentialStatus` uses a method (or purpose) this verifier does not read, so whether the
 * issuer revoked it was not checked; signature, issuer and dates were.
 */
export interface VerificationWarning {
  code: 'status-method-unsupported';
  message: string;
}
