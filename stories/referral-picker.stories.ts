import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  PeerNetworkError,
  PeerQueuedError,
  createResourceIndex,
  type CreateReferralRequest,
  type Referral,
  type ReferralStatus,
  type Resource,
} from '@peerlink/sdk';
import '../packages/elements/src/referral-picker/define.js';
import type { PeerReferralPicker } from '../packages/elements/src/referral-picker/referral-picker.js';
import type { ReferralClient } from '../packages/elements/src/referral-picker/referral-client.js';
import { syntheticResources } from '../packages/server/src/seed/resources.js';
import { cannedWatch } from './canned-watch.js';

// Stories use canned data shaped by the contract (see request-button.stories.ts): a generated
// directory searched in the browser, and a client with canned answers for referrals. Tests run
// against the real service instead. States beyond the first are reached by each story's play
// function, through the element's own controls.

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

/** A small synthetic directory around Chicago and beyond, with ids as the service gives them. */
export const directory: Resource[] = syntheticResources(400, 11).map((input, index) => ({
  ...input,
  id: `5e1f0c7a-3b2d-4c8e-9a10-${String(index).padStart(12, '0')}`,
  agencyId: '5e1f0c7a-3b2d-4c8e-9a10-00000000a000',
  updatedAt: minutesAgo(60 * 24),
}));

/** Where distances are measured from: downtown Chicago. */
const near = { lat: 41.8781, lon: -87.6298 };

/** The path a referral takes to reach `status`. */
const PATHS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  proposed: ['proposed'],
  sent: ['proposed', 'sent'],
  accepted: ['proposed', 'sent', 'accepted'],
  scheduled: ['proposed', 'sent', 'accepted', 'scheduled'],
  completed: ['proposed', 'sent', 'accepted', 'scheduled', 'completed'],
  declined: ['proposed', 'sent', 'declined'],
  'no-show': ['proposed', 'sent', 'accepted', 'scheduled', 'no-show'],
  cancelled: ['proposed', 'cancelled'],
};

/** A canned referral in `status`, one step every six minutes, from what the form sent. */
export function cannedReferral(status: ReferralStatus, request: CreateReferralRequest): Referral {
  const path = PATHS[status];
  const timeline = path.map((step, index) => ({
    status: step,
    at: minutesAgo((path.length - 1 - index) * 6),
    actor: { kind: 'user' as const, role: 'specialist' as const },
  }));
  const last = timeline.at(-1)?.at ?? minutesAgo(0);
  return {
    id: '7a2b9c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    agencyId: '5e1f0c7a-3b2d-4c8e-9a10-00000000a000',
    personRef: request.personRef,
    resourceId: request.resourceId,
    needs: request.needs,
    urgency: request.urgency,
    consent: { ...request.consent, revokedAt: null, recordedBy: { kind: 'user', role: 'specialist' } },
    status,
    scheduledAt: path.includes('scheduled') ? minutesAgo(-3 * 24 * 60) : null,
    dispatchId: null,
    timeline,
    createdAt: timeline[0]?.at ?? last,
    updatedAt: last,
    version: path.length,
  };
}

export interface FakeOptions {
  /** Where the referral goes once sent, as the receiving service answers. */
  reach?: ReferralStatus;
  offline?: boolean;
  fail?: 'create' | 'search';
}

/** A short wait, as a real round trip would take. */
const latency = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));

const serviceIndex = createResourceIndex(directory);

/** A client with canned answers, implementing the calls the picker makes. */
export function fakeClient(options: FakeOptions = {}): ReferralClient {
  let request: CreateReferralRequest | undefined;
  let current: Referral | undefined;
  return {
    resources: {
      search: async (query) => {
        await latency();
        if (options.fail === 'search') throw new PeerNetworkError('Unreachable', { code: 'network' });
        return serviceIndex.search(query);
      },
    },
    referrals: {
      create: async (body) => {
        await latency();
        if (options.offline) throw new PeerQueuedError('story-queued');
        if (options.fail === 'create') throw new PeerNetworkError('Unreachable', { code: 'network' });
        request = body;
        current = cannedReferral('proposed', body);
        return current;
      },
      transition: async (_id, body) => {
        await latency();
        if (!request) throw new PeerNetworkError('Unreachable', { code: 'network' });
        current = cannedReferral(body.to, request);
        return current;
      },
      revokeConsent: async (id, body) => {
        await latency();
        if (!current) throw new PeerNetworkError('Unreachable', { code: 'network' });
        const at = minutesAgo(0);
        const status = current.status === 'completed' || current.status === 'declined' ? current.status : 'cancelled';
        const revokedBy = { kind: 'user' as const, role: 'specialist' as const };
        current = {
          ...current,
          status,
          consent: {
            ...current.consent,
            revokedAt: at,
            revokedBy,
            ...(body?.reason ? { revocationReason: body.reason } : {}),
          },
          timeline: [...current.timeline, { status, at, actor: revokedBy, event: 'consent-revoked' }],
          updatedAt: at,
          version: current.version + 1,
        };
        return { referralId: id, status, version: current.version, consent: current.consent };
      },
      watch: () => {
        const { reach } = options;
        return cannedWatch(
          () => current,
          reach && reach !== 'sent' && request
            ? () => (request ? (current = cannedReferral(reach, request)) : current)
            : undefined,
          200,
        );
      },
    },
    // Nothing is ever sent from the canned outbox.
    outbox: { subscribe: () => () => undefined },
  };
}

interface PickerArgs {
  /** The directory searched in the browser; unset, the client's search is used. */
  resources?: readonly Resource[];
  /** Unset: the directory can be searched but not referred to. */
  client?: ReferralClient;
}

// ---- Play: the person's steps, through the element's own controls ----

interface Context {
  canvasElement: HTMLElement;
}

const pickerIn = async ({ canvasElement }: Context): Promise<PeerReferralPicker | undefined> => {
  const el = canvasElement.querySelector<PeerReferralPicker>('peer-referral-picker') ?? undefined;
  await el?.updateComplete;
  return el;
};

/** A story's play: `step` on the picker once it has rendered. */
const onPicker =
  (step: (el: PeerReferralPicker) => Promise<void>) =>
  async (context: Context): Promise<void> => {
    const el = await pickerIn(context);
    if (el) await step(el);
  };

const settle = async (el: PeerReferralPicker) => {
  await new Promise((resolve) => setTimeout(resolve, 150));
  await el.updateComplete;
};

async function typeInto(el: PeerReferralPicker, text: string): Promise<void> {
  const input = el.shadowRoot?.querySelector<HTMLInputElement>('#search');
  if (!input) return;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle(el);
}

/** Types, then shows the details of the first match. */
async function choose(el: PeerReferralPicker, text = 'detox'): Promise<void> {
  await typeInto(el, text);
  const hit = serviceIndex.search({ q: text, lat: near.lat, lon: near.lon, limit: 1 }).items[0];
  if (hit) el.choose(hit.resource);
  await settle(el);
}

async function openConsent(el: PeerReferralPicker): Promise<void> {
  await choose(el);
  el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="refer"]')?.click();
  await settle(el);
}

async function fillConsent(el: PeerReferralPicker, personRef: string, complete = true): Promise<void> {
  const root = el.shadowRoot;
  const input = root?.querySelector<HTMLInputElement>('#f-personRef');
  if (!root || !input) return;
  input.value = personRef;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  if (complete) {
    root.querySelector<HTMLInputElement>('input[name="method"][value="written"]')?.click();
    root.querySelector<HTMLInputElement>('#f-consent-part2NoticeAcknowledged')?.click();
  }
  await settle(el);
}

async function send(el: PeerReferralPicker): Promise<void> {
  el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="submit"]')?.click();
  await settle(el);
}

const referred = async (context: Context): Promise<void> => {
  const el = await pickerIn(context);
  if (!el) return;
  await openConsent(el);
  await fillConsent(el, 'CASE-2026-0042');
  await send(el);
};

/** Referred, then "Revoke consent…" pressed. */
const askToRevoke = async (context: Context): Promise<void> => {
  await referred(context);
  const el = await pickerIn(context);
  if (!el) return;
  el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="revoke"]')?.click();
  await settle(el);
};

const meta = {
  title: 'Elements/Referral picker',
  component: 'peer-referral-picker',
  excludeStories: /^[a-z]/,
  args: { resources: directory, client: fakeClient() },
  argTypes: { client: { control: false }, resources: { control: false } },
  render: ({ resources, client }) =>
    html`<peer-referral-picker .resources=${resources} .client=${client} .near=${near} style="--peer-referral-picker-list-height: 18rem"></peer-referral-picker>`,
} satisfies Meta<PickerArgs>;

export default meta;
type Story = StoryObj<PickerArgs>;

/** An empty directory: nothing to search yet. */
export const Empty: Story = { args: { resources: [] } };

/** The whole directory, nearest first, before anything is typed. */
export const Browse: Story = {};

/** Typing: matches by the start of words and despite one wrong letter ("methadome"). */
export const Typing: Story = {
  play: onPicker((el) => typeInto(el, 'methadome')),
};

/** Results from the service (debounced, stale requests aborted) rather than the browser's index. */
export const FromTheService: Story = {
  args: { resources: undefined },
  play: onPicker((el) => typeInto(el, 'recovery')),
};

/** Chips pressed: Medication for opioid use disorder, Open now, Accepts Medicaid, within 25 km. */
export const FiltersActive: Story = {
  play: async (context) => {
    const el = await pickerIn(context);
    if (!el) return;
    for (const index of [2, 11, 12])
      el.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part~="chip"]')[index]?.click();
    await settle(el);
    // Distance chips come after the languages, which vary with the directory: the third of them.
    const distance = [...(el.shadowRoot?.querySelectorAll('fieldset') ?? [])]
      .at(3)
      ?.querySelectorAll<HTMLButtonElement>('[part~="chip"]')[2];
    distance?.click();
    await settle(el);
  },
};

/** Nothing matches what is typed. */
export const NoResults: Story = {
  play: onPicker((el) => typeInto(el, 'xylophone')),
};

/** A chosen resource: address, phone, hours in its time zone, eligibility, fees, languages. */
export const Detail: Story = {
  play: onPicker(choose),
};

/** "Refer…": the consent form, with the 42 CFR Part 2 notice to acknowledge. */
export const Consent: Story = {
  play: onPicker(openConsent),
};

/** Sent without a valid consent: a name as the reference, no method, the notice not acknowledged. */
export const ConsentErrors: Story = {
  play: async (context) => {
    const el = await pickerIn(context);
    if (!el) return;
    await openConsent(el);
    await fillConsent(el, 'Maria Lopez', false);
    await send(el);
  },
};

/** Sent: the receiving service has not answered yet. */
export const Sent: Story = { play: referred };

/** Accepted by the receiving service. */
export const Accepted: Story = { args: { client: fakeClient({ reach: 'accepted' }) }, play: referred };

/** An appointment is scheduled. */
export const Scheduled: Story = { args: { client: fakeClient({ reach: 'scheduled' }) }, play: referred };

/** The person was seen: the loop is closed. */
export const Completed: Story = { args: { client: fakeClient({ reach: 'completed' }) }, play: referred };

/** The receiving service declined. */
export const Declined: Story = { args: { client: fakeClient({ reach: 'declined' }) }, play: referred };

/** The person did not come; the referral can be scheduled again. */
export const NoShow: Story = { args: { client: fakeClient({ reach: 'no-show' }) }, play: referred };

/** "Revoke consent…": the confirmation step, with the reason, before anything is sent. */
export const RevokeConsent: Story = { play: askToRevoke };

/** The person revoked their consent: nothing more is shared and the open referral is cancelled. */
export const ConsentRevoked: Story = {
  play: async (context) => {
    await askToRevoke(context);
    const el = await pickerIn(context);
    el?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="revoke-submit"]')?.click();
    if (el) await settle(el);
  },
};

/** Sent while offline: kept in the outbox until the connection returns. */
export const OfflineQueued: Story = { args: { client: fakeClient({ offline: true }) }, play: referred };

/** The service could not be reached: the form keeps what was entered, with Retry. */
export const Failed: Story = { args: { client: fakeClient({ fail: 'create' }) }, play: referred };

/** Searching the service failed: shown with Retry. */
export const SearchError: Story = { args: { resources: undefined, client: fakeClient({ fail: 'search' }) } };

/** Without a client, the directory can be searched but not referred to. */
export const SearchOnly: Story = {
  args: { client: undefined },
  play: onPicker((el) => choose(el, 'shelter')),
};
