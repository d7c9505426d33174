// Starts the real reference service for a test, on PGlite or on the PostgreSQL server, with a
// small fictional program, and offers fetch helpers that speak the API as a host would.
import { randomUUID } from 'node:crypto';
import type { TestContext } from 'node:test';
import type { CreateCredentialRequest, CreateDispatchRequest, EmbedScope, Role } from '@peerlink/sdk';
import postgres from 'postgres';
import { createApiKey, startServer } from '../src/index.js';
import type { RunningServer, StartOptions } from '../src/index.js';
import { insertAgency, insertResource, insertShift, insertSpecialist } from '../src/domain/store.js';
import { testPeer } from './fixtures.js';

export type Storage = 'pglite' | 'postgres';

export const adminUrl = process.env.PEERLINK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<string | undefined> | undefined;

/** Undefined when the PostgreSQL server answers, else why not. */
export function postgresUnavailable(): Promise<string | undefined> {
  reachable ??= (async () => {
    const sql = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => undefined });
    try {
      await sql`select 1`;
      return undefined;
    } catch (error) {
      return `PostgreSQL at ${adminUrl.replace(/\/\/[^@]*@/, '//')} is not reachable: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      await sql.end({ timeout: 1 });
    }
  })();
  return reachable;
}

/** Both storages, or PGlite alone with a printed reason when PostgreSQL is away (never in CI). */
export async function storages(): Promise<Storage[]> {
  const why = await postgresUnavailable();
  if (!why) return ['pglite', 'postgres'];
  if (process.env.CI) throw new Error(`${why} — the PostgreSQL tests must run in CI`);
  console.log(`# skipping PostgreSQL runs: ${why}`);
  return ['pglite'];
}

/**
 * A fresh database for one test, dropped after it (after `beforeDrop`, where given); undefined (the
 * test skipped, with the reason) when PostgreSQL is away locally. In CI an unreachable server fails
 * the test.
 */
export async function postgresFor(t: TestContext, beforeDrop?: () => Promise<void>): Promise<string | undefined> {
  const why = await postgresUnavailable();
  if (why) {
    if (process.env.CI) throw new Error(why);
    t.skip(why);
    return undefined;
  }
  const database = await freshDatabase();
  t.after(async () => {
    await beforeDrop?.();
    await database.drop();
  });
  return database.url;
}

/** A fresh database on the server per test run, dropped afterwards. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `peerlink_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 2 });
    },
  };
}

export const ids = {
  agency: randomUUID(),
  otherAgency: randomUUID(),
  primary: randomUUID(),
  backup: randomUUID(),
  supervisor: randomUUID(),
  outsider: randomUUID(),
  other: randomUUID(),
  resource: randomUUID(),
  otherResource: randomUUID(),
};

export const hostOrigin = 'https://cad.example.org';

export interface Harness {
  server: RunningServer;
  /** The PostgreSQL database's URL (dropped on close); undefined on PGlite. */
  databaseUrl: string | undefined;
  apiKey: string;
  otherApiKey: string;
  token(
    role: Role,
    options?: { subjectId?: string; scope?: EmbedScope; agency?: 'own' | 'other'; ttlSeconds?: number },
  ): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

const contact = (n: number) => [{ kind: 'email' as const, address: `peer${String(n)}@example.org` }];

export async function startHarness(storage: Storage, options: StartOptions = {}): Promise<Harness> {
  const database = storage === 'postgres' ? await freshDatabase() : undefined;
  const server = await startServer({
    ...options,
    ...(database ? { databaseUrl: database.url } : {}),
    background: options.background ?? false,
  });
  const { db } = server;
  const program = {
    kind: 'peer-program' as const,
    programId: null,
    timeZone: 'America/Chicago',
    allowedOrigins: [hostOrigin],
  };
  await insertAgency(
    db,
    { id: ids.agency, name: 'Lakeside Peer Response (test)', ...program },
    { defaultArea: 'county' },
  );
  await insertAgency(db, {
    id: ids.otherAgency,
    name: 'Elsewhere Recovery Network (test)',
    ...program,
    allowedOrigins: ['https://other.example.org'],
  });
  const people: [string, string, string, number][] = [
    [ids.primary, ids.agency, 'Dana R.', 1],
    [ids.backup, ids.agency, 'Luis M.', 2],
    [ids.supervisor, ids.agency, 'Morgan K.', 3],
    [ids.outsider, ids.agency, 'Sam T.', 4],
    [ids.other, ids.otherAgency, 'Kai W.', 5],
  ];
  for (const [id, agencyId, displayName, n] of people) {
    await insertSpecialist(
      db,
      testPeer({
        id,
        agencyId,
        displayName,
        contacts: contact(n),
        supervisorId: id === ids.supervisor ? null : ids.supervisor,
      }),
    );
  }
  const start = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  const end = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
  for (const [specialistId, position] of [
    [ids.primary, 'primary'],
    [ids.backup, 'backup'],
    [ids.supervisor, 'supervisor'],
  ] as const) {
    await insertShift(db, {
      id: randomUUID(),
      agencyId: ids.agency,
      area: 'county',
      position,
      specialistId,
      startsAt: start,
      endsAt: end,
    });
  }
  await insertShift(db, {
    id: randomUUID(),
    agencyId: ids.otherAgency,
    area: 'county',
    position: 'primary',
    specialistId: ids.other,
    startsAt: start,
    endsAt: end,
  });
  const resource = {
    name: 'Riverside Withdrawal Management',
    organization: { name: 'Riverside Health' },
    description: 'Medically monitored detox with Medicaid accepted.',
    categories: ['detox' as const],
    location: { lat: 41.88, lon: -87.63 },
    languages: ['en', 'es'],
    fees: { acceptsMedicaid: true },
    schedule: { timeZone: 'America/Chicago', open24x7: true, rules: [] },
    capacity: { available: 2 },
    settings: ['community' as const],
    interceptStages: [0],
  };
  await insertResource(db, ids.agency, resource, ids.resource);
  await insertResource(db, ids.otherAgency, { ...resource, name: 'Elsewhere Detox' }, ids.otherResource);
  const apiKey = (await createApiKey(db, ids.agency)).key;
  const otherApiKey = (await createApiKey(db, ids.otherAgency)).key;

  const call: Harness['call'] = async (method, path, { token, body, headers = {} } = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      signal: AbortSignal.timeout(20_000),
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  return {
    server,
    databaseUrl: database?.url,
    apiKey,
    otherApiKey,
    async token(role, { subjectId, scope, agency = 'own', ttlSeconds } = {}) {
      const result = await call('POST', '/v1/embed-sessions', {
        token: agency === 'own' ? apiKey : otherApiKey,
        body: {
          role,
          ...(subjectId ? { subjectId } : {}),
          ...(scope ? { scope } : {}),
          ...(ttlSeconds ? { ttlSeconds } : {}),
        },
      });
      if (result.status !== 201) throw new Error(`embed session failed: ${JSON.stringify(result.body)}`);
      return (result.body as { token: string }).token;
    },
    call,
    async close() {
      await server.close();
      await database?.drop();
    },
  };
}

/** Starts a harness for the test and closes it afterwards. */
export async function harnessFor(t: TestContext, storage: Storage, options?: StartOptions): Promise<Harness> {
  const harness = await startHarness(storage, options);
  t.after(() => harness.close());
  return harness;
}

/** A dispatcher's embed token from the service at `url`, asked for with the agency's API key. */
export async function dispatcherToken(url: string, apiKey: string): Promise<string> {
  const response = await fetch(`${url}/v1/embed-sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: '{"role":"dispatcher"}',
  });
  return ((await response.json()) as { token: string }).token;
}

export const incident = (externalId = `CAD-${randomUUID().slice(0, 8)}`): CreateDispatchRequest => ({
  callForService: {
    externalId,
    type: 'overdose-nonfatal',
    location: { address: '1200 Elm St, Springfield', area: 'county', lat: 41.9, lon: -87.6 },
    receivedAt: new Date().toISOString(),
  },
});

/** A credential for the primary peer, as a supervisor issues one; `fields` replace the defaults. */
export const credentialRequest = (fields: Partial<CreateCredentialRequest> = {}): CreateCredentialRequest => ({
  specialistId: ids.primary,
  type: 'peer-recovery',
  name: 'Peer Recovery Specialist (example)',
  issuer: { name: 'Example Board' },
  issuedOn: '2025-01-01',
  evidence: [],
  ...fields,
});

/** A daily rotation of the primary and backup peers over the county's primary position; `extra` replaces fields. */
export const rotationBody = (extra: Record<string, unknown> = {}) => ({
  area: 'county',
  position: 'primary',
  members: [ids.primary, ids.backup],
  turnDays: 1,
  handoffTime: '08:00',
  startsOn: '2026-03-01',
  ...extra,
});
