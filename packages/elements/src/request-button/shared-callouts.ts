import * as z from 'zod/mini';
import { Dispatch } from '@peerlink/sdk';

/** Events by which buttons for the same incident tell each other about its call-out. */
const SHARED_EVENTS = ['peer-dispatch-requested', 'peer-dispatch-status'] as const;
const Shared = z.object({ dispatch: Dispatch });

/** A button on the page, as the router sees it. */
export interface CalloutHearer {
  /** The call for service it asks for now, if any. */
  externalId(): string | undefined;
  /** Another element announced this incident's call-out. */
  heard(dispatch: Dispatch): void;
}

/** Each button on the page (the element itself, to leave out its own announcements) and how it hears. */
const hearers = new Map<EventTarget, CalloutHearer>();

/** The announced call-out's incident, read without trusting the event's shape. */
function externalIdOf(detail: unknown): string | undefined {
  const id = (detail as { dispatch?: { callForService?: { externalId?: unknown } } } | null | undefined)?.dispatch
    ?.callForService?.externalId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * One listener for the page routes each announcement to the buttons of its incident, so an event
 * costs one look-up and at most one parse however many buttons the page holds (a console lists a
 * button per call; a listener per button made every press cost a parse per button).
 */
const route = (event: Event): void => {
  if (!(event instanceof CustomEvent)) return;
  const externalId = externalIdOf(event.detail);
  if (externalId === undefined) return;
  const path = event.composedPath();
  const matched: CalloutHearer[] = [];
  for (const [element, hearer] of hearers) {
    if (hearer.externalId() === externalId && !path.includes(element)) matched.push(hearer);
  }
  if (matched.length === 0) return;
  const shared = z.safeParse(Shared, event.detail);
  if (!shared.success) return;
  for (const hearer of matched) hearer.heard(shared.data.dispatch);
};

/** Starts routing announcements of `element`'s incident to `hearer`; returns the function that stops. */
export function hearCallouts(element: EventTarget, hearer: CalloutHearer): () => void {
  if (hearers.size === 0) for (const type of SHARED_EVENTS) window.addEventListener(type, route, true);
  hearers.set(element, hearer);
  return () => {
    hearers.delete(element);
    if (hearers.size === 0) for (const type of SHARED_EVENTS) window.removeEventListener(type, route, true);
  };
}
