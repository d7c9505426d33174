export { credentialStatus, expiringWithinDays, statusSeverity } from './status.js';
export { evaluate } from './evaluate.js';
export type { EvaluableCredential } from './evaluate.js';
export { qualifiesFor, requiredCredentialTypes } from './qualifies.js';
export type { CredentialHolder, HeldCredential } from './qualifies.js';
export { ceEthicsKey, requirementKey } from './evidence.js';
export { parseRuleSet } from './parse.js';
export { exampleIcrcPeerRecovery, exampleProgramCrisisResponse, exampleRuleSets } from './rulesets/index.js';
// Loads jose only when called; `./verify.js` is the verifier itself.
export { verifyCredential } from './verify-lazy.js';
export type {
  VerificationFailure,
  VerificationResult,
  VerificationWarning,
  VerifiedCredential,
  VerifyOptions,
} from './verify.js';
export { encodeStatusList, statusListBit, statusListLength } from './status-list.js';
