import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/elements/src/program-report/define.js';
import type { ReportClient } from '../packages/elements/src/program-report/report-client.js';
import { cannedReportClient, failure, offline, sampleReport } from './program-report-fixtures.js';

// Stories use canned reports shaped by the contract (program-report-fixtures.ts); the element's
// tests also run it against the real service. Figures are fictional and fixed.

interface ReportArgs {
  client: ReportClient;
  from: string;
  to: string;
}

const RANGE = { from: '2025-12-01', to: '2026-11-29' };

const meta = {
  title: 'Elements/Program report',
  component: 'peer-program-report',
  excludeStories: /^[a-z]/,
  args: { ...RANGE, client: cannedReportClient(() => sampleReport()) },
  argTypes: { client: { control: false } },
  render: ({ client, from, to }) =>
    html`<peer-program-report
      .client=${client}
      from=${from}
      to=${to}
      .areas=${['north', 'south', 'county']}
      .agencies=${[
        { id: '0d6f3e52-8c1a-4f7b-9e2d-5a4b3c2d1e01', name: 'Example County Sheriff' },
        { id: '0d6f3e52-8c1a-4f7b-9e2d-5a4b3c2d1e02', name: 'Example City Fire and EMS' },
      ]}
    ></peer-program-report>`,
} satisfies Meta<ReportArgs>;

export default meta;
type Story = StoryObj<ReportArgs>;

/**
 * A year by week of a fictional program of about 40 call-outs a week: volume, times, outcomes,
 * the referral funnel, workload per peer and expiring credentials; small counts read "<11".
 */
export const Year: Story = {};

/** The same year for a supervisor whose agency allows small counts: no cell is suppressed. */
export const SmallCountsShown: Story = {
  args: { client: cannedReportClient(() => sampleReport({ suppress: false })) },
};

/** A small program (about 8 call-outs a week): most weekly counts read "<11", drawn as dashed boxes, never as zero. */
export const SuppressedCells: Story = { args: { client: cannedReportClient(() => sampleReport({ perWeek: 8 })) } };

/**
 * Few referrals (13 in the year): the funnel's later stages read "<11",
 * and so do their shares of the referrals made, which would give the hidden counts back.
 */
export const FewReferrals: Story = {
  args: { client: cannedReportClient(() => sampleReport({ referralRate: 0.0065 })) },
};

/** A very small program (about 2 call-outs a week): most peers' workloads and after-hours shares read "<11". */
export const QuietPeers: Story = { args: { client: cannedReportClient(() => sampleReport({ perWeek: 2 })) } };

/** A range with no call-outs and no referrals. */
export const Empty: Story = { args: { client: cannedReportClient(() => sampleReport({ perWeek: 0 })) } };

/** Waiting for the service's answer. */
export const Loading: Story = { args: { client: cannedReportClient(() => 'never') } };

/** The service failed: the message and Retry. */
export const Failure: Story = { args: { client: cannedReportClient(() => failure()) } };

/** The service could not be reached: the message and Retry. */
export const Offline: Story = { args: { client: cannedReportClient(() => offline()) } };
