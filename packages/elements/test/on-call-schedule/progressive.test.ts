// <peer-on-call-schedule> drawing a grid of many areas over several frames: the first areas with the answer,
// the grid busy until the rest follow, `updateComplete` once all are there, a newer answer replacing the areas
// mid-way, and focus and the supervisor's form kept meanwhile. Canned answers (stories/program-staff-data.ts)
// stand in for the service here, to hold an answer back and hand it over at a chosen moment;
// on-call-schedule.test.ts runs the element against the real service.
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { ResolvedSchedule } from '@peerlink/sdk';
import '../../src/on-call-schedule/define.js';
import type { PeerOnCallSchedule } from '../../src/index.js';
import { cannedPeers, cannedSchedule, cannedScheduleClient } from '../../../../stories/program-staff-data.js';
import { part, textOf } from '../helpers.js';

const peers = cannedPeers(30);
const tenAreas = cannedSchedule(peers, { areas: 10, days: 16, troubles: true });
const all = (el: Element, selector: string) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
const areaNames = (el: Element) => all(el, '[part~="grid"]').map((area) => area.getAttribute('aria-label'));

/** A schedule element whose answers are handed over by the test, one `answer()` per read. */
async function heldBack(role = 'dispatcher') {
  const reads: ((schedule: ResolvedSchedule) => void)[] = [];
  const canned = cannedScheduleClient({ peers, schedule: tenAreas });
  const client = {
    ...canned,
    schedule: {
      ...canned.schedule,
      resolve: () =>
        new Promise<ResolvedSchedule>((resolve) => {
          reads.push(resolve);
        }),
    },
    specialists: { list: () => Promise.resolve({ items: peers, nextCursor: null }) },
  };
  const el = await fixture<PeerOnCallSchedule>(html`<peer-on-call-schedule
    .client=${client}
    weeks="2"
    viewer-role=${role}
    viewer-time-zone="America/Chicago"
  ></peer-on-call-schedule>`);
  /** Hands `schedule` to the latest read; resolves with the grid as the update that brings it leaves it. */
  const answer = async (schedule: ResolvedSchedule) => {
    const root = el.shadowRoot;
    if (!root) throw new Error('not rendered');
    for (let tries = 0; tries < 100 && reads.length === 0; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    reads.pop()?.(schedule);
    // Observed from now: the update this answer brings writes its DOM in the microtasks that follow, and the
    // observer is called once it has, before any later frame or task.
    return new Promise<{ areas: (string | null)[]; busy: string | null; summary: string }>((resolve) => {
      const observer = new MutationObserver(() => {
        const container = root.querySelector('.areas');
        if (!container?.querySelector('[part~="grid"]')) return;
        observer.disconnect();
        resolve({
          areas: areaNames(el),
          busy: container.getAttribute('aria-busy'),
          summary: textOf(part(el, 'summary')),
        });
      });
      observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    });
  };
  return { el, answer };
}

/** The canned schedule with each area renamed, as a newer answer naming other areas. */
const renamed = (schedule: ResolvedSchedule, prefix: string): ResolvedSchedule => ({
  ...schedule,
  segments: schedule.segments.map((segment) => ({ ...segment, area: `${prefix}${segment.area}` })),
  gaps: schedule.gaps.map((gap) => ({ ...gap, area: `${prefix}${gap.area}` })),
  conflicts: schedule.conflicts.map((conflict) => ({
    ...conflict,
    slots: conflict.slots.map((slot) => ({ ...slot, area: `${prefix}${slot.area}` })),
  })),
});

describe('<peer-on-call-schedule> drawing many areas', function () {
  // axe over ten areas' tables takes seconds on a machine shared with the rest of the suite.
  this.timeout(60_000);
  it('draws the first areas with the answer and the rest in later frames, busy until all are there', async () => {
    const { el, answer } = await heldBack();
    const first = await answer(tenAreas);
    expect(first.areas.length, 'the first areas only').to.be.within(1, 9);
    expect(first.areas[0]).to.equal('Area area-1');
    expect(first.busy).to.equal('true');
    expect(first.summary, 'the summary counts every area from the start').to.match(/^Gaps: 1\. Conflicts: 1\.$/);

    await el.updateComplete;
    expect(areaNames(el)).to.deep.equal([
      ...Array.from({ length: 9 }, (_, i) => `Area area-${String(i + 1)}`),
      'Area north',
    ]);
    expect(all(el, 'tbody tr')).to.have.length(30);
    expect(el.shadowRoot?.querySelector('.areas')?.hasAttribute('aria-busy')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('replaces the areas with a newer answer arriving mid-way, and appends none of the older ones', async () => {
    const { el, answer } = await heldBack();
    const first = await answer(tenAreas);
    expect(first.areas.length).to.be.lessThan(10);
    // Until the newer answer comes, the older one is what is shown (redrawn for one week, its drawing going on).
    el.weeks = 1;
    const newer = await answer(renamed(tenAreas, 'new-'));
    expect(newer.areas.every((name) => name?.startsWith('Area new-'))).to.equal(true);
    expect(newer.busy, 'the older answer was still being drawn').to.equal('true');
    const added: (string | null)[] = [];
    const container = el.shadowRoot?.querySelector('.areas');
    if (!container) throw new Error('no grid');
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes)
          if (node instanceof HTMLElement && node.matches('[part~="grid"]'))
            added.push(node.getAttribute('aria-label'));
    }).observe(container, { childList: true });
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(areaNames(el)).to.have.length(10);
    expect([...areaNames(el), ...added].filter((name) => !name?.startsWith('Area new-'))).to.deep.equal([]);
    expect(all(el, '[part~="grid"]:first-of-type thead th')).to.have.length(8, 'one week: the position and 7 days');
  });

  it('keeps focus and what a supervisor types while later areas are appended', async () => {
    const { el, answer } = await heldBack('supervisor');
    const first = await answer(tenAreas);
    expect(first.busy).to.equal('true');
    const reason = el.shadowRoot?.querySelector<HTMLInputElement>('[name="reason"]');
    if (!reason) throw new Error('no override form');
    reason.focus();
    await sendKeys({ type: 'Sick leave' });
    await el.updateComplete;
    expect(areaNames(el)).to.have.length(10);
    expect(el.shadowRoot?.activeElement).to.equal(reason);
    expect(reason.value).to.equal('Sick leave');
    await sendKeys({ type: ', swap' });
    expect(reason.value).to.equal('Sick leave, swap');
  });
});
