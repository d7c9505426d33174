import {
  createClientCore,
  dispatchTransitions,
  dispatchesApi,
  specialistsApi,
  type ClientCore,
  type Dispatch,
  type DispatchStatus,
  type GetToken,
} from '@peerlink/sdk';

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

/** The statuses a call-out ends in: nothing follows them (the SDK's state machine says which). */
export const ENDED_STATUSES: readonly DispatchStatus[] = dispatchTransitions.terminal;

/** Whether the call-out has ended (cleared or cancelled). */
export function hasEnded(dispatch: Pick<Dispatch, 'status'>): boolean {
  return ENDED_STATUSES.includes(dispatch.status);
}

declare module './events.js' {
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
