import { createApiKey, listApiKeys, revokeApiKey, rollApiKey } from '@peerlink/sdk';
import * as keys from '../../domain/api-keys.js';
import { route } from '../route.js';

export const listApiKeysRoute = route(listApiKeys, {
  auth: 'api-key',
  audit: [{ action: 'list', recordType: 'api-key' }],
  handler: ({ principal, tx, meta }) => Promise.resolve(keys.listApiKeys(tx, principal, meta.now)),
});

export const createApiKeyRoute = route(createApiKey, {
  auth: 'api-key',
  shownOnce: true,
  audit: [{ action: 'create', recordType: 'api-key' }],
  handler: ({ body, principal, tx, meta }) => keys.createKey(tx, principal, body, meta.now),
});

export const revokeApiKeyRoute = route(revokeApiKey, {
  auth: 'api-key',
  audit: [{ action: 'revoke', recordType: 'api-key' }],
  handler: ({ params, principal, tx, meta }) => keys.revokeKey(tx, principal, params.id, meta.now),
});

export const rollApiKeyRoute = route(rollApiKey, {
  auth: 'api-key',
  shownOnce: true,
  audit: [
    { action: 'create', recordType: 'api-key', recordId: (answer) => answer.key.id },
    { action: 'update', recordType: 'api-key', recordId: (answer) => answer.previous.id, fields: () => ['expiresAt'] },
  ],
  handler: ({ params, body, principal, tx, meta }) => keys.rollKey(tx, principal, params.id, body.expiresAt, meta.now),
});
