import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import {
  PeerAuthError,
  PeerNetworkError,
  PeerNotFoundError,
  type CalloutLog,
  type Dispatch,
  type IncidentType,
  type Watch,
} from '@peerlink/sdk';
import '../packages/elements/src/log-review-queue/define.js';
import type {
  LogReviewQueueClient,
  PeerLogReviewQueue,
} from '../packages/elements/src/log-review-queue/log-review-queue.js';
import { completeContent } from './callout-log-form.stories.js';
import { cannedDispatch } from './request-button.stories.js';

// Stories use canned data shaped by the contract; tests run against the real service instead.
// Every state is reached through arguments alone.

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();
const later = <T>(make: () => T): Promise<T> => Promise.resolve().then(make);
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

const waiting: readonly [IncidentType, number, number][] = [
  ['overdose-fatal', 190, 0],
  ['overdose-nonfatal', 75, 1],
  ['behavioral-health-crisis', 12, 0],
];

/** A submitted log of a canned call-out of `type`, waiting `minutes`. */
function cannedEntry(type: IncidentType, minutes: number, level: number, n: number): [CalloutLog, Dispatch] {
  const base = cannedDispatch('cleared', {
    externalId: `CAD-2026-${String(1000 + n)}`,
    type,
    location: { address: '200 Main St, Springfield', area: n % 2 ? 'north' : 'county' },
    receivedAt: minutesAgo(minutes + 90),
  });
  const dispatch: Dispatch = {
    ...base,
    id: `5a0c1c9e-4d2b-4f7e-9a51-2b7f0d1e0a${String(10 + n)}`,
    escalationLevel: level,
  };
  const log: CalloutLog = {
    id: `3c1e8a52-7a0e-4d5b-9f57-0d9b3e2a1c${String(10 + n)}`,
    agencyId: dispatch.agencyId,
    dispatchId: dispatch.id,
    specialistId: dispatch.specialistId,
    status: 'submitted',
    content: completeContent,
    submittedAt: minutesAgo(minutes),
    submissions: [{ version: 2, at: minutesAgo(minutes), piiKept: [] }],
    reviews: [],
    piiKept: [],
    createdAt: minutesAgo(minutes + 30),
    updatedAt: minutesAgo(minutes),
    version: 2,
  };
  return [log, dispatch];
}

interface FakeOptions {
  entries?: readonly [CalloutLog, Dispatch][];
  /** The list never answers. */
  loading?: boolean;
  /** The list fails with this. */
  failure?: Error;
  /** A log a peer submits this many milliseconds after the queue opens. */
  arrives?: number;
}

/** A client with canned answers, implementing the calls the queue and the log form make. */
function fakeClient(options: FakeOptions = {}): LogReviewQueueClient {
  const entries = [...(options.entries ?? [])];
  const logs = () => entries.map(([log]) => log).filter((log) => log.status === 'submitted');
  const page = () => ({ items: logs(), nextCursor: null });
  const find = (id: string) => {
    const entry = entries.find(([log]) => log.id === id || log.dispatchId === id);
    if (!entry) throw new PeerNotFoundError('No such record', { code: 'not_found', status: 404 });
    return entry;
  };
  const listeners = new Set<(value: ReturnType<typeof page>) => void>();
  const watchList = (): Watch<ReturnType<typeof page>> => {
    if (options.arrives !== undefined) {
      setTimeout(() => {
        entries.push(cannedEntry('substance-use-crisis', 0, 0, 9));
        for (const listener of listeners) listener(page());
      }, options.arrives);
    }
    return {
      mode: 'stream',
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close: () => {
        listeners.clear();
      },
      async *[Symbol.asyncIterator]() {
        yield await later(page);
      },
    };
  };
  return {
    calloutLogs: {
      list: () => {
        if (options.loading) return never();
        if (options.failure !== undefined) return Promise.reject(options.failure);
        return later(page);
      },
      watchList,
      get: (id) => later(() => find(id)[0]),
      review: (id, body) =>
        later(() => {
          const [log] = find(id);
          const reviewed: CalloutLog = {
            ...log,
            status: body.decision === 'approve' ? 'approved' : 'returned',
            reviews: [
              { decision: body.decision, reviewerId: null, version: log.version, at: new Date().toISOString() },
            ],
            version: log.version + 1,
          };
          entries.splice(
            entries.findIndex(([each]) => each.id === id),
            1,
            [reviewed, find(id)[1]],
          );
          return reviewed;
        }),
      create: () => never(),
      update: () => never(),
      submit: () => never(),
    },
    dispatches: { get: (id) => later(() => find(id)[1]) },
    drafts: {
      save: () => later(() => undefined),
      load: () => later(() => undefined),
      delete: () => later(() => undefined),
    },
  };
}

const entries = waiting.map(([type, minutes, level], n) => cannedEntry(type, minutes, level, n));

interface LogReviewQueueArgs {
  client: LogReviewQueueClient;
  /** A log opened for review on load. */
  open?: string;
}

const meta = {
  title: 'Elements/Log review queue',
  component: 'peer-log-review-queue',
  excludeStories: /^[a-z]/,
  args: { client: fakeClient({ entries }) },
  argTypes: { client: { control: false }, open: { control: false } },
  render: ({ client, open }) =>
    html`<peer-log-review-queue
      .client=${client}
      ${ref((element) => {
        const queue = element as PeerLogReviewQueue | undefined;
        if (!queue || !open) return;
        void (async () => {
          while (queue.phase !== 'ready') await new Promise((resolve) => setTimeout(resolve, 10));
          queue.open(open);
        })();
      })}
    ></peer-log-review-queue>`,
} satisfies Meta<LogReviewQueueArgs>;

export default meta;
type Story = StoryObj<LogReviewQueueArgs>;

/** Three logs waiting, the longest first: call type, area, times and the peer's position; never narrative. */
export const Waiting: Story = {};

/** Nothing waits for review. */
export const Empty: Story = { args: { client: fakeClient() } };

/** Reading the queue. */
export const Loading: Story = { args: { client: fakeClient({ loading: true }) } };

/** A peer submits a log a second after the queue opens: it appears, and is announced. */
export const LiveArrival: Story = { args: { client: fakeClient({ entries, arrives: 1000 }) } };

/** A log opened in the call-out log form's review mode: Approve, or Return with comments. */
export const Reviewing: Story = { args: { client: fakeClient({ entries }), open: entries[0]?.[0].id } };

/** Peerlink cannot be reached: the message, with Retry. */
export const Offline: Story = {
  args: { client: fakeClient({ failure: new PeerNetworkError('Failed to fetch', { code: 'network' }) }) },
};

/** The token is not a supervisor's: the message, without Retry. */
export const NotAllowed: Story = {
  args: {
    client: fakeClient({
      failure: new PeerAuthError('This role may not do that', { code: 'forbidden', status: 403 }),
    }),
  },
};
