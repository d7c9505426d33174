import * as z from 'zod/mini';
import { agencyRecord, endsAfterStart, stretch } from './fields.js';
import { Id, Label, Origin, Role, TimeZone, Timestamp, list, set, text } from './primitives.js';

export const AgencyKind = z.enum(['peer-program', 'police', 'sheriff', 'ems', 'coroner', 'court', 'hospital', 'other']);
export type AgencyKind = z.infer<typeof AgencyKind>;

/** A tenant. Partner agencies (police, EMS, coroner, court, hospital) point at their program. */
export const Agency = z.object({
  id: Id,
  name: Label,
  kind: AgencyKind,
  programId: z.nullable(Id),
  timeZone: TimeZone,
  /** Browser origins of the host systems allowed to embed Peerlink for this agency (CORS). */
  allowedOrigins: list(Origin, 50),
  createdAt: Timestamp,
});
export type Agency = z.infer<typeof Agency>;

/** Area codes name the parts of a program's territory (`county`, `north`, `downtown`). */
export const AreaCode = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(40),
    z.regex(/^[a-z0-9][a-z0-9-]*$/, 'Expected a lowercase area code such as "north" or "county"'),
  );

export const SpecialistRole = z.enum([
  'crisis-interventionist',
  'recovery-coach',
  'court-peer-specialist',
  'reentry-advocate',
]);
export type SpecialistRole = z.infer<typeof SpecialistRole>;

export const ContactChannel = z.strictObject({
  kind: z.enum(['sms', 'email']),
  address: text(3, 254),
});
export type ContactChannel = z.infer<typeof ContactChannel>;

/** A Peer Support Specialist. Only the display name is shown to other roles. */
export const Specialist = z.object({
  ...agencyRecord,
  displayName: text(1, 80),
  roles: set(SpecialistRole, 4, 1),
  languages: set(z.string().check(z.minLength(2), z.maxLength(35)), 20),
  /** Present only for the specialist themself and supervisors. */
  contacts: z.optional(list(ContactChannel, 5)),
  supervisorId: z.nullable(Id),
  active: z.boolean(),
  /**
   * May be named as other peers' supervisor (a peer who already supervises someone may be too).
   * The roster CSV sets it with `supervisor` among a row's roles.
   */
  canSupervise: z.optional(z.boolean()),
  /** The areas the peer serves (an `area-peers` escalation level reaches every active peer of the area). */
  areas: z.optional(set(AreaCode, 50)),
});
export type Specialist = z.infer<typeof Specialist>;

/** What other roles may know of a specialist. */
export const SpecialistSummary = z.object({
  id: Id,
  displayName: text(1, 80),
  roles: set(SpecialistRole, 4, 1),
  languages: set(z.string().check(z.minLength(2), z.maxLength(35)), 20),
});
export type SpecialistSummary = z.infer<typeof SpecialistSummary>;

export const ShiftPosition = z.enum(['primary', 'backup', 'supervisor']);
export type ShiftPosition = z.infer<typeof ShiftPosition>;

export const OnCallShift = z
  .object({
    ...agencyRecord,
    area: AreaCode,
    position: ShiftPosition,
    specialistId: Id,
    ...stretch,
  })
  .check(endsAfterStart);
export type OnCallShift = z.infer<typeof OnCallShift>;

export const OnCallQuery = z.strictObject({
  area: z.optional(AreaCode),
  at: z.optional(Timestamp),
});
export type OnCallQuery = z.infer<typeof OnCallQuery>;

/** Who would be called now for an area. Any position may be unstaffed. */
export const OnCallNow = z.object({
  area: AreaCode,
  at: Timestamp,
  primary: z.nullable(SpecialistSummary),
  backup: z.nullable(SpecialistSummary),
  supervisor: z.nullable(SpecialistSummary),
});
export type OnCallNow = z.infer<typeof OnCallNow>;

export const EmbedScope = z.strictObject({
  type: z.enum(['dispatch', 'callout-log', 'referral', 'credential', 'specialist']),
  id: Id,
});
export type EmbedScope = z.infer<typeof EmbedScope>;

/** Body of `POST /v1/embed-sessions`, sent by a host's server with its secret API key. */
export const EmbedSessionRequest = z.strictObject({
  role: Role,
  /** The specialist (or supervisor) this session acts as; required for those roles. */
  subjectId: z.optional(Id),
  scope: z.optional(EmbedScope),
  /** Lifetime in seconds; at most 15 minutes. */
  ttlSeconds: z.optional(z.number().check(z.int(), z.gte(60), z.lte(900))),
});
export type EmbedSessionRequest = z.infer<typeof EmbedSessionRequest>;

export const EmbedSession = z.object({
  token: z.string().check(z.minLength(16), z.maxLength(4096)),
  tokenType: z.literal('Bearer'),
  expiresAt: Timestamp,
  role: Role,
  agencyId: Id,
  subjectId: z.nullable(Id),
  scope: z.nullable(EmbedScope),
});
export type EmbedSession = z.infer<typeof EmbedSession>;

/**
 * How an agency's call-outs reach its people. Stored server-side; never sent to browsers.
 * `by-channel` sends e-mail contacts through `smtp` and text (sms) contacts through `twilio` when
 * it is set, else through `webhook` (the agency's SMS gateway), so a peer can have both.
 */
export const NotificationSettings = z.strictObject({
  transport: z.enum(['console', 'smtp', 'webhook', 'twilio', 'by-channel']),
  smtp: z.optional(
    z.strictObject({
      host: text(1, 255),
      port: z.number().check(z.int(), z.gte(1), z.lte(65535)),
      secure: z.boolean(),
      from: text(3, 254),
      user: z.optional(text(1, 255)),
      password: z.optional(text(1, 255)),
    }),
  ),
  webhook: z.optional(
    z.strictObject({
      url: z.url(),
      /** Shared secret for the `X-Peerlink-Signature` HMAC-SHA256 header; at least 32 characters. */
      secret: text(32, 255),
    }),
  ),
  /** A Twilio account: texts go out through its Messages API, replies come back to `/v1/sms/twilio`. */
  twilio: z.optional(
    z.strictObject({
      accountSid: z.string().check(z.regex(/^AC[0-9a-fA-F]{32}$/, 'Expected a Twilio account SID (AC…)')),
      /** Signs Twilio's requests to us (`X-Twilio-Signature`) and authenticates ours to Twilio. */
      authToken: text(16, 255),
      /** The sending number (E.164) or messaging service SID (MG…). */
      from: z
        .string()
        .check(z.regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/, 'Expected an E.164 number or a messaging service SID')),
      /** Where the Messages API is; only tests and regional edges change it. */
      apiBaseUrl: z.optional(z.url()),
    }),
  ),
  /** Shared secret for the signed inbound SMS webhook (`POST /v1/sms/inbound`); at least 32 characters. */
  inboundSecret: z.optional(text(32, 255)),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

/**
 * What a notification says: incident type, location, dispatch id and the acknowledgement link.
 * Never names and never narratives.
 */
export const CalloutNotification = z.object({
  kind: z.enum(['callout', 'escalation', 'supervisor-copy']),
  dispatchId: Id,
  incidentType: z.string().check(z.maxLength(40)),
  address: text(1, 300),
  area: z.optional(AreaCode),
  lat: z.optional(z.number()),
  lon: z.optional(z.number()),
  receivedAt: Timestamp,
  /** Single-use link that acknowledges or declines; absent on copies for information. */
  ackUrl: z.optional(z.url()),
  cautions: z.optional(list(text(1, 200), 20)),
});
export type CalloutNotification = z.infer<typeof CalloutNotification>;
