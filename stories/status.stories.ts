import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../packages/elements/src/status/define.js';
import { STATUS_TONES, type StatusTone } from '../packages/elements/src/status/status.js';

interface StatusArgs {
  tone: StatusTone;
  label: string;
  since?: string;
  live: boolean;
  compact: boolean;
}

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

const meta = {
  title: 'Elements/Status',
  component: 'peer-status',
  argTypes: {
    // The manifest types `tone` as StatusTone; list the values for the control.
    tone: { control: 'select', options: STATUS_TONES },
    since: { control: 'text' },
  },
  args: { tone: 'neutral', label: 'Requested', live: false, compact: false },
  render: ({ tone, label, since, live, compact }) =>
    html`<peer-status
      tone=${tone}
      label=${label}
      since=${ifDefined(since)}
      ?live=${live}
      ?compact=${compact}
    ></peer-status>`,
} satisfies Meta<StatusArgs>;

export default meta;
type Story = StoryObj<StatusArgs>;

export const Neutral: Story = { args: { tone: 'neutral', label: 'Requested' } };

export const Info: Story = { args: { tone: 'info', label: 'Notified' } };

export const Success: Story = { args: { tone: 'success', label: 'Acknowledged' } };

export const Warning: Story = { args: { tone: 'warning', label: 'No answer, escalating to backup' } };

export const Danger: Story = { args: { tone: 'danger', label: 'Declined' } };

/** Without a label the tone's name is shown. */
export const ToneOnly: Story = { args: { tone: 'warning', label: '' } };

/** Label changes are announced politely to screen readers. */
export const Live: Story = { args: { tone: 'info', label: 'En route', live: true } };

/** At most 32px tall, for tables and dense dispatch screens. */
export const Compact: Story = { args: { tone: 'success', label: 'Checked in', compact: true } };

/** Elapsed time since the state began, kept current while shown. */
export const Since: Story = { args: { tone: 'success', label: 'On scene', since: minutesAgo(12) } };

/** A call-out's states as a dispatch board row would show them. */
export const AllTones: Story = {
  render: ({ compact }) => html`<div style="display: flex; flex-wrap: wrap; gap: 0.5rem">
    ${STATUS_TONES.map(
      (tone, index) =>
        html`<peer-status tone=${tone} since=${minutesAgo(index * 7)} ?compact=${compact}></peer-status>`,
    )}
  </div>`,
  args: { compact: true },
};

/** In a cell narrower than the label, words wrap between words, never inside one. */
export const NarrowCell: Story = {
  args: { tone: 'warning', label: 'Escalated · backup notified', compact: true },
  render: ({ tone, label, compact }) =>
    html`<div style="inline-size: 4rem"><peer-status tone=${tone} label=${label} ?compact=${compact}></peer-status></div>`,
};
