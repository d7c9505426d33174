import type * as z from 'zod/mini';
import { PeerValidationError } from '../client/errors.js';
import { toFieldErrors } from '../schema/problem.js';
import { RuleSet } from '../schema/rule-set.js';

/**
 * Reads a rule set loaded as JSON, or throws a `PeerValidationError` whose `errors` name each
 * broken field (`requirements.2.hours`, `renewal.ceEthicsHours`).
 */
export function parseRuleSet(input: unknown): RuleSet {
  const result = RuleSet.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map(namingKinds);
  throw new PeerValidationError('The rule set does not match the contract', toFieldErrors(issues, input), {
    code: 'validation',
  });
}

/** An unknown `kind` says which kinds exist, rather than that no form matched. */
function namingKinds(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.discriminator === undefined || !('options' in issue)) return issue;
  const options = (issue as { options?: unknown }).options;
  if (!Array.isArray(options)) return issue;
  const values = options.filter((option): option is string => typeof option === 'string');
  return { code: 'invalid_value', values, path: issue.path, message: issue.message };
}
