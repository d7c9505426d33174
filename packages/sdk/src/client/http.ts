import ky, { isHTTPError, isTimeoutError } from 'ky';
import type { KyInstance } from 'ky';
import * as z from 'zod/mini';
import type { Endpoint } from '../schema/api.js';
import { toFieldErrors } from '../schema/problem.js';
import { PeerError, PeerNetworkError, PeerValidationError } from './errors.js';
import { errorFromResponse } from './problems.js';
import type { TokenCache } from './tokens.js';

export type Output<E extends Endpoint> = z.output<E['response']>;
type Input<S> = S extends z.core.$ZodType ? z.input<S> : undefined;
// Queries are given as values (lists, booleans, numbers); the URL encoding is the SDK's business.
type Values<S> = S extends z.core.$ZodType ? z.output<S> : undefined;

/** What a call sends, typed by its endpoint's schemas. */
export interface CallInput<E extends Endpoint> {
  params?: Input<E['params']>;
  query?: Values<E['query']>;
  body?: Input<E['body']>;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Reuse a key to make a retried change apply once; the SDK makes one per call otherwise. */
  idempotencyKey?: string;
}

export interface HttpOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retries?: number;
}

export const newKey = (): string => crypto.randomUUID();

function check(schema: z.core.$ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = z.safeParse(schema, value);
  if (!result.success) {
    const errors = toFieldErrors(result.error.issues, value);
    throw new PeerValidationError(`The ${where} does not match the contract`, errors, { code: 'validation' });
  }
  return result.data;
}

function pathOf(endpoint: Endpoint, params: unknown): string {
  const values = (params ?? {}) as Record<string, unknown>;
  // Relative to the base URL, so a base with a path (https://host/peerlink/) keeps it.
  return endpoint.path.slice(1).replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

function searchOf(query: unknown): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(
    (query ?? {}) as Record<string, string | number | boolean | null | undefined | unknown[]>,
  )) {
    if (value === undefined || value === null) continue;
    // Query values are strings, numbers, booleans or lists of them (the contract allows no more).
    search.set(key, Array.isArray(value) ? value.map(String).join(',') : String(value));
  }
  return search;
}

/** A refusal's body: the problem document when it is JSON, otherwise nothing. */
async function bodyOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * One HTTP round trip over the contract: validates what is sent, authorizes, retries what is safe
 * to retry (GETs, and writes that carry an Idempotency-Key) with backoff, jitter and Retry-After,
 * refreshes a refused token once, and parses the answer with the endpoint's schema.
 */
export class Http {
  readonly ky: KyInstance;

  constructor(
    options: HttpOptions,
    private readonly tokens: TokenCache,
  ) {
    const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.ky = ky.create({
      prefixUrl: base,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      timeout: options.timeoutMs ?? 15_000,
      retry: {
        limit: options.retries ?? 3,
        methods: ['get', 'post', 'patch'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: [413, 429, 503],
        maxRetryAfter: 60_000,
        backoffLimit: 10_000,
        jitter: true,
        retryOnTimeout: true,
        // A dropped connection is a TypeError however the runtime words it. Statuses and timeouts
        // follow the rules above; anything else (a failing token provider, an abort) is not retried.
        shouldRetry: ({ error }) =>
          error instanceof TypeError ? true : isHTTPError(error) || isTimeoutError(error) ? undefined : false,
      },
      hooks: {
        beforeRequest: [
          async (request) => {
            request.headers.set('Authorization', `Bearer ${await this.tokens.get()}`);
          },
        ],
      },
    });
  }

  async call<E extends Endpoint>(endpoint: E, input: CallInput<E>, options: CallOptions = {}): Promise<Output<E>> {
    const body = check(endpoint.body, input.body, 'request body');
    const query = input.query === undefined ? undefined : check(endpoint.query, input.query, 'query');
    const key = endpoint.method === 'GET' ? undefined : (options.idempotencyKey ?? newKey());
    return this.send(endpoint, pathOf(endpoint, input.params), searchOf(query), body, key, options.signal);
  }

  /** Sends an already-validated request; the outbox replays through this with its stored key. */
  async send<E extends Endpoint>(
    endpoint: E,
    path: string,
    search: URLSearchParams,
    body: unknown,
    key: string | undefined,
    signal: AbortSignal | undefined,
    refreshed = false,
  ): Promise<Output<E>> {
    let json: unknown;
    try {
      const response = this.ky(path, {
        method: endpoint.method,
        ...(search.size > 0 ? { searchParams: search } : {}),
        ...(body === undefined ? {} : { json: body }),
        headers: {
          Accept: endpoint.responseType ?? 'application/json',
          ...(key ? { 'Idempotency-Key': key } : {}),
        },
        ...(signal ? { signal } : {}),
      });
      // A document (CSV, XML) is returned as sent: decoding keeps its byte order mark, which spreadsheets need.
      json = endpoint.responseType
        ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
        : await response.json();
    } catch (error) {
      if (isHTTPError(error)) {
        // Read even when it is not used, so the connection is released.
        const problem = await bodyOf(error.response);
        if (error.response.status === 401 && !refreshed) {
          this.tokens.clear();
          return this.send(endpoint, path, search, body, key, signal, true);
        }
        throw errorFromResponse(
          error.response.status,
          problem,
          error.response.headers.get('x-request-id') ?? undefined,
        );
      }
      if (isTimeoutError(error) || error instanceof TypeError) {
        // Not ky's timeout error itself as the cause: it holds the request, and the request its Authorization header.
        const cause = isTimeoutError(error) ? new Error(error.message) : error;
        throw new PeerNetworkError('The Peerlink service could not be reached', { code: 'network', cause });
      }
      throw error;
    }
    const parsed = z.safeParse(endpoint.response, json);
    if (!parsed.success) {
      throw new PeerError('The service answered with data this SDK does not understand', { code: 'invalid_response' });
    }
    return parsed.data as Output<E>;
  }
}

export { pathOf, searchOf, check };
