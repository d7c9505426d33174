import type { SpecialistRole } from '../schema/agency.js';
import type { CredentialStatus } from '../schema/credential.js';
import type { RoleQualification, RuleSet } from '../schema/rule-set.js';
import { evaluate } from './evaluate.js';
import type { EvaluableCredential } from './evaluate.js';
import { credentialStatus, statusSeverity } from './status.js';

/** A credential as `qualifiesFor()` reads it; ids are optional so unsaved credentials work too. */
export type HeldCredential = EvaluableCredential & { id?: string; specialistId?: string; ruleSetId?: string };

/** A specialist with the credentials they hold attached. */
export interface CredentialHolder {
  id: string;
  roles: readonly SpecialistRole[];
  credentials: readonly HeldCredential[];
}

/**
 * Credential types a role needs under a program's rule sets: every rule set's own type, except
 * types that some rule set names as a role addition, which only the roles naming them need.
 */
export function requiredCredentialTypes(role: SpecialistRole, ruleSets: readonly RuleSet[]): string[] {
  const additions = ruleSets.flatMap((ruleSet) => Object.values(ruleSet.roleAdditions ?? {}).flat());
  const base = ruleSets.map((ruleSet) => ruleSet.credentialType).filter((type) => !additions.includes(type));
  const forRole = ruleSets.flatMap((ruleSet) => ruleSet.roleAdditions?.[role] ?? []);
  return [...new Set([...base, ...forRole])];
}

const inForce = (status: CredentialStatus) => status === 'active' || status === 'expiring';

/**
 * Whether a specialist may work in `role` at `now`: they hold the role, and for each credential
 * type the role needs (`requiredCredentialTypes`) hold one that is `active` or `expiring` under its
 * rule set (matched by `ruleSetId`, else by type; without a rule set only issuer status and expiry
 * count). Credentials of another specialist are ignored. Reasons explain a refusal and warn of
 * credentials about to expire.
 */
export function qualifiesFor(
  specialist: CredentialHolder,
  role: SpecialistRole,
  now: Date,
  ruleSets: readonly RuleSet[],
): RoleQualification {
  const reasons: string[] = [];
  let qualified = specialist.roles.includes(role);
  if (!qualified) reasons.push(`Not assigned the ${role} role`);

  const credentials: RoleQualification['credentials'] = [];
  for (const type of requiredCredentialTypes(role, ruleSets)) {
    const held = specialist.credentials.filter(
      (credential) => credential.type === type && (credential.specialistId ?? specialist.id) === specialist.id,
    );
    const best = held
      .map((credential) => ({ credential, ...statusOf(credential, ruleSets, now) }))
      .sort(
        (a, b) => statusSeverity[a.status] - statusSeverity[b.status] || expiryOrder(a.credential, b.credential),
      )[0];
    if (!best) {
      qualified = false;
      reasons.push(`No ${type} credential`);
      credentials.push({ type, status: 'missing' });
      continue;
    }
    credentials.push({
      type,
      status: best.status,
      ...(best.credential.id ? { credentialId: best.credential.id } : {}),
    });
    if (!inForce(best.status)) {
      qualified = false;
      reasons.push(`${type} credential is ${best.status}`, ...best.reasons.map((reason) => `${type}: ${reason}`));
    } else if (best.status === 'expiring') {
      reasons.push(...best.reasons.map((reason) => `${type}: ${reason}`));
    }
  }
  return { role, qualified, reasons: reasons.slice(0, 100), credentials };
}

function statusOf(
  credential: HeldCredential,
  ruleSets: readonly RuleSet[],
  now: Date,
): { status: CredentialStatus; reasons: string[] } {
  const ruleSet =
    ruleSets.find(
      (candidate) => candidate.id === credential.ruleSetId && candidate.credentialType === credential.type,
    ) ?? ruleSets.find((candidate) => candidate.credentialType === credential.type);
  return ruleSet ? evaluate(credential, ruleSet, now) : credentialStatus(credential, now);
}

/** Later expiry first; a credential that never expires comes before any that does. */
function expiryOrder(a: HeldCredential, b: HeldCredential): number {
  const far = '9999-12-31';
  return (b.expiresOn ?? far).localeCompare(a.expiresOn ?? far);
}
