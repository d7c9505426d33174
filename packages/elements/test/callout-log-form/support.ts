// Helpers for the call-out log form's tests, against the real reference service.
import { executeServerCommand } from '@web/test-runner-commands';
import {
  calloutLogsApi,
  createClientCore,
  dispatchesApi,
  indexedDbStore,
  type Dispatch,
  type Role,
} from '@peerlink/sdk';
import type { CalloutLogClient, PeerCalloutLogForm } from '../../src/index.js';
import { session, until, type Setup } from '../request-button/server.js';

/** A call-out the primary peer has walked to cleared (checked in with "Det. A. Rivera"). */
export const clearedDispatch = (): Promise<Dispatch> =>
  executeServerCommand<Dispatch, Record<string, never>>('peerlink:cleared-dispatch', {});

/** Every log storage holds for a call-out, whoever may read it. */
export const storedLogs = (dispatchId: string): Promise<{ id: string; status: string; version: number }[]> =>
  executeServerCommand('peerlink:callout-logs', { dispatchId });

export const tokenFor = (role: Role, subjectId?: string) => async (): Promise<string> =>
  (await session(role, subjectId)).token;

/**
 * A client of the test's own: drafts and outbox in an IndexedDB database of its own (so a second
 * client on the same name sees what the first left, as a reloaded page does) and a connection the
 * test can drop. While `link.down`, requests fail the way fetch fails without a network.
 */
export function ownClient(
  server: Setup,
  getToken: () => Promise<string>,
  database: string,
  link = { down: false },
): CalloutLogClient {
  const core = createClientCore({
    baseUrl: server.apiUrl,
    getToken,
    offline: indexedDbStore(database),
    retries: 0,
    timeoutMs: 3000,
    fetch: (input, init) => (link.down ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init)),
  });
  return {
    calloutLogs: calloutLogsApi(core),
    dispatches: dispatchesApi(core),
    drafts: core.drafts,
    outbox: core.outbox,
  };
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The control bound to a field path. */
export function control(el: PeerCalloutLogForm, path: string): Control {
  const found = el.shadowRoot?.querySelector(`[data-path="${path}"]`);
  if (!(
    found instanceof HTMLInputElement ||
    found instanceof HTMLSelectElement ||
    found instanceof HTMLTextAreaElement
  )) {
    throw new Error(`no control for ${path}`);
  }
  return found;
}

/** Sets a control's value as a person would (the control fires `input`). */
export async function fill(el: PeerCalloutLogForm, path: string, value: string): Promise<void> {
  const target = control(el, path);
  target.value = value;
  target.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** A button inside the form by its text. */
export function button(el: PeerCalloutLogForm, text: string): HTMLButtonElement {
  const found = [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find(
    (candidate) => candidate.textContent.replace(/\s+/g, ' ').trim() === text,
  );
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

/** Fills what a cleared call-out leaves open: scene, one group of people, outcome, narrative. */
export async function complete(
  el: PeerCalloutLogForm,
  narrative = 'Offered support and information; they accepted a ride to treatment.',
): Promise<void> {
  await fill(el, 'sceneType', 'private-residence');
  button(el, 'Add a group of people').click();
  await el.updateComplete;
  await fill(el, 'peopleServed.0.role', 'family-member');
  await fill(el, 'peopleServed.0.ageBand', '26-40');
  await fill(el, 'peopleServed.0.count', '2');
  await fill(el, 'outcome', 'services-accepted');
  await fill(el, 'narrative', narrative);
}

/** The next `name` event the element fires, typed by the event map. */
export function nextEvent<K extends 'peer-log-saved' | 'peer-log-submitted' | 'peer-log-reviewed' | 'peer-error'>(
  el: EventTarget,
  name: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => {
    el.addEventListener(
      name,
      (event) => {
        resolve(event as GlobalEventHandlersEventMap[K]);
      },
      { once: true },
    );
  });
}

/** Waits until the form has read what it needs. */
export async function loaded(el: PeerCalloutLogForm): Promise<void> {
  await until(() => el.phase !== 'loading');
  await el.updateComplete;
}
