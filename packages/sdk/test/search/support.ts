import type { Resource } from '@peerlink/sdk';

let next = 0;

/** A plain resource in Chicago, open weekdays 9–17; override what a test is about. */
export function resource(overrides: Partial<Resource> = {}): Resource {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    agencyId: '00000000-0000-4000-8000-aaaaaaaaaaaa',
    updatedAt: '2026-11-22T12:00:00Z',
    name: `Resource ${String(next)}`,
    organization: { name: 'Example Health' },
    description: '',
    categories: ['treatment'],
    location: { lat: 41.88, lon: -87.63 },
    languages: ['en'],
    fees: { acceptsMedicaid: false },
    schedule: {
      timeZone: 'America/Chicago',
      rules: [{ byDay: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '09:00', closesAt: '17:00' }],
    },
    settings: ['community'],
    interceptStages: [0],
    ...overrides,
  };
}

export const names = (result: { items: readonly { resource: Resource }[] }) =>
  result.items.map((hit) => hit.resource.name);
