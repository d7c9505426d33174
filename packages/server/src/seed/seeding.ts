import { CreateCredentialRequest } from '@peerlink/sdk';
import { KeyStore } from '../domain/auth.js';
import { issueCredential } from '../domain/credentials.js';
import type { Database } from '../infra/db/database.js';
import { demoProgram } from './demo.js';
import type { HistorySummary } from './history.js';
import { seedHistory } from './history.js';
import { lakesideCounty, syntheticResources } from './resources.js';
import { insertAgency, insertResource, insertShift, insertSpecialist } from '../domain/store.js';

export interface SeedSummary {
  programId: string;
  agencies: number;
  specialists: number;
  shifts: number;
  credentials: number;
  resources: number;
  /** The year of history, when asked for. */
  history?: HistorySummary;
}

/**
 * Creates the clearly fictional demo program: its partner agencies, peers, a week of on-call
 * shifts, credentials and a synthetic resource directory, and with `history` a year of call-outs,
 * logs and referrals for the program report (the CLI's seeding; tests leave it out). One transaction: all or nothing.
 * Credentials are issued as the service issues them, signed for the service at `publicUrl`, so
 * hosts verify them against the agency's published keys.
 */
export async function seedDemo(
  db: Database,
  options: { publicUrl: string; now?: Date; resources?: number; history?: boolean },
): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  const demo = demoProgram({ now });
  const keys = new KeyStore(db);
  // The directory is in the program's own region, as the example hosts are.
  const resources = syntheticResources(options.resources ?? 600, demo.seed, { region: lakesideCounty });
  let history: HistorySummary | undefined;
  await db.transaction(async (tx) => {
    await insertAgency(tx, demo.program, {
      defaultArea: demo.areas[0] ?? 'county',
      areas: demo.areas,
      notification: demo.notification,
    });
    for (const partner of demo.partners) await insertAgency(tx, partner);
    for (const specialist of demo.specialists) await insertSpecialist(tx, specialist);
    for (const shift of demo.shifts) await insertShift(tx, shift);
    for (const { agencyId, request, id } of demo.credentials) {
      await issueCredential(tx, keys, options.publicUrl, agencyId, CreateCredentialRequest.parse(request), now, id);
    }
    for (const resource of resources) await insertResource(tx, demo.program.id, resource);
    if (options.history) history = await seedHistory(tx, demo, { now });
  });
  return {
    programId: demo.program.id,
    agencies: 1 + demo.partners.length,
    specialists: demo.specialists.length,
    shifts: demo.shifts.length,
    credentials: demo.credentials.length,
    resources: resources.length,
    ...(history ? { history } : {}),
  };
}

export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.query<{ n: string }>('select count(*)::text as n from agencies');
  return rows[0]?.n === '0';
}
