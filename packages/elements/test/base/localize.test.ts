import { expect, fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import { PeerElement, type LocalizeController } from '../../src/index.js';
import { onEnglishPage, query, renderInShadow, settle, textOf } from '../helpers.js';
import { statusMessages, type StatusMessageKey } from '../../src/status/status.messages.js';

/** Renders a few localized values so tests can read what the controller resolved. */
class LangProbe extends PeerElement<StatusMessageKey> {
  constructor() {
    super(statusMessages);
  }

  override render(): TemplateResult {
    return html`<span id="term">${this.i18n.term('status.tone.warning')}</span>
      <span id="number">${this.i18n.number(1234.5)}</span>
      <span id="lang">${this.i18n.lang}</span>`;
  }

  // The controller is protected on purpose; the probe exposes it to the tests.
  get localize(): LocalizeController<StatusMessageKey> {
    return this.i18n;
  }
}
customElements.define('lang-probe', LangProbe);

declare global {
  interface HTMLElementTagNameMap {
    'lang-probe': LangProbe;
  }
}

function read(probe: LangProbe, id: string): string {
  return textOf(query(probe.shadowRoot ?? probe, `#${id}`, HTMLElement));
}

/** The probe rendered inside the element of this template. */
async function probeInside(template: TemplateResult): Promise<LangProbe> {
  const probe = query(await fixture<HTMLElement>(template), 'lang-probe', LangProbe);
  await probe.updateComplete;
  return probe;
}

describe('LocalizeController', () => {
  onEnglishPage();

  it('uses English when neither the page nor the browser names a language Peerlink speaks', async () => {
    document.documentElement.removeAttribute('lang');
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['fr-FR', 'de'] });
    try {
      const probe = await fixture<LangProbe>(html`<lang-probe></lang-probe>`);
      expect(read(probe, 'term')).to.equal('Warning');
      expect(read(probe, 'number')).to.equal('1,234.5');
      expect(read(probe, 'lang')).to.equal('en');
    } finally {
      Reflect.deleteProperty(navigator, 'languages');
    }
  });

  it('speaks the browser’s language, region and all, when the page declares none', async () => {
    document.documentElement.removeAttribute('lang');
    // A phone set to French, then Mexican Spanish: the first one Peerlink speaks wins.
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['fr-FR', 'es-MX', 'en'] });
    try {
      const probe = await fixture<LangProbe>(html`<lang-probe></lang-probe>`);
      expect(read(probe, 'term')).to.equal('Advertencia');
      expect(read(probe, 'lang')).to.equal('es-MX');
      document.documentElement.lang = 'en';
      await settle(probe);
      expect(read(probe, 'term')).to.equal('Warning', 'a declared language still wins');
    } finally {
      Reflect.deleteProperty(navigator, 'languages');
    }
  });

  it('prefers the element’s own lang over its ancestors', async () => {
    const probe = await probeInside(html`<div lang="en"><lang-probe lang="es"></lang-probe></div>`);
    expect(read(probe, 'term')).to.equal('Advertencia');
  });

  it('keeps the region for Intl and the base language for messages', async () => {
    const probe = await fixture<LangProbe>(html`<lang-probe lang="es-MX"></lang-probe>`);
    expect(read(probe, 'lang')).to.equal('es-MX');
    expect(read(probe, 'term')).to.equal('Advertencia');
    expect(read(probe, 'number')).to.equal('1,234.5');
    probe.setAttribute('lang', 'es-ES');
    await settle(probe);
    expect(read(probe, 'number')).to.equal('1234,5');
  });

  it('falls back to English for unsupported or malformed languages', async () => {
    const french = await fixture<LangProbe>(html`<lang-probe lang="fr-CA"></lang-probe>`);
    expect(read(french, 'term')).to.equal('Warning');
    expect(read(french, 'lang')).to.equal('en');
    const broken = await fixture<LangProbe>(html`<lang-probe lang="not a language"></lang-probe>`);
    expect(read(broken, 'lang')).to.equal('en');
  });

  it('skips lang="" and keeps looking up', async () => {
    const probe = await probeInside(html`<div lang="es"><lang-probe lang=""></lang-probe></div>`);
    expect(read(probe, 'term')).to.equal('Advertencia');
  });

  it('finds lang on an ancestor across shadow roots and follows its changes', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="es"></div>`);
    const inner = renderInShadow(outer, html`<section></section>`);
    const root = renderInShadow(query(inner, 'section', HTMLElement), html`<lang-probe></lang-probe>`);
    const probe = query(root, 'lang-probe', LangProbe);
    await probe.updateComplete;
    expect(read(probe, 'term')).to.equal('Advertencia');

    outer.lang = 'en';
    await settle(probe);
    expect(read(probe, 'term')).to.equal('Warning');
  });

  it('re-renders on changes of <html lang> and of its own lang inside a shadow root', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = renderInShadow(outer, html`<lang-probe></lang-probe>`);
    const probe = query(root, 'lang-probe', LangProbe);
    await probe.updateComplete;
    expect(read(probe, 'term')).to.equal('Warning');

    document.documentElement.lang = 'es';
    await settle(probe);
    expect(read(probe, 'term')).to.equal('Advertencia');

    probe.lang = 'en';
    await settle(probe);
    expect(read(probe, 'term')).to.equal('Warning');
  });

  it('interpolates {name} parameters, formatting numbers', async () => {
    const probe = await fixture<LangProbe>(html`<lang-probe lang="es"></lang-probe>`);
    expect(probe.localize.term('status.since', { time: 'ayer' })).to.equal('Desde ayer');
    expect(probe.localize.term('status.tonePrefix', { tone: 12345 })).to.equal('12.345:');
    expect(probe.localize.term('status.since')).to.equal('Desde {time}');
    expect(probe.localize.term('status.since', {})).to.equal('Desde {time}');
  });

  it('formats dates and relative times through Intl', async () => {
    const en = await fixture<LangProbe>(html`<lang-probe lang="en"></lang-probe>`);
    const es = await fixture<LangProbe>(html`<lang-probe lang="es"></lang-probe>`);
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone: 'UTC' };
    expect(en.localize.date('2026-03-05T14:30:00Z', options)).to.equal('March 5, 2026');
    expect(es.localize.date('2026-03-05T14:30:00Z', options)).to.equal('5 de marzo de 2026');
    expect(en.localize.date('not a date')).to.equal('');
    expect(en.localize.relativeTime(-1, 'day')).to.equal('yesterday');
    expect(es.localize.relativeTime(-1, 'day')).to.equal('ayer');
    expect(es.localize.relativeTime(-3, 'hour', { style: 'long' })).to.equal('hace 3 horas');
  });
});
