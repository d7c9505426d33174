import type { Credential, RuleSet } from '@peerlink/sdk';
import type { HeldCredential, VerifiedCredential } from '@peerlink/sdk/credentials';

/**
 * A credential the badge shows: the contract's `Credential`, or a `HeldCredential` with as much of
 * its name and issuer as the host has. A `Credential` read from the service carries, in
 * `evaluatedWith`, the current version of the rule set its status was derived with.
 */
export type BadgeCredential = HeldCredential &
  Partial<Pick<Credential, 'name' | 'issuer' | 'number' | 'evaluatedWith'>>;

const DAY_MS = 86_400_000;

/** Whole UTC calendar days from `now` to `date` (`YYYY-MM-DD`), as the SDK counts them. */
export function daysUntil(date: string, now: Date): number {
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - today) / DAY_MS);
}

/** The credential a valid signed credential describes, when the host gave no other. */
export function fromSigned(verified: VerifiedCredential): BadgeCredential {
  return {
    type: verified.type,
    name: verified.name,
    issuer: { name: verified.issuer.name ?? verified.issuer.id },
    ...(verified.number ? { number: verified.number } : {}),
    issuedOn: verified.validFrom.slice(0, 10),
    ...(verified.validUntil ? { expiresOn: verified.validUntil.slice(0, 10) } : {}),
    administrativeStatus: 'active',
    evidence: [],
  };
}

/** Whether a valid signed credential is the credential shown (same type, number and id where both have them). */
export function describes(verified: VerifiedCredential, credential: BadgeCredential): boolean {
  if (verified.type !== credential.type) return false;
  if (verified.number && credential.number && verified.number !== credential.number) return false;
  if (credential.id && verified.id && verified.id !== credential.id && verified.id !== `urn:uuid:${credential.id}`)
    return false;
  return true;
}

/**
 * The rule set a credential is measured by: the host's `ruleSet`, else the one the service
 * evaluated it with (the current version assigned to the holder's role), else the program rule
 * set for its id or type.
 */
export function ruleSetFor(
  credential: BadgeCredential,
  ruleSet: RuleSet | undefined,
  ruleSets: readonly RuleSet[],
): RuleSet | undefined {
  return (
    ruleSet ??
    credential.evaluatedWith?.rules ??
    ruleSets.find((set) => set.id === credential.ruleSetId && set.credentialType === credential.type) ??
    ruleSets.find((set) => set.credentialType === credential.type)
  );
}

/** The rule sets the service evaluated a specialist's credentials with, once each. */
export function evaluatedRuleSets(credentials: readonly BadgeCredential[]): RuleSet[] {
  const found = new Map<string, RuleSet>();
  for (const { evaluatedWith } of credentials) {
    if (evaluatedWith && !found.has(evaluatedWith.ruleSetId)) found.set(evaluatedWith.ruleSetId, evaluatedWith.rules);
  }
  return [...found.values()];
}
