import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/elements/src/roster/define.js';
import type { RosterClient } from '../packages/elements/src/index.js';
import { cannedCsv, cannedPeers, cannedRosterClient } from './program-staff-data.js';

// Stories use canned data shaped by the contract (program-staff-data.ts); nothing reaches a service.

interface RosterArgs {
  client: RosterClient;
}

const rosterOf = (canvas: HTMLElement) => canvas.querySelector('peer-roster');

/** Waits for the roster to show its list, then runs `then` on its shadow root. */
const whenListed =
  (then: (root: ShadowRoot) => void | Promise<void>) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const el = rosterOf(canvasElement);
    for (let tries = 0; tries < 40 && !el?.shadowRoot?.querySelector('[part~="list"]'); tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    if (el?.shadowRoot) await then(el.shadowRoot);
  };

/** Chooses the canned CSV and asks for the dry run, as a supervisor would. */
const chooseFile = whenListed(async (root) => {
  const input = root.querySelector<HTMLInputElement>('#roster-file');
  if (!input) return;
  const files = new DataTransfer();
  files.items.add(new File([cannedCsv], 'roster.csv', { type: 'text/csv' }));
  input.files = files.files;
  root.querySelector<HTMLButtonElement>('[part~="check-import"]')?.click();
  await new Promise((resolve) => setTimeout(resolve, 300));
});

const meta = {
  title: 'Elements/Roster',
  component: 'peer-roster',
  excludeStories: /^[a-z]/,
  argTypes: { client: { control: false } },
  args: { client: cannedRosterClient() },
  render: ({ client }) => html`<peer-roster .client=${client}></peer-roster>`,
} satisfies Meta<RosterArgs>;

export default meta;
type Story = StoryObj<RosterArgs>;

/** The roster: active and deactivated peers, who is on call now, credentials (one expiring, one expired). */
export const List: Story = {};

/** No peers yet: add one or import a CSV. */
export const Empty: Story = { args: { client: cannedRosterClient({ peers: [] }) } };

/** Waiting for the service. */
export const Loading: Story = { args: { client: cannedRosterClient({ state: 'loading' }) } };

/** The service cannot be reached (offline): what failed, with Retry. */
export const Offline: Story = { args: { client: cannedRosterClient({ state: 'offline' }) } };

/** 2,000 peers in a virtualized list. */
export const Large: Story = { args: { client: cannedRosterClient({ peers: cannedPeers(2000) }) } };

/** Filtered by a word. */
export const Filtered: Story = {
  play: whenListed((root) => {
    const box = root.querySelector<HTMLInputElement>('[part~="filter"]');
    if (!box) return;
    box.value = 'dana';
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }),
};

/** Adding a peer: name, roles, languages, text and e-mail contacts, areas. */
export const AddPeer: Story = {
  play: whenListed((root) => {
    root.querySelector<HTMLButtonElement>('[part~="add"]')?.click();
  }),
};

/** The dry run found bad lines: each by line and column; nothing was written. */
export const ImportErrors: Story = { args: { client: cannedRosterClient({ importing: 'refused' }) }, play: chooseFile };

/** The dry run passed: what would change, line by line, and the Import button. */
export const ImportReady: Story = { play: chooseFile };

/** Importing: the progress bar while the service works (it reports no progress, so the bar is indeterminate). */
export const Importing: Story = {
  args: { client: cannedRosterClient({ importing: 'slow' }) },
  play: async (context) => {
    await chooseFile(context);
    rosterOf(context.canvasElement)?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="run-import"]')?.click();
  },
};
