// The real reference service, run by test/browser/support/server-plugin.ts, through its commands.
import { executeServerCommand } from '@web/test-runner-commands';
import type { CallForServiceInput, EmbedSession, Role } from '@peerlink/sdk';

export interface Setup {
  apiUrl: string;
  people: { agency: string; primary: string; backup: string; supervisor: string };
}

export const setup = (): Promise<Setup> =>
  executeServerCommand<Setup, { origin: string }>('peerlink:setup', { origin: location.origin });

export const session = (role: Role, subjectId?: string): Promise<EmbedSession> =>
  executeServerCommand<EmbedSession, { role: Role; subjectId?: string }>('peerlink:token', {
    role,
    ...(subjectId ? { subjectId } : {}),
  });

export const network = (up: boolean): Promise<unknown> => executeServerCommand('peerlink:network', { up });

export const counts = (prefix: string): Promise<Record<string, number>> =>
  executeServerCommand<Record<string, number>, { prefix: string }>('peerlink:count', { prefix });

let serial = 0;

/** A call for service no other test uses. */
export function newIncident(prefix = 'RB'): CallForServiceInput {
  serial += 1;
  return {
    externalId: `${prefix}-${String(Date.now())}-${String(serial)}-${Math.random().toString(36).slice(2, 7)}`,
    type: 'overdose-nonfatal',
    location: { address: '200 Main St, Springfield', area: 'county', lat: 39.7817, lon: -89.6501 },
    receivedAt: new Date().toISOString(),
  };
}

/** Waits until `check` holds, polling. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
