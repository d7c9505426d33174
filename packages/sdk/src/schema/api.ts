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
  readonly tag: string;
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
  tag: string;
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
  tag: 'audit',
  roles: ['supervisor'],
  query: AuditListQuery,
  response: page(AuditEvent),
});
