// HSDS 3.0 services for the directory import tests and benchmark: fully nested, as a feed sends them.
import { createHash } from 'node:crypto';
import { hsdsServiceOf } from '../../../test/support/hsds-service.js';

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
  return hsdsServiceOf(n, {
    id: (record) => uuid(record === 'organization' ? `organization-${String(n % 1000)}` : `${record}-${String(n)}`),
    name: options.name ?? `${n % 2 === 0 ? 'Detox' : 'Recovery housing'} service ${String(n)}`,
    description: options.description ?? `Service ${String(n)} of the county directory.`,
    organizationName: `Provider ${String(n % 1000)}`,
    near: { latitude: 41.8, longitude: -87.6 },
    timezone: options.timezone ?? -6,
  });
}

/** `count` services as one JSON array, built in pieces (a 50,000-service feed is about 100 MB). */
export function* hsdsFeed(count: number, from = 0): Generator<string> {
  yield '[';
  for (let n = from; n < from + count; n++) yield `${n === from ? '' : ','}${JSON.stringify(hsdsService(n))}`;
  yield ']';
}
