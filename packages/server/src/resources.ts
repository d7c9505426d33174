import type { Resource, ResourceHit, ResourceSearchQuery, ResourceSearchResult } from '@peerlink/sdk';
import { isOpenAt } from '@peerlink/sdk';
import type { Sql } from './db/database.js';
import { invalid } from './problems.js';

const earthRadiusKm = 6371;

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.sqrt(h));
}

const words = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z0-9]+/).filter(Boolean);

/** Prefix matches per query word, weighted by where they hit. Every word must hit somewhere. */
function score(resource: Resource, terms: readonly string[]): number {
  if (terms.length === 0) return 1;
  const fields: [string[], number][] = [
    [words(resource.name), 4],
    [words(resource.organization.name), 2],
    [resource.categories.flatMap(words), 2],
    [words(resource.description), 1],
  ];
  let total = 0;
  for (const term of terms) {
    let best = 0;
    for (const [tokens, weight] of fields) {
      for (const token of tokens) {
        if (token === term) best = Math.max(best, weight * 2);
        else if (token.startsWith(term)) best = Math.max(best, weight);
      }
    }
    if (best === 0) return 0;
    total += best;
  }
  return total;
}

/**
 * Filters and ranks an agency's directory. Reads the agency's resources and works in memory,
 * which suits directories of a few thousand entries.
 */
export async function searchDirectory(tx: Sql, agencyId: string, query: ResourceSearchQuery, now: Date): Promise<ResourceSearchResult> {
  const near = query.lat !== undefined && query.lon !== undefined ? { lat: query.lat, lon: query.lon } : undefined;
  if (query.radiusKm !== undefined && !near) {
    throw invalid([{ path: 'radiusKm', message: 'Needs lat and lon', code: 'required' }]);
  }
  const at = query.openAt ? new Date(query.openAt) : now;
  const terms = words(query.q ?? '');
  const rows = await tx.query<{ doc: Resource }>('select doc from resources where agency_id = $1', [agencyId]);
  const hits: ResourceHit[] = [];
  for (const { doc: resource } of rows) {
    if (query.categories && !query.categories.some((c) => resource.categories.includes(c))) continue;
    if (query.languages && !query.languages.some((l) => resource.languages.some((own) => own === l || own.startsWith(`${l}-`)))) continue;
    if (query.medicaid && !resource.fees.acceptsMedicaid) continue;
    if (query.free && !resource.fees.free) continue;
    if (query.capacity && !(resource.capacity?.available !== undefined && resource.capacity.available !== null && resource.capacity.available > 0)) continue;
    if (query.settings && !query.settings.some((s) => resource.settings.includes(s))) continue;
    if (query.interceptStages && !query.interceptStages.some((s) => resource.interceptStages.includes(s))) continue;
    const openNow = resource.schedule ? isOpenAt(resource.schedule, at) : null;
    if ((query.openNow || query.openAt) && openNow !== true) continue;
    const { lat, lon } = resource.location;
    const distance = near && lat !== undefined && lon !== undefined ? distanceKm(near, { lat, lon }) : null;
    if (query.radiusKm !== undefined && (distance === null || distance > query.radiusKm)) continue;
    const relevance = score(resource, terms);
    if (relevance === 0) continue;
    hits.push({ resource, score: relevance, distanceKm: distance === null ? null : Math.round(distance * 10) / 10, openNow });
  }
  hits.sort((a, b) => b.score - a.score || (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.resource.name.localeCompare(b.resource.name));
  const offset = query.cursor ? Number.parseInt(query.cursor, 10) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalid([{ path: 'cursor', message: 'Not a cursor this service issued', code: 'invalid_cursor' }]);
  const limit = query.limit ?? 50;
  const items = hits.slice(offset, offset + limit);
  return { items, total: hits.length, nextCursor: offset + limit < hits.length ? String(offset + limit) : null };
}
