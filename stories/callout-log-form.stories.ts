import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import {
  PeerNotFoundError,
  type CalloutLog,
  type CalloutLogDraft,
  type CalloutLogStatus,
  type CalloutReview,
  type OutboxItem,
} from '@peerlink/sdk';
import '../packages/elements/src/callout-log-form/define.js';
import type {
  CalloutLogFormMode,
  PeerCalloutLogForm,
} from '../packages/elements/src/callout-log-form/callout-log-form.js';
import type { CalloutLogClient } from '../packages/elements/src/callout-log-form/callout-log-client.js';
import { cannedDispatch } from './request-button.stories.js';

// Stories use canned data shaped by the contract (see request-button.stories.ts); tests run
// against the real service instead. Every state is reached through arguments alone, so a story
// renders the same from `meta.render(args)` as in Storybook.

const dispatch = cannedDispatch('cleared');
const at = (status: string): string =>
  dispatch.timeline.find((entry) => entry.status === status)?.at ?? dispatch.updatedAt;
const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

export const completeContent: CalloutLogDraft = {
  times: {
    dispatchedAt: at('requested'),
    arrivedAt: at('on-scene'),
    checkedInAt: at('checked-in'),
    enteredSceneAt: at('engaged'),
    clearedAt: at('cleared'),
  },
  checkIn: { investigatorName: 'Det. A. Rivera', investigatorRole: 'law-enforcement', agencyName: 'County Sheriff' },
  sceneType: 'private-residence',
  peopleServed: [
    { role: 'overdose-survivor', ageBand: '26-40', count: 1 },
    { role: 'family-member', ageBand: '41-64', count: 2 },
  ],
  services: {
    support: ['emotional', 'informational'],
    harmReduction: { naloxoneAdministered: 0, naloxoneLeftBehind: 2, fentanylTestStrips: 10, saferUseSupplies: true },
  },
  referralIds: [],
  transport: { kind: 'escort', destinationType: 'detox' },
  outcome: 'services-accepted',
  followUp: {
    planned: true,
    date: minutesAgo(-3 * 24 * 60).slice(0, 10),
    plan: 'Call back after intake; bring the meeting list.',
  },
  narrative:
    'Arrived after EMS. Talked with the survivor and family about what had happened and the options for care; escorted the survivor to detox intake.',
  investigatorNote: 'A neighbor said a blue sedan left the driveway just before EMS arrived.',
};

const review = (
  decision: CalloutReview['decision'],
  minutes: number,
  extra: Partial<CalloutReview> = {},
): CalloutReview => ({
  decision,
  reviewerId: '6f1c1c9e-4d2b-4f7e-9a51-2b7f0d1e0a03',
  version: 2,
  at: minutesAgo(minutes),
  ...extra,
});

const returned = review('return', 30, {
  comment: 'Thanks — a couple of things before I approve.',
  fieldComments: [
    { path: 'times.arrivedAt', comment: 'CAD shows arrival ten minutes later; please check.' },
    { path: 'narrative', comment: 'Say which detox program, and drop the street name.' },
  ],
});

/** A canned log in `status`, with the reviews a log in that status would have. */
function cannedLog(status: CalloutLogStatus, content: CalloutLogDraft = completeContent): CalloutLog {
  const reviews =
    status === 'returned'
      ? [returned]
      : status === 'approved'
        ? [returned, review('approve', 5, { comment: 'Approved.', version: 4 })]
        : [];
  return {
    id: '3c1e8a52-7a0e-4d5b-9f57-0d9b3e2a1c01',
    agencyId: dispatch.agencyId,
    dispatchId: dispatch.id,
    specialistId: dispatch.specialistId,
    status,
    content,
    submittedAt: status === 'draft' ? null : minutesAgo(40),
    submissions: [],
    reviews,
    piiKept: [],
    createdAt: minutesAgo(50),
    updatedAt: minutesAgo(status === 'draft' ? 50 : 5),
    version: 2 + reviews.length,
  };
}

interface FakeOptions {
  /** The log the service has for the call-out. */
  log?: CalloutLog;
  /** What the device has kept. */
  draft?: unknown;
  /** The call-out cannot be read (nothing to prefill from). */
  noDispatch?: boolean;
  /** A change waiting in the outbox, by key. */
  waiting?: string;
}

/** Answers at once, but asynchronously, as a call would. */
const later = <T>(make: () => T): Promise<T> => Promise.resolve().then(make);

/** A client with canned answers, implementing the calls the form makes. */
function fakeClient(options: FakeOptions = {}): CalloutLogClient {
  let current = options.log;
  const drafts = new Map<string, unknown>(
    options.draft === undefined ? [] : [[`callout-log:${dispatch.id}`, options.draft]],
  );
  const store = (log: CalloutLog): CalloutLog => {
    current = log;
    return log;
  };
  const bump = (log: CalloutLog, change: Partial<CalloutLog>): CalloutLog =>
    store({ ...log, ...change, updatedAt: new Date().toISOString(), version: log.version + 1 });
  const existing = (): CalloutLog => {
    if (!current) throw new PeerNotFoundError('No such log', { code: 'not_found', status: 404 });
    return current;
  };
  const waiting: OutboxItem[] = options.waiting
    ? [
        {
          key: options.waiting,
          seq: 1,
          operationId: 'createCalloutLog',
          method: 'POST',
          path: 'v1/callout-logs',
          body: {},
          queuedAt: minutesAgo(2),
          attempts: 1,
        },
      ]
    : [];
  return {
    calloutLogs: {
      create: (body) => later(() => store({ ...cannedLog('draft'), content: body.content })),
      update: (_id, body) => later(() => bump(existing(), { content: body.content })),
      submit: () => later(() => bump(existing(), { status: 'submitted', submittedAt: new Date().toISOString() })),
      review: (_id, body) =>
        later(() => {
          const log = existing();
          const { decision, comment, fieldComments } = body;
          const entry: CalloutReview = {
            decision,
            reviewerId: null,
            version: log.version,
            at: new Date().toISOString(),
            ...(comment ? { comment } : {}),
            ...(fieldComments ? { fieldComments } : {}),
          };
          return bump(log, {
            status: decision === 'approve' ? 'approved' : 'returned',
            reviews: [...log.reviews, entry],
          });
        }),
      get: () => later(existing),
      list: () => later(() => ({ items: current ? [current] : [], nextCursor: null })),
    },
    dispatches: {
      get: () =>
        later(() => {
          if (options.noDispatch) throw new PeerNotFoundError('No such dispatch', { code: 'not_found', status: 404 });
          return dispatch;
        }),
    },
    drafts: {
      save: (key, value) => later(() => void drafts.set(key, structuredClone(value))),
      load: <T = unknown>(key: string) => later(() => drafts.get(key) as T | undefined),
      delete: (key) => later(() => void drafts.delete(key)),
    },
    // Nothing is ever sent from the canned outbox.
    outbox: { subscribe: () => () => undefined, pending: () => later(() => waiting) },
  };
}

/** Shows every problem once the form has read its log, as a failed submit would. */
const showErrors = (element: Element | undefined): void => {
  const form = element as PeerCalloutLogForm | undefined;
  if (!form) return;
  const check = async (): Promise<void> => {
    while (form.phase === 'loading') await new Promise((resolve) => setTimeout(resolve, 10));
    await form.updateComplete;
    form.reportValidity();
  };
  void check();
};

interface CalloutLogFormArgs {
  mode: CalloutLogFormMode;
  disabled: boolean;
  client: CalloutLogClient;
  /** Show every problem on load, as a failed submit does. */
  errors?: boolean;
}

const meta = {
  title: 'Elements/Call-out log form',
  component: 'peer-callout-log-form',
  excludeStories: /^[a-z]/,
  args: { mode: 'edit', disabled: false, client: fakeClient() },
  argTypes: {
    mode: { control: 'inline-radio', options: ['edit', 'review', 'view'] },
    client: { control: false },
    errors: { control: false },
  },
  render: ({ mode, disabled, client, errors }) =>
    html`<peer-callout-log-form
      .client=${client}
      dispatch-id=${dispatch.id}
      mode=${mode}
      ?disabled=${disabled}
      ${ref(errors ? showErrors : undefined)}
    ></peer-callout-log-form>`,
} satisfies Meta<CalloutLogFormArgs>;

export default meta;
type Story = StoryObj<CalloutLogFormArgs>;

/** A new log when the call-out cannot be read: nothing prefilled. */
export const Empty: Story = { args: { client: fakeClient({ noDispatch: true }) } };

/** A new log: times from the call-out's timeline, the check-in from the peer's check-in. */
export const PrefilledFromDispatch: Story = {};

/** Opened again hours after clearing: the draft kept on the phone is back, and the form says so. */
export const DraftRestored: Story = {
  args: {
    client: fakeClient({
      draft: {
        content: { ...completeContent, outcome: undefined, narrative: 'Sat with the family on the porch.' },
        keep: [],
        savedAt: minutesAgo(180),
      },
    }),
  },
};

/** The peer's own submitted log: read-only while it waits for review, "(optional)" nowhere. */
export const Submitted: Story = { args: { client: fakeClient({ log: cannedLog('submitted') }) } };

/** The narrative names a person and a phone number: each is listed with Redact and Keep. */
export const WithPiiFindings: Story = {
  args: {
    client: fakeClient({
      draft: {
        content: {
          ...completeContent,
          narrative: 'Her name is Maria Lopez. I called her sister at 217-555-0143, who came over.',
        },
        keep: [],
        savedAt: minutesAgo(1),
      },
    }),
  },
};

/** A failed submit: the problems listed at the top and beside each field. */
export const WithErrors: Story = {
  args: {
    errors: true,
    client: fakeClient({
      draft: {
        content: {
          ...completeContent,
          sceneType: undefined,
          outcome: undefined,
          times: { ...completeContent.times, arrivedAt: minutesAgo(90) },
        },
        keep: [],
        savedAt: minutesAgo(1),
      },
    }),
  },
};

/** Submitted offline: it waits in the outbox and is sent when the connection returns. */
export const QueuedOffline: Story = {
  args: {
    client: fakeClient({
      draft: {
        content: completeContent,
        keep: [],
        pending: { step: 'create', key: 'story-queued' },
        savedAt: minutesAgo(1),
      },
      waiting: 'story-queued',
    }),
  },
};

/** Returned by the supervisor: the comments beside their fields, to correct and resubmit. */
export const ReturnedWithComments: Story = {
  args: { client: fakeClient({ log: cannedLog('returned', { ...completeContent, investigatorNote: undefined }) }) },
};

/** The supervisor's review: read-only, with Approve and Return with comments. */
export const ReviewMode: Story = { args: { mode: 'review', client: fakeClient({ log: cannedLog('submitted') }) } };

/** Approved, with the review history. */
export const Approved: Story = { args: { mode: 'review', client: fakeClient({ log: cannedLog('approved') }) } };

/** Disabled, as by a disabled `<fieldset>` around it. */
export const Disabled: Story = { args: { disabled: true } };
