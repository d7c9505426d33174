// <peer-referral-picker> searching: every filter through its chips (in the browser's own index
// and against the real service), prefix and typo search through the box, the combobox keys, and
// a 50,000-entry directory that renders only a window of rows.
import { expect, fixture } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { html } from 'lit';
import type { Resource, ResourceInput } from '@peerlink/sdk';
import '../../src/referral-picker/define.js';
import type { PeerReferralPicker, ReferralClient } from '../../src/index.js';
import { textOf } from '../helpers.js';
import { setup, type Setup } from '../request-button/server.js';
import {
  HERE,
  NOW,
  asResources,
  button,
  chip,
  directory,
  insertResources,
  names,
  options,
  ownClient,
  pickerSuite,
  searchBox,
  shadow,
  syntheticDirectory,
  type,
  uniqueTag,
  until,
} from './support.js';

const server: Setup = await setup();

/** Every row of the small directory fits: the window is the whole list. */
const tall = '--peer-referral-picker-list-height: 120rem';

async function mountLocal(resources: readonly Resource[], near = HERE): Promise<PeerReferralPicker> {
  const el = await fixture<PeerReferralPicker>(
    html`<peer-referral-picker style=${tall} .resources=${resources} .now=${NOW} .near=${near}></peer-referral-picker>`,
  );
  await until(
    () => options(el).length > 0 || textOf(shadow(el).querySelector('.count')).startsWith('No'),
    5000,
    'the first results',
  );
  return el;
}

/** Names shown once the list has settled on `count` rows. */
async function shown(el: PeerReferralPicker, count: number): Promise<string[]> {
  // Generous: the service builds its index on an agency's first search, slowly on a busy machine.
  await until(
    () => names(el).length === count && !names(el).includes(''),
    15_000,
    `${String(count)} rows (now ${names(el).join(', ')})`,
  );
  return names(el).map((name) => name.replace(/^zq\w+ /, ''));
}

const sorted = (list: string[]) => [...list].sort();

type Search = ReferralClient['resources']['search'];
/** `client`, its resource searches going through `search`, which is handed the real one to call. */
const searchingThrough = (
  client: ReferralClient,
  search: (real: Search, ...args: Parameters<Search>) => ReturnType<Search>,
): ReferralClient => ({
  ...client,
  resources: { search: (...args) => search((...again) => client.resources.search(...again), ...args) },
});

/** Each chip and the resources of `directory()` it leaves, with `near` downtown and the clock at `NOW`. */
const FILTERS: [chips: string[], expected: string[]][] = [
  [['Detox'], ['Harbor Light Detox Center']],
  [
    ['Medication for opioid use disorder', 'Food'],
    ['Bridgeway Jail MOUD Continuation', 'Riverbend Methadone Clinic', 'Sunrise Food Pantry'],
  ],
  [
    ['Open now'],
    [
      'Bridgeway Jail MOUD Continuation',
      'Harbor Light Detox Center',
      'Keystone Treatment Court Clinic',
      'Open Door Crisis Stabilization Unit',
      'Riverbend Methadone Clinic',
    ],
  ],
  [
    ['Accepts Medicaid'],
    ['Harbor Light Detox Center', 'Open Door Crisis Stabilization Unit', 'Riverbend Methadone Clinic'],
  ],
  [
    ['Free'],
    [
      'Bridgeway Jail MOUD Continuation',
      'Gateway Rides to Recovery',
      'Keystone Treatment Court Clinic',
      'Lakeview Evening Recovery Meeting',
      'Pathways Syringe Services',
      'Sunrise Food Pantry',
    ],
  ],
  [['Has openings'], ['Harbor Light Detox Center', 'Open Door Crisis Stabilization Unit']],
  [['Spanish'], ['Harbor Light Detox Center', 'Lakeview Evening Recovery Meeting', 'Pathways Syringe Services']],
  [
    ['Within 50 km'],
    [
      'Bridgeway Jail MOUD Continuation',
      'Cedar Grove Recovery Residence',
      'Gateway Rides to Recovery',
      'Harbor Light Detox Center',
      'Keystone Treatment Court Clinic',
      'Lakeview Evening Recovery Meeting',
      'Pathways Syringe Services',
      'Riverbend Methadone Clinic',
      'Sunrise Food Pantry',
    ],
  ],
  [
    ['Within 25 km', 'Accepts Medicaid'],
    ['Harbor Light Detox Center', 'Riverbend Methadone Clinic'],
  ],
  [
    ['Jail or prison', 'Court'],
    ['Bridgeway Jail MOUD Continuation', 'Keystone Treatment Court Clinic'],
  ],
  [['Hospital'], ['Open Door Crisis Stabilization Unit']],
  [['4 · Reentry'], ['Bridgeway Jail MOUD Continuation', 'Cedar Grove Recovery Residence']],
  [
    ['1 · Law enforcement', '2 · Initial detention and first hearing'],
    ['Keystone Treatment Court Clinic', 'Open Door Crisis Stabilization Unit'],
  ],
  [['Free', 'Open now', 'Medication for opioid use disorder'], ['Bridgeway Jail MOUD Continuation']],
];

/** What a person types, and the resources of `directory()` (with `evanston()`) it finds. */
const EVERYDAY: [typed: string, expected: string[]][] = [
  ['suboxone', ['Bridgeway Jail MOUD Continuation', 'Riverbend Methadone Clinic']],
  ['narcan', ['Pathways Syringe Services']],
  ['AA', ['Lakeview Evening Recovery Meeting']],
  ['detox near me', ['Harbor Light Detox Center', 'North Shore Withdrawal Center']],
  ['detox evanston', ['North Shore Withdrawal Center']],
  ['detox in chicago', ['Harbor Light Detox Center']],
];

/** A detox service in another city of the directory than the rest. */
const evanston = (tag = ''): ResourceInput => {
  const [harbor] = directory(tag);
  if (!harbor) throw new Error('no resources');
  return {
    ...harbor,
    name: `${tag ? `${tag} ` : ''}North Shore Withdrawal Center`,
    location: {
      lat: 42.0451,
      lon: -87.6877,
      address: { street: '1 Church St', city: 'Evanston', region: 'IL', postalCode: '60201', country: 'US' },
    },
  };
};

/** Presses `chips` (opening "More filters" for setting and stage), checking each says it is pressed. */
async function press(el: PeerReferralPicker, chips: string[]): Promise<void> {
  const more = button(el, 'More filters');
  if (more.getAttribute('aria-expanded') !== 'true') {
    more.click();
    await el.updateComplete;
  }
  for (const text of chips) {
    const target = chip(el, text);
    expect(target.getAttribute('aria-pressed')).to.equal('false', text);
    target.click();
    await el.updateComplete;
    expect(chip(el, text).getAttribute('aria-pressed')).to.equal('true', text);
  }
}

describe('<peer-referral-picker> search', function () {
  // Room for the whole small directory.
  pickerSuite(this, 3200);

  describe('in the browser (local resources)', () => {
    const resources = asResources(directory());

    it('lists the whole directory, nearest first, with each row’s facts', async () => {
      const el = await mountLocal(resources);
      const all = await shown(el, 10);
      // Seven are downtown, in name order; then 15, 42 and 130 km away.
      expect(all.slice(0, 2)).to.deep.equal(['Bridgeway Jail MOUD Continuation', 'Gateway Rides to Recovery']);
      expect(all.slice(-3)).to.deep.equal([
        'Riverbend Methadone Clinic',
        'Cedar Grove Recovery Residence',
        'Open Door Crisis Stabilization Unit',
      ]);
      expect(textOf(shadow(el).querySelector('.count'))).to.equal('10 resources');
      const harbor = options(el).find((option) => textOf(option).includes('Harbor Light'));
      expect(textOf(harbor))
        .to.include('Detox')
        .and.include('0 km away')
        .and.include('Open now')
        .and.include('Languages: English, Spanish')
        .and.include('Medicaid')
        .and.include('4 open');
      const meeting = options(el).find((option) => textOf(option).includes('Lakeview'));
      expect(textOf(meeting)).to.include('Closed now').and.include('No Medicaid');
      const residence = options(el).find((option) => textOf(option).includes('Cedar Grove'));
      expect(textOf(residence)).to.include('Full');
    });

    for (const [chips, expected] of FILTERS) {
      it(`filters by ${chips.join(' + ')}`, async () => {
        const el = await mountLocal(resources);
        await shown(el, 10);
        await press(el, chips);
        expect(sorted(await shown(el, expected.length))).to.deep.equal(sorted(expected));
        // Pressing again lets go of the filter.
        for (const text of chips) chip(el, text).click();
        await el.updateComplete;
        expect(await shown(el, 10)).to.have.length(10);
      });
    }

    it('clears every filter at once', async () => {
      const el = await mountLocal(resources);
      await press(el, ['Free', 'Hospital']);
      expect(await shown(el, 0)).to.deep.equal([]);
      expect(textOf(shadow(el).querySelector('.count'))).to.equal('No resources match.');
      button(el, 'Clear filters').click();
      await el.updateComplete;
      expect(await shown(el, 10)).to.have.length(10);
      expect(chip(el, 'Free').getAttribute('aria-pressed')).to.equal('false');
    });

    it('shows no distance chips without a point to measure from', async () => {
      const el = await fixture<PeerReferralPicker>(
        html`<peer-referral-picker style=${tall} .resources=${resources} .now=${NOW}></peer-referral-picker>`,
      );
      await shown(el, 10);
      expect([...shadow(el).querySelectorAll('.chip')].map((node) => textOf(node))).not.to.include('Within 10 km');
      expect(textOf(options(el)[0])).not.to.include('away');
      // Without a point the list is by name.
      expect(names(el)[0]).to.equal('Bridgeway Jail MOUD Continuation');
    });

    it('finds by the start of a word and despite one wrong letter, typed into the box', async () => {
      const el = await mountLocal(resources);
      await shown(el, 10);
      searchBox(el).focus();
      await sendKeys({ type: 'harbo' });
      expect(await shown(el, 1)).to.deep.equal(['Harbor Light Detox Center']);
      await sendKeys({ press: 'Escape' });
      await sendKeys({ press: 'Escape' });
      expect(searchBox(el).value).to.equal('');
      await sendKeys({ type: 'riverbemd' });
      expect(await shown(el, 1)).to.deep.equal(['Riverbend Methadone Clinic']);
      await type(el, 'syringe sevices');
      expect(await shown(el, 1)).to.deep.equal(['Pathways Syringe Services']);
      await type(el, 'xylophone');
      expect(await shown(el, 0)).to.deep.equal([]);
      expect(textOf(shadow(el).querySelector('.count'))).to.equal('No resources match.');
    });

    it('finds services by the names people use (brands, initials, "near me") and narrows by a city named', async () => {
      const el = await mountLocal(asResources([...directory(), evanston()]));
      for (const [typed, expected] of EVERYDAY) {
        await type(el, typed);
        expect(sorted(await shown(el, expected.length))).to.deep.equal(sorted(expected), typed);
      }
    });

    it('works as a combobox: arrows, Home and End, Enter, Escape', async () => {
      const el = await mountLocal(resources);
      await shown(el, 10);
      const input = searchBox(el);
      expect(input.getAttribute('role')).to.equal('combobox');
      expect(input.getAttribute('aria-autocomplete')).to.equal('list');
      expect(input.getAttribute('aria-controls')).to.equal('listbox');
      expect(shadow(el).getElementById('listbox')?.getAttribute('role')).to.equal('listbox');
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
      input.focus();
      const activeName = () =>
        textOf(
          shadow(el)
            .getElementById(input.getAttribute('aria-activedescendant') ?? '')
            ?.querySelector('.name'),
        );
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant')).to.equal('opt-0');
      expect(shadow(el).getElementById('opt-0')?.getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant')).to.equal('opt-2');
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant')).to.equal('opt-1');
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant')).to.equal('opt-9');
      expect(activeName()).to.equal('Open Door Crisis Stabilization Unit', 'the farthest');
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant')).to.equal('opt-0');

      const selected: string[] = [];
      el.addEventListener('peer-resource-selected', (event) => selected.push(event.detail.resource.name));
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(selected).to.have.length(1);
      const detail = shadow(el).querySelector('[part~="detail"]');
      expect(textOf(detail?.querySelector('h3'))).to.equal(selected[0]);
      expect(shadow(el).activeElement?.id).to.equal('detail-heading', 'focus moves to the details');

      input.focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
      expect(shadow(el).querySelector<HTMLElement>('.results')?.hidden).to.equal(true);
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(input.getAttribute('aria-expanded')).to.equal('true');
    });

    it('shows a chosen resource’s details, hours in its own time zone', async () => {
      const el = await mountLocal(resources);
      await shown(el, 10);
      const row = options(el).find((option) => textOf(option).includes('Riverbend'));
      row?.click();
      await el.updateComplete;
      const detail = shadow(el).querySelector('[part~="detail"]');
      const text = textOf(detail);
      expect(text).to.include('Riverbend Methadone Clinic');
      expect(text).to.include('Mon–Fri: 6:00 AM–2:00 PM');
      expect(text).to.include('Times are in Central Time');
      expect(text).to.include('Accepts Medicaid');
      expect(text).to.include('Not reported');
      button(el, 'Back to results').click();
      await el.updateComplete;
      expect(shadow(el).querySelector('[part~="detail"]')).to.equal(null);
      expect(shadow(el).activeElement).to.equal(searchBox(el));
    });

    it('leaves the host page where it is while typing', async () => {
      await setViewport({ width: 1200, height: 900 });
      try {
        const el = await mountLocal(resources);
        await shown(el, 10);
        window.scrollTo(0, 0);
        searchBox(el).focus({ preventScroll: true });
        await sendKeys({ type: 'recov' });
        await el.updateComplete;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        expect(window.scrollY).to.equal(0);
        expect(shadow(el).getElementById('listbox')?.scrollTop).to.equal(0);
      } finally {
        await setViewport({ width: 1200, height: 3200 });
      }
    });

    it('rebuilds its index when the host gives it another array', async () => {
      const el = await mountLocal(resources);
      await shown(el, 10);
      el.resources = resources.slice(0, 3);
      await el.updateComplete;
      expect(await shown(el, 3)).to.have.length(3);
    });
  });

  describe('on a screen', () => {
    const many = syntheticDirectory(400, 3);
    afterEach(async () => {
      await setViewport({ width: 1200, height: 3200 });
    });

    /** Whether `node` takes up room on the page (not hidden, nor inside something hidden). */
    const shown = (node: Element | null | undefined) => node instanceof HTMLElement && node.getClientRects().length > 0;

    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      it(`shows the first result without scrolling at ${String(width)}×${String(height)}, the rarely used filters folded away`, async () => {
        await setViewport({ width, height });
        window.scrollTo(0, 0);
        const el = await fixture<PeerReferralPicker>(
          html`<peer-referral-picker .resources=${many} .now=${NOW} .near=${HERE}></peer-referral-picker>`,
        );
        await until(() => options(el).length > 0, 10_000, 'the first rows');
        const more = button(el, 'More filters');
        const folded = shadow(el).getElementById('more-filters');
        expect(more.getAttribute('aria-expanded')).to.equal('false');
        expect(more.getAttribute('aria-controls')).to.equal('more-filters');
        expect(shown(folded)).to.equal(false, 'the folded filters take no room');
        for (const text of ['Hospital', '4 · Reentry', 'Within 10 km', 'Spanish'])
          expect(shown(chip(el, text))).to.equal(false, text);
        const first = shadow(el).getElementById('opt-0')?.getBoundingClientRect();
        expect(first && first.top >= 0 && first.bottom <= window.innerHeight).to.equal(
          true,
          `first result at ${String(first?.top)}–${String(first?.bottom)} of ${String(window.innerHeight)}`,
        );
        expect(window.scrollY).to.equal(0);

        more.click();
        await el.updateComplete;
        expect(more.getAttribute('aria-expanded')).to.equal('true');
        for (const text of ['Hospital', '4 · Reentry', 'Within 10 km', 'Spanish'])
          expect(shown(chip(el, text))).to.equal(true, text);
        // A filter pressed inside stays in sight on the button once folded again.
        chip(el, 'Spanish').click();
        await el.updateComplete;
        more.click();
        await el.updateComplete;
        expect(textOf(button(el, 'More filters (1 on)'))).to.equal('More filters (1 on)');
        expect(shown(folded)).to.equal(false);
      });
    }

    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      it(`keeps the active option inside the list while arrowing through it, the page still (${String(width)}×${String(height)})`, async () => {
        await setViewport({ width, height });
        window.scrollTo(0, 0);
        const el = await fixture<PeerReferralPicker>(
          html`<peer-referral-picker .resources=${many} .now=${NOW} .near=${HERE}></peer-referral-picker>`,
        );
        await until(() => options(el).length > 0, 10_000, 'the first rows');
        const input = searchBox(el);
        input.focus();
        for (let i = 0; i < 20; i += 1) {
          await sendKeys({ press: 'ArrowDown' });
          await el.updateComplete;
          await new Promise((resolve) => requestAnimationFrame(resolve));
          await new Promise((resolve) => requestAnimationFrame(resolve));
          expect(input.getAttribute('aria-activedescendant')).to.equal(`opt-${String(i)}`);
          const active = shadow(el)
            .getElementById(`opt-${String(i)}`)
            ?.getBoundingClientRect();
          const list = shadow(el).getElementById('listbox')?.getBoundingClientRect();
          expect(
            active &&
              list &&
              active.top >= list.top - 1 &&
              active.bottom <= list.bottom + 1 &&
              active.bottom <= window.innerHeight,
          ).to.equal(
            true,
            `option ${String(i)} at ${String(active?.top)}–${String(active?.bottom)}, list ${String(list?.top)}–${String(list?.bottom)}`,
          );
          expect(window.scrollY).to.equal(0, 'the host page does not move');
        }
      });
    }

    it('names languages in words, in the viewer’s language, American Sign Language included', async () => {
      const signing = asResources(directory()).map((resource, index) =>
        index === 0 ? { ...resource, languages: ['en', 'ase', 'ood'] } : resource,
      );
      for (const [lang, names] of [
        ['en', ['English', 'American Sign Language', 'Tohono O’odham']],
        ['es', ['inglés', 'lengua de señas americana', 'tohono o’odham']],
      ] as const) {
        const el = await fixture<PeerReferralPicker>(
          html`<peer-referral-picker lang=${lang} style=${tall} .resources=${signing} .now=${NOW}></peer-referral-picker>`,
        );
        await until(() => options(el).length === 10, 5000, 'the directory');
        const harbor = options(el).find((option) => textOf(option).includes('Harbor Light'));
        for (const name of names) expect(textOf(harbor)).to.include(name);
        expect(textOf(harbor)).not.to.match(/\base\b|\bood\b/);
      }
    });
    it('says how old each row’s openings are, in the viewer’s language, the exact time in its title', async () => {
      const twoHoursAgo = new Date(NOW.getTime() - 2 * 3_600_000).toISOString();
      const threeDaysAgo = new Date(NOW.getTime() - 3 * 86_400_000).toISOString();
      const reported = asResources(directory()).map((resource) =>
        resource.capacity?.available === 4
          ? { ...resource, capacity: { ...resource.capacity, updatedAt: twoHoursAgo } }
          : resource.capacity?.available === 0
            ? { ...resource, capacity: { ...resource.capacity, updatedAt: threeDaysAgo } }
            : resource,
      );
      for (const [lang, fresh, stale] of [
        ['en', '4 open · updated 2 hours ago', 'Full · updated 3 days ago'],
        ['es', '4 libres · actualizado hace 2 horas', 'Completo · actualizado hace 3 días'],
      ] as const) {
        const el = await fixture<PeerReferralPicker>(
          html`<peer-referral-picker lang=${lang} style=${tall} .resources=${reported} .now=${NOW}></peer-referral-picker>`,
        );
        await until(() => options(el).length === 10, 5000, 'the directory');
        const harbor = options(el).find((option) => textOf(option).includes('Harbor Light'));
        expect(textOf(harbor)).to.include(fresh);
        const age = harbor?.querySelector('time.age');
        expect(age?.getAttribute('datetime')).to.equal(twoHoursAgo);
        expect(age?.getAttribute('title')).to.include('2026');
        expect(age?.classList.contains('stale')).to.equal(false);
        const residence = options(el).find((option) => textOf(option).includes('Cedar Grove'));
        expect(textOf(residence)).to.include(stale);
        expect(residence?.querySelector('time.age')?.classList.contains('stale')).to.equal(true);
      }
    });
  });

  describe('50,000 resources in the browser', () => {
    const big = syntheticDirectory(50_000, 7);

    it('renders a window of rows and reaches the 1,000th result by keyboard', async () => {
      const el = await fixture<PeerReferralPicker>(
        html`<peer-referral-picker .resources=${big} .now=${NOW}></peer-referral-picker>`,
      );
      await until(() => options(el).length > 0, 10_000, 'the first rows');
      expect(textOf(shadow(el).querySelector('.count'))).to.equal('50,000 resources');
      expect(options(el).length).to.be.greaterThan(0).and.lessThan(100);
      const input = searchBox(el);
      input.focus();
      for (let i = 0; i < 1000; i += 1) await sendKeys({ press: 'ArrowDown' });
      await until(
        () => shadow(el).getElementById('opt-999')?.querySelector('.name') instanceof HTMLElement,
        10_000,
        'the 1,000th row',
      );
      expect(input.getAttribute('aria-activedescendant')).to.equal('opt-999');
      const option = shadow(el).getElementById('opt-999');
      expect(option?.getAttribute('aria-selected')).to.equal('true');
      expect(option?.getAttribute('aria-posinset')).to.equal('1000');
      expect(option?.getAttribute('aria-setsize')).to.equal('50000');
      // In view inside the list.
      const list = shadow(el).getElementById('listbox')?.getBoundingClientRect();
      const box = option?.getBoundingClientRect();
      expect(box && list && box.top >= list.top - 1 && box.bottom <= list.bottom + 1).to.equal(true);
      expect(options(el).length).to.be.lessThan(100);
      // Enter picks that very row.
      const picked = textOf(option?.querySelector('.name'));
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(textOf(shadow(el).querySelector('#detail-heading'))).to.equal(picked);
    });

    it('jumps to the last of many results with End, loading the rows between', async () => {
      const el = await fixture<PeerReferralPicker>(
        html`<peer-referral-picker .resources=${big} .now=${NOW}></peer-referral-picker>`,
      );
      await until(() => options(el).length > 0, 10_000, 'the first rows');
      await type(el, 'recovery');
      const total = Number(textOf(shadow(el).querySelector('.count')).replace(/\D/g, ''));
      expect(total).to.be.greaterThan(1000);
      searchBox(el).focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'End' });
      const last = `opt-${String(total - 1)}`;
      await until(
        () => shadow(el).getElementById(last)?.querySelector('.name') instanceof HTMLElement,
        10_000,
        'the last row',
      );
      expect(searchBox(el).getAttribute('aria-activedescendant')).to.equal(last);
      expect(options(el).length).to.be.lessThan(100);
    });
  });

  describe('against the service', () => {
    const tag = uniqueTag();
    let stored: Resource[] = [];
    before(async () => {
      stored = await insertResources(directory(tag));
    });

    async function mountServer(): Promise<PeerReferralPicker> {
      const el = await fixture<PeerReferralPicker>(
        html`<peer-referral-picker style=${tall} search-delay="50" .client=${ownClient(server)} .now=${NOW} .near=${HERE}></peer-referral-picker>`,
      );
      await type(el, tag);
      await shown(el, 10);
      return el;
    }

    it('searches the service’s directory', async () => {
      expect(stored).to.have.length(10);
      const el = await mountServer();
      expect(textOf(shadow(el).querySelector('.count'))).to.equal('10 resources');
      await type(el, `${tag} harbo`);
      expect(await shown(el, 1)).to.deep.equal(['Harbor Light Detox Center']);
      await type(el, `${tag} riverbemd`);
      // The same number of rows as before: wait for the answer itself.
      await until(() => names(el)[0]?.endsWith('Riverbend Methadone Clinic') === true, 5000, 'the typo to be found');
      expect(await shown(el, 1)).to.deep.equal(['Riverbend Methadone Clinic']);
    });

    for (const [chips, expected] of FILTERS) {
      it(`filters by ${chips.join(' + ')}`, async () => {
        const el = await mountServer();
        await press(el, chips);
        expect(sorted(await shown(el, expected.length))).to.deep.equal(sorted(expected));
      });
    }

    it('finds services by the names people use (brands, initials, "near me") and narrows by a city named', async () => {
      const own = uniqueTag();
      await insertResources([...directory(own), evanston(own)]);
      const el = await fixture<PeerReferralPicker>(
        html`<peer-referral-picker style=${tall} search-delay="50" .client=${ownClient(server)} .now=${NOW}></peer-referral-picker>`,
      );
      for (const [typed, expected] of EVERYDAY) {
        await type(el, `${own} ${typed}`);
        await until(
          () => sorted(names(el).map((name) => name.replace(/^zq\w+ /, ''))).join('|') === sorted(expected).join('|'),
          10_000,
          `"${typed}" (now ${names(el).join(', ')})`,
        );
      }
    });

    it('drops a late answer to what is no longer typed', async () => {
      const client = ownClient(server);
      const slow = searchingThrough(client, async (search, query, call) => {
        const result = await search(query, call);
        // The answer for "harbo" arrives long after the one typed next.
        if (query?.q?.endsWith('harbo')) await new Promise((resolve) => setTimeout(resolve, 600));
        return result;
      });
      const el = await fixture<PeerReferralPicker>(
        html`<peer-referral-picker style=${tall} search-delay="0" .client=${slow}></peer-referral-picker>`,
      );
      await type(el, `${tag} harbo`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await type(el, `${tag} keyst`);
      await until(() => names(el)[0]?.endsWith('Keystone Treatment Court Clinic') === true, 5000, 'the later answer');
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(names(el).map((name) => name.replace(/^zq\w+ /, ''))).to.deep.equal(['Keystone Treatment Court Clinic']);
    });

    it('pages through the service’s results as the list moves', async () => {
      const many = uniqueTag();
      await insertResources(
        Array.from(
          { length: 130 },
          (_, i) =>
            ({ ...directory(many)[i % 10], name: `${many} Resource ${String(i).padStart(3, '0')}` }) as ResourceInput,
        ),
      );
      const asked: (string | undefined)[] = [];
      const client = ownClient(server);
      const paging = searchingThrough(client, (search, query, call) => {
        asked.push(query?.cursor);
        return search(query, call);
      });
      const el = await fixture<PeerReferralPicker>(
        html`<peer-referral-picker search-delay="0" .client=${paging}></peer-referral-picker>`,
      );
      await type(el, many);
      await until(() => textOf(shadow(el).querySelector('.count')) === '130 resources', 5000, '130 results');
      asked.length = 0;
      searchBox(el).focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'End' });
      await until(
        () => shadow(el).getElementById('opt-129')?.querySelector('.name') instanceof HTMLElement,
        10_000,
        'the last row',
      );
      expect(textOf(shadow(el).querySelector('#opt-129 .name'))).to.equal(`${many} Resource 129`);
      // Pages after the first, each from the cursor the service gave.
      expect(asked.length).to.be.greaterThan(0);
      expect(asked.every((cursor) => cursor !== undefined)).to.equal(true);
    });

    it('asks once for quick typing', async () => {
      const client = ownClient(server);
      const asked: string[] = [];
      const counting = searchingThrough(client, (search, query, call) => {
        asked.push(query?.q ?? '');
        return search(query, call);
      });
      const el = await fixture<PeerReferralPicker>(
        // A pause longer than a loaded machine takes between two keystrokes, so only the pause
        // after the last one sends a search; the waits leave the real service time to answer.
        html`<peer-referral-picker style=${tall} search-delay="400" .client=${counting}></peer-referral-picker>`,
      );
      await until(() => asked.length === 1, 15_000, 'the first search');
      searchBox(el).focus();
      await sendKeys({ type: `${tag} keyst` });
      await until(() => names(el).length === 1, 15_000, 'one result');
      expect(asked.slice(1)).to.deep.equal([`${tag} keyst`]);
      expect(names(el)[0]).to.include('Keystone Treatment Court Clinic');
    });
  });
});
