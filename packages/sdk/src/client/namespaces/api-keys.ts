import * as api from '../../schema/api/api-keys.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

/** The agency's secret API keys. Secrets appear only in the answers of `create` and `roll`. */
export function apiKeysApi(core: ClientCore) {
  return {
    list: (call?: CallOptions) => core.get(api.listApiKeys, {}, call),
    create: (body: Body<typeof api.createApiKey>, call?: CallOptions) => core.change(api.createApiKey, { body }, call),
    /** Refused from the next request on; the agency's last lasting key cannot be revoked. */
    revoke: (id: string, call?: CallOptions) => core.change(api.revokeApiKey, { params: { id }, body: {} }, call),
    /** A new key; the old one works until `expiresAt` (default 24 hours, at most 7 days). */
    roll: (id: string, body: Body<typeof api.rollApiKey> = {}, call?: CallOptions) =>
      core.change(api.rollApiKey, { params: { id }, body }, call),
  };
}
