import * as z from 'zod/mini';
import { EmbedSession, EmbedSessionRequest, OnCallNow, OnCallQuery } from './agency.js';
import { AuditEvent, AuditListQuery } from './audit.js';
import {
  CalloutLog,
  CalloutLogListQuery,
  CreateCalloutLogRequest,
  ReviewCalloutLogRequest,
  SubmitCalloutLogRequest,
  UpdateCalloutLogRequest,
} from './callout-log.js';
import { CreateCredentialRequest, Credential, CredentialListQuery, CredentialStatusChangeRequest, Jwks, StatusList } from './credential.js';
import {
  AcknowledgementRequest,
  CreateDispatchRequest,
  Dispatch,
  DispatchListQuery,
  DispatchTransitionRequest,
} from './dispatch.js';
import { EventStreamQuery, PeerEvent } from './events.js';
import { Id, Role, page } from './primitives.js';
import {
  ConsentRevocation,
  CreateReferralRequest,
  Referral,
  ReferralListQuery,
  ReferralTransitionRequest,
  RevokeConsentRequest,
} from './referral.js';
import { Resource, ResourceSearchQuery, ResourceSearchResult } from './resource.js';
import type { ApiTag } from './tags.js';

/**
 * How a caller proves who it is:
 * `api-key` — a host's secret key, server to server only;
 * `embed-token` — a short-lived token for one role, as components send it;
 * `ack-token` — the single-use token in a responder's notification link;
 * `public` — nothing (key sets, health).
 */
export type EndpointAuth = 'api-key' | 'embed-token' | 'ack-token' | 'public';

type ObjectSchema = z.ZodMiniObject;

export interface Endpoint<
  P extends ObjectSchema | undefined = ObjectSchema | undefined,
  Q extends ObjectSchema | undefined = ObjectSchema | undefined,
  B extends z.core.$ZodType | undefined = z.core.$ZodType | undefined,
  R extends z.core.$ZodType = z.core.$ZodType,
> {
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** OpenAPI-style path with `{param}` placeholders. */
  readonly path: string;
  readonly summary: string;
  /** What the operation does and what a caller should know, for the API reference. */
  readonly description: string;
  readonly tag: ApiTag;
  readonly auth: EndpointAuth;
  /** Roles an embed token must carry; empty for other kinds of auth. */
  readonly roles: readonly Role[];
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly response: R;
  /** 200, or 201 for creations. */
  readonly status: 200 | 201;
  /** Responds with a Server-Sent Events stream of `response` items. */
  readonly stream?: boolean;
}

function endpoint<
  P extends ObjectSchema | undefined = undefined,
  Q extends ObjectSchema | undefined = undefined,
  B extends z.core.$ZodType | undefined = undefined,
  R extends z.core.$ZodType = z.core.$ZodType,
>(definition: {
  operationId: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  summary: string;
  description: string;
  tag: ApiTag;
  auth?: EndpointAuth;
  roles?: readonly Role[];
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: 200 | 201;
  stream?: boolean;
}): Endpoint<P, Q, B, R> {
  return {
    auth: 'embed-token',
    roles: [],
    status: 200,
    ...definition,
    params: definition.params as P,
    query: definition.query as Q,
    body: definition.body as B,
  };
}

const ById = z.strictObject({ id: Id });
const everyone = Role.options;
const referrers = ['specialist', 'supervisor', 'court-staff', 'clinician'] as const;

export const createEmbedSession = endpoint({
  operationId: 'createEmbedSession',
  method: 'POST',
  path: '/v1/embed-sessions',
  summary: "Exchange a host's secret API key for a short-lived embed token",
  description:
    'Called by the host\'s own server with its secret API key. Returns a token for one role (and, where it applies, one record) that expires within 15 minutes; components call `getToken()` again when it does. The API key never reaches a browser.',
  tag: 'auth',
  auth: 'api-key',
  body: EmbedSessionRequest,
  response: EmbedSession,
  status: 201,
});

export const getOnCall = endpoint({
  operationId: 'getOnCall',
  method: 'GET',
  path: '/v1/specialists/on-call',
  summary: 'Who would be called now (primary, backup, supervisor) for an area',
  description:
    'Resolves the on-call schedule for an area, now or at the time given: the primary, the backup and the supervisor a call-out would notify. A position nobody covers comes back empty.',
  tag: 'specialists',
  roles: ['dispatcher', 'specialist', 'supervisor'],
  query: OnCallQuery,
  response: OnCallNow,
});

export const createDispatch = endpoint({
  operationId: 'createDispatch',
  method: 'POST',
  path: '/v1/dispatches',
  summary: 'Request a duty call-out for a call for service',
  description:
    'Creates a duty call-out for a call for service and notifies the on-call specialist and supervisor. Repeating the request with the same Idempotency-Key returns the first dispatch instead of calling out twice.',
  tag: 'dispatches',
  roles: ['dispatcher', 'supervisor'],
  body: CreateDispatchRequest,
  response: Dispatch,
  status: 201,
});

export const listDispatches = endpoint({
  operationId: 'listDispatches',
  method: 'GET',
  path: '/v1/dispatches',
  summary: 'List dispatches, newest first',
  description:
    'Dispatches of the agency the caller\'s role may see, newest first, one page at a time; filter by status or by the CAD incident id.',
  tag: 'dispatches',
  roles: ['dispatcher', 'specialist', 'supervisor', 'investigator'],
  query: DispatchListQuery,
  response: page(Dispatch),
});

export const getDispatch = endpoint({
  operationId: 'getDispatch',
  method: 'GET',
  path: '/v1/dispatches/{id}',
  summary: 'Read one dispatch with its timeline',
  description:
    'One dispatch with its status and timeline: every transition with its time and actor.',
  tag: 'dispatches',
  roles: ['dispatcher', 'specialist', 'supervisor', 'investigator'],
  params: ById,
  response: Dispatch,
});

export const transitionDispatch = endpoint({
  operationId: 'transitionDispatch',
  method: 'POST',
  path: '/v1/dispatches/{id}/transitions',
  summary: 'Move a dispatch to its next status',
  description:
    'Moves the dispatch along its state machine (acknowledged, en route, on scene, checked in, engaged, cleared, cancelled...). A transition the current status does not allow, or one the caller\'s role may not make, is refused.',
  tag: 'dispatches',
  roles: ['dispatcher', 'specialist', 'supervisor'],
  params: ById,
  body: DispatchTransitionRequest,
  response: Dispatch,
});

export const acknowledgeByLink = endpoint({
  operationId: 'acknowledgeByLink',
  method: 'POST',
  path: '/v1/ack/{token}',
  summary: "Acknowledge or decline a call-out from the notification's single-use link",
  description:
    'Used by the page a responder opens from a text or e-mail notification: the single-use token in the link acknowledges or declines the call-out without signing in.',
  tag: 'dispatches',
  auth: 'ack-token',
  params: z.strictObject({ token: z.string().check(z.minLength(16), z.maxLength(2048)) }),
  body: AcknowledgementRequest,
  response: Dispatch,
});

export const streamEvents = endpoint({
  operationId: 'streamEvents',
  method: 'GET',
  path: '/v1/events',
  summary: "Live changes the token's role may see (Server-Sent Events; resume with Last-Event-ID)",
  description:
    'A Server-Sent Events stream of changes to the records the token\'s role may see (dispatch steps, logs, referrals). Each `data:` line is one JSON event; reconnect with Last-Event-ID to resume where the stream stopped.',
  tag: 'events',
  roles: everyone,
  query: EventStreamQuery,
  response: PeerEvent,
  stream: true,
});

export const createCalloutLog = endpoint({
  operationId: 'createCalloutLog',
  method: 'POST',
  path: '/v1/callout-logs',
  summary: 'Start the call-out log of a dispatch',
  description:
    'Starts the draft log of a call-out the specialist responded to. Intelligence offered by witnesses belongs in the investigator note, never in the narrative.',
  tag: 'callout-logs',
  roles: ['specialist'],
  body: CreateCalloutLogRequest,
  response: CalloutLog,
  status: 201,
});

export const listCalloutLogs = endpoint({
  operationId: 'listCalloutLogs',
  method: 'GET',
  path: '/v1/callout-logs',
  summary: 'List call-out logs',
  description:
    'Call-out logs the caller may see, one page at a time; filter by status (a review queue) or by dispatch. Only investigators read investigator notes.',
  tag: 'callout-logs',
  roles: ['specialist', 'supervisor', 'investigator'],
  query: CalloutLogListQuery,
  response: page(CalloutLog),
});

export const getCalloutLog = endpoint({
  operationId: 'getCalloutLog',
  method: 'GET',
  path: '/v1/callout-logs/{id}',
  summary: 'Read one call-out log',
  description:
    'One call-out log. The narrative and the investigator note are returned only to the roles allowed to read them.',
  tag: 'callout-logs',
  roles: ['specialist', 'supervisor', 'investigator'],
  params: ById,
  response: CalloutLog,
});

export const updateCalloutLog = endpoint({
  operationId: 'updateCalloutLog',
  method: 'PATCH',
  path: '/v1/callout-logs/{id}',
  summary: 'Replace the content of a draft or returned log',
  description:
    'Replaces the content of a log that is still a draft or was returned for changes; a submitted or approved log cannot be edited.',
  tag: 'callout-logs',
  roles: ['specialist'],
  params: ById,
  body: UpdateCalloutLogRequest,
  response: CalloutLog,
});

export const submitCalloutLog = endpoint({
  operationId: 'submitCalloutLog',
  method: 'POST',
  path: '/v1/callout-logs/{id}/submit',
  summary: 'Submit a complete log to the supervisor',
  description:
    'Submits a complete log to the supervisor for review; the log must pass every check of a finished log.',
  tag: 'callout-logs',
  roles: ['specialist'],
  params: ById,
  body: SubmitCalloutLogRequest,
  response: CalloutLog,
});

export const reviewCalloutLog = endpoint({
  operationId: 'reviewCalloutLog',
  method: 'POST',
  path: '/v1/callout-logs/{id}/review',
  summary: 'Approve a submitted log or return it with comments',
  description:
    'The supervisor approves a submitted log, or returns it to the specialist with comments.',
  tag: 'callout-logs',
  roles: ['supervisor'],
  params: ById,
  body: ReviewCalloutLogRequest,
  response: CalloutLog,
});

export const searchResources = endpoint({
  operationId: 'searchResources',
  method: 'GET',
  path: '/v1/resources/search',
  summary: 'Ranked search over the resource directory with filters',
  description:
    'Ranked, typo-tolerant text search over the agency\'s directory, with filters for category, open now, language, payment, capacity, distance, setting and intercept stage. Lists in the query are comma separated; pages continue with the returned cursor.',
  tag: 'resources',
  roles: everyone,
  query: ResourceSearchQuery,
  response: ResourceSearchResult,
});

export const getResource = endpoint({
  operationId: 'getResource',
  method: 'GET',
  path: '/v1/resources/{id}',
  summary: 'Read one resource',
  description:
    'One resource of the directory with its location, hours, languages, fees and capacity.',
  tag: 'resources',
  roles: everyone,
  params: ById,
  response: Resource,
});

export const createReferral = endpoint({
  operationId: 'createReferral',
  method: 'POST',
  path: '/v1/referrals',
  summary: "Record the person's consent and propose a referral",
  description:
    'Records the person\'s consent (scope, expiry, 42 CFR Part 2 notice acknowledged) and proposes a referral to a resource. The person is referred to pseudonymously; no name is required.',
  tag: 'referrals',
  roles: referrers,
  body: CreateReferralRequest,
  response: Referral,
  status: 201,
});

export const listReferrals = endpoint({
  operationId: 'listReferrals',
  method: 'GET',
  path: '/v1/referrals',
  summary: 'List referrals',
  description:
    'Referrals the caller may see, one page at a time; filter by status, person reference or resource.',
  tag: 'referrals',
  roles: referrers,
  query: ReferralListQuery,
  response: page(Referral),
});

export const getReferral = endpoint({
  operationId: 'getReferral',
  method: 'GET',
  path: '/v1/referrals/{id}',
  summary: 'Read one referral',
  description:
    'One referral with its consent and status.',
  tag: 'referrals',
  roles: referrers,
  params: ById,
  response: Referral,
});

export const transitionReferral = endpoint({
  operationId: 'transitionReferral',
  method: 'POST',
  path: '/v1/referrals/{id}/transitions',
  summary: 'Move a referral along its loop (sent, accepted, scheduled, completed…)',
  description:
    'Moves a referral along its closed loop: sent, accepted, scheduled, completed, declined, no-show or cancelled. Transitions its status does not allow are refused.',
  tag: 'referrals',
  roles: referrers,
  params: ById,
  body: ReferralTransitionRequest,
  response: Referral,
});

/**
 * Records that the person revoked their consent. Every role that makes referrals may record it:
 * supervisors, the specialist who recorded the consent, and court staff or clinicians the consent
 * covers (the person may tell whoever they deal with). An open referral is cancelled.
 */
export const revokeReferralConsent = endpoint({
  operationId: 'revokeReferralConsent',
  method: 'POST',
  path: '/v1/referrals/{id}/consent/revoke',
  summary: 'Record that the person revoked their consent: disclosure stops and an open referral is cancelled',
  description:
    'Records a revocation under 42 CFR Part 2: from this moment court staff and clinicians read nothing more of the referral, the FHIR export withholds its details, and an open referral is cancelled. Nothing is deleted: the consent keeps `revokedAt`, `revokedBy` and the reason, and the timeline shows the revocation. Supervisors, the specialist who recorded the consent, and court staff or clinicians the consent covers may record it; revoking twice answers 409.',
  tag: 'referrals',
  roles: referrers,
  params: ById,
  body: RevokeConsentRequest,
  response: ConsentRevocation,
});

export const createCredential = endpoint({
  operationId: 'createCredential',
  method: 'POST',
  path: '/v1/credentials',
  summary: "Record a specialist's credential",
  description:
    'A supervisor records a credential of a specialist (type, issuer, dates, evidence of the requirements); its status is derived by the agency\'s rule set.',
  tag: 'credentials',
  roles: ['supervisor'],
  body: CreateCredentialRequest,
  response: Credential,
  status: 201,
});

export const listCredentials = endpoint({
  operationId: 'listCredentials',
  method: 'GET',
  path: '/v1/credentials',
  summary: 'List credentials with their derived status',
  description:
    'Credentials with the status the rules derive now (active, expiring, expired, suspended, revoked, pending), one page at a time.',
  tag: 'credentials',
  roles: everyone,
  query: CredentialListQuery,
  response: page(Credential),
});

export const getCredential = endpoint({
  operationId: 'getCredential',
  method: 'GET',
  path: '/v1/credentials/{id}',
  summary: 'Read one credential with its derived status',
  description:
    'One credential with the status its rules derive now.',
  tag: 'credentials',
  roles: everyone,
  params: ById,
  response: Credential,
});

export const changeCredentialStatus = endpoint({
  operationId: 'changeCredentialStatus',
  method: 'POST',
  path: '/v1/credentials/{id}/status',
  summary: 'Suspend, revoke or reinstate a credential (revocation is published in the status list)',
  description:
    'Suspends, revokes or reinstates a credential. A revocation is published in the agency\'s status list, so verifiers of the signed credential see it.',
  tag: 'credentials',
  roles: ['supervisor'],
  params: ById,
  body: CredentialStatusChangeRequest,
  response: Credential,
});

export const getStatusList = endpoint({
  operationId: 'getStatusList',
  method: 'GET',
  path: '/v1/agencies/{id}/status-list',
  summary: "The agency's signed revocation status list (W3C Bitstring Status List)",
  description:
    'The agency\'s signed W3C Bitstring Status List; verifiers of a signed credential check its revocation bit here without credentials of their own.',
  tag: 'credentials',
  auth: 'public',
  params: ById,
  response: StatusList,
});

export const getJwks = endpoint({
  operationId: 'getJwks',
  method: 'GET',
  path: '/v1/agencies/{id}/jwks.json',
  summary: "The agency's public keys for verifying signed credentials",
  description:
    'The agency\'s public keys as a JSON Web Key Set, for verifying the credentials it signed.',
  tag: 'credentials',
  auth: 'public',
  params: ById,
  response: Jwks,
});

export const listAuditEvents = endpoint({
  operationId: 'listAuditEvents',
  method: 'GET',
  path: '/v1/audit',
  summary: 'Read the audit trail of the agency',
  description:
    'The agency\'s append-only audit trail, newest first: who read or changed which record, when, and from which embedding host.',
  tag: 'audit',
  roles: ['supervisor'],
  query: AuditListQuery,
  response: page(AuditEvent),
});
