// The errors the SDK raises, each a class a caller can catch; `problems.ts` makes them from the service's answers.
import type { FieldError, Problem } from '../schema/problem.js';

/** What an error knows besides its message: the HTTP status, a stable code, the request's id and the problem document. */
export interface PeerErrorDetails {
  status?: number;
  code: string;
  requestId?: string;
  problem?: Problem;
  cause?: unknown;
}

/**
 * Each error class's prototype carries its name under a key every copy of the SDK shares, so
 * `instanceof` recognizes an error made by another copy on the same page: each element file of the
 * CDN folder bundles its own copy, yet an element is often handed the client of the host's copy
 * (`cdn/client.js`), and a host tests the errors elements report against its own classes.
 */
const KIND = Symbol.for('peerlink.error-kind');

const kindOf = (prototype: object): unknown => Object.getOwnPropertyDescriptor(prototype, KIND)?.value;

/** Whether a prototype in `value`'s chain is of the given kind, from any copy of the SDK. */
function hasKind(value: unknown, kind: unknown): boolean {
  for (let proto: unknown = value; typeof proto === 'object' && proto !== null; proto = Object.getPrototypeOf(proto)) {
    if (kindOf(proto) === kind) return true;
  }
  return false;
}

/** Every error the SDK raises. Never carries tokens or request bodies. */
export class PeerError extends Error {
  /** An instance of this class, made by this or by another copy of the SDK. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // A host's own subclass has no kind of its own: the usual check alone.
    const kind = kindOf(this.prototype);
    return Function.prototype[Symbol.hasInstance].call(this, value) || (kind !== undefined && hasKind(value, kind));
  }

  override name = 'PeerError';
  /** HTTP status, when the service answered. */
  readonly status: number | undefined;
  /** Machine-readable kind: `validation`, `unauthorized`, `not_found`, `conflict`, `network`… */
  readonly code: string;
  /** The service's request id (`X-Request-Id`), to quote when reporting a problem. */
  readonly requestId: string | undefined;
  readonly problem: Problem | undefined;

  constructor(message: string, details: PeerErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.problem = details.problem;
  }
}

/**
 * The request broke the contract (400, `code` `validation`), or a submitted log still holds
 * personal information to redact or keep (422, `code` `pii_unresolved`); `fieldErrors` maps each
 * field path to what is wrong with it.
 */
export class PeerValidationError extends PeerError {
  override name = 'PeerValidationError';
  readonly errors: readonly FieldError[];
  readonly fieldErrors: Readonly<Record<string, string>>;

  constructor(message: string, errors: readonly FieldError[], details: PeerErrorDetails) {
    super(message, details);
    this.errors = errors;
    this.fieldErrors = Object.fromEntries(errors.map((error) => [error.path, error.message]));
  }
}

/** 401 or 403: missing or expired credentials, or a role that may not do this. */
export class PeerAuthError extends PeerError {
  override name = 'PeerAuthError';
}

/** 404: no such record — or one the caller may not know exists. */
export class PeerNotFoundError extends PeerError {
  override name = 'PeerNotFoundError';
}

/** 409 (illegal transition, stale version) or 422 (idempotency key reused with another body). */
export class PeerConflictError extends PeerError {
  override name = 'PeerConflictError';
}

/** The service could not be reached, or did not answer in time. */
export class PeerNetworkError extends PeerError {
  override name = 'PeerNetworkError';
}

/**
 * A change made while offline (or that met a network failure) was kept in the outbox and will be
 * sent, with the same idempotency key, when the browser is back online.
 */
export class PeerQueuedError extends PeerNetworkError {
  override name = 'PeerQueuedError';
  readonly idempotencyKey: string;

  constructor(idempotencyKey: string, cause?: unknown) {
    super('Saved offline; it will be sent when the connection returns', { code: 'queued', cause });
    this.idempotencyKey = idempotencyKey;
  }
}

for (const [type, kind] of [
  [PeerError, 'PeerError'],
  [PeerValidationError, 'PeerValidationError'],
  [PeerAuthError, 'PeerAuthError'],
  [PeerNotFoundError, 'PeerNotFoundError'],
  [PeerConflictError, 'PeerConflictError'],
  [PeerNetworkError, 'PeerNetworkError'],
  [PeerQueuedError, 'PeerQueuedError'],
] as const) {
  Object.defineProperty(type.prototype, KIND, { value: kind });
}
