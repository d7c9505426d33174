// The program-staff elements in headless Chromium, with the canned data of their stories:
// - <peer-on-call-schedule>: 2 weeks × 10 areas × 3 positions, timed from the schedule's answer arriving
//   (the canned client's promise resolved) to the first screen painted: the zones, the summary and the areas
//   drawn in the update that brings the answer, rendered, laid out and painted (the first task after the frame
//   that shows them). Goal ≤ 16 ms. The answer arrives at the start of a frame (in an animation frame
//   callback), so the frame that shows the first screen is that same frame: the render, its style, layout and
//   paint all happen in it, and the first task after it ends the timing. Timed on from the same moment to the
//   whole grid painted: the first task after the frame that paints the last area (the element's
//   `updateComplete` resolves once every area is drawn); where the first frame holds every area, the two are
//   the same. Areas out of view are `content-visibility: auto`: in the DOM, not laid out or painted.
// - <peer-roster> with 2,000 peers: each keystroke in the filter box, timed from the input event to the first
//   task after the frame that paints the filtered list (as scripts/bench/picker.ts times the picker). Goal
//   ≤ 16 ms per keystroke.
// - the browser alone: the same grid as a finished DOM (the element's, cloned; and the plainest table of its
//   words) inserted in the same frame position with no script, so the floor under the schedule's goal is printed.
// Medians of `--runs` page loads. Run:
//   node --conditions=source --import tsx scripts/bench/staff.ts [--runs=3]
import { bundlePage, launchChromium, machineLoad, ms, servePage } from './page-host.js';
import { argument } from './search-queries.js';

const runs = Number(argument('runs', '3'));
/** Schedule renders per page load: with 10, the "p95" would be the slowest of them; 40 give a 95th percentile. */
const renders = 40;

/** What is typed into the roster's filter, keystroke by keystroke; `fresh` clears the box first (not timed). */
const words = ['alex', 'rivera', 'dana okafor', 'es', 'recovery', 'north', 'kai park 1999'];
const keystrokes = words.flatMap((word) =>
  Array.from(word, (_, i) => ({ text: word.slice(0, i + 1), fresh: i === 0 })),
);

const page = `
import '../../packages/elements/src/on-call-schedule/define.ts';
import '../../packages/elements/src/roster/define.ts';
import { cannedPeers, cannedRosterClient, cannedSchedule, cannedScheduleClient } from '../../stories/program-staff-data.ts';
import { frame, nextTask, quantile, timeKeystrokes } from './page-timing.ts';


/** A two-week schedule element whose schedule answer is \`answer\` (a promise), with the canned data's peers. */
const scheduleElement = (peers, data, answer) => {
  const canned = cannedScheduleClient({ peers, schedule: data });
  const el = document.createElement('peer-on-call-schedule');
  el.weeks = 2;
  el.client = { ...canned, schedule: { ...canned.schedule, resolve: () => answer }, specialists: { list: () => Promise.resolve({ items: peers, nextCursor: null }) } };
  return el;
};

window.scheduleBench = async ({ repeats }) => {
  const peers = cannedPeers(60);
  const data = cannedSchedule(peers, { areas: 10, days: 16, troubles: true });
  const first = [];
  const whole = [];
  const lastRow = (el) => [...el.shadowRoot.querySelectorAll('tbody tr')].at(-1);
  let firstAreas = 0;
  let inView = 0;
  let cells = 0;
  for (let i = 0; i < repeats; i += 1) {
    let arrive;
    const gate = new Promise((resolve) => { arrive = resolve; });
    const el = scheduleElement(peers, data, gate);
    document.body.append(el);
    await el.updateComplete;
    await frame();
    await frame();
    const t0 = performance.now();
    arrive(data);
    do { await nextTask(); } while (!lastRow(el));
    lastRow(el).getBoundingClientRect();
    first.push(performance.now() - t0);
    firstAreas = el.shadowRoot.querySelectorAll('[part~="grid"]').length;
    if (el.shadowRoot.querySelectorAll('tbody tr').length < 30) {
      await el.updateComplete;
      await frame();
      await nextTask();
      lastRow(el).getBoundingClientRect();
    }
    whole.push(performance.now() - t0);
    cells = el.shadowRoot.querySelectorAll('tbody td').length;
    inView = [...el.shadowRoot.querySelectorAll('[part~="grid"]')].filter((area) => area.getBoundingClientRect().top < innerHeight).length;
    el.remove();
  }
  return { p50: quantile(first, 0.5), p95: quantile(first, 0.95), max: quantile(first, 1), firstAreas, inView, cells, whole: { p50: quantile(whole, 0.5), p95: quantile(whole, 0.95), max: quantile(whole, 1) } };
};

// The browser's own floor for the same grid: what the element shows, with no element and no script at the
// moment the answer arrives. The element's whole grid is drawn once, then for each render its finished DOM is
// cloned beforehand and inserted, in the same frame position, into a bare shadow root with the element's
// styles: what is timed is the browser's style, layout and paint of that DOM alone. \`plain\` inserts instead
// the cheapest table of the same words: one text per cell, one line per entry, no entry boxes.
window.floorBench = async ({ repeats, plain }) => {
  const peers = cannedPeers(60);
  const data = cannedSchedule(peers, { areas: 10, days: 16, troubles: true });
  const el = scheduleElement(peers, data, Promise.resolve(data));
  document.body.append(el);
  while (el.shadowRoot?.querySelectorAll('tbody tr').length !== 30) await nextTask();
  await el.updateComplete;
  const drawn = el.shadowRoot.querySelector('.areas');
  const sheets = el.shadowRoot.adoptedStyleSheets;
  const lines = new CSSStyleSheet();
  lines.replaceSync('td { white-space: pre-line; font-size: 0.875rem; }');
  const plainCopy = () => {
    const areas = document.createElement('div');
    areas.className = 'areas';
    for (const grid of drawn.querySelectorAll('[part~="grid"]')) {
      const scroll = document.createElement('div');
      scroll.className = 'scroll';
      const table = document.createElement('table');
      for (const source of grid.querySelectorAll('tr')) {
        const row = table.insertRow();
        for (const cell of source.children) {
          const copy = document.createElement(cell.localName);
          copy.textContent = cell.localName === 'td' ? [...cell.querySelectorAll('li')].map((li) => li.textContent).join('\\n') : cell.textContent;
          row.append(copy);
        }
      }
      scroll.append(table);
      areas.append(scroll);
    }
    return areas;
  };
  const copy = plain ? plainCopy() : drawn.cloneNode(true);
  el.remove();
  const times = [];
  for (let i = 0; i < repeats; i += 1) {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = plain ? [...sheets, lines] : sheets;
    document.body.append(host);
    const grid = copy.cloneNode(true);
    grid.removeAttribute('aria-busy');
    await frame();
    await frame();
    const t0 = performance.now();
    root.append(grid);
    await nextTask();
    [...root.querySelectorAll('tr')].at(-1).getBoundingClientRect();
    times.push(performance.now() - t0);
    host.remove();
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: quantile(times, 1) };
};

window.rosterBench = async ({ keystrokes }) => {
  const peers = cannedPeers(2000);
  const el = document.createElement('peer-roster');
  el.client = cannedRosterClient({ peers });
  document.body.append(el);
  const started = performance.now();
  while (!el.shadowRoot?.querySelector('[part~="peer"]')) await nextTask();
  const first = performance.now() - started;
  const input = el.shadowRoot.querySelector('[part~="filter"]');
  let rows = 0;
  const painted = await timeKeystrokes(el, input, keystrokes, {
    paint: () => el.shadowRoot.querySelector('[part~="peer"]')?.getBoundingClientRect(),
    after: () => {
      rows = Math.max(rows, el.shadowRoot.querySelectorAll('[part~="peer"]').length);
    },
  });
  el.remove();
  return { first, p50: quantile(painted, 0.5), p95: quantile(painted, 0.95), max: quantile(painted, 1), rows };
};
window.benchReady = true;
`;

const script = await bundlePage(page, 'bench-staff-page.ts');
const { server, origin } = await servePage(() => script);

interface Timing {
  p50: number;
  p95: number;
  max: number;
}
const median = <T extends Timing>(list: readonly T[], pick: (t: T) => number) => {
  const values = list.map(pick).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? 0;
};

const browser = await launchChromium();
const version = await browser.version();
type ScheduleTiming = Timing & { firstAreas: number; inView: number; cells: number; whole: Timing };
const schedules: ScheduleTiming[] = [];
const floors: Timing[] = [];
const plainFloors: Timing[] = [];
const rosters: (Timing & { first: number; rows: number })[] = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 1280, height: 1400 });
    await tab.goto(origin);
    await tab.waitForFunction('window.benchReady === true');
    schedules.push(
      (await tab.evaluate(
        (repeats) =>
          (window as unknown as { scheduleBench: (a: unknown) => Promise<unknown> }).scheduleBench({ repeats }),
        renders,
      )) as ScheduleTiming,
    );
    for (const plain of [false, true])
      (plain ? plainFloors : floors).push(
        (await tab.evaluate(
          (args) => (window as unknown as { floorBench: (a: unknown) => Promise<unknown> }).floorBench(args),
          { repeats: renders, plain },
        )) as Timing,
      );
    rosters.push(
      (await tab.evaluate(
        (args) => (window as unknown as { rosterBench: (a: unknown) => Promise<unknown> }).rosterBench(args),
        { keystrokes },
      )) as Timing & { first: number; rows: number },
    );
    await tab.close();
  }
} finally {
  await browser.close();
  server.close();
}

console.log(`${version}, ${machineLoad()}; medians of ${String(runs)} page loads`);
console.log('| measure | p50 ms | p95 ms | max ms | notes |');
console.log('|---|---:|---:|---:|---|');
console.log(
  `| schedule: answer → first screen painted, 2 weeks × 10 areas × 3 positions (${String(renders)} renders a run) | ${ms(median(schedules, (s) => s.p50))} | ${ms(median(schedules, (s) => s.p95))} | ${ms(median(schedules, (s) => s.max))} | zones, summary and areas drawn in the first frame: ${String(schedules[0]?.firstAreas ?? 0)} (a 1280×1400 screen shows ${String(schedules[0]?.inView ?? 0)}) |`,
);
console.log(
  `| schedule: answer → whole grid painted, the same | ${ms(median(schedules, (s) => s.whole.p50))} | ${ms(median(schedules, (s) => s.whole.p95))} | ${ms(median(schedules, (s) => s.whole.max))} | all 10 areas, ${String(schedules[0]?.cells ?? 0)} cells, a few areas a frame after the first |`,
);
const floorRow = (what: string, list: readonly Timing[]) =>
  `| ${what} | ${ms(median(list, (s) => s.p50))} | ${ms(median(list, (s) => s.p95))} | ${ms(median(list, (s) => s.max))} | no element, no script when it arrives: the browser's style, layout and paint alone |`;
console.log(
  floorRow("the browser alone: the element's whole grid, its finished DOM inserted in one frame → painted", floors),
);
console.log(
  floorRow('the browser alone: the same words as the plainest table (one text per cell) → painted', plainFloors),
);
console.log(
  `| roster: keystroke → filtered list painted, 2,000 peers (${String(keystrokes.length)} keystrokes a run) | ${ms(median(rosters, (r) => r.p50))} | ${ms(median(rosters, (r) => r.p95))} | ${ms(median(rosters, (r) => r.max))} | first rows ${ms(median(rosters, (r) => r.first))} ms; ≤ ${String(Math.max(...rosters.map((r) => r.rows)))} rows in the DOM |`,
);
const schedule95 = median(schedules, (s) => s.p95);
const whole95 = median(schedules, (s) => s.whole.p95);
const roster95 = median(rosters, (r) => r.p95);
console.log(
  `figure: schedule answer → first screen painted, 2 weeks × 10 areas × 3 positions, p95 (Chromium)\t${ms(schedule95)} ms\tgoal ≤ 16 ms, ${schedule95 <= 16 ? 'met' : 'NOT met'}`,
);
console.log(
  `figure: schedule answer → whole grid painted, 2 weeks × 10 areas × 3 positions, p95 (Chromium)\t${ms(whole95)} ms\tgoal ≤ 16 ms for the whole grid, ${whole95 <= 16 ? 'met' : 'NOT met'} (the areas after the first are added over the next frames)`,
);
const floor95 = median(floors, (s) => s.p95);
const plain95 = median(plainFloors, (s) => s.p95);
console.log(
  `figure: the browser alone, the whole grid's finished DOM → painted in one frame, p95 (Chromium)\t${ms(floor95)} ms\tthe plainest table of the same words ${ms(plain95)} ms: below these no element's grid of this size can paint in one frame on this machine`,
);
console.log(
  `figure: roster filter keystroke → painted, 2,000 peers, p95 (Chromium)\t${ms(roster95)} ms\tgoal ≤ 16 ms, ${roster95 <= 16 ? 'met' : 'NOT met'}`,
);
