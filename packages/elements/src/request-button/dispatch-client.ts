import {
  createClientCore,
  dispatchesApi,
  specialistsApi,
  PeerAuthError,
  PeerConflictError,
  PeerError,
  PeerNetworkError,
  PeerNotFoundError,
  PeerValidationError,
  type ClientCore,
  type Dispatch,
  type DispatchStatus,
  type GetToken,
} from '@peerlink/sdk';
import type { PeerErrorInfo } from '../base/events.js';
import type { StatusTone } from '../status/status.js';

/**
 * The calls the dispatch elements make. A full `createPeerlinkClient()` satisfies it; so does a
 * page's own `{ dispatches: dispatchesApi(core), specialists: specialistsApi(core), outbox: core.outbox }`.
 */
export interface DispatchClient {
  readonly dispatches: Pick<ReturnType<typeof dispatchesApi>, 'create' | 'get' | 'list' | 'transition' | 'watch'>;
  readonly specialists: Pick<ReturnType<typeof specialistsApi>, 'onCall'>;
  /** When present, a change queued offline is followed until it is sent. */
  readonly outbox?: Pick<ClientCore['outbox'], 'subscribe'>;
}

/** Builds the smallest client the dispatch elements need from a service URL and a token source. */
export function dispatchClient(baseUrl: string, getToken: GetToken): DispatchClient {
  const core = createClientCore({ baseUrl, getToken });
  return { dispatches: dispatchesApi(core), specialists: specialistsApi(core), outbox: core.outbox };
}

export function errorInfo(error: unknown): PeerErrorInfo {
  if (error instanceof PeerError) {
    return { code: error.code, message: error.message, ...(error.status === undefined ? {} : { status: error.status }) };
  }
  return { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

/** Field path → message, for errors the service attributes to fields. */
export function fieldErrorsOf(error: unknown): Readonly<Record<string, string>> {
  return error instanceof PeerValidationError ? error.fieldErrors : {};
}

/** How each call-out status reads at a glance (the icon shape and text carry it too). */
export const DISPATCH_TONES: Readonly<Record<DispatchStatus, StatusTone>> = {
  requested: 'neutral',
  notified: 'info',
  acknowledged: 'success',
  declined: 'danger',
  escalated: 'warning',
  'en-route': 'info',
  'on-scene': 'info',
  'checked-in': 'success',
  engaged: 'success',
  cleared: 'neutral',
  cancelled: 'neutral',
};

/** When the dispatch entered its current status: the latest timeline entry for it. */
export function statusSince(dispatch: Dispatch): string {
  for (let index = dispatch.timeline.length - 1; index >= 0; index -= 1) {
    const entry = dispatch.timeline[index];
    if (entry?.status === dispatch.status) return entry.at;
  }
  return dispatch.updatedAt;
}

export const ENDED_STATUSES: readonly DispatchStatus[] = ['cleared', 'cancelled'];

declare module '../base/events.js' {
  interface PeerEventMap {
    'peer-dispatch-requested': { dispatch: Dispatch };
    'peer-dispatch-status': { dispatch: Dispatch; status: DispatchStatus };
    'peer-dispatch-cleared': { dispatch: Dispatch };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'peer-dispatch-requested': CustomEvent<{ dispatch: Dispatch }>;
    'peer-dispatch-status': CustomEvent<{ dispatch: Dispatch; status: DispatchStatus }>;
    'peer-dispatch-cleared': CustomEvent<{ dispatch: Dispatch }>;
  }
}

/** The catalog key describing an error to the person using the element. */
export function errorMessageKey(
  error: unknown,
): 'common.error.network' | 'common.error.auth' | 'common.error.notFound' | 'common.error.conflict' | 'common.error.validation' | 'common.error.unknown' {
  if (error instanceof PeerValidationError) return 'common.error.validation';
  if (error instanceof PeerConflictError) return 'common.error.conflict';
  if (error instanceof PeerNotFoundError) return 'common.error.notFound';
  if (error instanceof PeerAuthError) return 'common.error.auth';
  if (error instanceof PeerNetworkError) return 'common.error.network';
  return 'common.error.unknown';
}
