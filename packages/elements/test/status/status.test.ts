import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/status/define.js';
import { PeerStatus, STATUS_TONES, type StatusTone } from '../../src/index.js';
import { adoptThemeCss, onEnglishPage, part, query, renderInShadow, settle, textOf } from '../helpers.js';

const THREE_MINUTES_AGO = (): string => new Date(Date.now() - 3 * 60_000 - 5_000).toISOString();

/** What a screen reader hears for the label of each tone, in English. */
const SPOKEN: Record<StatusTone, string> = {
  neutral: 'Acknowledged',
  info: 'Information: Acknowledged',
  success: 'Success: Acknowledged',
  warning: 'Warning: Acknowledged',
  danger: 'Critical: Acknowledged',
};

describe('<peer-status>', () => {
  onEnglishPage();

  it('is defined as PeerStatus', () => {
    expect(document.createElement('peer-status')).to.be.instanceOf(PeerStatus);
  });

  for (const tone of STATUS_TONES) {
    it(`shows the ${tone} tone as an icon and as text`, async () => {
      const el = await fixture<PeerStatus>(html`<peer-status tone=${tone} label="Acknowledged"></peer-status>`);
      expect(textOf(part(el, 'label'))).to.equal(SPOKEN[tone]);
      const icon = part(el, 'icon');
      expect(icon.getAttribute('aria-hidden')).to.equal('true');
      expect(icon.querySelectorAll('path, circle').length).to.be.greaterThan(0);
    });
  }

  it('draws a different icon shape for every tone', async () => {
    const shapes = new Set<string>();
    for (const tone of STATUS_TONES) {
      const el = await fixture<PeerStatus>(html`<peer-status tone=${tone} label="x"></peer-status>`);
      const icon = part(el, 'icon');
      shapes.add(
        [...icon.querySelectorAll('path, circle')]
          .map((shape) => shape.getAttribute('d') ?? `r${shape.getAttribute('r') ?? ''}`)
          .join(' '),
      );
    }
    expect(shapes.size).to.equal(STATUS_TONES.length);
  });

  it('uses the tone name as label when none is given', async () => {
    const el = await fixture<PeerStatus>(html`<peer-status tone="warning"></peer-status>`);
    expect(textOf(part(el, 'label'))).to.equal('Warning');
  });

  it('treats an unknown tone as neutral', async () => {
    const el = await fixture<PeerStatus>(html`<peer-status tone="loud" label="En route"></peer-status>`);
    expect(textOf(part(el, 'label'))).to.equal('En route');
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`is accessible in the ${theme} theme (attribute and page container)`, async () => {
      const removeTheme = adoptThemeCss();
      try {
        const container = await fixture<HTMLDivElement>(html`
          <div data-peer-theme=${theme}>
            ${STATUS_TONES.map(
              (tone) => html`
                <peer-status tone=${tone} label="On scene" since=${THREE_MINUTES_AGO()}></peer-status>
                <peer-status tone=${tone} theme=${theme} compact live label="Cleared"></peer-status>
              `,
            )}
          </div>
        `);
        for (const el of container.querySelectorAll('peer-status')) await el.updateComplete;
        await expect(container).to.be.accessible();
      } finally {
        removeTheme();
      }
    });
  }

  it('takes its colours from the theme attribute and from a themed container', async () => {
    const removeTheme = adoptThemeCss();
    try {
      const pinned = await fixture<PeerStatus>(html`<peer-status theme="dark" label="x"></peer-status>`);
      expect(getComputedStyle(pinned).color).to.equal('rgb(232, 236, 240)');
      const container = await fixture<HTMLDivElement>(
        html`<div data-peer-theme="high-contrast"><peer-status label="x"></peer-status></div>`,
      );
      const inherited = query(container, 'peer-status', PeerStatus);
      expect(getComputedStyle(inherited).color).to.equal('rgb(255, 255, 255)');
      expect(getComputedStyle(part(inherited, 'base')).backgroundColor).to.equal('rgb(0, 0, 0)');
    } finally {
      removeTheme();
    }
  });

  it('is at most 32px tall when compact, taller otherwise', async () => {
    const compact = await fixture<PeerStatus>(
      html`<peer-status compact tone="success" label="Acknowledged" since=${THREE_MINUTES_AGO()}></peer-status>`,
    );
    const regular = await fixture<PeerStatus>(html`<peer-status tone="success" label="Acknowledged"></peer-status>`);
    const compactHeight = compact.getBoundingClientRect().height;
    expect(compactHeight).to.be.greaterThan(0).and.at.most(32);
    expect(regular.getBoundingClientRect().height).to.be.greaterThan(compactHeight);
  });

  describe('live', () => {
    it('makes the label a polite, atomic status region that follows label changes', async () => {
      const el = await fixture<PeerStatus>(html`<peer-status live tone="info" label="Notified"></peer-status>`);
      const region = query(el.shadowRoot ?? el, '[role="status"]', HTMLElement);
      expect(region).to.equal(part(el, 'label'));
      expect(region.getAttribute('aria-atomic')).to.equal('true');
      el.label = 'Acknowledged';
      el.tone = 'success';
      await el.updateComplete;
      expect(textOf(region)).to.equal('Success: Acknowledged');
    });

    it('keeps the ticking time out of the live region', async () => {
      const el = await fixture<PeerStatus>(
        html`<peer-status live label="En route" since=${THREE_MINUTES_AGO()}></peer-status>`,
      );
      expect(part(el, 'label').contains(part(el, 'time'))).to.equal(false);
    });

    it('is not a live region by default', async () => {
      const el = await fixture<PeerStatus>(html`<peer-status label="Notified"></peer-status>`);
      expect(el.shadowRoot?.querySelector('[role]')).to.equal(null);
    });
  });

  describe('since', () => {
    it('shows the elapsed time in English', async () => {
      const since = THREE_MINUTES_AGO();
      const el = await fixture<PeerStatus>(html`<peer-status label="On scene" since=${since}></peer-status>`);
      const time = part(el, 'time');
      expect(textOf(time)).to.equal('3 min. ago');
      expect(time.getAttribute('datetime')).to.equal(since);
      expect(time.getAttribute('title')).to.match(/^Since /);
    });

    it('shows nothing for an invalid timestamp', async () => {
      const el = await fixture<PeerStatus>(html`<peer-status label="On scene" since="yesterday-ish"></peer-status>`);
      expect(el.shadowRoot?.querySelector('[part~="time"]')).to.equal(null);
    });

    it('speaks Spanish when an ancestor across a shadow root says lang="es"', async () => {
      const outer = await fixture<HTMLDivElement>(html`<div lang="es"></div>`);
      const root = renderInShadow(
        outer,
        html`<peer-status tone="warning" label="Sin respuesta" since=${THREE_MINUTES_AGO()}></peer-status>`,
      );
      const el = query(root, 'peer-status', PeerStatus);
      await el.updateComplete;
      expect(textOf(part(el, 'time'))).to.equal('hace 3 min');
      expect(textOf(part(el, 'label'))).to.equal('Advertencia: Sin respuesta');
      expect(part(el, 'time').getAttribute('title')).to.match(/^Desde /);
    });

    it('speaks Spanish from <html lang="es-MX">', async () => {
      document.documentElement.lang = 'es-MX';
      const el = await fixture<PeerStatus>(html`<peer-status since=${THREE_MINUTES_AGO()}></peer-status>`);
      expect(textOf(part(el, 'time'))).to.equal('hace 3 min');
      expect(textOf(part(el, 'label'))).to.equal('Estado');
    });

    it('re-renders when <html lang> changes', async () => {
      const el = await fixture<PeerStatus>(html`<peer-status since=${THREE_MINUTES_AGO()}></peer-status>`);
      expect(textOf(part(el, 'time'))).to.equal('3 min. ago');
      document.documentElement.lang = 'es';
      await settle(el);
      expect(textOf(part(el, 'time'))).to.equal('hace 3 min');
      document.documentElement.lang = 'en';
      await settle(el);
      expect(textOf(part(el, 'time'))).to.equal('3 min. ago');
    });

    it('re-renders when its own lang changes', async () => {
      const el = await fixture<PeerStatus>(html`<peer-status since=${THREE_MINUTES_AGO()}></peer-status>`);
      el.setAttribute('lang', 'es');
      await settle(el);
      expect(textOf(part(el, 'time'))).to.equal('hace 3 min');
    });

    describe('ticking', () => {
      // Intervals are recorded through stand-ins for the globals, restored after each test.
      const descriptors = {
        setInterval: Object.getOwnPropertyDescriptor(window, 'setInterval'),
        clearInterval: Object.getOwnPropertyDescriptor(window, 'clearInterval'),
        now: Object.getOwnPropertyDescriptor(Date, 'now'),
      };
      const realSetInterval = window.setInterval.bind(window);
      const realClearInterval = window.clearInterval.bind(window);
      const realNow = Date.now.bind(Date);
      let started: { id: number; run: () => void; timeout: number | undefined }[];
      let cleared: (number | undefined)[];
      const ticks = () => started.filter(({ timeout }) => timeout === 15_000);

      beforeEach(() => {
        started = [];
        cleared = [];
        // Reflect.set: the DOM and Node typings of these globals disagree.
        Reflect.set(window, 'setInterval', (run: () => void, timeout?: number): number => {
          const id = realSetInterval(run, timeout);
          started.push({ id, run, timeout });
          return id;
        });
        Reflect.set(window, 'clearInterval', (id?: number): void => {
          cleared.push(id);
          realClearInterval(id);
        });
      });

      afterEach(() => {
        for (const [name, descriptor] of Object.entries(descriptors)) {
          if (descriptor) Object.defineProperty(name === 'now' ? Date : window, name, descriptor);
        }
      });

      it('keeps one interval while connected, updates on it, and clears it on disconnect', async () => {
        const el = await fixture<PeerStatus>(
          html`<peer-status label="On scene" since=${new Date(realNow() - 10_000).toISOString()}></peer-status>`,
        );
        expect(textOf(part(el, 'time'))).to.equal('now');
        expect(ticks()).to.have.length(1);
        const [tick] = ticks();
        if (!tick) throw new Error('no interval started');

        Date.now = () => realNow() + 2 * 60_000;
        tick.run();
        await el.updateComplete;
        expect(textOf(part(el, 'time'))).to.equal('2 min. ago');

        el.label = 'Engaged';
        await el.updateComplete;
        expect(ticks()).to.have.length(1);

        el.remove();
        expect(cleared).to.include(tick.id);
      });

      it('starts no interval without since, and stops when since is removed', async () => {
        const el = await fixture<PeerStatus>(html`<peer-status label="On scene"></peer-status>`);
        expect(ticks()).to.have.length(0);
        el.since = new Date(realNow()).toISOString();
        await el.updateComplete;
        expect(ticks()).to.have.length(1);
        el.since = undefined;
        await el.updateComplete;
        expect(cleared).to.include(ticks()[0]?.id);
      });
    });
  });

  it('never breaks a status word mid-word, even in a cell narrower than the word', async () => {
    const cell = await fixture<HTMLDivElement>(
      html`<div style="inline-size: 40px">
        <peer-status tone="success" label="Acknowledged" compact></peer-status>
        <peer-status tone="warning" label="Escalated · Backup notified"></peer-status>
      </div>`,
    );
    for (const el of cell.querySelectorAll('peer-status')) {
      await settle(el);
      const label = part(el, 'label');
      const words = [...label.childNodes].filter(
        (node): node is Text => node instanceof Text && node.data.trim() !== '',
      );
      expect(words).to.not.have.length(0);
      for (const text of words) {
        for (const match of text.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text, match.index);
          range.setEnd(text, match.index + match[0].length);
          expect(range.getClientRects().length).to.equal(1, `"${match[0]}" is on one line`);
        }
      }
    }
  });
});
