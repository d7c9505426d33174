// What an endpoint of the API is, and the helper each group of endpoints (`api/<tag>.ts`) is written with.
import * as z from 'zod/mini';
import { Id, Role } from './primitives.js';
import type { ApiTag } from './tags.js';

/**
 * How a caller proves who it is:
 * `api-key` — a host's secret key, server to server only;
 * `embed-token` — a short-lived token for one role, as components send it;
 * `ack-token` — the single-use token in a responder's notification link;
 * `embed-token-or-api-key` — either: an embed token of one of the endpoint's roles, or the agency's own
 *   secret key (a provider's key is refused), for what a program's staff tools and its own server both read;
 * `public` — nothing (key sets, health).
 */
export type EndpointAuth = 'api-key' | 'embed-token' | 'embed-token-or-api-key' | 'ack-token' | 'public';

type ObjectSchema = z.ZodMiniObject;

/** A document an endpoint answers instead of JSON: TwiML, CSV, or a signed credential (a compact JWS). */
export type ResponseType = 'application/xml' | 'text/csv' | 'application/vc+jwt';

export interface Endpoint<
  P extends ObjectSchema | undefined = ObjectSchema | undefined,
  Q extends ObjectSchema | undefined = ObjectSchema | undefined,
  B extends z.core.$ZodType | undefined = z.core.$ZodType | undefined,
  R extends z.core.$ZodType = z.core.$ZodType,
  A extends EndpointAuth = EndpointAuth,
  J extends z.core.$ZodType | undefined = z.core.$ZodType | undefined,
> {
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** OpenAPI-style path with `{param}` placeholders. */
  readonly path: string;
  readonly summary: string;
  /** What the operation does and what a caller should know, for the API reference. */
  readonly description: string;
  readonly tag: ApiTag;
  readonly auth: A;
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
  /** How the body is sent when not JSON (a gateway's form post). */
  readonly bodyType?: 'application/x-www-form-urlencoded';
  /** How the answer is sent when not JSON: `response` is then the document as a string. */
  readonly responseType?: ResponseType;
  /**
   * With `responseType`: the JSON answer given instead of the document to a caller that asks for
   * `application/json` and not `responseType` (what earlier versions answered everyone).
   */
  readonly jsonResponse?: J;
  /** A public endpoint that checks a signature over the request instead of credentials (401 when it fails). */
  readonly signed?: boolean;
}

export function endpoint<
  P extends ObjectSchema | undefined = undefined,
  Q extends ObjectSchema | undefined = undefined,
  B extends z.core.$ZodType | undefined = undefined,
  R extends z.core.$ZodType = z.core.$ZodType,
  A extends EndpointAuth = 'embed-token',
  J extends z.core.$ZodType | undefined = undefined,
>(definition: {
  operationId: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  summary: string;
  description: string;
  tag: ApiTag;
  auth?: A;
  roles?: readonly Role[];
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: 200 | 201;
  stream?: boolean;
  bodyType?: 'application/x-www-form-urlencoded';
  responseType?: ResponseType;
  jsonResponse?: J;
  signed?: boolean;
}): Endpoint<P, Q, B, R, A, J> {
  return {
    auth: 'embed-token' as A,
    roles: [],
    status: 200,
    ...definition,
    params: definition.params as P,
    query: definition.query as Q,
    body: definition.body as B,
  };
}

/** The path parameters of an endpoint that addresses one record. */
export const ById = z.strictObject({ id: Id });
/** Every role an embed token may carry. */
export const everyone = Role.options;
