// The `api-keys` endpoints: an agency's secret API keys, managed with one of them.
import {
  ApiKey,
  CreateApiKeyRequest,
  CreatedApiKey,
  RevokeApiKeyRequest,
  RollApiKeyRequest,
  RolledApiKey,
} from '../api-key.js';
import { ById, endpoint } from '../endpoint.js';
import { page } from '../primitives.js';

export const listApiKeys = endpoint({
  operationId: 'listApiKeys',
  method: 'GET',
  path: '/v1/api-keys',
  summary: "List the agency's API keys",
  description:
    'Every key of the agency, newest first, by prefix and label, with when it was made, last used (to the minute), set to expire and revoked. Secrets and their hashes are never shown.',
  tag: 'api-keys',
  auth: 'api-key',
  response: page(ApiKey),
});

export const createApiKey = endpoint({
  operationId: 'createApiKey',
  method: 'POST',
  path: '/v1/api-keys',
  summary: 'Create an API key (its secret is shown once)',
  description:
    "Makes a key and answers with its secret, the only time it is shown: store it on the host's server. With `resourceId` (a resource of the agency) the key is that provider's and may only report the resource's capacity. A retry with the same Idempotency-Key is refused rather than shown the secret again.",
  tag: 'api-keys',
  auth: 'api-key',
  body: CreateApiKeyRequest,
  response: CreatedApiKey,
  status: 201,
});

export const revokeApiKey = endpoint({
  operationId: 'revokeApiKey',
  method: 'POST',
  path: '/v1/api-keys/{id}/revoke',
  summary: 'Revoke an API key at once',
  description:
    "The key is refused from the next request on, everywhere. The agency's last key that is neither a provider's nor set to expire cannot be revoked (409): create or roll another first, so the program never locks itself out.",
  tag: 'api-keys',
  auth: 'api-key',
  params: ById,
  body: RevokeApiKeyRequest,
  response: ApiKey,
});

export const rollApiKey = endpoint({
  operationId: 'rollApiKey',
  method: 'POST',
  path: '/v1/api-keys/{id}/roll',
  summary: 'Roll an API key: a new key, the old one working until a chosen time',
  description:
    'Makes a new key with the same label and resource (its secret shown once) and sets the old key to expire at `expiresAt` (default 24 hours from now, at most 7 days), so hosts can switch over without downtime. A revoked, expired or already rolled key cannot be rolled (409).',
  tag: 'api-keys',
  auth: 'api-key',
  params: ById,
  body: RollApiKeyRequest,
  response: RolledApiKey,
  status: 201,
});
