// <peer-on-call-schedule> following the clock: who is on call now is named again at a handoff with no event and no
// read, in the one-line view and in the grid, and an element off the page waits, then catches up when it is back.
// Canned answers (stories/program-staff-data.ts) stand in for the service, to put a handoff two seconds ahead;
// on-call-schedule.test.ts runs the element against the real service.
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import type { ResolvedSchedule, ScheduleSegment } from '@peerlink/sdk';
import '../../src/on-call-schedule/define.js';
import type { PeerOnCallSchedule } from '../../src/index.js';
import { cannedPeers, cannedScheduleClient } from '../../../../stories/program-staff-data.js';
import { part, textOf } from '../helpers.js';
import { until } from '../request-button/server.js';

const DAY = 86_400_000;
const [before, after] = cannedPeers(2);
if (!before || !after) throw new Error('no peers');

/** A client answering a schedule of area `north` whose primary hands over from `before` to `after` at `handoff`. */
function handingOver(handoff: number) {
  const now = Date.now();
  const turn = (specialistId: string, startsAt: number, endsAt: number): ScheduleSegment => ({
    area: 'north',
    position: 'primary',
    specialistId,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
    source: 'rotation',
    sourceId: before?.id ?? '',
  });
  const schedule: ResolvedSchedule = {
    timeZone: 'America/Chicago',
    from: new Date(now - DAY).toISOString(),
    to: new Date(now + 8 * DAY).toISOString(),
    segments: [turn(before?.id ?? '', now - 3_600_000, handoff), turn(after?.id ?? '', handoff, now + 2 * DAY)],
    gaps: [],
    conflicts: [],
  };
  const canned = cannedScheduleClient({ peers: [before, after].flatMap((peer) => peer ?? []), schedule });
  let reads = 0;
  return {
    reads: () => reads,
    client: {
      ...canned,
      schedule: {
        ...canned.schedule,
        resolve: (...args: Parameters<typeof canned.schedule.resolve>) => {
          reads += 1;
          return canned.schedule.resolve(...args);
        },
      },
    },
  };
}

/** The one-line view of area `north`, once it names who is on call. */
async function nowView(client: ReturnType<typeof handingOver>['client']): Promise<PeerOnCallSchedule> {
  const el = await fixture<PeerOnCallSchedule>(
    html`<peer-on-call-schedule .client=${client} area="north" view="now"></peer-on-call-schedule>`,
  );
  await until(() => el.shadowRoot?.querySelector('[part~="now"]') != null);
  return el;
}

const primaryNow = (el: Element) => textOf(el.shadowRoot?.querySelector('[part~="now"] .slot'));
const markedNow = (el: Element) =>
  [...(el.shadowRoot?.querySelectorAll('[part~="shift"][part~="now"] .who') ?? [])].map(textOf);

describe('<peer-on-call-schedule> following the clock', function () {
  this.timeout(20_000);

  it('names the next person on call in the one-line view at the handoff, with no event and no read', async () => {
    const handoff = Date.now() + 2_000;
    const canned = handingOver(handoff);
    const el = await nowView(canned.client);
    expect(primaryNow(el)).to.equal(`Primary: ${before.displayName}`);
    await until(() => primaryNow(el) === `Primary: ${after.displayName}`, 5_000);
    expect(Date.now()).to.be.at.least(handoff);
    expect(canned.reads(), 'the schedule is not read again for a handoff').to.equal(1);
  });

  it('moves the "On call now" mark in the grid at the handoff', async () => {
    const handoff = Date.now() + 2_000;
    const canned = handingOver(handoff);
    const el = await fixture<PeerOnCallSchedule>(
      html`<peer-on-call-schedule
        .client=${canned.client}
        area="north"
        viewer-time-zone="America/Chicago"
      ></peer-on-call-schedule>`,
    );
    await until(() => markedNow(el).length > 0);
    expect(markedNow(el)).to.deep.equal([before.displayName]);
    await until(() => markedNow(el).includes(after.displayName), 5_000);
    expect(markedNow(el)).to.deep.equal([after.displayName]);
    expect(textOf(part(el, 'shift')))
      .to.contain(before.displayName)
      .and.not.to.contain('On call now');
    expect(canned.reads()).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('waits while off the page and names who is on call now once back on it', async () => {
    const handoff = Date.now() + 1_500;
    const canned = handingOver(handoff);
    const el = await nowView(canned.client);
    const parent = el.parentElement;
    if (!parent) throw new Error('not on the page');
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, handoff - Date.now() + 500));
    expect(primaryNow(el), 'no timer runs off the page').to.equal(`Primary: ${before.displayName}`);
    parent.append(el);
    await until(() => primaryNow(el) === `Primary: ${after.displayName}`, 3_000);
  });
});
