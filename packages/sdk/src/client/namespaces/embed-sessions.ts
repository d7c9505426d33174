import * as api from '../../schema/api/auth.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

/** Exchanges the secret API key for a short-lived embed token, which the host hands to its pages. */
export function embedSessionsApi(core: ClientCore) {
  return {
    create: (body: Body<typeof api.createEmbedSession>, call?: CallOptions) =>
      core.change(api.createEmbedSession, { body }, call),
  };
}
