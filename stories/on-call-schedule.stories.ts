import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/elements/src/on-call-schedule/define.js';
import type { OnCallScheduleClient, ScheduleView } from '../packages/elements/src/index.js';
import { cannedOutbox, cannedPeers, cannedSchedule, cannedScheduleClient } from './program-staff-data.js';

// Stories use canned data shaped by the contract (program-staff-data.ts); nothing reaches a service.

interface ScheduleArgs {
  client: OnCallScheduleClient;
  view: ScheduleView;
  weeks: number;
  area?: string;
  viewerRole: string;
  viewerTimeZone: string;
  start?: string;
}

const peers = cannedPeers(12);

/** Opens the first rotation for change, as a supervisor's Enter on "Change rotation" would. */
const openRotation = async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
  const el = canvasElement.querySelector('peer-on-call-schedule');
  for (let tries = 0; tries < 40 && !el?.shadowRoot?.querySelector('[part~="edit-rotation"]'); tries += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
  el?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="edit-rotation"]')?.click();
};

const meta = {
  title: 'Elements/On-call schedule',
  component: 'peer-on-call-schedule',
  excludeStories: /^[a-z]/,
  argTypes: {
    view: { control: 'select', options: ['week', 'now', 'mine'] },
    weeks: { control: 'select', options: [1, 2] },
    client: { control: false },
  },
  args: {
    client: cannedScheduleClient(),
    view: 'week',
    weeks: 1,
    area: 'north',
    viewerRole: 'dispatcher',
    viewerTimeZone: 'America/Chicago',
  },
  render: ({ client, view, weeks, area, viewerRole, viewerTimeZone, start }) =>
    html`<peer-on-call-schedule
      .client=${client}
      view=${view}
      weeks=${weeks}
      area=${area ?? ''}
      viewer-role=${viewerRole}
      viewer-time-zone=${viewerTimeZone}
      start=${start ?? ''}
    ></peer-on-call-schedule>`,
} satisfies Meta<ScheduleArgs>;

export default meta;
type Story = StoryObj<ScheduleArgs>;

/** A week of one area: who is on call now marked, a gap in words, a conflict flagged. */
export const Week: Story = {};

/** Every position covered, no conflict. */
export const Covered: Story = {
  args: { client: cannedScheduleClient({ schedule: cannedSchedule(peers, { troubles: false }) }) },
};

/** Gaps and conflicts, seen from another time zone: the viewer's own zone is named. */
export const GapsAndConflicts: Story = { args: { viewerTimeZone: 'Europe/Madrid' } };

/** Two weeks. */
export const TwoWeeks: Story = {
  args: { weeks: 2, client: cannedScheduleClient({ schedule: cannedSchedule(peers, { troubles: true, days: 16 }) }) },
};

/** Nothing scheduled in any area. */
export const Empty: Story = {
  args: {
    area: '',
    client: cannedScheduleClient({ schedule: { ...cannedSchedule(peers), segments: [], gaps: [], conflicts: [] } }),
  },
};

/** Waiting for the service. */
export const Loading: Story = { args: { client: cannedScheduleClient({ state: 'loading' }) } };

/** The service cannot be reached (offline): what failed, with Retry. */
export const Offline: Story = { args: { client: cannedScheduleClient({ state: 'offline' }) } };

/** A supervisor: the override form and the area's rotations. */
export const Supervisor: Story = { args: { viewerRole: 'supervisor' } };

/** A supervisor offline: an override added in the field waits on the device, listed until it is sent. */
export const OverrideWaitingOffline: Story = {
  args: { viewerRole: 'supervisor', client: { ...cannedScheduleClient(), outbox: cannedOutbox(peers) } },
};

/** A supervisor changing a rotation: members in order with Move up, Move down and Remove, the handoff. */
export const EditingRotation: Story = { args: { viewerRole: 'supervisor' }, play: openRotation };

/** "Who is on call now", one line for a CAD toolbar. */
export const NowView: Story = { args: { view: 'now' } };

/** "Who is on call now" with the backup uncovered. */
export const NowWithGap: Story = {
  args: {
    view: 'now',
    client: cannedScheduleClient({
      schedule: {
        ...cannedSchedule(peers),
        segments: cannedSchedule(peers).segments.filter((s) => s.position !== 'backup'),
      },
    }),
  },
};

/** A peer's own upcoming shifts. */
export const MyShifts: Story = { args: { view: 'mine' } };
