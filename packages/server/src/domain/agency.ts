import { randomUUID } from 'node:crypto';
import type {
  AgencyKind,
  AgencySettings,
  CalloutNotification,
  ContactChannel,
  CreateAgencyRequest,
  FieldError,
  NotificationSettings,
  NotificationSettingsPatch,
  NotificationSettingsView,
  SecretState,
  TestNotificationResult,
  UpdateAgencyRequest,
} from '@peerlink/sdk';
import { NotificationSettings as SettingsSchema } from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import { createTransport } from '../infra/notify/index.js';
import type { TransportOptions } from '../infra/notify/index.js';
import { iso } from '../time.js';
import { createApiKey } from './auth.js';
import { invalid, notFound } from './problems.js';
import { insertAgency } from './store.js';

/** The channel a committed change of an agency's origins is announced on, to every instance. */
export const originsChannel = 'peerlink_agency_origins';

interface AgencyRow {
  id: string;
  name: string;
  kind: AgencyKind;
  program_id: string | null;
  time_zone: string;
  areas: string[];
  default_area: string;
  allowed_origins: string[];
  ack_timeout_seconds: number | null;
  report_small_counts_for_supervisor: boolean;
  notification: NotificationSettings;
  created_at: Date | string;
}

async function loadAgency(tx: Sql, agencyId: string, lock = false): Promise<AgencyRow> {
  const rows = await tx.query<AgencyRow>(
    `select id, name, kind, program_id, time_zone, areas, default_area, allowed_origins, ack_timeout_seconds,
            report_small_counts_for_supervisor, notification, created_at
       from agencies where id = $1${lock ? ' for update' : ''}`,
    [agencyId],
  );
  const row = rows[0];
  if (!row) throw notFound('No such agency');
  return row;
}

/** "Set, ending …1234": a short secret shows no characters at all. */
const secretState = (secret: string): SecretState => ({
  set: true,
  ...(secret.length >= 12 ? { last4: secret.slice(-4) } : {}),
});

function smtpView({ password, ...rest }: NonNullable<NotificationSettings['smtp']>) {
  return { ...rest, ...(password === undefined ? {} : { password: secretState(password) }) };
}

/** The stored settings with every secret replaced by its state. */
function viewOf(settings: NotificationSettings): NotificationSettingsView {
  const { smtp, webhook, twilio, inboundSecret } = settings;
  return {
    transport: settings.transport,
    ...(smtp ? { smtp: smtpView(smtp) } : {}),
    ...(webhook ? { webhook: { url: webhook.url, secret: secretState(webhook.secret) } } : {}),
    ...(twilio ? { twilio: { ...twilio, authToken: secretState(twilio.authToken) } } : {}),
    ...(inboundSecret === undefined ? {} : { inboundSecret: secretState(inboundSecret) }),
  };
}

/** The values of an agency's settings by field name, nested notification fields by dotted path. */
function fieldValues(row: AgencyRow): Map<string, string> {
  const values = new Map<string, string>([
    ['name', row.name],
    ['timeZone', row.time_zone],
    ['areas', JSON.stringify(row.areas)],
    ['defaultArea', row.default_area],
    ['allowedOrigins', JSON.stringify(row.allowed_origins)],
    ['ackTimeoutSeconds', JSON.stringify(row.ack_timeout_seconds)],
    ['reportSmallCountsForSupervisor', JSON.stringify(row.report_small_counts_for_supervisor)],
  ]);
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
    } else if (value !== undefined) values.set(path, JSON.stringify(value));
  };
  walk(row.notification, 'notification');
  return values;
}

/** The names of the fields whose values differ (never the values). */
function changedFields(before: AgencyRow, after: AgencyRow): string[] {
  const a = fieldValues(before);
  const b = fieldValues(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((name) => a.get(name) !== b.get(name)).sort();
}

function settingsOf(row: AgencyRow, defaultAckTimeoutMs: number): AgencySettings {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    programId: row.program_id,
    timeZone: row.time_zone,
    areas: row.areas.length > 0 ? row.areas : [row.default_area],
    defaultArea: row.default_area,
    allowedOrigins: row.allowed_origins,
    ackTimeoutSeconds: row.ack_timeout_seconds,
    effectiveAckTimeoutSeconds: row.ack_timeout_seconds ?? Math.max(1, Math.round(defaultAckTimeoutMs / 1000)),
    notification: viewOf(SettingsSchema.parse(row.notification)),
    reportSmallCountsForSupervisor: row.report_small_counts_for_supervisor,
    createdAt: iso(row.created_at),
  };
}

export async function readAgencySettings(tx: Sql, agencyId: string, defaultAckTimeoutMs: number) {
  return settingsOf(await loadAgency(tx, agencyId), defaultAckTimeoutMs);
}

/** The timeout a call-out of the agency waits for an acknowledgement: the agency's own, else the service's. */
export async function ackTimeoutMs(tx: Sql, agencyId: string, fallbackMs: number): Promise<number> {
  const rows = await tx.query<{ ack_timeout_seconds: number | null }>(
    'select ack_timeout_seconds from agencies where id = $1',
    [agencyId],
  );
  const seconds = rows[0]?.ack_timeout_seconds;
  return seconds === null || seconds === undefined ? fallbackMs : seconds * 1000;
}

/** Where a notification setting that needs a secret has none, stored or given. */
const noSecret = (path: string): FieldError => ({
  path,
  message: 'Required: no secret is stored yet',
  code: 'required',
});

/** The stored notification settings with a change merged in (see `NotificationSettingsPatch`). */
function mergeNotification(
  stored: NotificationSettings,
  patch: NotificationSettingsPatch,
): { merged: NotificationSettings; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const pick = <T>(given: T | null | undefined, kept: T | undefined): T | undefined =>
    given === null ? undefined : (given ?? kept);

  let smtp = patch.smtp === null ? undefined : stored.smtp;
  if (patch.smtp) {
    const { password: given, ...rest } = patch.smtp;
    const password = pick(given, stored.smtp?.password);
    smtp = { ...rest, ...(password === undefined ? {} : { password }) };
  }

  let webhook = patch.webhook === null ? undefined : stored.webhook;
  if (patch.webhook) {
    const secret = patch.webhook.secret ?? stored.webhook?.secret;
    if (secret === undefined) errors.push(noSecret('notification.webhook.secret'));
    else webhook = { url: patch.webhook.url, secret };
  }

  let twilio = patch.twilio === null ? undefined : stored.twilio;
  if (patch.twilio) {
    const authToken = patch.twilio.authToken ?? stored.twilio?.authToken;
    if (authToken === undefined) errors.push(noSecret('notification.twilio.authToken'));
    else twilio = { ...patch.twilio, authToken };
  }

  const inboundSecret = pick(patch.inboundSecret, stored.inboundSecret);
  const transport = patch.transport ?? stored.transport;
  const merged: NotificationSettings = {
    transport,
    ...(smtp ? { smtp } : {}),
    ...(webhook ? { webhook } : {}),
    ...(twilio ? { twilio } : {}),
    ...(inboundSecret === undefined ? {} : { inboundSecret }),
  };

  const needs: Record<NotificationSettings['transport'], ('smtp' | 'webhook' | 'twilio')[]> = {
    console: [],
    smtp: ['smtp'],
    webhook: ['webhook'],
    twilio: ['twilio'],
    'by-channel': ['smtp', 'webhook'],
  };
  for (const part of needs[transport]) {
    if (merged[part] === undefined) {
      errors.push({
        path: `notification.${part}`,
        message: `Required: the ${transport} transport needs ${part} settings`,
        code: 'required',
      });
    }
  }
  return { merged, errors };
}

/**
 * Applies a change of settings. Answers the settings as they now are and the names of the fields
 * that changed (never their values).
 */
export async function updateAgencySettings(
  tx: Sql,
  agencyId: string,
  patch: UpdateAgencyRequest,
  defaultAckTimeoutMs: number,
): Promise<{ settings: AgencySettings; fields: string[] }> {
  const before = await loadAgency(tx, agencyId, true);
  const errors: FieldError[] = [];
  const storedAreas = before.areas.length > 0 ? before.areas : [before.default_area];
  const areas = patch.areas ?? storedAreas;
  const defaultArea = patch.defaultArea ?? before.default_area;
  if (!areas.includes(defaultArea)) {
    errors.push({
      path: patch.defaultArea === undefined ? 'areas' : 'defaultArea',
      message: `The default area "${defaultArea}" must be one of the areas`,
      code: 'invalid_value',
    });
  }
  let notification = before.notification;
  if (patch.notification) {
    const result = mergeNotification(SettingsSchema.parse(before.notification), patch.notification);
    errors.push(...result.errors);
    notification = result.merged;
  }
  if (errors.length > 0) throw invalid(errors);

  const after: AgencyRow = {
    ...before,
    name: patch.name ?? before.name,
    time_zone: patch.timeZone ?? before.time_zone,
    areas,
    default_area: defaultArea,
    allowed_origins: patch.allowedOrigins ?? before.allowed_origins,
    ack_timeout_seconds: patch.ackTimeoutSeconds === undefined ? before.ack_timeout_seconds : patch.ackTimeoutSeconds,
    report_small_counts_for_supervisor:
      patch.reportSmallCountsForSupervisor ?? before.report_small_counts_for_supervisor,
    notification: SettingsSchema.parse(notification),
  };
  const fields = changedFields({ ...before, areas: storedAreas }, after);
  if (fields.length > 0) {
    await tx.query(
      `update agencies set name = $2, time_zone = $3, areas = $4::text::text[], default_area = $5,
              allowed_origins = $6::text::text[], ack_timeout_seconds = $7, notification = $8::text::jsonb,
              report_small_counts_for_supervisor = $9
        where id = $1`,
      [
        agencyId,
        after.name,
        after.time_zone,
        textArray(after.areas),
        after.default_area,
        textArray(after.allowed_origins),
        after.ack_timeout_seconds,
        JSON.stringify(after.notification),
        after.report_small_counts_for_supervisor,
      ],
    );
  }
  // Delivered at commit, to this instance and every other: their origin caches are dropped then.
  if (fields.includes('allowedOrigins')) await tx.query('select pg_notify($1, $2)', [originsChannel, agencyId]);
  return { settings: settingsOf(after, defaultAckTimeoutMs), fields };
}

/** A PostgreSQL array literal of values the contract has already limited to plain characters. */
const textArray = (values: readonly string[]) => `{${values.map((value) => `"${value}"`).join(',')}}`;

/** Every secret of the settings, so that an answer from a transport can be scrubbed of them. */
const secretsOf = (settings: NotificationSettings): string[] =>
  [settings.smtp?.password, settings.webhook?.secret, settings.twilio?.authToken, settings.inboundSecret].filter(
    (secret): secret is string => secret !== undefined && secret.length > 0,
  );

/** What a test message says: no incident, no person, no link. */
const testMessage = (now: Date): CalloutNotification => ({
  kind: 'callout',
  dispatchId: '00000000-0000-4000-8000-000000000000',
  incidentType: 'test-notification',
  address: 'Test message from Peerlink: no action needed',
  receivedAt: iso(now),
});

/** Sends one test message through the agency's transport and reports what it answered. */
export async function sendTestNotification(
  tx: Sql,
  agencyId: string,
  to: ContactChannel,
  now: Date,
  options: TransportOptions = {},
): Promise<TestNotificationResult> {
  const row = await loadAgency(tx, agencyId);
  const settings = SettingsSchema.parse(row.notification);
  const scrub = (detail: string) =>
    secretsOf(settings)
      .reduce((text, secret) => text.split(secret).join('***'), detail)
      .slice(0, 500);
  let transport;
  try {
    transport = createTransport(settings, { timeoutMs: 10_000, ...options, timeZone: row.time_zone });
  } catch (error) {
    return {
      transport: settings.transport,
      ok: false,
      detail: scrub(error instanceof Error ? error.message : 'failed'),
    };
  }
  try {
    const outcome = await transport.send(`test-${randomUUID()}`, to, testMessage(now));
    return {
      transport: settings.transport,
      ok: outcome.ok,
      detail: scrub(outcome.detail ?? (outcome.ok ? 'sent' : '')),
    };
  } finally {
    await transport.close();
  }
}

/**
 * Creates an agency from nothing, as a program starting out does: validated settings, then its
 * first API key. Answers the agency's id and that key (shown once).
 */
export async function createAgency(db: Sql, request: CreateAgencyRequest): Promise<{ id: string; key: string }> {
  const id = randomUUID();
  const areas = request.areas ?? ['county'];
  await insertAgency(
    db,
    {
      id,
      name: request.name,
      kind: request.kind ?? 'peer-program',
      programId: null,
      timeZone: request.timeZone,
      allowedOrigins: [],
    },
    { areas, defaultArea: areas[0] ?? 'county' },
  );
  const { key } = await createApiKey(db, id, { label: 'First key (agency create)' });
  return { id, key };
}
