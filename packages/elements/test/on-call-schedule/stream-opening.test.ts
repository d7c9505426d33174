// <peer-on-call-schedule> and its event stream: a change made between the first read and the stream opening
// reaches no stream, so the schedule is read again when the stream says it has opened; a read the stream
// prompts is a quiet refresh, which keeps what is shown when it fails. Canned answers
// (stories/program-staff-data.ts) stand in for the service, to open the stream at a chosen moment.
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import type { ResolvedSchedule, Watch, WatchOptions } from '@peerlink/sdk';
import '../../src/on-call-schedule/define.js';
import type { PeerOnCallSchedule } from '../../src/index.js';
import { cannedPeers, cannedSchedule, cannedScheduleClient } from '../../../../stories/program-staff-data.js';

const peers = cannedPeers(6);
const before = cannedSchedule(peers, { areas: 1, days: 8 });
// Read after the change: the same week, one more area.
const after = cannedSchedule(peers, { areas: 2, days: 8 });
const areas = (el: Element) => el.shadowRoot?.querySelectorAll('[part~="grid"]').length ?? 0;

/** A client whose schedule stream opens when the test says, answering `answers` in turn to its reads. */
function client(answers: readonly (ResolvedSchedule | Error)[]) {
  const canned = cannedScheduleClient({ peers, schedule: before });
  let reads = 0;
  let listener: ((value: { opened: number }) => void) | undefined;
  const watched: WatchOptions[] = [];
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
    watched,
    open: () => listener?.({ opened: Date.now() }),
    client: {
      ...canned,
      schedule: {
        ...canned.schedule,
        resolve: () => {
          const answer = answers[Math.min(reads++, answers.length - 1)];
          return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer as ResolvedSchedule);
        },
        watch: (options: WatchOptions = {}) => {
          watched.push(options);
          return watch as unknown as ReturnType<typeof canned.schedule.watch>;
        },
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
    const startedAt = performance.now();
    const canned = client([before, after]);
    const el = await fixture<PeerOnCallSchedule>(
      html`<peer-on-call-schedule .client=${canned.client}></peer-on-call-schedule>`,
    );
    await until(() => areas(el) === 1);
    expect(canned.reads()).to.equal(1);
    // The stream is joined holding that read, so a stream open since before it need not read again.
    expect(canned.watched).to.have.length(1);
    const heldSince = canned.watched[0]?.heldSince ?? -1;
    expect(heldSince).to.be.within(startedAt, performance.now());
    canned.open();
    await until(() => areas(el) === 2);
    expect(canned.reads()).to.equal(2);
    // Later values are changes: each is read too.
    canned.open();
    await until(() => canned.reads() === 3);
  });

  it('keeps what it shows, with no failure and no peer-error, when a read the stream prompts fails', async () => {
    const canned = client([before, new TypeError('Failed to fetch'), after]);
    const el = await fixture<PeerOnCallSchedule>(
      html`<peer-on-call-schedule .client=${canned.client}></peer-on-call-schedule>`,
    );
    const errors: unknown[] = [];
    el.addEventListener('peer-error', (event) => errors.push(event));
    await until(() => areas(el) === 1);
    canned.open();
    await until(() => canned.reads() === 2);
    await el.updateComplete;
    expect(areas(el)).to.equal(1);
    expect(el.shadowRoot?.querySelector('[part~="error"]')).to.equal(null);
    expect(errors).to.deep.equal([]);
    // The next change reads again and shows it.
    canned.open();
    await until(() => areas(el) === 2);
  });
});
