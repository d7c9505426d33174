// Helpers for the referral picker's tests: a small directory made to tell every filter apart,
// and the real reference service's commands (see test/browser/support/server-plugin.ts).
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import {
  createClientCore,
  memoryStore,
  referralsApi,
  resourcesApi,
  type Referral,
  type ReferralStatus,
  type Resource,
  type ResourceInput,
  type Role,
} from '@peerlink/sdk';
import type { PeerReferralPicker, ReferralClient } from '../../src/index.js';
import { onEnglishPage, textOf } from '../helpers.js';
import { syntheticResources } from '../../../server/src/seed/resources.js';
import { session, type Setup } from '../request-button/server.js';

/** Waits until `check` holds; between checks the virtualizer lays out. */
export { until } from '../../../../test/support/until.js';

/** Monday 23 November 2026, 9:00 in Chicago. */
export const NOW = new Date('2026-11-23T15:00:00Z');
/** Downtown Chicago. */
export const HERE = { lat: 41.8781, lon: -87.6298 };

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR'] as const;
const zone = 'America/Chicago';
const address = (street: string) => ({ street, city: 'Chicago', region: 'IL', postalCode: '60601', country: 'US' });

/**
 * What every suite of the picker's sets up: a minute a test, the browser's benign notice ignored when the
 * list's rows are measured again in the same frame, a viewport `height` pixels tall (rows render only where
 * the list is in the viewport) and an English page.
 */
export function pickerSuite(suite: Mocha.Suite, height: number): void {
  suite.timeout(60_000);
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);
  before(async () => {
    await setViewport({ width: 1200, height });
  });
  onEnglishPage();
}

/** `count` made-up resources (seeded by `seed`) as the service returns them, ids in order. */
export function syntheticDirectory(count: number, seed: number): Resource[] {
  return syntheticResources(count, seed).map((input, index): Resource => ({
    ...input,
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    agencyId: '00000000-0000-4000-8000-00000000a000',
    updatedAt: '2026-11-20T12:00:00Z',
  }));
}

/** One directory entry; everything a filter reads is set on purpose. */
function entry(name: string, fields: Partial<ResourceInput>): ResourceInput {
  return {
    name,
    organization: { name: `${name.split(' ').slice(0, 2).join(' ')} Services` },
    description: '',
    categories: ['treatment'],
    location: { ...HERE, address: address('100 W Randolph St') },
    languages: ['en'],
    fees: { acceptsMedicaid: false },
    settings: ['community'],
    interceptStages: [0],
    ...fields,
  };
}

/**
 * Ten resources, each filter matching a different few of them. Distances from `HERE`: most are
 * downtown; Riverbend about 15 km, Cedar Grove about 40 km, Open Door (Milwaukee) about 130 km.
 * At `NOW` the 24-hour places and the office-hours ones are open; the meeting and the syringe
 * service are closed.
 */
export function directory(tag = ''): ResourceInput[] {
  const named = (name: string) => (tag ? `${tag} ${name}` : name);
  return [
    entry(named('Harbor Light Detox Center'), {
      categories: ['detox'],
      description: 'Medically monitored withdrawal management, walk-ins at any hour.',
      fees: { acceptsMedicaid: true, acceptsMedicare: true },
      languages: ['en', 'es'],
      schedule: { timeZone: zone, open24x7: true, rules: [] },
      capacity: { available: 4, total: 24 },
      settings: ['treatment'],
      phone: '(312) 555-0101',
      eligibility: 'Adults 18+',
    }),
    entry(named('Riverbend Methadone Clinic'), {
      categories: ['moud'],
      location: { lat: 41.75, lon: -87.7 },
      fees: { acceptsMedicaid: true },
      schedule: { timeZone: zone, rules: [{ byDay: [...weekdays], opensAt: '06:00', closesAt: '14:00' }] },
      capacity: { available: null },
      settings: ['treatment'],
    }),
    entry(named('Cedar Grove Recovery Residence'), {
      categories: ['recovery-residence'],
      location: { lat: 42.2, lon: -87.9 },
      capacity: { available: 0, total: 8 },
      interceptStages: [4, 5],
    }),
    entry(named('Lakeview Evening Recovery Meeting'), {
      categories: ['mutual-aid'],
      fees: { acceptsMedicaid: false, free: true },
      languages: ['es'],
      schedule: { timeZone: zone, rules: [{ byDay: ['TU', 'TH'], opensAt: '19:00', closesAt: '20:30' }] },
    }),
    entry(named('Bridgeway Jail MOUD Continuation'), {
      categories: ['moud'],
      fees: { acceptsMedicaid: false, free: true },
      schedule: { timeZone: zone, rules: [{ byDay: [...weekdays], opensAt: '08:00', closesAt: '16:00' }] },
      settings: ['jail-prison'],
      interceptStages: [3, 4],
    }),
    entry(named('Keystone Treatment Court Clinic'), {
      categories: ['treatment'],
      fees: { acceptsMedicaid: false, free: true },
      schedule: { timeZone: zone, rules: [{ byDay: [...weekdays], opensAt: '08:30', closesAt: '17:00' }] },
      settings: ['court', 'treatment'],
      interceptStages: [2, 3],
    }),
    entry(named('Sunrise Food Pantry'), {
      categories: ['food'],
      fees: { acceptsMedicaid: false, free: true },
      languages: ['en', 'pl'],
    }),
    entry(named('Open Door Crisis Stabilization Unit'), {
      categories: ['crisis-stabilization'],
      location: { lat: 43.0389, lon: -87.9065 },
      fees: { acceptsMedicaid: true },
      schedule: { timeZone: zone, open24x7: true, rules: [] },
      capacity: { available: 2, total: 16 },
      settings: ['hospital'],
      interceptStages: [1],
    }),
    entry(named('Pathways Syringe Services'), {
      categories: ['harm-reduction'],
      fees: { acceptsMedicaid: false, free: true },
      languages: ['en', 'es'],
      schedule: { timeZone: zone, rules: [{ byDay: [...weekdays], opensAt: '10:00', closesAt: '16:00' }] },
    }),
    entry(named('Gateway Rides to Recovery'), {
      categories: ['transport'],
      fees: { acceptsMedicaid: false, free: true },
    }),
  ];
}

/** Resources as the service holds them, with ids, for the local mode. */
export function asResources(inputs: readonly ResourceInput[]): Resource[] {
  return inputs.map((input, index) => ({
    ...input,
    id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    agencyId: '00000000-0000-4000-8000-00000000a000',
    updatedAt: '2026-11-20T12:00:00Z',
  }));
}

/** Stores resources in the service's directory; answers them as the service holds them. */
export const insertResources = (resources: readonly ResourceInput[]): Promise<Resource[]> =>
  executeServerCommand<Resource[], { resources: readonly ResourceInput[] }>('peerlink:insert-resources', { resources });

/** Every referral storage holds for a person reference, whoever may read it. */
export const storedReferrals = (personRef: string): Promise<{ id: string; status: string }[]> =>
  executeServerCommand('peerlink:referrals', { personRef });

/** The receiving service's answer, recorded in Peerlink. */
export const moveReferral = (id: string, to: ReferralStatus, scheduledAt?: string): Promise<Referral> =>
  executeServerCommand<Referral, { id: string; to: ReferralStatus; scheduledAt?: string }>(
    'peerlink:referral-transition',
    {
      id,
      to,
      ...(scheduledAt ? { scheduledAt } : {}),
    },
  );

export const tokenFor = (role: Role, subjectId?: string) => async (): Promise<string> =>
  (await session(role, subjectId)).token;

/**
 * A client of the test's own, with its outbox in memory and a connection the test can drop; its requests go
 * through `send` (the page's `fetch` unless given).
 */
export function ownClient(server: Setup, link = { down: false }, send: typeof fetch = fetch): ReferralClient {
  const core = createClientCore({
    baseUrl: server.apiUrl,
    getToken: tokenFor('specialist', server.people.primary),
    offline: memoryStore(),
    retries: 0,
    timeoutMs: 3000,
    fetch: (input, init) => (link.down ? Promise.reject(new TypeError('Failed to fetch')) : send(input, init)),
  });
  return { resources: resourcesApi(core), referrals: referralsApi(core), outbox: core.outbox };
}

/** A word no other test's resources contain, to find this test's entries in the shared directory. */
export function uniqueTag(): string {
  return `zq${Math.random().toString(36).slice(2, 8).replace(/\d/g, 'x')}`;
}

export function shadow(el: PeerReferralPicker): ShadowRoot {
  const root = el.shadowRoot;
  if (!root) throw new Error('no shadow root');
  return root;
}

export function searchBox(el: PeerReferralPicker): HTMLInputElement {
  const input = shadow(el).querySelector('#search');
  if (!(input instanceof HTMLInputElement)) throw new Error('no search box');
  return input;
}

/** The option elements rendered now (the virtualized window). */
export const options = (el: PeerReferralPicker): HTMLElement[] => [
  ...shadow(el).querySelectorAll<HTMLElement>('.listbox [role="option"]'),
];

/** Names of the rendered result rows, in order. */
export const names = (el: PeerReferralPicker): string[] =>
  options(el)
    .sort((a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')))
    .map((option) => textOf(option.querySelector('.name')));

/** The filter chip with this text. */
export function chip(el: PeerReferralPicker, text: string): HTMLButtonElement {
  const found = [...shadow(el).querySelectorAll<HTMLButtonElement>('.chip')].find((button) => textOf(button) === text);
  if (!found) throw new Error(`no chip "${text}"`);
  return found;
}

/** A button by its text. */
export function button(el: PeerReferralPicker, text: string): HTMLButtonElement {
  const found = [...shadow(el).querySelectorAll<HTMLButtonElement>('button')].find(
    (candidate) => textOf(candidate) === text,
  );
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

/** Sets the search text as typing would. */
export async function type(el: PeerReferralPicker, text: string): Promise<void> {
  const input = searchBox(el);
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** The status label of the referral shown. */
export function statusLabel(el: PeerReferralPicker): string {
  const status = shadow(el).querySelector('peer-status');
  return textOf(status?.shadowRoot?.querySelector('[part~="label"]'));
}
