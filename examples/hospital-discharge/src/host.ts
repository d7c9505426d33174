// What the page needs from its host: the service's address and embed tokens. The hospital's own
// server (here the example host) keeps the secret API key and exchanges it for short-lived,
// role-scoped tokens; the page never sees the key.
import { EmbedSession, type GetToken, type Role } from '@peerlink/sdk';

export interface HostConfig {
  /** The Peerlink service. */
  apiUrl: string;
  /** The peer program this court works with. */
  agencyId: string;
}

/** `{ apiUrl, agencyId }` of the Peerlink service this host talks to. */
export async function hostConfig(): Promise<HostConfig> {
  const response = await fetch('/host/config.json');
  if (!response.ok) throw new Error(`host config: HTTP ${String(response.status)}`);
  const config: unknown = await response.json();
  if (typeof config !== 'object' || config === null || !('apiUrl' in config) || !('agencyId' in config)) {
    throw new Error('host config: expected { apiUrl, agencyId }');
  }
  const { apiUrl, agencyId } = config;
  if (typeof apiUrl !== 'string' || typeof agencyId !== 'string') throw new Error('host config: apiUrl and agencyId must be strings');
  return { apiUrl, agencyId };
}

/** A `getToken` for the SDK and the elements: an embed token for `role`, from the host's server. */
export function tokenFor(role: Role): GetToken {
  return async () => {
    const response = await fetch('/host/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role }),
    });
    if (!response.ok) throw new Error(`embed session: HTTP ${String(response.status)}`);
    // Parsed with the contract, so a wrong answer fails here rather than in the first API call.
    const session = EmbedSession.parse(await response.json());
    return { token: session.token, expiresAt: session.expiresAt };
  };
}
