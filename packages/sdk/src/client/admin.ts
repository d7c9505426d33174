import { createClientCore } from './core.js';
import { agencyApi, apiKeysApi, embedSessionsApi } from './namespaces.js';

export interface PeerlinkAdminOptions {
  /** The Peerlink service, e.g. `https://peerlink.example.org`. */
  baseUrl: string;
  /** The agency's secret API key. Server side only: the service refuses it from a browser. */
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retries?: number;
}

/**
 * The client for a program's own server and admin tooling, authorized by its secret API key: the
 * agency's settings, its API keys and embed sessions. Never build it in a browser.
 *
 * @example
 * const admin = createPeerlinkAdmin({ baseUrl: 'https://peerlink.example.org', apiKey: process.env.PEERLINK_KEY });
 * await admin.agency.update({ allowedOrigins: ['https://cad.example.org'] });
 * const { token } = await admin.embedSessions.create({ role: 'dispatcher' });
 */
export function createPeerlinkAdmin(options: PeerlinkAdminOptions) {
  const { apiKey, ...rest } = options;
  // No outbox: an admin change that cannot be sent fails at once rather than waiting on a device.
  const core = createClientCore({ ...rest, getToken: () => apiKey, offline: false });
  return {
    agency: agencyApi(core),
    apiKeys: apiKeysApi(core),
    embedSessions: embedSessionsApi(core),
  };
}

export type PeerlinkAdmin = ReturnType<typeof createPeerlinkAdmin>;
