import { randomUUID } from 'node:crypto';
import type {
  Agency,
  CreateCredentialRequest,
  NotificationSettings,
  OnCallShift,
  ResourceInput,
  Specialist,
} from '@peerlink/sdk';
import {
  Agency as AgencySchema,
  CreateCredentialRequest as CredentialSchema,
  NotificationSettings as SettingsSchema,
  OnCallShift as ShiftSchema,
  ResourceInput as ResourceSchema,
  Specialist as SpecialistSchema,
} from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import { iso } from '../time.js';

/**
 * Writes an agency's reference records (the program, its people, shifts, directory). Used by the
 * seed command and by tests; every record is checked against the contract before it is stored.
 */
export async function insertAgency(
  db: Sql,
  agency: Omit<Agency, 'createdAt'>,
  options: { defaultArea?: string; areas?: readonly string[]; notification?: NotificationSettings } = {},
): Promise<void> {
  const parsed = AgencySchema.parse({ ...agency, createdAt: iso(Date.now()) });
  const notification = SettingsSchema.parse(options.notification ?? { transport: 'console' });
  const defaultArea = options.defaultArea ?? options.areas?.[0] ?? 'county';
  const areas = options.areas ?? [defaultArea];
  const textArray = (values: readonly string[]) => `{${values.map((value) => `"${value}"`).join(',')}}`;
  await db.query(
    `insert into agencies (id, name, kind, program_id, time_zone, allowed_origins, default_area, areas, notification)
     values ($1, $2, $3, $4, $5, $6::text::text[], $7, $8::text::text[], $9::text::jsonb)`,
    [
      parsed.id,
      parsed.name,
      parsed.kind,
      parsed.programId,
      parsed.timeZone,
      textArray(parsed.allowedOrigins),
      defaultArea,
      textArray(areas.includes(defaultArea) ? areas : [defaultArea, ...areas]),
      JSON.stringify(notification),
    ],
  );
}

export async function setNotificationSettings(
  db: Sql,
  agencyId: string,
  settings: NotificationSettings,
): Promise<void> {
  await db.query('update agencies set notification = $2::text::jsonb where id = $1', [
    agencyId,
    JSON.stringify(SettingsSchema.parse(settings)),
  ]);
}

export async function insertSpecialist(db: Sql, specialist: Specialist): Promise<void> {
  const parsed = SpecialistSchema.parse(specialist);
  await db.query(
    'insert into specialists (id, agency_id, doc, supervisor_id, active, areas) values ($1, $2, $3::text::jsonb, $4, $5, $6::text::text[])',
    [
      parsed.id,
      parsed.agencyId,
      JSON.stringify(parsed),
      parsed.supervisorId,
      parsed.active,
      `{${(parsed.areas ?? []).join(',')}}`,
    ],
  );
}

export async function insertShift(db: Sql, shift: OnCallShift): Promise<void> {
  const parsed = ShiftSchema.parse(shift);
  await db.query(
    'insert into on_call_shifts (id, agency_id, area, position, specialist_id, starts_at, ends_at) values ($1, $2, $3, $4, $5, $6, $7)',
    [parsed.id, parsed.agencyId, parsed.area, parsed.position, parsed.specialistId, parsed.startsAt, parsed.endsAt],
  );
}

export async function insertResource(
  db: Sql,
  agencyId: string,
  input: ResourceInput,
  id: string = randomUUID(),
): Promise<string> {
  const parsed = ResourceSchema.parse(input);
  const now = new Date();
  const doc = { id, agencyId, updatedAt: iso(now), ...parsed };
  await db.query('insert into resources (id, agency_id, doc, updated_at) values ($1, $2, $3::text::jsonb, $4)', [
    id,
    agencyId,
    JSON.stringify(doc),
    now,
  ]);
  return id;
}

export async function insertCredential(
  db: Sql,
  agencyId: string,
  input: CreateCredentialRequest,
  id: string = randomUUID(),
): Promise<string> {
  const parsed = CredentialSchema.parse(input);
  const now = new Date();
  const doc = {
    id,
    agencyId,
    ...parsed,
    administrativeStatus: parsed.administrativeStatus ?? 'active',
    createdAt: iso(now),
    updatedAt: iso(now),
  };
  await db.query(
    'insert into credentials (id, agency_id, specialist_id, doc, created_at, updated_at) values ($1, $2, $3, $4::text::jsonb, $5, $5)',
    [id, agencyId, parsed.specialistId, JSON.stringify(doc), now],
  );
  return id;
}
