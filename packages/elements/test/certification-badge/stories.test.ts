// Every certification badge story, rendered as a host would (meta.render with the story's args),
// in every theme and language, checked with axe once its verification (if any) has finished.
import { expect, fixture } from '@open-wc/testing';
import { html, render } from 'lit';
import meta, * as stories from '../../../../stories/certification-badge.stories.js';
import type { PeerCertificationBadge } from '../../src/index.js';
import { adoptThemeCss, keepDocumentLang, part, textOf } from '../helpers.js';

type Args = Parameters<typeof meta.render>[0];
const named = Object.entries(stories).filter(
  (entry): entry is [string, { args?: Partial<Args> }] => entry[0] !== 'default' && typeof entry[1] === 'object',
);

async function show(name: string, theme: string, lang: string): Promise<PeerCertificationBadge> {
  const story = named.find(([key]) => key === name)?.[1];
  if (!story) throw new Error(`no story ${name}`);
  const container = await fixture<HTMLDivElement>(html`<div class="peer-story" data-peer-theme=${theme} lang=${lang}></div>`);
  const args: Args = { ...meta.args, ...story.args };
  let verified: Promise<unknown> = Promise.resolve();
  if (args.signed && args.jwks) {
    verified = new Promise((resolve) => {
      container.addEventListener('peer-credential-verified', resolve, { once: true });
    });
  }
  render(meta.render(args), container);
  const el = container.querySelector('peer-certification-badge');
  if (!el) throw new Error(`${name} renders no badge`);
  await verified;
  await el.updateComplete;
  return el;
}

describe('certification badge stories', () => {
  let removeTheme: () => void;
  let restoreLang: () => void;
  before(() => {
    removeTheme = adoptThemeCss();
  });
  after(() => {
    removeTheme();
  });
  beforeEach(() => {
    restoreLang = keepDocumentLang();
  });
  afterEach(() => {
    restoreLang();
  });

  it('has a story for every status in both sizes, verification outcomes and qualification', () => {
    const names = named.map(([name]) => name);
    for (const status of ['Active', 'Expiring', 'Expired', 'Suspended', 'Revoked', 'Pending']) {
      expect(names).to.include.members([status, `${status}Full`]);
    }
    expect(names).to.include.members(['Verified', 'SignatureAltered', 'WrongKey', 'Unsigned', 'Qualified', 'NotQualified']);
  });

  for (const [name] of named) {
    it(`${name} renders and is accessible in every theme and language`, async () => {
      for (const theme of ['light', 'dark', 'high-contrast']) {
        for (const lang of ['en', 'es']) {
          const el = await show(name, theme, lang);
          expect(textOf(el.shadowRoot), `${name} ${theme} ${lang}`).to.not.equal('');
          await expect(el.parentElement).to.be.accessible();
        }
      }
    });
  }

  it('shows canned verification outcomes without a server', async () => {
    expect(textOf(part(await show('VerifiedFull', 'light', 'en'), 'verification'))).to.equal('Verified: signed by Springfield Peer Recovery Program');
    expect(textOf(part(await show('SignatureAltered', 'light', 'en'), 'verification'))).to.match(/^Not verified: bad signature/);
    expect(textOf(part(await show('Unsigned', 'dark', 'es'), 'verification'))).to.match(/^No verificada: sin firma/);
    expect(textOf(part(await show('NotQualified', 'light', 'en'), 'qualification'))).to.include('Not qualified for Crisis interventionist');
  });
});
