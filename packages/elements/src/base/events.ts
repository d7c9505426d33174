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
