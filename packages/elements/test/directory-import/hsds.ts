// HSDS 3.0 services for the directory import's browser tests: fully nested, as a feed sends them.
// Ids are fresh UUIDs, so every test imports services no other test holds.
import { hsdsServiceOf } from '../../../../test/support/hsds-service.js';

/** Service `n` of a feed named `feed`: a detox or housing service with one location, a phone and weekday hours. */
export function hsdsService(feed: string, n: number, name?: string): Record<string, unknown> {
  return hsdsServiceOf(n, {
    id: () => crypto.randomUUID(),
    name: name ?? `${feed} ${n % 2 === 0 ? 'detox' : 'recovery housing'} ${String(n)}`,
    description: `Service ${String(n)} of the ${feed} directory.`,
    organizationName: `${feed} provider ${String(n)}`,
    near: { latitude: 39.78, longitude: -89.65 },
    timezone: -6,
  });
}

/** A feed name no other test uses (letters only, so search finds it as one word). */
export function feedName(): string {
  return `feed${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => String.fromCharCode(97 + (b % 26))).join('')}`;
}

/** `services` as the JSON file a supervisor would choose. */
export const hsdsFile = (services: readonly unknown[], name = 'directory.json'): File =>
  new File([JSON.stringify(services)], name, { type: 'application/json' });
