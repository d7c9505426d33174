import type { AuditEvent, Endpoint, EndpointAuth } from '@peerlink/sdk';
import { problemTypes, toFieldErrors } from '@peerlink/sdk';
import type { Context } from 'hono';
import * as z from 'zod/mini';
import type { RequestMeta } from '../domain/audit.js';
import { auditEach } from '../domain/audit.js';
import type { Principal } from '../domain/auth.js';
import { HttpProblem, invalid } from '../domain/problems.js';
import type { Sql } from '../infra/db/database.js';
import type { Principals } from './authenticate.js';
import { authenticators } from './authenticate.js';
import type { AppDeps } from './deps.js';

type Infer<S> = S extends z.core.$ZodType ? z.output<S> : undefined;

/** The answer an endpoint's contract allows: its document, or the JSON form it also answers (`jsonResponse`). */
export type Answer<E extends Endpoint> = z.input<E['response']> | JsonAnswer<E>;

type JsonAnswer<E extends Endpoint> =
  NonNullable<E['jsonResponse']> extends infer J ? (J extends z.core.$ZodType ? z.input<J> : never) : never;

/** The request as it arrived, for routes that check a signature over it (webhooks from gateways). */
export interface RawRequest {
  /** The body exactly as received. */
  text: string;
  headers: Headers;
  /** Path and query string as requested, e.g. `/v1/sms/twilio/…?x=1`. */
  path: string;
}

/** What every handler is given: the parsed path and query, the caller and the request's context. */
interface RouteInput<E extends Endpoint, P> {
  params: Infer<E['params']>;
  query: Infer<E['query']>;
  /** The caller, of the kind the route's auth yields. */
  principal: P;
  meta: RequestMeta;
  deps: AppDeps;
}

export interface HandlerInput<E extends Endpoint, P> extends RouteInput<E, P> {
  body: Infer<E['body']>;
  tx: Sql;
  request: RawRequest;
}

/**
 * The answer, or the answer with its status (201 for a creation, 200 when it met an existing
 * record) and the facts the route's audit rules read besides the answer.
 */
export type HandlerResult<E extends Endpoint, F> = Answer<E> | Wrapped<E, F>;

interface Wrapped<E extends Endpoint, F> {
  status: 200 | 201;
  body: Answer<E>;
  facts?: F;
}

/**
 * One audit event the route records in the request's transaction after its handler answers:
 * for the record the answer is (its `id`), or for each record a list answer shows (`items`).
 */
export interface AuditRule<E extends Endpoint, F> {
  action: AuditEvent['action'];
  recordType: AuditEvent['recordType'];
  /** The audited record's id when the answer is not the record itself. */
  recordId?: (answer: Answer<E>) => string;
  /** Records the event only when this holds. */
  when?: (answer: Answer<E>, status: 200 | 201, facts: F | undefined) => boolean;
  /** The names of the fields the change touched, recorded with the event (never their values). */
  fields?: (answer: Answer<E>, facts: F | undefined) => readonly string[];
}

export interface RouteDefinition<E extends Endpoint, A extends EndpointAuth, F> {
  /** The endpoint's auth kind, as the contract declares it (another does not compile); it types the principal. */
  auth: A;
  handler: (input: HandlerInput<E, Principals[A]>) => Promise<HandlerResult<E, F>>;
  /** What a call records in the audit trail (a public route has no principal to record). */
  audit?: readonly AuditRule<E, F>[];
  /**
   * The answer carries a secret shown once (a new API key): it is not kept for a retry with the
   * same `Idempotency-Key`, which is refused instead.
   */
  shownOnce?: boolean;
  /**
   * A read this process can answer from memory, without a transaction (a running import's
   * progress, while the import's own transaction holds PGlite's only connection); `undefined`
   * sends the request to `handler` as usual. Only for reads that audit nothing.
   */
  held?: (input: Pick<HandlerInput<E, Principals[A]>, 'params' | 'query' | 'principal'>) => Answer<E> | undefined;
}

export interface StoredResponse {
  status: number;
  body: unknown;
  /** The body holds a secret shown once: the idempotency record keeps no copy of it. */
  shownOnce?: boolean;
}

/** A request to a route, once its caller is known. */
export interface Authenticated {
  principal: Principal | null;
  /** Parses the path parameters and the query (400 when they break the contract). */
  accept(raw: { params: Record<string, string>; query: Record<string, string> }): Accepted;
}

export interface Accepted {
  query: unknown;
  /** An upload route's work: it reads the request body itself, as it arrives (see `uploadRoute`). */
  upload?: (request: Request, meta: RequestMeta) => Promise<StoredResponse>;
  /** Parses the body; the work returned runs the handler in a transaction and audits its answer. */
  handle(rawBody: unknown, meta: RequestMeta, request: RawRequest): (tx: Sql) => Promise<StoredResponse>;
  /** The answer this process holds in memory, if the route declares one and has it (see `RouteDefinition.held`). */
  held?: (meta: RequestMeta) => StoredResponse | undefined;
}

export interface Route {
  endpoint: Endpoint;
  /** Reads its body itself, as a stream: the app's body limit and parsing do not apply. */
  upload?: boolean;
  /** Checks the caller's credentials the way the endpoint's auth kind asks. */
  authenticate(c: Context, deps: AppDeps, params: Record<string, string>): Promise<Authenticated>;
}

function parse<S extends z.core.$ZodType | undefined>(schema: S, input: unknown): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const result = z.safeParse(schema, input);
  if (!result.success) throw invalid(toFieldErrors(result.error.issues, input));
  return result.data as Infer<S>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const idOf = (value: unknown): string | null => (isRecord(value) && typeof value.id === 'string' ? value.id : null);

/** The records an answer names: each item of a list, or the record itself. */
function recordsOf(answer: unknown): (string | null)[] {
  if (isRecord(answer) && Array.isArray(answer.items)) return answer.items.map(idOf);
  return [idOf(answer)];
}

/**
 * Pairs an endpoint of the contract with its handler, typed by the endpoint's schemas and auth
 * kind, and the audit events a call records.
 *
 * @example
 * export const getDispatchRoute = route(getDispatch, {
 *   auth: 'embed-token',
 *   audit: [{ action: 'read', recordType: 'dispatch' }],
 *   handler: ({ params, principal, tx }) => readableDispatch(tx, principal, params.id),
 * });
 */
export function route<E extends Endpoint, F = never>(
  endpoint: E,
  { auth, handler, audit = [], shownOnce = false, held }: RouteDefinition<E, E['auth'], F>,
): Route {
  if (held && audit.length > 0) throw new Error(`${endpoint.operationId}: a held answer would skip its audit`);
  const authenticate = authenticators[auth];

  /** The response is validated by the contract too: a bug here must not reach a host. */
  const checkedAnswer = (answer: unknown, meta: RequestMeta) => {
    // A document (a string) is checked as one; anything else as the JSON form, when the contract has one.
    const schema = typeof answer !== 'string' && endpoint.jsonResponse ? endpoint.jsonResponse : endpoint.response;
    const checked = z.safeParse(schema, answer);
    if (!checked.success) {
      const paths = toFieldErrors(checked.error.issues).map((e) => e.path);
      console.error(`[${meta.requestId}] response of ${endpoint.operationId} broke the contract:`, paths.join(', '));
      throw new HttpProblem(500, problemTypes.internal, 'Internal error', 'The service produced an invalid response');
    }
    return checked;
  };

  /** Runs the handler, checks its answer against the contract and records the declared audit events. */
  const respond = async (input: HandlerInput<E, Principals[E['auth']]>): Promise<StoredResponse> => {
    const { principal, tx, meta } = input;
    const { status, answer, facts } = unwrap(await handler(input), endpoint.status);
    const checked = checkedAnswer(answer, meta);
    for (const rule of audit) {
      if (!principal || (rule.when && !rule.when(answer, status, facts))) continue;
      const records = rule.recordId ? [rule.recordId(answer)] : recordsOf(answer);
      await auditEach(tx, principal, meta, rule.action, rule.recordType, records, rule.fields?.(answer, facts));
    }
    return { status, body: checked.data, ...(shownOnce ? { shownOnce } : {}) };
  };

  return {
    endpoint,
    async authenticate(c, deps, rawParams) {
      const principal = await authenticate(c, deps, rawParams);
      const accept = (raw: { params: Record<string, string>; query: Record<string, string> }): Accepted => {
        const params = parse<E['params']>(endpoint.params, raw.params);
        const query = parse<E['query']>(endpoint.query, raw.query);
        const handle = (rawBody: unknown, meta: RequestMeta, request: RawRequest) => {
          const body = parse<E['body']>(endpoint.body, rawBody);
          return (tx: Sql) => respond({ params, query, body, principal, tx, meta, deps, request });
        };
        if (!held) return { query, handle };
        const heldAnswer = (meta: RequestMeta): StoredResponse | undefined => {
          const answer = held({ params, query, principal });
          return answer === undefined ? undefined : { status: endpoint.status, body: checkedAnswer(answer, meta).data };
        };
        return { query, handle, held: heldAnswer };
      };
      return { principal, accept };
    },
  };
}

/**
 * A route that reads: audited as a read of the record it answers, or as a list of the records it
 * shows, under the auth kind its endpoint declares.
 *
 * @example
 * export const getDispatchRoute = readRoute(getDispatch, 'read', 'dispatch', ({ params, principal, tx }) =>
 *   readableDispatch(tx, principal, params.id),
 * );
 */
export const readRoute = <E extends Endpoint>(
  endpoint: E,
  action: 'read' | 'list',
  recordType: AuditEvent['recordType'],
  handler: RouteDefinition<E, E['auth'], never>['handler'],
): Route => route(endpoint, { auth: endpoint.auth, audit: [{ action, recordType }], handler });

function isWrapped<E extends Endpoint, F>(result: HandlerResult<E, F>): result is Wrapped<E, F> {
  return (
    isRecord(result) &&
    'status' in result &&
    'body' in result &&
    Object.keys(result).every((key) => key === 'status' || key === 'body' || key === 'facts')
  );
}

function unwrap<E extends Endpoint, F>(result: HandlerResult<E, F>, status: 200 | 201) {
  if (isWrapped(result)) return { status: result.status, answer: result.body, facts: result.facts };
  return { status, answer: result, facts: undefined };
}

export interface UploadInput<E extends Endpoint, P> extends RouteInput<E, P> {
  /** The request, whose body the handler reads as a stream (never buffered by the app). */
  request: Request;
}

/**
 * A route whose body is too large to buffer (a directory upload): the app skips its body limit
 * and parsing, and the handler reads `request.body` as it arrives and runs its own transactions.
 * Its answer is checked against the contract like any other.
 *
 * @example
 * export const importDirectoryRoute = uploadRoute(importDirectory, {
 *   auth: 'embed-token',
 *   handler: ({ request, principal, deps }) => runImport(deps.db, { body: request.body, ... }),
 * });
 */
export function uploadRoute<E extends Endpoint>(
  endpoint: E,
  { auth, handler }: { auth: E['auth']; handler: (input: UploadInput<E, Principals[E['auth']]>) => Promise<Answer<E>> },
): Route {
  const authenticate = authenticators[auth];
  return {
    endpoint,
    upload: true,
    async authenticate(c, deps, rawParams) {
      const principal = await authenticate(c, deps, rawParams);
      const accept = (raw: { params: Record<string, string>; query: Record<string, string> }): Accepted => {
        const params = parse<E['params']>(endpoint.params, raw.params);
        const query = parse<E['query']>(endpoint.query, raw.query);
        const handle = () => {
          throw new Error(`${endpoint.operationId} reads its body as an upload`);
        };
        const upload = async (request: Request, meta: RequestMeta): Promise<StoredResponse> => {
          const answer = await handler({ params, query, request, principal, meta, deps });
          const checked = z.safeParse(endpoint.response, answer);
          if (!checked.success) {
            const paths = toFieldErrors(checked.error.issues).map((e) => e.path);
            console.error(
              `[${meta.requestId}] response of ${endpoint.operationId} broke the contract:`,
              paths.join(', '),
            );
            throw new HttpProblem(
              500,
              problemTypes.internal,
              'Internal error',
              'The service produced an invalid response',
            );
          }
          return { status: endpoint.status, body: checked.data };
        };
        return { query, handle, upload };
      };
      return { principal, accept };
    },
  };
}

/** What is drained of an upload refused part way, so the connection stays usable for the answer. */
const drainedBytes = 64 * 1024 * 1024;

/**
 * Reads what is left of a refused upload: an unread or cancelled body would leave the connection
 * unusable for the next request. Beyond `drainedBytes` the connection is given up.
 */
export async function drain(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body || body.locked) return;
  let read = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      if (read > drainedBytes) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away: nothing left to keep usable.
  } finally {
    reader.releaseLock();
  }
}
