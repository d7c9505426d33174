import * as z from 'zod/mini';
import { Id, Label, Timestamp } from './primitives.js';

/**
 * A secret API key as it is listed: never its secret or hash. `expiresAt` is set on a key that was
 * rolled (it works until then). A key with a `resourceId` is a provider's: it may only report that
 * resource's capacity.
 */
export const ApiKey = z.object({
  id: Id,
  /** The 12 hex characters after `plk_`, enough to tell keys apart in logs and lists. */
  prefix: z.string().check(z.regex(/^[0-9a-f]{12}$/)),
  label: z.nullable(Label),
  status: z.enum(['active', 'expired', 'revoked']),
  createdAt: Timestamp,
  /** Updated at most once a minute. */
  lastUsedAt: z.nullable(Timestamp),
  expiresAt: z.nullable(Timestamp),
  revokedAt: z.nullable(Timestamp),
  resourceId: z.nullable(Id),
});
export type ApiKey = z.infer<typeof ApiKey>;

/** A key just made: the only answer that carries its secret. Store it on the host's server at once. */
export const CreatedApiKey = z.object({
  ...ApiKey.shape,
  secret: z.string().check(z.regex(/^plk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/)),
});
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

/** Body of `POST /v1/api-keys`. With `resourceId` (a resource of the agency) the key is that provider's. */
export const CreateApiKeyRequest = z.strictObject({
  label: Label,
  resourceId: z.optional(Id),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

/** Body of `POST /v1/api-keys/{id}/roll`: until when the old key keeps working (default 24 hours, at most 7 days). */
export const RollApiKeyRequest = z.strictObject({
  expiresAt: z.optional(Timestamp),
});
export type RollApiKeyRequest = z.infer<typeof RollApiKeyRequest>;

/** The key that replaces a rolled one (its secret shown once) and the rolled key with its `expiresAt`. */
export const RolledApiKey = z.object({
  key: CreatedApiKey,
  previous: ApiKey,
});
export type RolledApiKey = z.infer<typeof RolledApiKey>;

/** Body of `POST /v1/api-keys/{id}/revoke`. */
export const RevokeApiKeyRequest = z.strictObject({});
export type RevokeApiKeyRequest = z.infer<typeof RevokeApiKeyRequest>;
