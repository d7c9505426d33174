import type { Database } from './db/database.js';
import { demoProgram } from './seed/demo.js';
import { lakesideCounty, syntheticResources } from './seed/resources.js';
import { insertAgency, insertCredential, insertResource, insertShift, insertSpecialist } from './store.js';

export interface SeedSummary {
  programId: string;
  agencies: number;
  specialists: number;
  shifts: number;
  credentials: number;
  resources: number;
}

/**
 * Creates the clearly fictional demo program: its partner agencies, peers, a week of on-call
 * shifts, credentials and a synthetic resource directory. One transaction: all or nothing.
 */
export async function seedDemo(db: Database, options: { now?: Date; resources?: number } = {}): Promise<SeedSummary> {
  const demo = demoProgram({ now: options.now ?? new Date() });
  // The directory is in the program's own region, as the example hosts are.
  const resources = syntheticResources(options.resources ?? 600, demo.seed, { region: lakesideCounty });
  await db.transaction(async (tx) => {
    await insertAgency(tx, demo.program, { defaultArea: demo.areas[0] ?? 'county', notification: demo.notification });
    for (const partner of demo.partners) await insertAgency(tx, partner);
    for (const specialist of demo.specialists) await insertSpecialist(tx, specialist);
    for (const shift of demo.shifts) await insertShift(tx, shift);
    for (const credential of demo.credentials) await insertCredential(tx, credential.agencyId, credential.request, credential.id);
    for (const resource of resources) await insertResource(tx, demo.program.id, resource);
  });
  return {
    programId: demo.program.id,
    agencies: 1 + demo.partners.length,
    specialists: demo.specialists.length,
    shifts: demo.shifts.length,
    credentials: demo.credentials.length,
    resources: resources.length,
  };
}

export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.query<{ n: string }>('select count(*)::text as n from agencies');
  return rows[0]?.n === '0';
}
