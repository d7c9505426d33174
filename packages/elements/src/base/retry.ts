import {
  PeerAuthError,
  PeerConflictError,
  PeerError,
  PeerNetworkError,
  PeerNotFoundError,
  PeerValidationError,
} from '@peerlink/sdk';

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
