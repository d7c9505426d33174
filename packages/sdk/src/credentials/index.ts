export { credentialStatus, expiringWithinDays } from './status.js';
export { evaluate } from './evaluate.js';
export type { EvaluableCredential } from './evaluate.js';
export { qualifiesFor, requiredCredentialTypes } from './qualifies.js';
export type { CredentialHolder, HeldCredential } from './qualifies.js';
export { ceEthicsKey, requirementKey } from './evidence.js';
export { parseRuleSet } from './parse.js';
export { exampleIcrcPeerRecovery, exampleProgramCrisisResponse, exampleRuleSets } from './rulesets/index.js';
