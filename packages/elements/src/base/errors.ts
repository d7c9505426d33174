import {
  PeerAuthError,
  PeerConflictError,
  PeerError,
  PeerNetworkError,
  PeerNotFoundError,
  PeerValidationError,
  type FieldError,
} from '@peerlink/sdk';
import type { PeerErrorInfo } from './events.js';
import type { CommonMessageKey } from './common.messages.js';

/** An error as `peer-error` hands it to the host: code, message and status, never a token or a body. */
export function errorInfo(error: unknown): PeerErrorInfo {
  if (error instanceof PeerError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.status === undefined ? {} : { status: error.status }),
    };
  }
  return { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

/** The catalog keys that describe an error to the person using an element. */
export type ErrorMessageKey = Extract<CommonMessageKey, `common.error.${string}`>;

/** The catalog key describing an error to the person using the element. */
export function errorMessageKey(error: unknown): ErrorMessageKey {
  if (error instanceof PeerValidationError) return 'common.error.validation';
  if (error instanceof PeerConflictError) return 'common.error.conflict';
  if (error instanceof PeerNotFoundError) return 'common.error.notFound';
  if (error instanceof PeerAuthError) return 'common.error.auth';
  if (error instanceof PeerNetworkError) return 'common.error.network';
  return 'common.error.unknown';
}

/**
 * Whether the same call, made again, can succeed: after a lost connection, a busy or failing
 * service (429, 5xx) or an expired token (401: a fresh one is asked for), yes. A record that is
 * not there or not the caller's (404, 403), a refused change (409, 422) or invalid input (400)
 * answers the same again, so an element offers no Retry for them.
 */
export function canRetry(error: unknown): boolean {
  if (error instanceof PeerNetworkError) return true;
  if (error instanceof PeerNotFoundError || error instanceof PeerConflictError || error instanceof PeerValidationError)
    return false;
  if (error instanceof PeerAuthError) return error.status !== 403;
  if (error instanceof PeerError) return error.status === undefined || error.status === 429 || error.status >= 500;
  // Not from the service (the host's getToken failed, say): it may well work next time.
  return true;
}

/**
 * The fields the service found wrong, each with its path in the request (e.g. `checkIn.name`):
 * from a validation error, or from the problem details of any other refusal that lists them.
 */
export function fieldErrorsOf(error: unknown): readonly FieldError[] {
  if (error instanceof PeerValidationError) return error.errors;
  return error instanceof PeerError ? (error.problem?.errors ?? []) : [];
}
