import type { RuleSet } from '../../schema/rule-set.js';
import { exampleIcrcPeerRecovery } from './icrc-peer-recovery.js';
import { exampleProgramCrisisResponse } from './program-crisis-response.js';

export { exampleIcrcPeerRecovery, exampleProgramCrisisResponse };

/**
 * The shipped examples, together a program policy: every role needs `peer-recovery`;
 * crisis interventionists also need `crisis-response-72h`. Examples, not legal sources.
 */
export const exampleRuleSets: readonly RuleSet[] = [exampleIcrcPeerRecovery, exampleProgramCrisisResponse];
