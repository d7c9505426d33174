// Shared by the EIDO tests: our own fixtures and dispatches as the service would hold them.
import { readFileSync } from 'node:fs';
import { Dispatch } from '@peerlink/sdk';
import type { CallForServiceInput, TimelineEntry } from '@peerlink/sdk';

export const ids = {
  agency: '0b6c3f9e-2a51-4c1e-9d55-6f2f1c9a7e01',
  incident: '7f3e2d1c-0b9a-4887-a665-544332211006',
  dispatch: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e07',
  specialist: '5d2e8a41-7c3b-4f6a-8e19-2b7c4d9f1a03',
};

export const fixturesFolder = new URL('../fixtures/eido/', import.meta.url);

/** A fresh copy of one of our EIDO fixtures, by name without `.json`. */
export const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`${name}.json`, fixturesFolder), 'utf8')) as Record<string, unknown>;

const peer = { kind: 'user', role: 'specialist', subjectId: ids.specialist } as const;
export const steps: TimelineEntry[] = [
  { status: 'requested', at: '2026-11-22T14:06:00-06:00', actor: { kind: 'user', role: 'dispatcher' } },
  { status: 'notified', at: '2026-11-22T14:06:01-06:00', actor: { kind: 'system' }, specialistId: ids.specialist },
  { status: 'acknowledged', at: '2026-11-22T14:07:30-06:00', actor: peer, specialistId: ids.specialist },
  { status: 'en-route', at: '2026-11-22T14:09:00-06:00', actor: peer, note: 'ETA <15> min & parking on Elm' },
];

/** A dispatch as the service would hold it for a call (imported from an EIDO or not). */
export function dispatchFor(call: CallForServiceInput, timeline: TimelineEntry[] = steps): Dispatch {
  const last = timeline.at(-1);
  return Dispatch.parse({
    id: ids.dispatch,
    agencyId: ids.agency,
    callForService: { id: ids.incident, agencyId: ids.agency, ...call },
    status: last?.status ?? 'requested',
    area: 'north',
    specialistId: ids.specialist,
    escalationLevel: 0,
    ackDueAt: null,
    timeline,
    createdAt: '2026-11-22T14:06:00-06:00',
    updatedAt: last?.at ?? '2026-11-22T14:06:00-06:00',
    version: timeline.length,
  });
}
