import type { PeerElementEvent, PeerEventName } from '@peerlink/elements';

/**
 * The event a Peerlink element dispatches under a native name such as `change`: its typed
 * `CustomEvent` when Peerlink declares one under that name, else the DOM's own event type (with
 * `type` narrowed to the name).
 */
export type ElementEvent<N extends string> = N extends PeerEventName
  ? PeerElementEvent<N>
  : (N extends keyof HTMLElementEventMap ? HTMLElementEventMap[N] : Event) & { readonly type: N };
