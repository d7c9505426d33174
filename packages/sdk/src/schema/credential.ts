import * as z from 'zod/mini';
import { CredentialStatus } from './credential-status.js';
import { agencyRecord, listQuery, version } from './fields.js';
import { DateOnly, Id, Timestamp, list, text } from './primitives.js';
import { RuleSet } from './rule-set.js';

export { CredentialStatus } from './credential-status.js';

/** What the service stores; the status a host sees is derived from it and the rule set. */
export const CredentialAdministrativeStatus = z.enum(['active', 'suspended', 'revoked', 'pending']);

/** Evidence that one requirement is met: hours of a topic, a passed exam, a check done. */
export const RequirementEvidence = z.strictObject({
  requirement: text(1, 100),
  value: z.optional(z.number().check(z.gte(0), z.lte(100000))),
  unit: z.optional(z.enum(['hours', 'months', 'count'])),
  met: z.optional(z.boolean()),
  completedOn: z.optional(DateOnly),
});
export type RequirementEvidence = z.infer<typeof RequirementEvidence>;

const credentialFields = {
  specialistId: Id,
  /** Credential type code, e.g. `peer-recovery` or `crisis-response-72h`. */
  type: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9][a-z0-9-]*$/, 'Expected a lowercase code')),
  name: text(1, 200),
  issuer: z.strictObject({ name: text(1, 200), id: z.optional(text(1, 200)) }),
  number: z.optional(text(1, 64)),
  issuedOn: DateOnly,
  expiresOn: z.optional(DateOnly),
  ruleSetId: z.optional(text(1, 100)),
  evidence: list(RequirementEvidence, 100),
};

/** Body of `POST /v1/credentials`. */
export const CreateCredentialRequest = z.strictObject({
  ...credentialFields,
  administrativeStatus: z.optional(CredentialAdministrativeStatus),
});
export type CreateCredentialRequest = z.infer<typeof CreateCredentialRequest>;

export const Credential = z.object({
  ...agencyRecord,
  ...credentialFields,
  administrativeStatus: CredentialAdministrativeStatus,
  status: CredentialStatus,
  statusReasons: list(text(1, 300), 50),
  /** The signed form (VC-JWT), when the agency issued one. */
  jwt: z.optional(z.string().check(z.maxLength(16384))),
  /**
   * The rule set `status` was derived with: the current version of the one assigned to a role of
   * the holder, for this credential's type. Absent when none applies: then only the issuer's status
   * and the expiry date count.
   */
  evaluatedWith: z.optional(z.object({ ruleSetId: Id, version, rules: RuleSet })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Credential = z.infer<typeof Credential>;

export const CredentialListQuery = listQuery({ specialistId: Id, status: CredentialStatus });
export type CredentialListQuery = z.infer<typeof CredentialListQuery>;

/** A key's id: in the agency's key set, the key's URL (the key set's, with the key's name as fragment). */
const keyId = z.string().check(z.maxLength(1000));
const base64url = (max: number) => z.string().check(z.maxLength(max), z.regex(/^[A-Za-z0-9_-]*$/));

/**
 * A public key in a JSON Web Key Set (RFC 7517); private members never appear. An agency signs
 * with RS256, the algorithm every Open Badges 3.0 verifier accepts; the other kinds verify
 * credentials signed earlier, or by other issuers.
 */
export const PublicJwk = z.discriminatedUnion('kty', [
  z.object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: base64url(200),
    kid: keyId,
    alg: z.literal('EdDSA'),
    use: z.optional(z.literal('sig')),
  }),
  z.object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: base64url(200),
    y: base64url(200),
    kid: keyId,
    alg: z.literal('ES256'),
    use: z.optional(z.literal('sig')),
  }),
  // A modulus of up to 4096 bits.
  z.object({
    kty: z.literal('RSA'),
    n: base64url(700),
    e: base64url(16),
    kid: keyId,
    alg: z.literal('RS256'),
    use: z.optional(z.literal('sig')),
  }),
]);
export type PublicJwk = z.infer<typeof PublicJwk>;

export const Jwks = z.object({ keys: list(PublicJwk, 20) });
export type Jwks = z.infer<typeof Jwks>;

/** Body of `POST /v1/credentials/{id}/status`: the issuer suspends, revokes or reinstates. */
export const CredentialStatusChangeRequest = z.strictObject({
  administrativeStatus: z.enum(['active', 'suspended', 'revoked']),
  reason: z.optional(text(1, 500)),
});
export type CredentialStatusChangeRequest = z.infer<typeof CredentialStatusChangeRequest>;

/**
 * One of the agency's W3C Bitstring Status Lists (revocation or suspension): a verifiable credential
 * of type `BitstringStatusListCredential`, as a compact JWS (VC-JWT, `application/vc+jwt`).
 */
export const StatusListCredentialJwt = z
  .string()
  .check(
    z.minLength(16),
    z.maxLength(65536),
    z.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'Expected a compact JWS'),
  );
export type StatusListCredentialJwt = z.infer<typeof StatusListCredentialJwt>;

/**
 * A status list wrapped in JSON, as earlier versions answered everyone: still the answer to a
 * caller that asks for `application/json` and not `application/vc+jwt`. Verifiers read the JWS.
 */
export const StatusList = z.object({ jwt: StatusListCredentialJwt });
export type StatusList = z.infer<typeof StatusList>;
