// One HSDS 3.0 service, fully nested as a feed sends it, for the directory import's tests: the
// service's (ids hashed from a seed, with node:crypto) and the element's in the browser (fresh
// UUIDs, so no other test holds them). It uses nothing of Node, so both can import it.

/** The records of a service that carry an id. */
export type HsdsRecord =
  'service' | 'organization' | 'location' | 'phone' | 'language' | 'sal' | 'address' | 'schedule';

/** What differs between the feeds the tests build. */
export interface HsdsServiceParts {
  /** The id of the service's `record`. */
  id: (record: HsdsRecord) => string;
  name: string;
  description: string;
  organizationName: string;
  /** Where the feed's locations are: service `n` is a little south-west of it. */
  near: { latitude: number; longitude: number };
  /** HSDS `schedule.timezone`: a UTC offset in hours (or as a string such as `-05:00`). */
  timezone: number | string;
}

/** Service `n`: one location with an address, a phone, English, and weekday hours. */
export function hsdsServiceOf(n: number, parts: HsdsServiceParts): Record<string, unknown> {
  const { id: idOf } = parts;
  const id = idOf('service');
  const organizationId = idOf('organization');
  const locationId = idOf('location');
  return {
    id,
    organization_id: organizationId,
    name: parts.name,
    description: parts.description,
    status: 'active',
    organization: { id: organizationId, name: parts.organizationName, description: 'A provider.' },
    phones: [{ id: idOf('phone'), number: `555-01${String(n % 100).padStart(2, '0')}` }],
    languages: [{ id: idOf('language'), code: 'en' }],
    service_at_locations: [
      {
        id: idOf('sal'),
        service_id: id,
        location_id: locationId,
        location: {
          id: locationId,
          location_type: 'physical',
          latitude: parts.near.latitude + (n % 100) / 1000,
          longitude: parts.near.longitude - (n % 100) / 1000,
          addresses: [
            {
              id: idOf('address'),
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
            id: idOf('schedule'),
            freq: 'WEEKLY',
            byday: 'MO,TU,WE,TH,FR',
            opens_at: '09:00',
            closes_at: '17:00',
            timezone: parts.timezone,
          },
        ],
      },
    ],
  };
}
