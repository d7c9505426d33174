// A peer program with peers on call now, as the browser tests' service, the end-to-end stack and
// the fault test set it up in the reference service's database.
import { randomUUID } from 'node:crypto';
import type { ShiftPosition, Specialist } from '@peerlink/sdk';
import { insertAgency, insertShift, insertSpecialist } from '../../packages/server/src/domain/store.js';
import type { Sql } from '../../packages/server/src/infra/db/database.js';
import { testPeer } from '../../packages/server/test/fixtures.js';

/** One peer on call: a crisis interventionist with no supervisor, on the county's `position`. */
export interface OnCallPeer {
  id: string;
  position: ShiftPosition;
  displayName: string;
  contacts?: Specialist['contacts'];
}

/**
 * Inserts the program agency (Chicago time, no allowed origins yet; `settings` as `insertAgency`
 * takes them) and each of `peers` on the county's shift from an hour ago to a day from now.
 */
export async function insertOnCallProgram(
  db: Sql,
  agency: { id: string; name: string },
  peers: readonly OnCallPeer[],
  settings?: Parameters<typeof insertAgency>[2],
): Promise<void> {
  await insertAgency(
    db,
    { ...agency, kind: 'peer-program', programId: null, timeZone: 'America/Chicago', allowedOrigins: [] },
    settings,
  );
  const startsAt = new Date(Date.now() - 3600_000).toISOString();
  const endsAt = new Date(Date.now() + 86_400_000).toISOString();
  for (const { id, position, displayName, contacts } of peers) {
    await insertSpecialist(
      db,
      testPeer({ id, agencyId: agency.id, displayName, ...(contacts === undefined ? {} : { contacts }) }),
    );
    await insertShift(db, {
      id: randomUUID(),
      agencyId: agency.id,
      area: 'county',
      position,
      specialistId: id,
      startsAt,
      endsAt,
    });
  }
}
