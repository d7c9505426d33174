import type { PostalAddress, ResourceLocation } from '../schema/resource.js';
import { readNumber, readText, rowsOf, warn } from './read.js';
import type { Context, Sources } from './read.js';
import { at } from './required.js';
import type { Json } from './required.js';
import { normalizeWords } from './taxonomy.js';

const countryNames: Readonly<Record<string, string>> = {
  usa: 'US',
  'u s': 'US',
  'u s a': 'US',
  'united states': 'US',
  'united states of america': 'US',
  uk: 'GB',
  'united kingdom': 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  canada: 'CA',
  mexico: 'MX',
};

function country(ctx: Context, raw: string | undefined): string | undefined {
  if (raw === undefined) return ctx.defaultCountry;
  if (/^[A-Za-z]{2}$/.test(raw)) return raw.toUpperCase() === 'UK' ? 'GB' : raw.toUpperCase();
  return countryNames[normalizeWords(raw)];
}

function mapAddress(ctx: Context, location: Json, path: string, sources: Sources): PostalAddress | undefined {
  const addresses = rowsOf(location, 'addresses', path).filter(({ row }) => row.address_type !== 'virtual');
  const physical = addresses.find(({ row }) => row.address_type === 'physical');
  const chosen = physical ?? addresses[0];
  if (!chosen) return undefined;
  const { row, path: addressPath } = chosen;
  if (!physical) warn(ctx, addressPath, 'postal_address_used', 'No physical address; the postal address is used');
  const street = [readText(ctx, row, 'address_1', addressPath), readText(ctx, row, 'address_2', addressPath)]
    .filter((part) => part !== undefined)
    .join(', ');
  const city = readText(ctx, row, 'city', addressPath);
  const region = readText(ctx, row, 'state_province', addressPath) ?? readText(ctx, row, 'region', addressPath);
  const postalCode = readText(ctx, row, 'postal_code', addressPath);
  const rawCountry = readText(ctx, row, 'country', addressPath);
  const code = country(ctx, rawCountry);
  if (code === undefined) {
    warn(
      ctx,
      at(addressPath, 'country'),
      'invalid_country',
      `Expected an ISO 3166-1 alpha-2 country code such as "US"; the address is dropped`,
    );
    return undefined;
  }
  if (street === '' || city === undefined || region === undefined || postalCode === undefined) {
    warn(
      ctx,
      addressPath,
      'incomplete_address',
      'Street, city, state/province and postal code are all needed; the address is dropped',
    );
    return undefined;
  }
  sources.set('location.address', addressPath);
  return { street, city, region, postalCode, country: code };
}

function coordinate(ctx: Context, location: Json, key: 'latitude' | 'longitude', path: string): number | undefined {
  const value = readNumber(ctx, location, key, path);
  const limit = key === 'latitude' ? 90 : 180;
  if (value === undefined || Math.abs(value) <= limit) return value;
  warn(
    ctx,
    at(path, key),
    'out_of_range',
    `${key === 'latitude' ? 'Latitude' : 'Longitude'} ${String(value)} is outside -${String(limit)}..${String(limit)}; dropped`,
  );
  return undefined;
}

export function mapLocation(
  ctx: Context,
  location: Json | undefined,
  path: string,
  sources: Sources,
): ResourceLocation {
  if (!location) return {};
  sources.set('location', path);
  const address = mapAddress(ctx, location, path, sources);
  const lat = coordinate(ctx, location, 'latitude', path);
  const lon = coordinate(ctx, location, 'longitude', path);
  const result: ResourceLocation = address ? { address } : {};
  if (lat !== undefined && lon !== undefined) {
    sources.set('location.lat', at(path, 'latitude'));
    sources.set('location.lon', at(path, 'longitude'));
    return { ...result, lat, lon };
  }
  // Half a coordinate pair places nothing on a map.
  if (lat !== undefined)
    warn(ctx, at(path, 'latitude'), 'incomplete_coordinates', 'No valid longitude to pair with; dropped');
  if (lon !== undefined)
    warn(ctx, at(path, 'longitude'), 'incomplete_coordinates', 'No valid latitude to pair with; dropped');
  return result;
}
