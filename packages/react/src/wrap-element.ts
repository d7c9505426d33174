import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import type { PeerEventName } from '@peerlink/elements';
import type { ElementEvent } from './element-event.js';

/**
 * The events a wrapper listens to, by React prop: Peerlink's own names (a `peer-*` name Peerlink does
 * not declare fails to compile) or the DOM's native ones.
 */
export type WrappedEvents = Record<string, PeerEventName | keyof HTMLElementEventMap>;

/** Each event name typed by the event the element dispatches under it, for `@lit/react`. */
export type TypedEvents<E extends WrappedEvents> = { [Prop in keyof E]: EventName<ElementEvent<E[Prop]>> };

/**
 * One element as a React component (every generated wrapper is a call of this): props set the
 * element's properties, and each `on…` prop of `events` listens to the event named beside it.
 */
// An element without events has no event props: `@lit/react`'s own default, the empty object type.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function wrapElement<I extends HTMLElement, const E extends WrappedEvents = {}>(
  displayName: string,
  tagName: string,
  elementClass: new () => I,
  events?: E,
): ReactWebComponent<I, TypedEvents<E>> {
  // The names are the strings themselves; only their types say which event each one carries.
  const typed = events as TypedEvents<E> | undefined;
  return createComponent<I, TypedEvents<E>>({
    react: React,
    displayName,
    tagName,
    elementClass,
    ...(typed ? { events: typed } : {}),
  });
}
