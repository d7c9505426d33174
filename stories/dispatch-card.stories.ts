import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { dispatchStatuses, type Dispatch, type DispatchStatus } from '@peerlink/sdk';
import '../packages/elements/src/dispatch-card/define.js';
import type { PeerDispatchCard } from '../packages/elements/src/dispatch-card/dispatch-card.js';
import type { DispatchClient } from '../packages/elements/src/base/dispatch-client.js';
import { cannedDispatch, fakeClient, onCallNow } from './request-button.stories.js';

// Stories use canned data shaped by the contract (see request-button.stories.ts); the steps
// pressed here move the canned call-out along.

interface DispatchCardArgs {
  status: DispatchStatus;
  client?: DispatchClient;
  /** The peer using the card (`specialist-id`). */
  specialistId?: string;
}

const card = (client: DispatchClient, specialistId?: string) =>
  html`<peer-dispatch-card .client=${client} dispatch-id=${cannedDispatch('notified').id} specialist-id=${specialistId ?? ''}></peer-dispatch-card>`;

/** Presses a step's button once the canned call-out is shown, as a peer's tap would. */
const press =
  (to: DispatchStatus) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const el = canvasElement.querySelector<PeerDispatchCard>('peer-dispatch-card');
    if (!el) return;
    await new Promise((resolve) => setTimeout(resolve, 400));
    el.shadowRoot?.querySelector<HTMLButtonElement>(`[data-to="${to}"]`)?.click();
  };

const primary = onCallNow.primary?.id ?? '';
const backup = onCallNow.backup?.id ?? '';

/** Declined by the primary peer a minute ago; the backup has been notified since. */
function declinedByPrimary(): Dispatch {
  const notified = cannedDispatch('notified');
  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  return {
    ...notified,
    specialistId: backup,
    escalationLevel: 1,
    timeline: [
      ...notified.timeline,
      {
        status: 'declined',
        at: at(1),
        actor: { kind: 'user', role: 'specialist', subjectId: primary },
        specialistId: primary,
      },
      { status: 'escalated', at: at(1), actor: { kind: 'system' }, note: 'Declined by the notified specialist' },
      { status: 'notified', at: at(1), actor: { kind: 'system' }, specialistId: backup },
    ],
    version: notified.version + 3,
  };
}

const meta = {
  title: 'Elements/Dispatch card',
  component: 'peer-dispatch-card',
  excludeStories: /^[a-z]/,
  argTypes: {
    status: { control: 'select', options: dispatchStatuses },
    client: { control: false },
  },
  args: { status: 'notified' },
  render: ({ status, client, specialistId }) => card(client ?? fakeClient({ existing: status }), specialistId),
} satisfies Meta<DispatchCardArgs>;

export default meta;
type Story = StoryObj<DispatchCardArgs>;

/** Just notified: acknowledge or decline. */
export const Notified: Story = {};

/** Decline pressed: one tap only asks; "Yes, decline" sends it, "Go back" returns to the steps. */
export const ConfirmDecline: Story = { play: press('declined') };

/** Declined by this peer: their answer, not the backup's notification, and nothing left to do. */
export const DeclinedByYou: Story = {
  args: {
    specialistId: primary,
    client: {
      ...fakeClient(),
      dispatches: { ...fakeClient().dispatches, get: () => Promise.resolve(declinedByPrimary()) },
    },
  },
};

export const Acknowledged: Story = { args: { status: 'acknowledged' } };

export const EnRoute: Story = { args: { status: 'en-route' } };

/** On scene: the peer checks in with the lead investigator before anything else. */
export const OnScene: Story = { args: { status: 'on-scene' } };

/** The check-in form: who the lead investigator is (all required). */
export const CheckInForm: Story = { args: { status: 'on-scene' }, play: press('checked-in') };

/** Checked in: who with stays on the card; enter the scene, or clear if not advised to enter. */
export const CheckedIn: Story = { args: { status: 'checked-in' } };

export const Engaged: Story = { args: { status: 'engaged' } };

/** Clear pressed: the card asks once more before the call-out ends. */
export const ConfirmClear: Story = { args: { status: 'engaged' }, play: press('cleared') };

/**
 * Cleared by this peer: the call-out log is the last step. The card fires `peer-dispatch-cleared`
 * on clearing and on every later opening, and the host shows the log form.
 */
export const Cleared: Story = { args: { status: 'cleared', specialistId: primary } };

/** Declined, then escalated to the backup. */
export const Escalated: Story = { args: { status: 'escalated' } };

export const Cancelled: Story = { args: { status: 'cancelled' } };

/** The call-out could not be read: an error with Retry. */
export const Failed: Story = {
  args: {
    client: {
      ...fakeClient(),
      dispatches: {
        ...fakeClient().dispatches,
        get: () => Promise.reject(new Error('Unreachable')),
      },
    },
  },
};

/** On a 360px-wide phone. */
export const Phone: Story = {
  args: { status: 'checked-in' },
  render: ({ status }) => html`<div style="inline-size: 360px">${card(fakeClient({ existing: status }))}</div>`,
};
