// From the service's answer to the SDK's typed errors: a problem document (RFC 9457) becomes the
// matching class of `errors.ts`.
import type { FieldError, Problem } from '../schema/problem.js';
import { problemTypes } from '../schema/problem.js';
import { PeerAuthError, PeerConflictError, PeerError, PeerNotFoundError, PeerValidationError } from './errors.js';

/** How many problems `errors` holds, and the first, for an importer's message: `2 problems; first at "status": …`. */
export function problemsSummary(errors: readonly FieldError[]): string {
  const first = errors[0];
  const count = errors.length === 1 ? '1 problem' : `${String(errors.length)} problems`;
  return `${count}${first ? `; first at "${first.path}": ${first.message}` : ''}`;
}

const record = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const text = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';

/**
 * A problem document (RFC 9457) as this service writes one. A body of another shape (a proxy's JSON, a
 * gateway's) is not read as one, so its fields never become a message or a form's field errors.
 */
const isProblem = (value: unknown): value is Problem =>
  record(value) &&
  typeof value.status === 'number' &&
  typeof value.title === 'string' &&
  text(value.detail) &&
  text(value.requestId) &&
  (value.errors === undefined ||
    (Array.isArray(value.errors) &&
      value.errors.every(
        (error: unknown) => record(error) && typeof error.path === 'string' && typeof error.message === 'string',
      )));

/** Turns a service answer that is not a success into the matching typed error. */
export function errorFromResponse(status: number, body: unknown, requestId: string | undefined): PeerError {
  const problem = isProblem(body) ? body : undefined;
  const details = { status, requestId: problem?.requestId ?? requestId, ...(problem ? { problem } : {}) };
  const message = problem?.detail ?? problem?.title ?? `The service answered ${String(status)}`;
  if (status === 400 && problem?.errors)
    return new PeerValidationError(message, problem.errors, { ...details, code: 'validation' });
  if (status === 401) return new PeerAuthError(message, { ...details, code: 'unauthorized' });
  if (status === 403) return new PeerAuthError(message, { ...details, code: 'forbidden' });
  if (status === 404) return new PeerNotFoundError(message, { ...details, code: 'not_found' });
  if (status === 409) return new PeerConflictError(message, { ...details, code: 'conflict' });
  // A submitted log with personal information left to resolve: the form shows it at the field.
  if (status === 422 && problem?.type === problemTypes.piiUnresolved && problem.errors) {
    return new PeerValidationError(message, problem.errors, { ...details, code: 'pii_unresolved' });
  }
  if (status === 422) return new PeerConflictError(message, { ...details, code: 'idempotency_key_reused' });
  if (status === 429) return new PeerError(message, { ...details, code: 'rate_limited' });
  return new PeerError(message, { ...details, code: status >= 500 ? 'server_error' : 'http_error' });
}
