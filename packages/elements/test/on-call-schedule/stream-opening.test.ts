// <peer-on-call-schedule> when its event stream opens after its first read: a change made in between reaches
// no stream, so the schedule is read again when the stream says it has opened. Canned answers
// (stories/program-staff-data.ts) stand in for the service, to open the stream at a chosen moment.
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import type { ResolvedSchedule, Watch } from '@peerlink/sdk';
import '../../src/on-call-schedule/define.js';
import type { PeerOnCallSchedule } from '../../src/index.js';
import { cannedPeers, cannedSchedule, cannedScheduleClient } from '../../../../stories/program-staff-data.js';

const peers = cannedPeers(6);
const before = cannedSchedule(peers, { areas: 1, days: 8 });
// Read after the change: the same week, one more area.
const after = cannedSchedule(peers, { areas: 2, days: 8 });
const areas = (el: Element) => el.shadowRoot?.querySelectorAll('[part~="grid"]').length ?? 0;

/** A client whose schedule stream opens when the test says, answering `answers` in turn to its reads. */
function client(answers: readonly ResolvedSchedule[]) {
  const canned = cannedScheduleClient({ peers, schedule: before });
  let reads = 0;
  let listener: ((value: { opened: number }) => void) | undefined;
  const watch: Watch<{ opened: number }> = {
    mode: 'stream',
    subscribe: (next) => {
      listener = next;
      return () => (listener = undefined);
    },
    close: () => undefined,
    async *[Symbol.asyncIterator]() {
      // Not used by the element.
    },
  };
  return {
    reads: () => reads,
    open: () => listener?.({ opened: Date.now() }),
    client: {
      ...canned,
      schedule: {
        ...canned.schedule,
        resolve: () => Promise.resolve(answers[Math.min(reads++, answers.length - 1)] as ResolvedSchedule),
        watch: () => watch as unknown as ReturnType<typeof canned.schedule.watch>,
      },
    },
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).to.equal(true);
}

describe('<peer-on-call-schedule> stream opening', () => {
  it('reads the schedule again when its stream opens after the first read, and shows what changed meanwhile', async () => {
    const canned = client([before, after]);
    const el = await fixture<PeerOnCallSchedule>(
      html`<peer-on-call-schedule .client=${canned.client}></peer-on-call-schedule>`,
    );
    await until(() => areas(el) === 1);
    expect(canned.reads()).to.equal(1);
    canned.open();
    await until(() => areas(el) === 2);
    expect(canned.reads()).to.equal(2);
    // Later values are changes: each is read too.
    canned.open();
    await until(() => canned.reads() === 3);
  });
});
