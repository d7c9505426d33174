import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { dispatchStatuses, type DispatchStatus } from '@peerlink/sdk';
import '../packages/elements/src/dispatch-card/define.js';
import type { PeerDispatchCard } from '../packages/elements/src/dispatch-card/dispatch-card.js';
import type { DispatchClient } from '../packages/elements/src/request-button/dispatch-client.js';
import { cannedDispatch, fakeClient } from './request-button.stories.js';

// Stories use canned data shaped by the contract (see request-button.stories.ts); the steps
// pressed here move the canned call-out along.

interface DispatchCardArgs {
  status: DispatchStatus;
  client?: DispatchClient;
}

const card = (client: DispatchClient) =>
  html`<peer-dispatch-card .client=${client} dispatch-id=${cannedDispatch('notified').id}></peer-dispatch-card>`;

const meta = {
  title: 'Elements/Dispatch card',
  component: 'peer-dispatch-card',
  excludeStories: /^[a-z]/,
  argTypes: {
    status: { control: 'select', options: dispatchStatuses },
    client: { control: false },
  },
  args: { status: 'notified' },
  render: ({ status, client }) => card(client ?? fakeClient({ existing: status })),
} satisfies Meta<DispatchCardArgs>;

export default meta;
type Story = StoryObj<DispatchCardArgs>;

/** Just notified: acknowledge or decline. */
export const Notified: Story = {};

export const Acknowledged: Story = { args: { status: 'acknowledged' } };

export const EnRoute: Story = { args: { status: 'en-route' } };

/** On scene: the peer checks in with the lead investigator before anything else. */
export const OnScene: Story = { args: { status: 'on-scene' } };

/** The check-in form: who the lead investigator is (all required). */
export const CheckInForm: Story = {
  args: { status: 'on-scene' },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<PeerDispatchCard>('peer-dispatch-card');
    if (!el) return;
    await new Promise((resolve) => setTimeout(resolve, 400));
    el.shadowRoot?.querySelector<HTMLButtonElement>('[data-to="checked-in"]')?.click();
  },
};

/** Checked in: engage, or clear if not advised to enter. */
export const CheckedIn: Story = { args: { status: 'checked-in' } };

export const Engaged: Story = { args: { status: 'engaged' } };

/** Cleared: no more steps; the host opens the call-out log on `peer-dispatch-cleared`. */
export const Cleared: Story = { args: { status: 'cleared' } };

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
