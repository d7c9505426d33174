import type { Resource, ResourceIndex, ResourceSearchQuery, ResourceSearchResult } from '@peerlink/sdk';
import { PeerValidationError, createResourceIndex } from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import { invalid } from './problems.js';

interface Directory {
  stamp: string;
  index: ResourceIndex;
}

// Search indexes of recently searched agencies. An entry is used only while its stamp matches the
// stored rows, so a change made through any instance of the service is seen by the next search.
// The least recently searched go first once more than 16 agencies or 100,000 resources are kept.
const directories = new Map<string, Directory>();
const agenciesKept = 16;
const resourcesKept = 100_000;

/**
 * What identifies the agency's directory as stored now: its rows' ids and write times. Every
 * write of a resource sets `updated_at`, so any change gives another stamp; reading it costs a
 * scan of two columns, not of the documents.
 */
async function stampOf(tx: Sql, agencyId: string): Promise<string> {
  const rows = await tx.query<{ stamp: string | null }>(
    `select count(*)::text || ':' || coalesce(md5(string_agg(id::text || '@' || updated_at::text, ',' order by id)), '') as stamp
       from resources where agency_id = $1 and active`,
    [agencyId],
  );
  return rows[0]?.stamp ?? '';
}

async function directoryOf(tx: Sql, agencyId: string): Promise<ResourceIndex> {
  const stamp = await stampOf(tx, agencyId);
  let directory = directories.get(agencyId);
  if (directory?.stamp !== stamp) {
    const rows = await tx.query<{ doc: Resource }>('select doc from resources where agency_id = $1 and active', [
      agencyId,
    ]);
    directory = { stamp, index: createResourceIndex(rows.map((row) => row.doc)) };
  }
  // Most recently used last, so that the least recently used is the first key.
  directories.delete(agencyId);
  directories.set(agencyId, directory);
  let kept = 0;
  for (const { index } of directories.values()) kept += index.size;
  for (const [key, { index }] of directories) {
    if (key === agencyId || (directories.size <= agenciesKept && kept <= resourcesKept)) break;
    directories.delete(key);
    kept -= index.size;
  }
  return directory.index;
}

/**
 * Filters and ranks an agency's directory with the SDK's search index (the same ranking a
 * browser gets from `createResourceIndex`), kept in memory per agency between searches.
 */
export async function searchDirectory(
  tx: Sql,
  agencyId: string,
  query: ResourceSearchQuery,
  now: Date,
): Promise<ResourceSearchResult> {
  const index = await directoryOf(tx, agencyId);
  try {
    return index.search(query, now);
  } catch (error) {
    if (error instanceof PeerValidationError) throw invalid([...error.errors]);
    throw error;
  }
}
