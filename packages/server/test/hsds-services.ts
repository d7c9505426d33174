// HSDS 3.0 services for the directory import tests and benchmark: fully nested, as a feed sends them.
import { createHash } from 'node:crypto';

const uuid = (seed: string) => {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

export interface ServiceOptions {
  name?: string;
  /** HSDS `schedule.timezone`: a UTC offset in hours (or as a string such as `-05:00`). */
  timezone?: number | string;
  description?: string;
}

/** Service `n` of a feed: a detox or housing service with one location, a phone and weekday hours. */
export function hsdsService(n: number, options: ServiceOptions = {}): Record<string, unknown> {
  const id = uuid(`service-${String(n)}`);
  const organizationId = uuid(`organization-${String(n % 1000)}`);
  const locationId = uuid(`location-${String(n)}`);
  return {
    id,
    organization_id: organizationId,
    name: options.name ?? `${n % 2 === 0 ? 'Detox' : 'Recovery housing'} service ${String(n)}`,
    description: options.description ?? `Service ${String(n)} of the county directory.`,
    status: 'active',
    organization: { id: organizationId, name: `Provider ${String(n % 1000)}`, description: 'A provider.' },
    phones: [{ id: uuid(`phone-${String(n)}`), number: `555-01${String(n % 100).padStart(2, '0')}` }],
    languages: [{ id: uuid(`language-${String(n)}`), code: 'en' }],
    service_at_locations: [
      {
        id: uuid(`sal-${String(n)}`),
        service_id: id,
        location_id: locationId,
        location: {
          id: locationId,
          location_type: 'physical',
          latitude: 41.8 + (n % 100) / 1000,
          longitude: -87.6 - (n % 100) / 1000,
          addresses: [
            {
              id: uuid(`address-${String(n)}`),
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
            id: uuid(`schedule-${String(n)}`),
            freq: 'WEEKLY',
            byday: 'MO,TU,WE,TH,FR',
            opens_at: '09:00',
            closes_at: '17:00',
            timezone: options.timezone ?? -6,
          },
        ],
      },
    ],
  };
}

/** `count` services as one JSON array, built in pieces (a 50,000-service feed is about 100 MB). */
export function* hsdsFeed(count: number, from = 0): Generator<string> {
  yield '[';
  for (let n = from; n < from + count; n++) yield `${n === from ? '' : ','}${JSON.stringify(hsdsService(n))}`;
  yield ']';
}
