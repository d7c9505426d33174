/**
 * Event name → `detail` type for every event a Peerlink element emits.
 *
 * Components add their events by declaration merging, next to the class that emits them:
 *
 * ```ts
 * declare module '../base/events.js' {
 *   interface PeerEventMap {
 *     'peer-acknowledge': { dispatchId: string };
 *   }
 * }
 * declare global {
 *   interface GlobalEventHandlersEventMap {
 *     'peer-acknowledge': CustomEvent<{ dispatchId: string }>;
 *   }
 * }
 * ```
 */
// Deliberately empty: it only exists to be merged into.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PeerEventMap {}

/** Names of all events declared in {@link PeerEventMap}. */
export type PeerEventName = Extract<keyof PeerEventMap, string>;

/** The CustomEvent emitted for `K`. */
export type PeerElementEvent<K extends PeerEventName> = CustomEvent<PeerEventMap[K]>;

/** An error as hosts receive it in `peer-error`: never a token or a request body. */
export interface PeerErrorInfo {
  code: string;
  message: string;
  status?: number;
}

// Every element that talks to Peerlink reports failures the same way.
export interface PeerEventMap {
  'peer-error': { error: PeerErrorInfo };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'peer-error': CustomEvent<{ error: PeerErrorInfo }>;
  }
}
