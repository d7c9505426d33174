import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { CalloutNotification, ContactChannel } from '@peerlink/sdk';

export const dispatchId = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e07';
export const ackUrl = `http://127.0.0.1:8787/v1/ack/${dispatchId}?t=Qm9vdHN0cmFwLXRva2VuLWZvci10ZXN0cy1vbmx5`;

export const notification: CalloutNotification = {
  kind: 'callout',
  dispatchId,
  incidentType: 'overdose-nonfatal',
  address: '1200 Elm St, Springfield',
  area: 'north',
  lat: 39.7817,
  lon: -89.6501,
  receivedAt: '2026-11-22T14:05:00-06:00',
  ackUrl,
  cautions: ['Dog on premises'],
};

/**
 * The same notification as a caller might hold it: a richer object with names in it. Transports
 * must send only the contract's fields.
 */
export const leakyNotification = {
  ...notification,
  leadInvestigator: { name: 'Inv. Rosalind Okafor', role: 'coroner-investigator' },
  notes: 'Caller Jonathan Whitfield says his brother Marcus Whitfield used again.',
  specialistName: 'Dana Reyes',
};
export const namesInLeakyNotification = ['Okafor', 'Whitfield', 'Jonathan', 'Marcus', 'Dana Reyes', 'Rosalind'];

export const sms: ContactChannel = { kind: 'sms', address: '+1-555-0123' };
export const email: ContactChannel = { kind: 'email', address: 'dana.r@example.org' };

/** A loopback port that was free a moment ago and that nothing listens on now: connecting is refused. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    probe.close(() => {
      resolve();
    }),
  );
  return port;
}
