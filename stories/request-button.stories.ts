import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  PeerNetworkError,
  PeerQueuedError,
  dispatchStatuses,
  type CallForServiceInput,
  type Dispatch,
  type DispatchStatus,
  type OnCallNow,
  type SpecialistSummary,
} from '@peerlink/sdk';
import '../packages/elements/src/request-button/define.js';
import type { PeerRequestButton } from '../packages/elements/src/request-button/request-button.js';
import type { DispatchClient } from '../packages/elements/src/base/dispatch-client.js';
import { cannedWatch } from './canned-watch.js';

// Stories use canned data shaped by the contract; tests run against the real service instead.

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

export const incident: CallForServiceInput = {
  externalId: 'CAD-2026-004512',
  type: 'overdose-nonfatal',
  location: { address: '1200 W Jefferson St, Springfield', area: 'county', lat: 39.8017, lon: -89.6672 },
  receivedAt: minutesAgo(9),
  notes: 'Caller on scene; EMS staging at the corner.',
  cautions: ['Dog on premises'],
};

const person = (id: string, displayName: string): SpecialistSummary => ({
  id,
  displayName,
  roles: ['crisis-interventionist'],
  languages: ['en', 'es'],
});

export const onCallNow: OnCallNow = {
  area: 'county',
  at: minutesAgo(0),
  primary: person('6f1c1c9e-4d2b-4f7e-9a51-2b7f0d1e0a01', 'Dana Whitfield'),
  backup: person('6f1c1c9e-4d2b-4f7e-9a51-2b7f0d1e0a02', 'Luis Ortega'),
  supervisor: person('6f1c1c9e-4d2b-4f7e-9a51-2b7f0d1e0a03', 'Renee Park'),
};

/** A call-out that passed the primary and the backup's timer as listed, resting now with `holder` (or nobody). */
export function escalatedDispatch(
  passed: readonly ('declined' | 'no-answer' | 'by-hand')[],
  holder: 'backup' | 'supervisor' | null,
  call: CallForServiceInput = incident,
): Dispatch {
  const people = [onCallNow.primary, onCallNow.backup, onCallNow.supervisor];
  const at = (index: number) => minutesAgo(12 - index * 2);
  const timeline: Dispatch['timeline'] = [
    { status: 'requested', at: at(0), actor: { kind: 'user', role: 'dispatcher' } },
  ];
  passed.forEach((reason, level) => {
    const person = people[level];
    const named = person ? { specialistId: person.id, specialistName: person.displayName } : {};
    timeline.push({ status: 'notified', at: at(timeline.length), actor: { kind: 'system' }, ...named });
    if (reason === 'declined')
      timeline.push({
        status: 'declined',
        at: at(timeline.length),
        actor: { kind: 'user', role: 'specialist' },
        ...named,
      });
    const actor =
      reason === 'by-hand' ? { kind: 'user' as const, role: 'dispatcher' as const } : { kind: 'system' as const };
    timeline.push({ status: 'escalated', at: at(timeline.length), actor });
  });
  const level = holder === 'supervisor' ? 2 : 1;
  const person = holder ? people[level] : undefined;
  if (person) {
    timeline.push({
      status: 'notified',
      at: at(timeline.length),
      actor: { kind: 'system' },
      specialistId: person.id,
      specialistName: person.displayName,
    });
  }
  const base = cannedDispatch('notified', call);
  return {
    ...base,
    status: person ? 'notified' : 'escalated',
    specialistId: person?.id ?? null,
    specialistName: person?.displayName ?? null,
    escalationLevel: person ? level : 2,
    ackDueAt: person && level < 2 ? minutesAgo(-4) : null,
    timeline,
    updatedAt: timeline.at(-1)?.at ?? base.updatedAt,
    version: timeline.length,
  };
}

/** The path a call-out takes to reach `status`, one step every four minutes. */
const PATHS: Readonly<Record<DispatchStatus, readonly DispatchStatus[]>> = {
  requested: ['requested'],
  notified: ['requested', 'notified'],
  acknowledged: ['requested', 'notified', 'acknowledged'],
  declined: ['requested', 'notified', 'declined'],
  escalated: ['requested', 'notified', 'declined', 'escalated'],
  'en-route': ['requested', 'notified', 'acknowledged', 'en-route'],
  'on-scene': ['requested', 'notified', 'acknowledged', 'en-route', 'on-scene'],
  'checked-in': ['requested', 'notified', 'acknowledged', 'en-route', 'on-scene', 'checked-in'],
  engaged: ['requested', 'notified', 'acknowledged', 'en-route', 'on-scene', 'checked-in', 'engaged'],
  cleared: ['requested', 'notified', 'acknowledged', 'en-route', 'on-scene', 'checked-in', 'engaged', 'cleared'],
  cancelled: ['requested', 'notified', 'cancelled'],
};

/** A canned call-out in `status`. */
export function cannedDispatch(status: DispatchStatus, call: CallForServiceInput = incident): Dispatch {
  const path = PATHS[status];
  const timeline = path.map((step, index) => ({
    status: step,
    at: minutesAgo((path.length - index) * 4),
    actor: step === 'requested' ? { kind: 'user' as const, role: 'dispatcher' as const } : { kind: 'system' as const },
  }));
  const last = timeline.at(-1)?.at ?? minutesAgo(0);
  return {
    id: '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0a99',
    agencyId: '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0a00',
    callForService: {
      id: '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0a98',
      agencyId: '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0a00',
      ...call,
    },
    status,
    area: 'county',
    specialistId: onCallNow.primary?.id ?? null,
    specialistName: onCallNow.primary?.displayName ?? null,
    escalationLevel: status === 'escalated' ? 1 : 0,
    ackDueAt: status === 'notified' ? minutesAgo(-5) : null,
    checkIn: path.includes('checked-in')
      ? { name: 'Det. A. Rivera', role: 'law-enforcement', agencyName: 'County Sheriff' }
      : null,
    timeline,
    createdAt: timeline[0]?.at ?? last,
    updatedAt: last,
    version: path.length,
  };
}

export interface FakeOptions {
  /** The active call-out the service already has for the incident (a status, or the call-out itself). */
  existing?: DispatchStatus | Dispatch;
  /** What a new request becomes. */
  created?: DispatchStatus;
  onCall?: OnCallNow;
  fail?: 'list' | 'create';
  offline?: boolean;
  /** What the call-out moves to a second after it is first shown (e.g. `cleared`). */
  then?: DispatchStatus;
}

/** A short wait, as a real round trip would take. */
const latency = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));

/** A client with canned answers, implementing the same interface the elements take. */
export function fakeClient(options: FakeOptions = {}): DispatchClient {
  const { existing } = options;
  let current = typeof existing === 'object' ? existing : cannedDispatch(existing ?? options.created ?? 'notified');
  return {
    dispatches: {
      list: async () => {
        await latency();
        if (options.fail === 'list') throw new PeerNetworkError('Unreachable', { code: 'network' });
        return { items: options.existing ? [current] : [], nextCursor: null };
      },
      create: async () => {
        await latency();
        if (options.offline) throw new PeerQueuedError('story-queued');
        if (options.fail === 'create') throw new PeerNetworkError('Unreachable', { code: 'network' });
        current = cannedDispatch(options.created ?? 'notified');
        return current;
      },
      get: async () => {
        await latency();
        return current;
      },
      transition: async (_id, body) => {
        await latency();
        if (body.to === 'escalated') {
          // Escalate now: the next position is notified at once.
          const passed = current.timeline.filter((entry) => entry.status === 'escalated').length;
          const reasons = [...Array<'no-answer'>(passed).fill('no-answer'), 'by-hand' as const];
          current = {
            ...escalatedDispatch(reasons, reasons.length === 1 ? 'backup' : 'supervisor'),
            version: current.version + 1,
          };
          return current;
        }
        const next = cannedDispatch(body.to);
        current = { ...next, checkIn: body.checkIn ?? next.checkIn ?? null, version: current.version + 1 };
        return current;
      },
      watch: () => {
        const { then } = options;
        if (!then) return cannedWatch(() => current);
        return cannedWatch(
          () => current,
          () => {
            current = { ...cannedDispatch(then), version: current.version + 1 };
            return current;
          },
        );
      },
    },
    specialists: {
      onCall: async () => {
        await latency();
        return options.onCall ?? onCallNow;
      },
    },
    // Nothing is ever sent from the canned outbox.
    outbox: { subscribe: () => () => undefined },
  };
}

interface RequestButtonArgs {
  compact: boolean;
  client: DispatchClient;
}

/** Presses the button once (`times` = 1) or presses and confirms (2). */
const press =
  (times: number) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const el = canvasElement.querySelector<PeerRequestButton>('peer-request-button');
    if (!el) return;
    for (let i = 0; i < times; i += 1) {
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 400));
      el.shadowRoot?.querySelector<HTMLButtonElement>('.button')?.click();
    }
  };

const meta = {
  title: 'Elements/Request button',
  component: 'peer-request-button',
  excludeStories: /^[a-z]/,
  args: { compact: false, client: fakeClient() },
  argTypes: { client: { control: false } },
  render: ({ compact, client }) =>
    html`<peer-request-button ?compact=${compact} .client=${client} .incident=${incident}></peer-request-button>`,
} satisfies Meta<RequestButtonArgs>;

export default meta;
type Story = StoryObj<RequestButtonArgs>;

/** Nothing requested yet for the incident. */
export const Ready: Story = {};

/** First press: who would be called now. A second press or Enter sends; Escape cancels. */
export const Confirm: Story = { play: press(1) };

/** Confirming when the backup position is not staffed. */
export const ConfirmUnstaffed: Story = {
  args: { client: fakeClient({ onCall: { ...onCallNow, backup: null } }) },
  play: press(1),
};

/** Requested: the call-out's status follows live. */
export const Requested: Story = { play: press(2) };

/** Requested while offline: kept in the outbox until the connection returns. */
export const Queued: Story = { args: { client: fakeClient({ offline: true }) }, play: press(2) };

/** A failure is shown inline with a Retry button. */
export const Failed: Story = { args: { client: fakeClient({ fail: 'list' }) } };

const ENDED: readonly DispatchStatus[] = ['cleared', 'cancelled'];

/**
 * Each status the call-out can be in, as found for the incident on load; cleared and cancelled
 * call-outs are followed to their end (an ended one is not picked up on load: the button shows).
 */
export const EveryStatus: Story = {
  render: ({ compact }) => html`<div style="display: grid; gap: 0.5rem; justify-items: start">
    ${dispatchStatuses.map(
      (status) => html`<peer-request-button
        ?compact=${compact}
        .client=${ENDED.includes(status) ? fakeClient({ existing: 'engaged', then: status }) : fakeClient({ existing: status })}
        .incident=${{ ...incident, externalId: `CAD-${status}` }}
      ></peer-request-button>`,
    )}
  </div>`,
};

/** At most 32px tall, in a dense CAD toolbar. */
export const CompactToolbar: Story = {
  args: { compact: true },
  render: ({ client }) => html`<div
    style="display: flex; align-items: center; gap: 0.5rem; padding: 0.25rem 0.5rem; block-size: 2.5rem; background: var(--peer-color-surface-raised); border: 1px solid var(--peer-color-border)"
  >
    <strong>CAD-2026-004512</strong>
    <peer-request-button compact .client=${client} .incident=${incident}></peer-request-button>
    <peer-request-button compact .client=${fakeClient({ existing: 'en-route' })} .incident=${incident}></peer-request-button>
  </div>`,
};

/** Compact while confirming: the on-call names shorten to fit the row. */
export const CompactConfirm: Story = { args: { compact: true }, play: press(1) };

/** Presses the button matching `selector` in the first (or `host`-matched) request button. */
const pressIn =
  (selector: string, host = 'peer-request-button', times = 1) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const el = canvasElement.querySelector<PeerRequestButton>(host);
    if (!el) return;
    for (let i = 0; i < times; i += 1) {
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 400));
      el.shadowRoot?.querySelector<HTMLButtonElement>(selector)?.click();
    }
  };

/** The primary declined: escalated to the backup, who holds it now, and when it escalates next. */
export const EscalatedAfterDecline: Story = {
  args: { client: fakeClient({ existing: escalatedDispatch(['declined'], 'backup') }) },
};

/** Neither the primary nor the backup answered in time: the supervisor holds it, the last level. */
export const EscalatedToSupervisor: Story = {
  args: { client: fakeClient({ existing: escalatedDispatch(['no-answer', 'no-answer'], 'supervisor') }) },
};

/** Everyone declined or did not answer: nobody is coming, said in the critical tone. */
export const NobodyComing: Story = {
  args: { client: fakeClient({ existing: escalatedDispatch(['declined', 'no-answer', 'declined'], null) }) },
};

/** Acknowledged: the peer who took the call-out is named. */
export const AcknowledgedByName: Story = { args: { client: fakeClient({ existing: 'acknowledged' }) } };

/** Escalate now: the backup is notified at once instead of after the primary's time runs out. */
export const EscalateNow: Story = {
  args: { client: fakeClient({ existing: 'notified' }) },
  play: pressIn('.escalate'),
};

/** Cancel call-out asks first: Confirm cancel, or Keep call-out (Escape). */
export const ConfirmCancel: Story = {
  args: { client: fakeClient({ existing: 'notified' }) },
  play: pressIn('.cancel-callout'),
};

/** Compact, escalated or with nobody left: the holder's name shortens to fit the row. */
export const CompactEscalated: Story = {
  args: { compact: true },
  render: () => html`<div style="display: grid; gap: 0.5rem; justify-items: start; max-inline-size: 390px">
    <peer-request-button
      compact
      .client=${fakeClient({ existing: escalatedDispatch(['declined'], 'backup') })}
      .incident=${{ ...incident, externalId: 'CAD-escalated' }}
    ></peer-request-button>
    <peer-request-button
      compact
      .client=${fakeClient({ existing: escalatedDispatch(['declined', 'no-answer', 'declined'], null) })}
      .incident=${{ ...incident, externalId: 'CAD-nobody' }}
    ></peer-request-button>
  </div>`,
};

/**
 * A CAD queue row and the detail panel for the same call, on a 390px phone: requested from the
 * panel, the row shows the same call-out at once (no second request), in one line of its cell.
 */
export const QueueRowAndDetail: Story = {
  render: () => {
    const client = fakeClient();
    const call = { ...incident, externalId: 'CAD-row-and-detail' };
    return html`<div style="display: grid; gap: 1rem; max-inline-size: 390px">
      <table style="inline-size: 100%; border-collapse: collapse">
        <thead>
          <tr><th scope="col" style="text-align: start">CAD #</th><th scope="col" style="text-align: start">Peer support</th></tr>
        </thead>
        <tbody>
          <tr>
            <td>${call.externalId}</td>
            <td><peer-request-button compact .client=${client} .incident=${call}></peer-request-button></td>
          </tr>
        </tbody>
      </table>
      <section aria-label="Selected call" class="detail">
        <peer-request-button .client=${client} .incident=${call}></peer-request-button>
      </section>
    </div>`;
  },
  play: pressIn('.button', '.detail peer-request-button', 2),
};

/** Compact while confirming in a 390px table row: the names take the room left and shorten. */
export const CompactConfirmInTable: Story = {
  args: { compact: true },
  render: ({ client }) => html`<table style="inline-size: 100%; max-inline-size: 390px; border-collapse: collapse">
    <thead>
      <tr><th scope="col" style="text-align: start">CAD #</th><th scope="col" style="text-align: start">Peer support</th></tr>
    </thead>
    <tbody>
      <tr>
        <td>CAD-2026-004512</td>
        <td><peer-request-button compact .client=${client} .incident=${incident}></peer-request-button></td>
      </tr>
    </tbody>
  </table>`,
  play: press(1),
};
