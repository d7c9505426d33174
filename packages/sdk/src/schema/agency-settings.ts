import * as z from 'zod/mini';
import { Agency, AgencyKind, AreaCode, ContactChannel, NotificationSettings } from './agency.js';
import { Label, Origin, TimeZone, list, set, text } from './primitives.js';

/**
 * An IANA time zone name (`America/Chicago`, `Etc/UTC`). A UTC offset is refused: it has no
 * daylight-saving rules, so handoffs and schedules would drift twice a year.
 */
export const IanaTimeZone = z.string().check(
  z.maxLength(64),
  z.refine(
    (value) => /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value) && TimeZone.safeParse(value).success,
    'Expected an IANA time zone such as "America/Chicago"',
  ),
);

/** How long a notified peer has to acknowledge before the call-out moves on, in seconds (1 to 60 minutes). */
export const AckTimeoutSeconds = z.number().check(z.int(), z.gte(60), z.lte(3600));

/**
 * A stored secret as it is shown: that it is set, and for secrets of 12 characters or more its
 * last four ("set, ending …1234"). The secret itself is never returned.
 */
export const SecretState = z.object({
  set: z.literal(true),
  last4: z.optional(z.string().check(z.length(4))),
});
export type SecretState = z.infer<typeof SecretState>;

const { smtp, webhook, twilio } = NotificationSettings.shape;

/** The notification settings as `GET /v1/agency` shows them: every secret replaced by its {@link SecretState}. */
export const NotificationSettingsView = z.object({
  transport: NotificationSettings.shape.transport,
  smtp: z.optional(z.extend(smtp.def.innerType, { password: z.optional(SecretState) })),
  webhook: z.optional(z.extend(webhook.def.innerType, { secret: SecretState })),
  twilio: z.optional(z.extend(twilio.def.innerType, { authToken: SecretState })),
  inboundSecret: z.optional(SecretState),
});
export type NotificationSettingsView = z.infer<typeof NotificationSettingsView>;

/** An agency's settings, as its own server (its secret API key) reads them. */
export const AgencySettings = z.extend(Agency, {
  /** The parts of the program's territory; rotations, call-outs and the directory use these codes. */
  areas: list(AreaCode, 50, 1),
  /** The area a call-out goes to when the call names none; one of `areas`. */
  defaultArea: AreaCode,
  /** Null: the service's default applies (see `effectiveAckTimeoutSeconds`). */
  ackTimeoutSeconds: z.nullable(AckTimeoutSeconds),
  /** The acknowledgement timeout call-outs use now. */
  effectiveAckTimeoutSeconds: z.number().check(z.int(), z.gte(1)),
  notification: NotificationSettingsView,
  /**
   * Whether the program's supervisor sees report counts from 1 to 10 as they are. Off (the
   * default): they read "<11" for everyone, as public-health reporting does.
   */
  reportSmallCountsForSupervisor: z.boolean(),
});
export type AgencySettings = z.infer<typeof AgencySettings>;

/**
 * The notification part of `PATCH /v1/agency`, merged into what is stored: a key left out keeps
 * its stored value, `null` removes a part (`smtp`, `webhook`, `twilio`, `inboundSecret`), and a part
 * given replaces the stored one except for its secret, which is kept when left out. The result must
 * name the settings its transport needs (`smtp` for smtp, `webhook` for webhook, both for by-channel).
 */
export const NotificationSettingsPatch = z.strictObject({
  transport: z.optional(NotificationSettings.shape.transport),
  smtp: z.optional(z.nullable(z.extend(smtp.def.innerType, { password: z.optional(z.nullable(text(1, 255))) }))),
  webhook: z.optional(z.nullable(z.extend(webhook.def.innerType, { secret: z.optional(text(32, 255)) }))),
  twilio: z.optional(z.nullable(z.extend(twilio.def.innerType, { authToken: z.optional(text(16, 255)) }))),
  inboundSecret: z.optional(z.nullable(text(32, 255))),
});
export type NotificationSettingsPatch = z.infer<typeof NotificationSettingsPatch>;

/** Body of `PATCH /v1/agency`: only the settings given change. */
export const UpdateAgencyRequest = z.strictObject({
  name: z.optional(Label),
  timeZone: z.optional(IanaTimeZone),
  areas: z.optional(set(AreaCode, 50, 1)),
  defaultArea: z.optional(AreaCode),
  allowedOrigins: z.optional(set(Origin, 50)),
  /** Null returns to the service's default. */
  ackTimeoutSeconds: z.optional(z.nullable(AckTimeoutSeconds)),
  notification: z.optional(NotificationSettingsPatch),
  reportSmallCountsForSupervisor: z.optional(z.boolean()),
});
export type UpdateAgencyRequest = z.infer<typeof UpdateAgencyRequest>;

/** Body of `POST /v1/agency/notifications/test`: whom the test message goes to. */
export const TestNotificationRequest = z.strictObject({ to: ContactChannel });
export type TestNotificationRequest = z.infer<typeof TestNotificationRequest>;

/** What the configured transport answered to a test message (never a secret). */
export const TestNotificationResult = z.object({
  transport: NotificationSettings.shape.transport,
  ok: z.boolean(),
  detail: z.string().check(z.maxLength(500)),
});
export type TestNotificationResult = z.infer<typeof TestNotificationResult>;

/** Body of the agency's creation (the `agency create` command): the settings a program starts with. */
export const CreateAgencyRequest = z.strictObject({
  name: Label,
  kind: z.optional(AgencyKind),
  timeZone: IanaTimeZone,
  areas: z.optional(set(AreaCode, 50, 1)),
});
export type CreateAgencyRequest = z.infer<typeof CreateAgencyRequest>;
