// HSDS 3.0 services for the directory import's browser tests: fully nested, as a feed sends them.
// SOURCE: the shape of packages/server/test/hsds-services.ts (which hashes with node:crypto, absent
// in the browser); here ids are fresh UUIDs, so every test imports services no other test holds.

/** Service `n` of a feed named `feed`: a detox or housing service with one location, a phone and weekday hours. */
export function hsdsService(feed: string, n: number, name?: string): Record<string, unknown> {
  const id = crypto.randomUUID();
  const organizationId = crypto.randomUUID();
  const locationId = crypto.randomUUID();
  return {
    id,
    organization_id: organizationId,
    name: name ?? `${feed} ${n % 2 === 0 ? 'detox' : 'recovery housing'} ${String(n)}`,
    description: `Service ${String(n)} of the ${feed} directory.`,
    status: 'active',
    organization: { id: organizationId, name: `${feed} provider ${String(n)}`, description: 'A provider.' },
    phones: [{ id: crypto.randomUUID(), number: `555-01${String(n % 100).padStart(2, '0')}` }],
    languages: [{ id: crypto.randomUUID(), code: 'en' }],
    service_at_locations: [
      {
        id: crypto.randomUUID(),
        service_id: id,
        location_id: locationId,
        location: {
          id: locationId,
          location_type: 'physical',
          latitude: 39.78 + (n % 100) / 1000,
          longitude: -89.65 - (n % 100) / 1000,
          addresses: [
            {
              id: crypto.randomUUID(),
              location_id: locationId,
              address_1: `${String(100 + (n % 900))} Main St`,
              city: 'Springfield',
              state_province: 'IL',
              postal_code: '62701',
              country: 'US',
              address_type: 'physical',
            },
          ],
        },
        schedules: [
          {
            id: crypto.randomUUID(),
            freq: 'WEEKLY',
            byday: 'MO,TU,WE,TH,FR',
            opens_at: '09:00',
            closes_at: '17:00',
            timezone: -6,
          },
        ],
      },
    ],
  };
}

/** A feed name no other test uses (letters only, so search finds it as one word). */
export function feedName(): string {
  return `feed${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => String.fromCharCode(97 + (b % 26))).join('')}`;
}

/** `services` as the JSON file a supervisor would choose. */
export const hsdsFile = (services: readonly unknown[], name = 'directory.json'): File =>
  new File([JSON.stringify(services)], name, { type: 'application/json' });
